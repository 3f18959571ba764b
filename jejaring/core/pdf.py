"""HTML → PDF with WeasyPrint: certificates, referral letters, agreements and reports are
rendered from Django templates, so a PDF and its page share one source."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _local_fetcher() -> Any:
    """A fetcher that serves `/static/...` from the finders and `data:` URLs, and refuses
    everything else: a PDF never reaches the network (offices have weak internet, and a
    remote fetch from a template would leak what is being printed)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            prefix = settings.STATIC_URL or "/static/"
            path = url.split("://", 1)[-1]
            path = path[path.find("/") :]
            if path.startswith(prefix):
                found = finders.find(path[len(prefix) :])
                if isinstance(found, str):
                    with open(found, "rb") as handle:
                        return URLFetcherResponse(url, body=handle.read())
            raise ValueError(f"PDF resources must be local static files, not {url!r}")

    return LocalFetcher()


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a template to PDF bytes; static files are read locally."""
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url="http://pdf.local/", url_fetcher=_local_fetcher())
    return bytes(document.write_pdf())


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response

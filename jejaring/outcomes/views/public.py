"""The public statistics pages."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jejaring.outcomes import selectors


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "outcomes/public_index.html", {"regions": selectors.public_regions()})


@require_GET
def public_region(request: HttpRequest, public_region_slug: str) -> HttpResponse:
    region = selectors.public_regions().filter(slug=public_region_slug).first()
    if region is None:
        raise Http404
    latest: dict[int, Any] = {}
    for published in selectors.published_for_region(region=region):
        latest.setdefault(published.year, published)
    return render(
        request,
        "outcomes/public_region.html",
        {"region": region, "published": [latest[year] for year in sorted(latest, reverse=True)]},
    )

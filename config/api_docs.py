"""The API's docs page (/api/docs) from our own origin: Swagger UI vendored in
static/vendor/, started by static/js/api_docs.js. Ninja's own page loads Swagger UI from a
CDN, which the Content-Security-Policy (script-src 'self') blocks and which an office
without internet cannot reach."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI


class VendoredSwagger(DocsBase):
    template = "api/docs.html"
    #: Swagger UI's configuration, read by static/js/api_docs.js from a JSON script tag
    #: (data, not code: the CSP allows it). No validator badge: it would call
    #: validator.swagger.io.
    settings: dict[str, Any] = {
        "layout": "BaseLayout",
        "deepLinking": True,
        "validatorUrl": None,
        "dom_id": "#swagger-ui",
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        config = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"api": api, "swagger_settings": config})

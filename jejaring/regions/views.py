"""The address picker: options of the level below a chosen Kemendagri area (public data)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from jejaring.regions import areas

_PARENT_FIELD = {
    "district": "domicile_regency_code",
    "village": "domicile_district_code",
}


@require_GET
@cache_control(max_age=86400, public=True)
def area_options(request: HttpRequest) -> HttpResponse:
    """`<option>` elements for HTMX: `level=district&domicile_regency_code=33.75` or
    `level=village&domicile_district_code=33.75.01`; also `parent=` directly. A form with
    a prefix sends it (`prefix=person&person-domicile_regency_code=33.75`)."""
    level = request.GET.get("level", "")
    if level not in _PARENT_FIELD:
        return HttpResponse(status=400)
    prefix = request.GET.get("prefix", "")
    field = f"{prefix}-{_PARENT_FIELD[level]}" if prefix else _PARENT_FIELD[level]
    parent = request.GET.get("parent") or request.GET.get(field, "")
    options = areas.districts_of(parent) if level == "district" else areas.villages_of(parent)
    return render(
        request, "regions/partials/area_options.html", {"options": options, "level": level}
    )

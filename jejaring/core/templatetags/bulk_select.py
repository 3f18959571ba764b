"""`{% select_page name rows attr %}`: the "Pilih semua di halaman ini" control of a bulk
list (see `jejaring.core.bulk_select`).

    {% load bulk_select %}
    {% select_page "coverage" page_obj.rows "pk" form="bulk-status" %}

`rows` are the rows shown, `attr` the dotted path to each row's id (``"enrolment.pk"``),
`form` the id of the bulk form when the control sits outside it."""

from __future__ import annotations

from typing import Any

from django import template

from jejaring.core.bulk_select import FIELD, page_field

register = template.Library()


def _value(row: Any, path: str) -> Any:
    for part in path.split("."):
        row = getattr(row, part)
    return row


@register.inclusion_tag("partials/select_page.html", takes_context=True)
def select_page(context: Any, name: str, rows: Any, attr: str = "pk", form: str = "") -> dict:
    request = context.get("request")
    ticked = request is not None and request.method == "POST" and request.POST.get(FIELD) == name
    return {
        "name": name,
        "field": FIELD,
        "page_field": page_field(name),
        "ids": [_value(row, attr) for row in rows],
        "form": form,
        "checked": ticked,
    }

""" "Pilih semua di halaman ini": one control for every list with a bulk action, working
without JavaScript.

The list's template puts ``{% select_page "coverage" rows "pk" %}`` (library
``bulk_select``) inside the bulk form (or pointing at it with ``form=``). It renders a
hidden field per row shown, holding that row's id, and a checkbox meaning "every row on
this page"; ``static/js/select_page.js`` also ticks the row boxes visibly. The view reads
the post through `chosen`, which puts the page's ids in the row field when that box is
ticked. Nothing here decides what the actor may change: the form and the service check
every id again (another region's id slipped into the hidden list is refused like any
other id the actor may not see)."""

from __future__ import annotations

from django.http import QueryDict

#: The checkbox "every row on this page"; its value names the row field it stands for.
FIELD = "select_page"


def page_field(name: str) -> str:
    """The hidden field listing the ids of the rows shown for row field `name`."""
    return f"{name}_page"


def chosen(data: QueryDict, name: str) -> QueryDict:
    """A mutable copy of `data` in which `name` holds the ticked ids or, when "every row
    on this page" was ticked for it, every id the page listed (and any ticked besides),
    each once, in the page's order."""
    result = data.copy()
    if data.get(FIELD) == name:
        ids = [*data.getlist(page_field(name)), *data.getlist(name)]
        result.setlist(name, list(dict.fromkeys(ids)))
    return result

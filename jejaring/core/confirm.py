"""One confirmation step for every irreversible or mass action (finishing a batch,
closing, allocating or publishing a round, approving a plan, revoking a certificate,
changing many statuses at once).

The action's form posts as usual. Without ``confirm=1`` the view answers with a page that
says what will happen and to how many people (counted on the server), and a form that
posts the same fields again with ``confirm=1``; only that second post does the action.
No JavaScript is involved, so it works the same on a cheap phone::

    if not confirm.confirmed(request):
        return confirm.ask(request, confirm.Confirmation(...))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

#: The field that marks a post as confirmed.
FIELD = "confirm"
_NOT_CARRIED = frozenset({FIELD, "csrfmiddlewaretoken"})


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page says.

    `title` asks the question ("Selesaikan pelatihan?"), `summary` says what will happen
    and names the number of people, `action` labels the confirming button with the action
    itself ("Selesaikan pelatihan"), `back_url` is where "Batal" leads, `details` are
    optional lines (counts per outcome), `people` the number of people affected (shown
    large), and `danger` marks actions that cannot be undone."""

    title: str
    summary: str
    action: str
    back_url: str
    people: int
    details: Sequence[str] = field(default_factory=tuple)
    danger: bool = True


def confirmed(request: HttpRequest) -> bool:
    """Whether this request is the confirming post."""
    return request.method == "POST" and request.POST.get(FIELD) == "1"


def ask(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    """The confirmation page: the summary and a form that posts every field of this
    request (all values of a multi-valued one) back to the same address with ``confirm=1``."""
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_CARRIED
        for value in values
    ]
    return render(
        request,
        "core/confirm.html",
        {"confirmation": confirmation, "carried": carried, "action_url": request.get_full_path()},
    )

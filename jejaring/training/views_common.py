"""What the training staff pages share: who may open them, and how a service's error
shows on a form."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseBase

from jejaring.accounts.scope import Role, require_any_role
from jejaring.core.errors import ApplicationError, NotFound

_MANAGERS = (Role.OFFICE_STAFF, Role.OPERATOR)


def staff_page(view: Callable[..., Any]) -> Callable[..., HttpResponseBase]:
    """Login, office staff or operator, and any NotFound from a selector as a 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        require_any_role(request.user, *_MANAGERS)
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    return login_required(wrapped)


def form_error(form: Any, error: ApplicationError) -> None:
    """Show a service's error on the form (on its field when the form has one); a 404
    from the service stays a 404."""
    if error.status == 404:
        raise Http404
    form.add_error(error.field if error.field in form.fields else None, str(error.message))

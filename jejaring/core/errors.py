"""Domain errors.

Services raise these; pages show them as form errors and the API answers
`{"code", "message", "detail"}` with the status below. Codes are stable identifiers that
clients may rely on; messages are translatable and may change.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise


class ApplicationError(Exception):
    """Base of every expected failure. Never a 500: each subclass carries a 4xx status."""

    status = 400
    default_code = "application_error"

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str | None = None,
        detail: dict[str, Any] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code
        self.detail = detail or {}
        # The form field the error belongs to, so pages can show it next to that field.
        self.field = field

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), "detail": self.detail}


class ValidationError(ApplicationError):
    status = 422
    default_code = "invalid"


class NotFound(ApplicationError):
    """Also used for records of another tenant: a 404 never confirms they exist."""

    status = 404
    default_code = "not_found"


class PermissionDenied(ApplicationError):
    status = 403
    default_code = "forbidden"


class Conflict(ApplicationError):
    """Duplicates, full quotas, concurrent changes."""

    status = 409
    default_code = "conflict"


class InvalidTransition(Conflict):
    default_code = "invalid_transition"


class TooManyRequests(ApplicationError):
    """A rate limit (jejaring.core.limits) was reached; the message says when to retry."""

    status = 429
    default_code = "too_many_requests"


class BadParameter(ApplicationError):
    """A query or path parameter that is malformed or out of range (jejaring.core.params)."""

    status = 400
    default_code = "bad_parameter"

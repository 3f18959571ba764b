"""API schemas shared by every router."""

from ninja import Schema


class ErrorOut(Schema):
    """The body of every 4xx answer: a stable code, a translated message, details."""

    code: str
    message: str
    detail: dict

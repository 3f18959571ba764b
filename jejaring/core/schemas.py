"""API schemas and body parsing shared by every router."""

from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from jejaring.core.errors import ValidationError
from jejaring.core.params import INT32_MAX

B = TypeVar("B", bound=BaseModel)


class ErrorOut(Schema):
    """The body of every 4xx answer: a stable code, a translated message, details."""

    code: str
    message: str
    detail: dict


def refuse_nul(raw: bytes, message: Any = None) -> None:
    """Refuse a JSON body holding a NUL character (`\\u0000`), which PostgreSQL refuses in
    any text column: no field of ours takes one, so it never reaches a query."""
    if b"\\u0000" in raw.lower():
        raise ValidationError(
            message or _("Isi permintaan berisi karakter yang tidak diizinkan."),
            code="invalid",
            detail={"errors": [{"type": "nul_character", "msg": "NUL character"}]},
        )


def json_body(
    request: HttpRequest, schema: type[B], *, message: Any = None, empty: bytes = b"null"
) -> B:
    """The request's JSON body validated against `schema`.

    Write routes read their body by hand, *after* looking the record up, so that another
    region's id is a 404 whatever was sent (see tests/test_outsider_404.py). `empty`
    stands for a request without a JSON body (none, or another content type). A body
    that is not valid raises the API's 422 error; the details leave out the input, which
    may be undecodable bytes."""
    raw = request.body if request.content_type == "application/json" else b""
    refuse_nul(raw, message)
    try:
        return schema.model_validate_json(raw or empty)
    except PydanticValidationError as error:
        raise ValidationError(
            message or _("Isi permintaan tidak valid."),
            code="invalid",
            detail={
                "errors": error.errors(
                    include_url=False, include_context=False, include_input=False
                )
            },
        ) from None


def body_doc(schema: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` documenting a JSON body that `json_body` reads by hand."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


class Pages(PageNumberPagination):
    """Ninja's page-number pagination with the page bounded, so that its offset always
    fits the database's bigint: a page past the bound is a 422, not a 500."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=INT32_MAX)
        page_size: int | None = Field(None, ge=1, le=INT32_MAX)

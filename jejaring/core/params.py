"""Query parameters, parsed in one place: a clean value or a clear 400, never a 500.

The rule (architecture.md rule 4, docs/security.md): a parameter that is absent or empty
takes its default; one that is present but malformed, out of range or holding a NUL byte
is a `BadParameter` (400) naming the parameter. Integers are bounded to what the column
they are compared with can hold, so no value reaches SQLite or PostgreSQL that they
refuse (an `OverflowError` or a `DataError` is a 500). Path ids need no helper: Django
5 answers an out-of-range id in a lookup with no rows, so such a route is a 404 (the
walker in tests/test_hostile_input.py checks every route).

The API's parameters are checked by pydantic instead: `DbId`, `DbInt`, `Year`, `Text` and
`Slug` are the same rules as annotated types, `jejaring.core.schemas.Pages` the bounded
paginator.
"""

from __future__ import annotations

from typing import Annotated

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from pydantic import Field

from jejaring.core.errors import BadParameter

#: PostgreSQL `integer` (IntegerField, ForeignKey to an AutoField, positive fields).
INT32_MAX = 2**31 - 1
#: PostgreSQL `bigint` and SQLite's widest integer (BigAutoField ids, their foreign keys).
INT64_MAX = 2**63 - 1
#: Calendar years the application reasons about (Python's `date` stops at 9999).
YEAR_MIN, YEAR_MAX = 1900, 2100

DbId = Annotated[int, Field(ge=1, le=INT64_MAX)]
DbInt = Annotated[int, Field(ge=-INT32_MAX - 1, le=INT32_MAX)]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
#: Free text without NUL bytes, which PostgreSQL refuses in any text.
Text = Annotated[str, Field(pattern=r"^[^\x00]*$")]
#: A region's slug as it appears in URLs.
Slug = Annotated[str, Field(max_length=100, pattern=r"^[-a-zA-Z0-9_]*$")]


def query_int(
    query: QueryDict,
    name: str,
    *,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = INT32_MAX,
) -> int | None:
    """`query[name]` as an integer in [minimum, maximum], or `default` when it is absent
    or empty; anything else is a BadParameter."""
    raw = query.get(name, "").strip()
    if raw == "":
        return default
    digits = raw[1:] if raw[:1] == "-" else raw
    # ASCII only: isdigit() alone accepts "²", which int() refuses.
    valid = digits.isascii() and digits.isdigit() and len(digits) <= 20
    if not valid or not minimum <= int(raw) <= maximum:
        raise BadParameter(
            _("Parameter “%(name)s” harus bilangan bulat dari %(minimum)s sampai %(maximum)s.")
            % {"name": name, "minimum": minimum, "maximum": maximum},
            detail={"parameter": name},
        )
    return int(raw)


def parse_id(raw: object) -> int | None:
    """`raw` as the id of a record — ASCII digits naming a bigint above zero — or None.
    Every id read by hand from a form or a query goes through here: `str.isdigit()` alone
    lets "²" through (which `int()` refuses), and a value past the bigint range is an
    OverflowError on SQLite."""
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    value = int(text)
    return value if 1 <= value <= INT64_MAX else None


def query_id(query: QueryDict, name: str) -> int | None:
    """`query[name]` as the id of a record (a bigint above zero), or None when absent."""
    return query_int(query, name, minimum=1, maximum=INT64_MAX)


def query_text(query: QueryDict, name: str, *, max_length: int = 100, default: str = "") -> str:
    """`query[name]` cut to `max_length` (a search box), or `default`. A NUL
    byte, which PostgreSQL refuses in any text, is a BadParameter."""
    raw = query.get(name, default)
    refuse_nul_parameter(name, raw)
    return raw[:max_length]


def refuse_nul_parameters(query: MultiValueDict) -> None:
    """A BadParameter naming the first parameter of `query` (a request's GET or POST, or
    what the API parses) whose name or a value holds a NUL byte."""
    for name in query:
        refuse_nul_parameter(name, name, *query.getlist(name))


def refuse_nul_parameter(name: str, *values: str) -> None:
    """A BadParameter naming `name` when one of `values` holds a NUL byte."""
    if any("\x00" in value for value in values):
        raise BadParameter(
            _("Parameter “%(name)s” berisi karakter yang tidak diizinkan.") % {"name": name},
            detail={"parameter": name},
        )

"""No 500 from input: every route, walked from the URL resolver, answers hostile path,
query and form values with a 4xx (or its normal page), never a 5xx.

Path parameters get each hostile value in turn. Query parameters are found by watching
the views: a first pass requests each route as an insider with a recording `request.GET`
and notes every key the view (or a form bound to `request.GET`) reads, and the API's
query parameters come from its OpenAPI schema; the second pass sends each hostile value
as each of those keys. Both passes run as an anonymous visitor, as office staff (of region
B, with region B's records, so the views get past their tenancy checks) and as a trainee.
A route or a query parameter added later is covered the moment it exists. Form fields
are found the same way, by POSTing to every page route and noting what the view reads of
`request.POST`; each is then sent a NUL byte, a value far longer than any column and an
integer past every column's range, with the confirmation ticked (`core.confirm`), so that
a view that writes only once confirmed writes.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from importlib import import_module
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

pytestmark = pytest.mark.django_db

#: A URL parameter in a route string: `<int:person_id>` or `<person_id>`.
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")

#: What an attacker or a careless paste sends: integers past every column's range
#: (PostgreSQL integer and bigint, SQLite's 64 bits, Python's C long), a sign, path tricks,
#: an encoded slash, accents and emoji, a digit `int()` refuses though `isdigit()` accepts
#: it, nothing, far too much, a NUL byte, a bad date.
HOSTILE = [
    "99999999999999999999",
    str(2**63),
    str(2**31),
    "-1",
    "../",
    "%2F",
    "ñ😀",
    "²",
    "",
    "x" * 3000,
    "\x00",
    "2026-13-45",
]

#: Namespaces the walk leaves alone, with the reason.
EXEMPT_NAMESPACES = {
    "admin": "the Django admin is for platform superusers; others are redirected to its login",
}

ACTORS = ["anonymous", "staff_b", "trainee_1"]


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern), entry.namespace or namespace)
        else:
            yield prefix + str(entry.pattern), namespace, entry


def routes() -> list[tuple[str, list[str]]]:
    """Every route outside the exempt namespaces, with its parameters."""
    return [
        (route, PARAMETER.findall(route))
        for route, namespace, _pattern in _walk(get_resolver())
        if namespace not in EXEMPT_NAMESPACES
    ]


def _url(route: str, values: dict[str, str]) -> str:
    path = PARAMETER.sub(lambda match: values[match.group(1)], route)
    return "/" + path.lstrip("^").rstrip("$")


def _api_query_keys() -> dict[str, set[str]]:
    """The query parameters of each API operation, keyed by route with `{name}` holes."""
    from config.api import api

    keys: dict[str, set[str]] = {}
    for path, operations in api.get_openapi_schema()["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    keys.setdefault(path, set()).add(parameter["name"])
    return keys


def _insider_values(cast: Any) -> dict[str, str]:
    """A real record of region B per id parameter (its office staff may see it), from each
    app's `tests/outsiders.py`, and a plausible value for every other parameter."""
    values: dict[str, str] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("jejaring."):
            continue
        try:
            module = import_module(f"{config.name}.tests.outsiders")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.outsiders":
                raise
            continue
        for name, make in module.OUTSIDERS.items():
            if name not in values:
                values[name] = str(make(cast))
    values.setdefault("report_year", "2026")
    values.setdefault("public_region_slug", cast.region_b.slug)
    values.setdefault("formation_region_slug", cast.region_b.slug)
    for _route, params in routes():
        for param in params:
            values.setdefault(param, "1")
    return values


class RecordingQueryDict(QueryDict):
    """A QueryDict that notes, in `read`, every key asked of it."""

    read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        type(self).read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        type(self).read.add(key)
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> Any:
        type(self).read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            type(self).read.add(key)
        return super().__contains__(key)


class RecordingPost(RecordingQueryDict):
    """The same for `request.POST`, with its own record."""

    read: set[str] = set()


ORIGINAL_POST = WSGIRequest.POST


def _recording_get(request: WSGIRequest) -> QueryDict:
    if "_recording_get" not in request.__dict__:
        request.__dict__["_recording_get"] = RecordingQueryDict(
            request.environ.get("QUERY_STRING", "")
        )
    return request.__dict__["_recording_get"]


def _recording_post(request: WSGIRequest) -> QueryDict:
    if "_recording_post" not in request.__dict__:
        recording = RecordingPost(mutable=True)
        for key, values in ORIGINAL_POST.fget(request).lists():  # type: ignore[attr-defined]
            recording.setlist(key, values)
        recording._mutable = False
        request.__dict__["_recording_post"] = recording
    return request.__dict__["_recording_post"]


def _where(error: BaseException) -> str:
    """The error and the innermost frame of our own code, to name in a failure."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/jejaring/" in f.filename or "/config/" in f.filename]
    frame = (ours or frames)[-1]
    return f"{type(error).__name__}: {str(error)[:100]} at {frame.filename}:{frame.lineno}"


def _request(client: Client, method: str, url: str, query: dict[str, Any] | None = None) -> str:
    """ "ok", or the 5xx or the error with where it came from. Each request runs in a
    savepoint, so that a database error (PostgreSQL aborts the transaction) cannot spoil
    the requests after it."""
    try:
        with transaction.atomic():
            response = getattr(client, method)(url, query or {})
    except Exception as error:  # every escaped error is the finding
        return _where(error)
    return str(response.status_code) if response.status_code < 500 else f"{response.status_code}!"


def _log_in(client: Client, cast: Any, actor_name: str) -> None:
    if actor_name != "anonymous":
        client.force_login(getattr(cast, actor_name))


def _resolves(url: str) -> bool:
    try:
        resolve(url)
    except Resolver404:
        return False
    return True


@pytest.mark.parametrize("actor_name", ACTORS)
def test_every_route_answers_hostile_path_values_without_a_server_error(client, cast, actor_name):
    _log_in(client, cast, actor_name)
    values = _insider_values(cast)
    failures = []
    checked = 0
    for route, params in routes():
        for param in params:
            # A view looks its record up the same way for either method: one POST per
            # parameter is enough to cover the POST branch.
            methods = ("get", "post")
            for hostile in HOSTILE:
                url = _url(route, {**values, param: quote(hostile, safe="/%")})
                # A value the route's converter refuses never reaches a view: the
                # resolver's 404 (one such request per route is made below).
                if not _resolves(url):
                    continue
                for method in methods:
                    checked += 1
                    outcome = _request(client, method, url)
                    if not outcome.isdigit():
                        failures.append(f"{method.upper()} {url[:120]!r}: {outcome}")
                methods = ("get",)
    for route, params in routes():
        if params:
            url = _url(route, {**values, params[0]: quote("ñ😀/../%00")})
            outcome = _request(client, "get", url)
            if not outcome.isdigit():
                failures.append(f"GET {url[:120]!r}: {outcome}")
    assert checked > 100
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("actor_name", ACTORS)
def test_every_query_parameter_a_view_reads_answers_hostile_values_without_a_server_error(
    client, cast, actor_name, monkeypatch
):
    _log_in(client, cast, actor_name)
    values = _insider_values(cast)
    api_keys = _api_query_keys()
    failures = []
    read: dict[str, set[str]] = {}
    with monkeypatch.context() as patch:
        patch.setattr(WSGIRequest, "GET", property(_recording_get))
        for route, _params in routes():
            url = _url(route, values)
            RecordingQueryDict.read = set()
            # A key of our own, so that forms bound to `request.GET or None` are bound.
            outcome = _request(client, "get", url, {"_probe": "1"})
            if outcome.isdigit() and int(outcome) < 400:
                # The API reads its query before its function runs; an actor it refuses
                # (401, 403, 404) never gets that far.
                read[url] = api_keys.get("/" + PARAMETER.sub(r"{\1}", route), set())
            elif outcome.isdigit():
                read[url] = set()
            else:
                failures.append(f"GET {url}: {outcome}")
                read[url] = set()
            read[url] = (read[url] | RecordingQueryDict.read) - {"_probe"}
    assert "tahun" in read["/perencanaan/kesenjangan/"] or actor_name != "staff_b"
    for url, keys in read.items():
        for key in sorted(keys):
            for hostile in HOSTILE:
                outcome = _request(client, "get", url, {key: hostile})
                if not outcome.isdigit():
                    failures.append(f"GET {url}?{key}={hostile[:30]!r}: {outcome}")
    assert not failures, "\n".join(failures)


#: What a form field is sent: a NUL byte, more than any column holds, past every integer,
#: a digit that `int()` refuses.
FORM_HOSTILE = ["x\x00y", "x" * 3000, "99999999999999999999", "²"]


@pytest.mark.parametrize("actor_name", [*ACTORS, "operator", "hr_a", "assessor_user"])
def test_every_form_field_a_view_reads_answers_hostile_values_without_a_server_error(
    client, cast, actor_name, monkeypatch
):
    from jejaring.core import confirm

    values = _insider_values(cast)
    failures = []
    read: dict[str, set[str]] = {}
    with monkeypatch.context() as patch:
        patch.setattr(WSGIRequest, "POST", property(_recording_post, ORIGINAL_POST.fset))
        for route, _params in routes():
            url = _url(route, values)
            if url.startswith("/api/"):
                continue  # JSON bodies: json_body and the API's parser (test_api_schemathesis)
            RecordingPost.read = set()
            # Every request as the actor afresh: a POST to the logout route ends the session.
            _log_in(client, cast, actor_name)
            outcome = _request(client, "post", url, {"_probe": "1"})
            if not outcome.isdigit():
                failures.append(f"POST {url}: {outcome}")
            read[url] = RecordingPost.read - {"_probe", "csrfmiddlewaretoken", confirm.FIELD}
    assert sum(len(keys) for keys in read.values()) > (50 if actor_name == "staff_b" else 5), read
    for url, keys in read.items():
        for key in sorted(keys):
            for hostile in FORM_HOSTILE:
                _log_in(client, cast, actor_name)
                outcome = _request(client, "post", url, {key: hostile, confirm.FIELD: "1"})
                if not outcome.isdigit():
                    failures.append(f"POST {url} {key}={hostile[:30]!r}: {outcome}")
    assert not failures, "\n".join(failures)

"""Every route that takes an id answers 404 to an outsider — over all routes, not a
sample. The URL resolver is walked, so a route added later is covered the moment it
exists: its id parameter must be listed in OBJECTS_OF_REGION_B (or explicitly exempted
with a reason), otherwise this test fails and says which parameter is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

#: A URL parameter in a route string: `<int:person_id>` or `<person_id>`.
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _app_outsider_modules() -> list[Any]:
    """Each app's `tests/outsiders.py`: `OUTSIDERS` maps a URL parameter to a function of
    the cast that creates a region-B record and returns the value for the URL; optional
    `EXEMPT_PARAMETERS` maps a parameter to the reason it is not tenant data (public
    routes use parameter names of their own, so staff routes stay covered)."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jejaring."):
            continue
        try:
            modules.append(import_module(f"{config.name}.tests.outsiders"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.outsiders":
                raise
    return modules


#: Parameters that are not ids of tenant data, with the reason.
EXEMPT_PARAMETERS = {
    "uidb64": "password reset link: identifies the account by a signed token, not by region",
    "token": "password reset token",
}
for _module in _app_outsider_modules():
    EXEMPT_PARAMETERS.update(getattr(_module, "EXEMPT_PARAMETERS", {}))
#: URL namespaces not subject to tenancy, with the reason.
EXEMPT_NAMESPACES = {
    "admin": "the Django admin is for platform superusers; others are redirected to its login",
}


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        else:
            yield prefix + str(entry.pattern), namespace, entry


def id_routes() -> list[tuple[str, str, URLPattern, list[str]]]:
    routes = []
    for route, namespace, pattern in _walk(get_resolver()):
        if namespace in EXEMPT_NAMESPACES:
            continue
        # The route string holds the parameters of enclosing resolvers as well.
        params = PARAMETER.findall(route)
        if params:
            routes.append((route, namespace, pattern, params))
    return routes


def _objects_of_region_b(cast: Any) -> dict[str, Callable[[], Any]]:
    """One record per id parameter, owned by region B (Kabupaten Kudus), gathered from
    every app's `tests/outsiders.py`; the first app to name a parameter provides it."""
    makers: dict[str, Callable[[], Any]] = {}
    for module in _app_outsider_modules():
        for name, make in module.OUTSIDERS.items():
            makers.setdefault(name, lambda make=make: make(cast))
    return makers


def _url(route: str, values: dict[str, Any]) -> str:
    path = PARAMETER.sub(lambda match: str(values[match.group(1)]), route)
    return "/" + path.lstrip("^").rstrip("$")


def test_every_id_parameter_has_an_outsider_object(cast):
    known = set(_objects_of_region_b(cast)) | set(EXEMPT_PARAMETERS)
    missing = sorted({param for route, _ns, _p, params in id_routes() for param in params} - known)
    assert missing == [], (
        f"add these URL parameters to _objects_of_region_b in {__file__}: {missing}"
    )


def test_the_walk_finds_the_person_routes_of_pages_and_api():
    routes = [route for route, *_ in id_routes()]
    assert any(r.startswith("orang/") for r in routes)
    assert any(r.startswith("api/") and "person_id" in r for r in routes)


@pytest.mark.parametrize(
    "actor_name", ["staff_a", "operator", "assessor_user", "hr_a", "trainee_1", "viewer"]
)
def test_every_id_route_is_a_404_for_each_region_a_role_on_region_b_objects(
    client, cast, actor_name
):
    factories = _objects_of_region_b(cast)
    values = {name: make() for name, make in factories.items()}
    client.force_login(getattr(cast, actor_name))
    failures = []
    checked = 0
    for route, _ns, _pattern, params in id_routes():
        if any(p in EXEMPT_PARAMETERS for p in params):
            continue
        url = _url(route, values)
        statuses = {
            "GET": client.get(url).status_code,
            "POST": client.post(url).status_code,
        }
        checked += 1
        # 405 means the route does not take that method at all; whichever methods it
        # takes must answer 404, never 200, 302, 403 or 500.
        if set(statuses.values()) - {404, 405} or 404 not in statuses.values():
            failures.append(f"{url}: {statuses}")
    assert checked > 0
    assert failures == []


def test_a_trainee_cannot_open_another_trainee_s_record(client, cast):
    client.force_login(cast.trainee_1)
    for route, _ns, _pattern, params in id_routes():
        if params != ["person_id"]:
            continue
        url = _url(route, {"person_id": cast.person_2.pk})
        statuses = {client.get(url).status_code, client.post(url).status_code}
        assert statuses <= {404, 405} and 404 in statuses, url


def test_the_admin_sends_non_staff_to_its_login(client, cast):
    client.force_login(cast.staff_a)
    response = client.get("/admin/trainees/person/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

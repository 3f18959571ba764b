"""schemathesis over the whole OpenAPI schema (/api/openapi.json), as office staff and as a
trainee: whatever the generated input, valid or not, the API answers without a 5xx and
every answer matches the schema of its status code.

It runs in-process against Django's WSGI application, inside the test's transaction, with
the session cookie of a logged-in test client and a CSRF cookie and header (the API's
session authentication checks CSRF on unsafe methods, so without them every write would
stop at a 403 before its input is read). Examples are bounded so that the whole schema
takes a minute or two on SQLite.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import got_request_exception, request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.django_db

#: Examples per operation and generation mode: enough to find the classes of bad input
#: (bounds, formats, missing fields), few enough to keep the suite quick. A trainee is
#: refused most operations before the input is read, so needs fewer.
EXAMPLES = {"staff_a": 10, "trainee_1": 5}
#: An unmasked CSRF secret: 32 letters or digits, sent as the cookie and as the header.
CSRF_TOKEN = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def _check(operation: Any, mode: GenerationMode, cookies: dict[str, str], examples: int) -> str:
    """ "" when every example passed, else the first failure in a few lines."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        # A savepoint per call: a database error on PostgreSQL would otherwise abort the
        # test's transaction for every call after it.
        with transaction.atomic():
            response = case.call(cookies=cookies, headers={"X-CSRFToken": CSRF_TOKEN})
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    errors: list[str] = []

    def note(sender: Any, request: Any, **kwargs: Any) -> None:
        error = sys.exc_info()[1]
        if error is not None:
            errors.append(f"{request.method} {request.get_full_path()[:200]}: {_where(error)}")

    got_request_exception.connect(note)
    try:
        run()
    except Unsatisfiable:
        # Nothing can violate the schema of this operation (a lone string path
        # parameter, say): there are no negative examples to send.
        return ""
    except (Exception, BaseExceptionGroup) as error:  # the failure is the report
        summary = "".join(traceback.format_exception_only(error))[:600]
        return "\n".join([summary, *errors[:3]])
    finally:
        got_request_exception.disconnect(note)
    return ""


def _where(error: BaseException) -> str:
    """The error and the innermost frame of our own code, to name in a failure."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/jejaring/" in f.filename or "/config/" in f.filename]
    frame = (ours or frames)[-1]
    return f"{type(error).__name__}: {str(error)[:200]} at {frame.filename}:{frame.lineno}"


@pytest.fixture
def api_schema() -> Iterator[Any]:
    """The schema, loaded from the WSGI application it will call. As in Django's test
    client, connections are not closed between requests: closing one would end the test's
    transaction (on PostgreSQL, where a connection inside a transaction counts as
    unusable)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("actor_name", ["staff_a", "trainee_1"])
def test_the_whole_api_answers_generated_input_without_a_5xx_and_as_its_schema_says(
    client, cast, api_schema, actor_name
):
    client.force_login(getattr(cast, actor_name))
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_TOKEN}
    failures = []
    operations = _operations(api_schema)
    assert len(operations) > 50
    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            problem = _check(operation, mode, cookies, EXAMPLES[actor_name])
            if problem:
                failures.append(f"{label} [{mode.value}]: {problem}")
    assert not failures, "\n\n".join(failures)

"""Request ids on log lines, in the X-Request-Id header and into the tasks a request
enqueued; JSON log lines (jejaring.core.logs)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

from jejaring.core.logs import JsonFormatter, RequestIdFilter, request_id_var, task_id_var
from jejaring.core.models import TaskOrigin
from jejaring.notices.tasks import send_notification_emails

pytestmark = pytest.mark.django_db


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.addFilter(RequestIdFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def collected() -> Iterator[Collect]:
    handler = Collect()
    for name in ("django.request", "django_tasks"):
        logging.getLogger(name).addHandler(handler)
    logging.getLogger("django_tasks").setLevel(logging.INFO)
    try:
        yield handler
    finally:
        for name in ("django.request", "django_tasks"):
            logging.getLogger(name).removeHandler(handler)


def test_a_request_id_from_nginx_is_kept_on_the_answer_and_the_log(collected: Collect) -> None:
    response = Client().get("/tidak-ada/", HTTP_X_REQUEST_ID="0f3a9c2e11b94d7c8a5e6b7f9d0c1e2a")
    assert response.status_code == 404
    assert response["X-Request-Id"] == "0f3a9c2e11b94d7c8a5e6b7f9d0c1e2a"
    [record] = [r for r in collected.records if r.name == "django.request"]
    assert record.request_id == "0f3a9c2e11b94d7c8a5e6b7f9d0c1e2a"  # type: ignore[attr-defined]
    assert request_id_var.get() == ""  # nothing leaks to the next request


@pytest.mark.parametrize("given", ["", "short", "x" * 65, "abc def 123456", "id\nX-Evil: 1"])
def test_a_missing_or_strange_request_id_is_replaced_by_a_new_one(given: str) -> None:
    response = Client().get("/akun/masuk/", HTTP_X_REQUEST_ID=given)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-Id"])
    other = Client().get("/akun/masuk/")["X-Request-Id"]
    assert other != response["X-Request-Id"]


# The worker closes its database connection when it ends, as a worker process does: the
# test cannot run inside a transaction that is rolled back afterwards.
@pytest.mark.django_db(transaction=True)
def test_a_task_logs_with_the_id_of_the_request_that_enqueued_it(collected: Collect) -> None:
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        token = request_id_var.set("req-from-the-web-0001")
        try:
            result = send_notification_emails.enqueue([])
        finally:
            request_id_var.reset(token)
        assert TaskOrigin.objects.get(task_id=str(result.id)).request_id == (
            "req-from-the-web-0001"
        )
        # Later, in the worker process: no request around it.
        call_command("worker", batch=True)
    finished = [
        r for r in collected.records if r.name == "django_tasks" and "SUCCESSFUL" in r.getMessage()
    ]
    assert finished, [r.getMessage() for r in collected.records]
    assert finished[-1].request_id == "req-from-the-web-0001"  # type: ignore[attr-defined]
    assert finished[-1].task_id == str(result.id)  # type: ignore[attr-defined]
    assert not TaskOrigin.objects.exists()  # the link is gone with the task
    assert request_id_var.get() == "" and task_id_var.get() == ""


def test_json_lines_carry_the_ids_and_the_exception() -> None:
    formatter, request_filter = JsonFormatter(), RequestIdFilter()
    token = request_id_var.set("abc12345")
    try:
        try:
            raise ValueError("berkas rusak")
        except ValueError:
            record = logging.getLogger("jejaring.test").makeRecord(
                "jejaring.test", logging.ERROR, __file__, 1, "impor gagal: %s", ("x.xlsx",),
                exc_info=__import__("sys").exc_info(),
            )  # fmt: skip
        request_filter.filter(record)
    finally:
        request_id_var.reset(token)
    line = formatter.format(record)
    assert "\n" not in line
    payload = json.loads(line)
    assert payload["level"] == "ERROR" and payload["logger"] == "jejaring.test"
    assert payload["message"] == "impor gagal: x.xlsx"
    assert payload["request_id"] == "abc12345" and "task_id" not in payload
    assert "ValueError: berkas rusak" in payload["exception"]

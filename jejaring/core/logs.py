"""Logs that can be followed from a request into the tasks it started.

- Every request has an id: the one nginx sends (`X-Request-Id`, deploy/nginx) when it
  looks like one, else a new one. It is answered in the `X-Request-Id` header and is on
  every log record written while the request runs (`RequestIdFilter`).
- A task enqueued during a request remembers that id (`TaskOrigin`, written on
  django-tasks' `task_enqueued`); the worker puts it back on its log records while the
  task runs, with the task's own id.
- `JsonFormatter` writes one JSON object a line (time, level, logger, message,
  request_id, task_id, exception) for a log collector; the production settings use it
  unless `LOG_FORMAT=plain`.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("jejaring.logs")

request_id_var: ContextVar[str] = ContextVar("jejaring_request_id", default="")
task_id_var: ContextVar[str] = ContextVar("jejaring_task_id", default="")

#: What an incoming X-Request-Id may look like (nginx's $request_id is 32 hex digits).
VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def current_request_id() -> str:
    return request_id_var.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-Id", "")
        request_id = given if VALID_ID.fullmatch(given) else uuid.uuid4().hex
        # Kept until the response is closed (`request_finished`): Django writes its
        # "Not Found" and error lines after the middleware has returned.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-Id"] = request_id
        return response


def request_finished(sender: Any, **kwargs: Any) -> None:
    request_id_var.set("")


class RequestIdFilter(logging.Filter):
    """Puts the current request's and task's ids on every record (empty outside them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.task_id = task_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in ("request_id", "task_id"):
            value = getattr(record, field, "")
            if value:
                payload[field] = value
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


# --- tasks ------------------------------------------------------------------------------


def task_enqueued(sender: Any, task_result: Any, **kwargs: Any) -> None:
    request_id = request_id_var.get()
    if not request_id:
        return
    from jejaring.core.models import TaskOrigin

    try:
        TaskOrigin.objects.create(task_id=str(task_result.id), request_id=request_id)
    except Exception:
        logger.exception("could not remember the request of task %s", task_result.id)


#: task id -> the context tokens to restore when it ends (a task run inline, as in tests,
#: gives its request its own id back).
_running: dict[str, tuple[Any, Any]] = {}


def task_started(sender: Any, task_result: Any, **kwargs: Any) -> None:
    from jejaring.core.models import TaskOrigin

    task_id = str(task_result.id)
    origin = TaskOrigin.objects.filter(task_id=task_id).first()
    request_id = origin.request_id if origin else request_id_var.get()
    _running[task_id] = (request_id_var.set(request_id), task_id_var.set(task_id))


def task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    from jejaring.core.models import TaskOrigin

    task_id = str(task_result.id)
    TaskOrigin.objects.filter(task_id=task_id).delete()
    tokens = _running.pop(task_id, None)
    if tokens is not None:
        request_id_var.reset(tokens[0])
        task_id_var.reset(tokens[1])

"""gunicorn's configuration for Jejaring (`gunicorn -c deploy/gunicorn.conf.py`).

Every value can be changed from the environment (the systemd unit's EnvironmentFile):

- `JEJARING_BIND` (default `127.0.0.1:8000`): where nginx reaches the app; a unix socket
  is `unix:/run/jejaring/web.sock`;
- `WEB_CONCURRENCY` (default 2 × cores + 1): sync worker processes;
- `JEJARING_REQUEST_TIMEOUT` (default 30): seconds a request may run before its worker is
  killed and replaced;
- `JEJARING_GRACEFUL_TIMEOUT` (default 30): seconds a worker gets to finish its request on
  a restart or reload;
- `JEJARING_MAX_REQUESTS` (default 2000): a worker is replaced after this many requests
  (with jitter), so memory stays flat.

Sync workers: a Jejaring page is a few short queries and a template, and a request that
waits on the database holds one process, so there are more workers than cores. The
timeout is the net for a request whose client is long gone (nginx's own
`proxy_read_timeout` should be the same 30 s: past it the client
has its 504 and the work is dead). `SIGHUP` reloads gracefully (new workers start on the
current code, old ones finish what they serve); `SIGTERM` stops after `graceful_timeout`.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    number = int(value)  # a wrong value stops gunicorn with the variable's name in the trace
    if number < 1:
        raise ValueError(f"{name} must be at least 1, not {number}")
    return number


wsgi_app = "config.wsgi:application"
bind = [os.environ.get("JEJARING_BIND", "127.0.0.1:8000")]
worker_class = "sync"
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
timeout = _int("JEJARING_REQUEST_TIMEOUT", 30)
graceful_timeout = _int("JEJARING_GRACEFUL_TIMEOUT", 30)
max_requests = _int("JEJARING_MAX_REQUESTS", 2000)
max_requests_jitter = max(1, max_requests // 10)
# nginx keeps the client's connection; between nginx and gunicorn one request per
# connection is what sync workers do best.
keepalive = 2
# Each worker loads the application itself, so that `SIGHUP` (systemctl reload) starts
# workers on the new code after an upgrade while the old ones finish their requests.
preload_app = False
# nginx on the same host (or the load balancer's private network) is the only client;
# it sets X-Forwarded-Proto and X-Forwarded-For, which Django reads (see the README).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Logged with the request's duration in microseconds and the client nginx forwarded.
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(D)sus'
proc_name = "jejaring"

# Metrics (jejaring.core.metrics): each worker process writes its counts to this
# directory and /metrics adds them up. It is emptied when gunicorn starts; a worker that
# exits is marked dead so its gauges stop counting.
_data_dir = Path(
    os.environ.get("JEJARING_DATA_DIR") or Path(__file__).resolve().parents[1] / "data"
)
metrics_dir = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or _data_dir / "metrics" / "web")
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)


def on_starting(server: object) -> None:
    metrics_dir.mkdir(parents=True, exist_ok=True)
    for stale in metrics_dir.glob("*.db"):  # prometheus-client's files, nothing else
        stale.unlink()


def child_exit(server: object, worker: object) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]

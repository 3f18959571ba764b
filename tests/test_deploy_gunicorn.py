"""deploy/gunicorn.conf.py: its values from the environment, and a real gunicorn started
with it (production settings) that answers, reloads gracefully on SIGHUP and stops on
SIGTERM."""

from __future__ import annotations

import http.client
import multiprocessing
import runpy
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.production_env import production_env

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def load_config(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, object]:
    for name in ("JEJARING_BIND", "WEB_CONCURRENCY", "JEJARING_REQUEST_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    # The configuration sets it for gunicorn's processes; this one gets it back unset.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_workers_follow_the_core_count_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(monkeypatch)
    assert config["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["timeout"] == 30 and config["graceful_timeout"] == 30
    assert config["wsgi_app"] == "config.wsgi:application"
    config = load_config(monkeypatch, WEB_CONCURRENCY="3", JEJARING_REQUEST_TIMEOUT="12")
    assert config["workers"] == 3 and config["timeout"] == 12


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_a_wrong_number_stops_gunicorn_at_start(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    with pytest.raises(ValueError, match=r"WEB_CONCURRENCY|invalid literal"):
        load_config(monkeypatch, WEB_CONCURRENCY=value)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "10.1.2.3"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def local_get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_for(predicate, seconds: float = 30) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_gunicorn_with_the_configuration_serves_reloads_and_stops(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = production_env(
        tmp_path / "data",
        DJANGO_ALLOWED_HOSTS="jejaring.example.go.id,127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        JEJARING_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    with log.open("w") as out:
        master = subprocess.Popen(  # noqa: S603 - our interpreter, our configuration
            [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:

        def booted() -> int:
            return log.read_text().count("Booting worker with pid")

        def answers() -> bool:
            try:
                return get(port, "/healthz") == (200, b"ok\n")
            except OSError:
                return False

        assert wait_for(answers), log.read_text()
        assert wait_for(lambda: booted() == 2), log.read_text()
        # Django is loaded with this environment: its readiness names the SQLite database
        # of the data directory, which nobody migrated (so: not ready).
        status, body = get(port, "/readyz")
        assert status == 503 and b'"detail": "sqlite"' in body and b"not applied" in body
        assert (tmp_path / "data").is_dir()

        master.send_signal(signal.SIGHUP)
        assert wait_for(lambda: booted() == 4), log.read_text()
        assert answers()

        # Metrics: whichever worker served each request, a scrape adds them all up.
        for _ in range(6):
            local_get(port, "/api/openapi.json")
        status, body = local_get(port, "/metrics")
        assert status == 200, body
        served = [
            float(line.rsplit(" ", 1)[1])
            for line in body.decode().splitlines()
            if line.startswith("jejaring_http_requests_total{")
            and 'route="api/openapi.json"' in line
        ]
        assert sum(served) == 6, body.decode()
        assert b"jejaring_metrics_database_up 0" in body  # nobody migrated it
        assert (tmp_path / "data" / "metrics" / "web").is_dir()

        master.send_signal(signal.SIGTERM)
        assert master.wait(timeout=60) == 0
        assert "Shutting down: Master" in log.read_text()
        assert '"GET /healthz HTTP/1.1" 200' in log.read_text()
    finally:
        if master.poll() is None:
            master.kill()
            master.wait()

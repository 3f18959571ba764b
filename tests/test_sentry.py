"""Error reporting (config/sentry.py): off without SENTRY_DSN; with it, an error reaches the
service (here a stand-in on the loopback) with every NIK masked and no request body."""

from __future__ import annotations

import gzip
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from config.sentry import mask, scrub
from tests.production_env import production_env

ROOT = Path(__file__).resolve().parents[1]


def test_scrub_masks_sixteen_digit_runs_anywhere_in_the_event() -> None:
    event = {
        "message": "NIK 3375011234567890 sudah terdaftar",
        "exception": {"values": [{"value": "(3375011234567890, 'Siti')"}]},
        "extra": {"rows": ["3375011234567890", 12345]},
    }
    scrubbed = scrub(event)
    assert "3375011234567890" not in repr(scrubbed)
    assert scrubbed["message"] == "NIK 3375********7890 sudah terdaftar"
    assert scrubbed["extra"]["rows"] == ["3375********7890", 12345]
    # Other numbers are left as they are: a phone number, a 17-digit id.
    assert mask("0812345678901 and 12345678901234567") == "0812345678901 and 12345678901234567"


class Envelopes(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli  # installed with WeasyPrint's font tools; sentry-sdk uses it then

            body = brotli.decompress(body)
        type(self).received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


def report_an_error(dsn: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = production_env(data_dir, SENTRY_DSN=dsn)
    script = (
        "import django, sentry_sdk\n"
        "django.setup()\n"
        "try:\n"
        "    raise ValueError('NIK 3375011234567890 tidak cocok dengan KK')\n"
        "except ValueError:\n"
        "    sentry_sdk.capture_exception()\n"
        "sentry_sdk.flush(10)\n"
        "print('sent' if sentry_sdk.is_initialized() else 'off')\n"
    )
    return subprocess.run(  # noqa: S603 - our interpreter, our script
        [sys.executable, "-c", script],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_an_error_reaches_the_service_with_the_nik_masked(tmp_path: Path) -> None:
    Envelopes.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Envelopes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        result = report_an_error(f"http://publickey@127.0.0.1:{port}/1", tmp_path)
    finally:
        server.shutdown()
    assert result.returncode == 0 and result.stdout.strip() == "sent", result.stderr
    body = b"".join(Envelopes.received)
    assert b"ValueError" in body
    assert b"3375********7890" in body
    assert b"3375011234567890" not in body


def test_without_a_dsn_nothing_is_initialised(tmp_path: Path) -> None:
    result = report_an_error("", tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == "off", result.stderr

"""The files of deploy/ are valid for the tools that read them: the systemd units for
`systemd-analyze verify`, the nginx site for `nginx -t` (with a throw-away certificate),
and every command the units run exists. The tools come from Debian's packages (systemd,
nginx, openssl); without them these tests skip, except under CI=true (.ci/run installs
them)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
INSTALL_DIR = "/srv/jejaring"


def tool(name: str) -> str:
    path = shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None
    )
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required under CI=true (.ci/run installs it)")
        pytest.skip(f"{name} is not installed (Debian: apt-get install {name})")
    return path


def units() -> list[Path]:
    return sorted((DEPLOY / "systemd").iterdir())


def test_every_unit_is_valid_for_systemd(tmp_path: Path) -> None:
    analyze = tool("systemd-analyze")
    # The units name the install directory; here it is this checkout (verify checks that
    # each ExecStart is executable).
    copies = []
    for unit in units():
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace(INSTALL_DIR, str(ROOT)))
        copies.append(str(copy))
    result = subprocess.run(  # noqa: S603 - a system tool on our own files
        [analyze, "verify", *copies], capture_output=True, text=True, timeout=120, check=False
    )
    # verify exits 0 on an unknown key or a bad value and only says so: any line fails.
    problems = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not problems, problems


def test_each_timer_starts_a_service_of_the_same_name() -> None:
    names = {unit.name for unit in units()}
    timers = [name for name in names if name.endswith(".timer")]
    assert timers
    for timer in timers:
        assert timer.removesuffix(".timer") + ".service" in names


def test_every_command_the_units_run_exists() -> None:
    commands = set()
    for unit in units():
        commands |= set(re.findall(r"manage\.py (\w+)", unit.read_text()))
    assert {"worker", "follow_up_waves", "notifications_send"} <= commands
    for command in commands:
        found = list(ROOT.glob(f"jejaring/*/management/commands/{command}.py"))
        assert found, f"{command}: no such management command"
    web = (DEPLOY / "systemd" / "jejaring-web.service").read_text()
    assert f"-c {INSTALL_DIR}/deploy/gunicorn.conf.py" in web


# The server's site, and its variant for deploy/compose.yaml (the app is the `web` service,
# which nginx -t would have to resolve: here it is the loopback address).
SITES = ["jejaring.conf", "container.conf"]


@pytest.mark.parametrize("name", SITES)
def test_the_nginx_site_passes_nginx_t(tmp_path: Path, name: str) -> None:
    nginx = tool("nginx")
    openssl = tool("openssl")
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(  # noqa: S603 - a system tool, a throw-away certificate
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=jejaring.example.go.id", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / name).read_text()
    site = site.replace("/etc/ssl/jejaring/", f"{tmp_path}/")
    site = site.replace("server web:8000 ", "server 127.0.0.1:8000 ")
    (tmp_path / "site.conf").write_text(site)
    for folder in ("logs", "temp"):
        (tmp_path / folder).mkdir()
    mime_types = Path("/etc/nginx/mime.types")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/logs/error.log;\n"
        "events {}\n"
        "http {\n"
        + (f"  include {mime_types};\n" if mime_types.exists() else "")
        + f"  access_log {tmp_path}/logs/access.log;\n"
        f"  client_body_temp_path {tmp_path}/temp;\n"
        f"  include {tmp_path}/site.conf;\n"
        "}\n"
    )
    result = subprocess.run(  # noqa: S603 - a system tool on our own files
        [nginx, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "syntax is ok" in output and "test is successful" in output
    # Warnings (a deprecated directive, a conflicting name) are problems too.
    assert "[warn]" not in output and "[emerg]" not in output, output


@pytest.mark.parametrize("name", SITES)
def test_the_nginx_site_never_serves_uploads_and_matches_the_proxy_setting(name: str) -> None:
    site = (DEPLOY / "nginx" / name).read_text()
    assert "location /media/ { return 404; }" in site
    # Readiness runs queries and writes a cache entry: not for the internet.
    assert "location = /readyz { return 404; }" in site
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    # One proxy appends to X-Forwarded-For, and the site says which setting matches it.
    assert "JEJARING_TRUSTED_PROXY_COUNT=1" in site

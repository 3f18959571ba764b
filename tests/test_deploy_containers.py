"""deploy/Containerfile and deploy/compose.yaml stay true to the code: the image installs
the locked requirements with their hashes on the Python pyproject promises, runs as a user
of its own and collects static files with settings that load; every service runs a
command that exists, the same commands on the same schedule as the systemd timers, and
sets only variables the settings read. No container engine is needed (none on CI):
`docker compose config` (or Debian's docker-compose) validates the file where installed;
without either that test skips, except under CI=true (.ci/run installs docker-compose)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
CONTAINERFILE = (DEPLOY / "Containerfile").read_text()
COMPOSE_TEXT = (DEPLOY / "compose.yaml").read_text()
COMPOSE: dict[str, Any] = yaml.safe_load(COMPOSE_TEXT)
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
APP_SERVICES = [name for name, service in SERVICES.items() if "build" in service]
ENV_EXAMPLE = (DEPLOY / "compose.env.example").read_text()


def containerfile_env() -> dict[str, str]:
    """The ENV values of the Containerfile (NAME=value pairs, continued lines joined)."""
    joined = CONTAINERFILE.replace("\\\n", " ")
    found: dict[str, str] = {}
    for line in joined.splitlines():
        if line.startswith("ENV "):
            found.update(re.findall(r"(\w+)=(\S+)", line))
    return found


def command_of(service: dict[str, Any]) -> str:
    command = service.get("command", [])
    return " ".join(command) if isinstance(command, list) else str(command)


def manage_commands(text: str) -> list[str]:
    """The management commands a command line runs, in order (a shell loop over names
    counts each name)."""
    names = re.findall(r"manage\.py (\w+)", text)
    for loop in re.findall(r"for \w+ in ([\w ]+); do", text):
        names.extend(loop.split())
    return [name for name in names if not name.startswith("$")]


def unit(name: str) -> str:
    return (DEPLOY / "systemd" / name).read_text()


def seconds(value: str) -> int:
    number, unit_name = re.fullmatch(r"(\d+)\s*(s|sec|min|h)?", value.strip()).groups()  # type: ignore[union-attr]
    return int(number) * {"s": 1, "sec": 1, "min": 60, "h": 3600, None: 1}[unit_name]


# --- the image ---------------------------------------------------------------------------


def test_the_image_installs_the_locked_requirements_with_their_hashes() -> None:
    assert "COPY requirements/base.txt requirements/base.txt" in CONTAINERFILE
    joined = CONTAINERFILE.replace("\\\n", " ")
    install = re.search(r"pip install ([^\n&]*)", joined)
    assert install is not None
    arguments = install.group(1).split()
    assert "--require-hashes" in arguments and "--no-deps" in arguments
    assert arguments[arguments.index("-r") + 1] == "requirements/base.txt"
    # The lock is what pyproject resolves to: the image gets no package the lock lacks.
    assert "pip install" not in joined.replace(install.group(0), "")


def test_the_image_runs_the_python_pyproject_promises() -> None:
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    oldest = re.fullmatch(r">=\s*(\d+\.\d+)", requires)
    assert oldest is not None, requires
    base = re.search(r"^FROM python:(\d+\.\d+)-slim-(\w+)$", CONTAINERFILE, re.MULTILINE)
    assert base is not None
    # The oldest supported version: what CI, ruff and mypy check the code against.
    assert base.group(1) == oldest.group(1)


def test_the_image_runs_as_its_own_user_with_the_gunicorn_configuration() -> None:
    users = re.findall(r"^USER (\S+)$", CONTAINERFILE, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    cmd = json.loads(re.search(r"^CMD (.+)$", CONTAINERFILE, re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert cmd[-2:] == ["-c", "/srv/jejaring/deploy/gunicorn.conf.py"]
    assert (DEPLOY / "gunicorn.conf.py").is_file() and "gunicorn" in cmd
    assert SERVICES["web"]["command"] == cmd


def test_static_files_are_collected_at_build_time_with_settings_that_load(tmp_path) -> None:
    step = re.search(r"RUN ((?:\w+=\S+ )+)\\\n\s+python manage.py collectstatic", CONTAINERFILE)
    assert step is not None, "the image runs collectstatic with the production settings"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(containerfile_env())
    env.update(re.findall(r"(\w+)=(\S+)", step.group(1)))
    env["JEJARING_DATA_DIR"] = str(tmp_path)
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    # The build has exactly this environment: the production settings load with it.
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


# --- the compose file --------------------------------------------------------------------


def test_every_service_runs_a_command_that_exists() -> None:
    known = set(get_commands())
    for name in APP_SERVICES:
        text = command_of(SERVICES[name])
        commands = manage_commands(text)
        assert commands or "gunicorn" in text, f"{name}: runs neither manage.py nor gunicorn"
        for command in commands:
            assert command in known, f"{name}: manage.py {command} does not exist"
    assert manage_commands(command_of(SERVICES["worker"])) == ["worker"]
    assert manage_commands(command_of(SERVICES["migrate"])) == ["migrate"]


def test_the_jobs_run_what_the_systemd_timers_run_on_the_same_schedule() -> None:
    daily = SERVICES["daily"]["command"][-1]
    assert manage_commands(daily) == manage_commands(unit("jejaring-daily.service"))
    notifications = SERVICES["notifications"]["command"][-1]
    assert manage_commands(notifications) == manage_commands(unit("jejaring-notifications.service"))
    every = re.search(r"OnUnitActiveSec=(\S+)", unit("jejaring-notifications.timer"))
    assert every is not None and f"sleep {seconds(every.group(1))}" in notifications
    # The daily timer's local time (WIB), as the UTC time the loop waits for.
    at = re.search(r"OnCalendar=\*-\*-\* (\d\d):(\d\d)", unit("jejaring-daily.timer"))
    assert at is not None
    local = datetime(
        2026, 1, 1, int(at.group(1)), int(at.group(2)), tzinfo=ZoneInfo("Asia/Jakarta")
    )
    utc = local.astimezone(ZoneInfo("UTC"))
    assert f"date -u -d {utc:%H:%M} +%s" in daily
    for name in ("daily", "notifications"):
        assert SERVICES[name].get("init") is True, f"{name}: a shell loop needs an init"


def names_the_settings_read() -> set[str]:
    """Every environment variable the production settings and gunicorn's configuration
    read, recorded while they load (every optional feature's variables are read, set or
    not)."""
    script = """
import json, os, runpy, sys
read = set()
cls = type(os.environ)
get, contains = cls.__getitem__, cls.__contains__
def getitem(self, key):
    read.add(key)
    return get(self, key)
def has(self, key):
    read.add(key)
    return contains(self, key)
cls.__getitem__, cls.__contains__ = getitem, has
import django
django.setup()
runpy.run_path("deploy/gunicorn.conf.py")
print(json.dumps(sorted(read)))
"""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="localhost",
        PROMETHEUS_MULTIPROC_DIR="",
    )
    result = subprocess.run(  # noqa: S603 - our interpreter, our settings
        [sys.executable, "-c", script],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_every_variable_the_containers_set_is_one_the_settings_read() -> None:
    read = names_the_settings_read()
    assert {"S3_BUCKET", "DATABASE_URL", "JEJARING_BIND"} <= read  # the recorder works
    # The image's own (PYTHON*, PIP_*, PATH) are Python's and pip's; the rest are ours.
    given = {name for name in containerfile_env() if not name.startswith(("PYTHON", "PIP_"))}
    for name in APP_SERVICES:
        given |= set(SERVICES[name].get("environment", {}))
    # deploy/compose.env.example, commented-out lines too.
    example = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE, re.MULTILINE))
    assert "S3_BUCKET" in example and "DJANGO_SECRET_KEY" in example
    # POSTGRES_PASSWORD is the database service's, which the app gets in DATABASE_URL.
    assert SERVICES["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    unknown = sorted((given | example) - read - {"POSTGRES_PASSWORD"})
    assert unknown == [], f"set for the containers but read by nothing: {unknown}"


def test_uploads_live_in_a_volume_at_the_data_directory_every_app_service_shares() -> None:
    data_dir = containerfile_env()["JEJARING_DATA_DIR"]
    for name in APP_SERVICES:
        assert f"media:{data_dir}/media" in SERVICES[name]["volumes"], name
    assert "media" in COMPOSE["volumes"] and "pgdata" in COMPOSE["volumes"]
    # The image makes the folder (owned by its user) that a new volume is filled from.
    assert f"mkdir -p {data_dir}/media" in CONTAINERFILE


def test_health_checks_probe_readiness() -> None:
    web = " ".join(SERVICES["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/readyz" in web
    assert SERVICES["web"]["environment"]["JEJARING_BIND"] == "0.0.0.0:8000"
    assert manage_commands(" ".join(SERVICES["worker"]["healthcheck"]["test"][1:])) == [
        "check_ready"
    ]
    assert "/healthz" in " ".join(SERVICES["nginx"]["healthcheck"]["test"])
    assert SERVICES["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"
    site = SERVICES["nginx"]["volumes"][0].split(":")[0]
    assert (DEPLOY / site).resolve() == DEPLOY / "nginx" / "container.conf"
    assert "server web:8000 " in (DEPLOY / "nginx" / "container.conf").read_text()
    for name in APP_SERVICES:
        if name != "migrate":
            condition = SERVICES[name]["depends_on"]["migrate"]["condition"]
            assert condition == "service_completed_successfully", name


def compose_tool() -> list[str]:
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run(  # noqa: S603 - the docker client, no engine needed
            [docker, "compose", "version"], capture_output=True, timeout=30, check=False
        )
        if probe.returncode == 0:
            return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    if legacy:
        return [legacy]
    message = (
        "neither `docker compose` nor docker-compose is installed (Debian: apt-get install "
        "docker-compose)"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; .ci/run installs it")
    pytest.skip(message)


def test_compose_validates_the_file(tmp_path: Path) -> None:
    tool = compose_tool()
    project = tmp_path / "deploy"
    shutil.copytree(DEPLOY, project)
    (project / ".env").write_text(ENV_EXAMPLE)
    result = subprocess.run(  # noqa: S603 - docker compose's own validation, no engine
        [*tool, "--project-directory", str(project), "-f", str(project / "compose.yaml"),
         "config"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rendered = yaml.safe_load(result.stdout)
    assert set(rendered["services"]) == set(SERVICES)
    url = rendered["services"]["web"]["environment"]["DATABASE_URL"]
    assert url.startswith("postgres://jejaring:") and url.endswith("@db:5432/jejaring")
    # Without the password the file refuses to start anything.
    (project / ".env").write_text(ENV_EXAMPLE.replace("POSTGRES_PASSWORD=", "UNUSED="))
    refused = subprocess.run(  # noqa: S603
        [*tool, "--project-directory", str(project), "-f", str(project / "compose.yaml"),
         "config"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert refused.returncode != 0 and "POSTGRES_PASSWORD" in refused.stderr

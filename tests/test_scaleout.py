"""Scale-out, shown: separate hosts on one PostgreSQL, behind one nginx load balancer.

The lab (tests/scaleout_lab.py) builds, with network namespaces on this machine:

    db     10.213.0.10  a PostgreSQL server of its own, started here
    app1   10.213.0.11  gunicorn with deploy/gunicorn.conf.py, production settings
    app2   10.213.0.12  the same, with a data folder of its own
    work1  10.213.0.21  `manage.py worker`
    work2  10.213.0.22  `manage.py worker`
    lb     10.213.0.2   nginx with the site of deploy/nginx/jejaring.conf (TLS, both app hosts)

Every app and worker host has its own data folder; the uploads folder is one shared
directory mounted into each (as an NFS or other network share would be), as the README's
production section asks. The client (tests/scaleout_client.py) runs on the load
balancer's host and talks to the site by its name, over HTTPS.

The first test goes through the product: a public registration with a KTP scan, the
office reading that scan, imports of spreadsheets, and an allocation round; requests reach
both app hosts and tasks both workers. The second runs a load while one app host is
restarted and one worker is killed in the middle of a task: no request fails that one
retry does not cover, no task is lost and none is done twice. Its figures are printed
(`pytest -s`) and recorded in docs/performance.md.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.production_env import production_env
from tests.scaleout_lab import SUBNET, Host, Lab, missing_requirements, stop, wait_until

pytestmark = pytest.mark.scaleout

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CLIENT = ROOT / "tests" / "scaleout_client.py"
SITE_NAME = "jejaring.example.go.id"
STAFF = {"username": "staf.pekalongan", "password": "jejaring-demo-2026"}
HOSTS = {"lb": 2, "db": 10, "app1": 11, "app2": 12, "work1": 21, "work2": 22}
#: Lost-task recovery within seconds rather than minutes, so the test can wait for it.
WORKER_TIMING = {
    "TASK_WORKER_STALE_AFTER": "5",
    "TASK_HEARTBEAT_EVERY": "1",
    "TASK_RECOVER_EVERY": "2",
}
LOAD_PAGES = [
    "/beranda/",
    "/orang/",
    "/pelatihan/",
    "/penyaluran/putaran/",
    "/perusahaan/",
    "/orang/?q=sari",
]


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    return found[-1].parent if found else None


def _requirements() -> str | None:
    reason = missing_requirements("nginx", "openssl", "psql", "pg_isready", "createdb")
    if reason is None and postgres_bin() is None:
        reason = "needs the PostgreSQL server (apt-get install postgresql)"
    return reason


@dataclass
class Deployment:
    lab: Lab
    workdir: Path
    cert: Path
    env: dict[str, dict[str, str]]
    web: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    batch: int = 0
    round: int = 0

    def host(self, name: str) -> Host:
        return self.lab.hosts[name]

    def sql(self, query: str) -> list[list[str]]:
        """Rows of a query on the database host, asked from app1 as any script would."""
        out = self.host("app1").run(
            ["psql", "-h", self.host("db").address, "-U", "postgres", "-d", "jejaring",
             "-X", "-q", "-At", "-F", "\t", "-c", query],
        ).stdout  # fmt: skip
        return [line.split("\t") for line in out.splitlines() if line]

    def client_command(self, command: str, args: dict[str, Any]) -> list[str]:
        return self.host("lb").command(
            [PYTHON, str(CLIENT), str(self.cert), command, json.dumps(args)]
        )

    def client(self, command: str, args: dict[str, Any], timeout: float = 600) -> Any:
        process = self.client_start(command, args)
        return self.client_result(process, timeout)

    def client_start(self, command: str, args: dict[str, Any]) -> subprocess.Popen[str]:
        return subprocess.Popen(  # noqa: S603 - our own client
            self.client_command(command, args),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    @staticmethod
    def client_result(process: subprocess.Popen[str], timeout: float = 600) -> Any:
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err[-4000:]
        return json.loads(out)

    def start_web(self, name: str) -> None:
        host = self.host(name)
        self.web[name] = host.start(
            [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            env=self.env[name],
            log=self.workdir / f"{name}.log",
            cwd=ROOT,
        )
        probe = (
            "import urllib.request; "
            f"urllib.request.urlopen('http://{host.address}:8000/healthz', timeout=2)"
        )
        wait_until(
            lambda: self.host("lb").run([PYTHON, "-c", probe], check=False).returncode == 0,
            seconds=60,
            what=f"{name} to answer /healthz",
        )

    def start_worker(self, name: str) -> None:
        self.workers[name] = self.host(name).start(
            [PYTHON, "manage.py", "worker", "--interval", "0.5"],
            env=self.env[name],
            log=self.workdir / f"{name}.log",
            cwd=ROOT,
        )

    def upstream_counts(self, since: float = 0) -> Counter[str]:
        """Requests per app host in the balancer's log, from `since` (epoch seconds)."""
        counts: Counter[str] = Counter()
        for line in (self.workdir / "lb" / "access.log").read_text().splitlines():
            stamp, upstream, *_ = line.split(" ")
            if float(stamp) >= since and upstream != "-":
                for address in upstream.split(", "):
                    counts[address.split(":")[0]] += 1
        return counts

    def task_workers(self) -> dict[str, list[str]]:
        """Each task's status and the hosts that claimed it (from `host:pid:random`)."""
        rows = self.sql(
            "SELECT id, status, worker_ids::text FROM django_tasks_database_dbtaskresult"
        )
        return {row[0]: [row[1], *(w.split(":")[0] for w in json.loads(row[2]))] for row in rows}


def _nginx_site(workdir: Path, shared: Path, cert_dir: Path) -> str:
    site = (ROOT / "deploy" / "nginx" / "jejaring.conf").read_text()
    upstream = "server 127.0.0.1:8000 max_fails=3 fail_timeout=10s;"
    assert upstream in site, "the site's upstream line changed: update the scale-out test"
    site = site.replace(
        upstream,
        "\n    ".join(
            f"server {SUBNET}.{HOSTS[name]}:8000 max_fails=3 fail_timeout=10s;"
            for name in ("app1", "app2")
        ),
    )
    site = site.replace("/etc/ssl/jejaring/", f"{cert_dir}/")
    site = site.replace("/srv/jejaring/data/static/", f"{shared}/static/")
    if not Path("/proc/net/if_inet6").exists():
        site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    return site


def _start_balancer(deployment: Deployment, shared: Path) -> None:
    lb_dir = deployment.workdir / "lb"
    (lb_dir / "temp").mkdir(parents=True)
    (lb_dir / "site.conf").write_text(_nginx_site(deployment.workdir, shared, lb_dir))
    mime_types = Path("/etc/nginx/mime.types")
    (lb_dir / "nginx.conf").write_text(
        "user root;\n"
        "worker_processes 2;\n"
        f"pid {lb_dir}/nginx.pid;\n"
        f"error_log {lb_dir}/error.log;\n"
        "events {}\n"
        "http {\n"
        + (f"  include {mime_types};\n" if mime_types.exists() else "")
        + "  log_format lab '$msec $upstream_addr $status $request_method $uri';\n"
        f"  access_log {lb_dir}/access.log lab;\n"
        f"  client_body_temp_path {lb_dir}/temp/body;\n"
        f"  proxy_temp_path {lb_dir}/temp/proxy;\n"
        f"  include {lb_dir}/site.conf;\n"
        "}\n"
    )
    (lb_dir / "access.log").touch()
    deployment.host("lb").start(
        ["nginx", "-p", str(lb_dir), "-c", str(lb_dir / "nginx.conf"), "-g", "daemon off;"],
        env=dict(os.environ),
        log=deployment.workdir / "lb.log",
    )
    attempts: list[str] = []

    def answers() -> bool:
        result = deployment.host("lb").run(
            [PYTHON, str(CLIENT), str(deployment.cert), "ping", "{}"], check=False, cwd=ROOT
        )
        attempts.append(result.stderr[-2000:])
        return result.returncode == 0

    try:
        wait_until(answers, seconds=60, what="the load balancer to answer /healthz over HTTPS")
    except AssertionError as error:
        logs = (deployment.workdir / "lb.log").read_text()[-2000:]
        errors = (
            (lb_dir / "error.log").read_text()[-2000:] if (lb_dir / "error.log").exists() else ""
        )
        raise AssertionError(f"{error}\n{attempts[-1]}\n{logs}\n{errors}") from None


def _start_database(deployment: Deployment) -> None:
    db = deployment.host("db")
    binaries = postgres_bin()
    assert binaries is not None
    pgdata = deployment.workdir / "pg"
    pgdata.mkdir(mode=0o700)
    shutil.chown(pgdata, "postgres", "postgres")
    db.run(
        ["runuser", "-u", "postgres", "--", str(binaries / "initdb"), "-D", str(pgdata),
         "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"],
    )  # fmt: skip
    with (pgdata / "pg_hba.conf").open("a") as hba:
        hba.write(f"host all all {SUBNET}.0/24 trust\n")
    db.start(
        ["runuser", "-u", "postgres", "--", str(binaries / "postgres"), "-D", str(pgdata),
         "-c", f"listen_addresses={db.address}", "-c", f"unix_socket_directories={pgdata}",
         "-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off",
         "-c", "full_page_writes=off"],
        env=dict(os.environ),
        log=deployment.workdir / "db.log",
    )  # fmt: skip
    app1 = deployment.host("app1")
    wait_until(
        lambda: app1.run(["pg_isready", "-q", "-h", db.address], check=False).returncode == 0,
        seconds=60,
        what="PostgreSQL on the db host",
    )
    app1.run(["createdb", "-h", db.address, "-U", "postgres", "jejaring"])


def _certificate(cert_dir: Path) -> Path:
    """A throw-away authority and the site's certificate signed by it; returns the
    authority, which the client trusts (as a browser trusts a real one)."""

    def openssl(*args: str) -> None:
        subprocess.run(  # noqa: S603 - a system tool, throw-away keys
            ["openssl", *args],  # noqa: S607
            check=True,
            capture_output=True,
            timeout=60,
            cwd=cert_dir,
        )

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=Jejaring lab CA", "-keyout", "ca.key", "-out", "ca.pem")  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={SITE_NAME}",
            "-addext", f"subjectAltName=DNS:{SITE_NAME}",
            "-keyout", "privkey.pem", "-out", "site.csr")  # fmt: skip
    openssl("x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "1", "-copy_extensions", "copy",
            "-out", "fullchain.pem")  # fmt: skip
    return cert_dir / "ca.pem"


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    reason = _requirements()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the scale-out test {reason}; .ci/run installs what it needs")
        pytest.skip(f"the scale-out test {reason}")
    # Under /var/tmp, readable by the postgres user that runs the database host.
    workdir = Path(tempfile.mkdtemp(prefix="jejaring-scaleout-", dir="/var/tmp"))
    workdir.chmod(0o755)
    lab = Lab()
    try:
        for name, octet in HOSTS.items():
            aliases = {other: HOSTS[other] for other in HOSTS}
            host = lab.add_host(name, octet, names=aliases)
            if name == "lb":
                hosts_file = Path("/etc/netns") / host.namespace / "hosts"
                hosts_file.write_text(hosts_file.read_text() + f"127.0.0.1 {SITE_NAME}\n")
        (workdir / "lb").mkdir()
        deployment = Deployment(lab=lab, workdir=workdir, cert=_certificate(workdir / "lb"), env={})
        _build(deployment)
        yield deployment
    finally:
        lab.close()
        if os.environ.get("JEJARING_KEEP_SCALEOUT"):
            print(f"scale-out lab files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _build(deployment: Deployment) -> None:
    workdir = deployment.workdir
    _start_database(deployment)
    # The shared uploads folder, and the collected static files every app host ships.
    shared = workdir / "shared"
    (shared / "media").mkdir(parents=True)
    base = production_env(
        shared,
        DATABASE_URL=f"postgres://postgres@{SUBNET}.{HOSTS['db']}:5432/jejaring",
        DJANGO_ALLOWED_HOSTS=SITE_NAME,
        JEJARING_TRUSTED_PROXY_COUNT="1",
        FORWARDED_ALLOW_IPS=f"{SUBNET}.{HOSTS['lb']}",
        WEB_CONCURRENCY="2",
        LOG_FORMAT="json",
        **WORKER_TIMING,
    )
    subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=base, cwd=ROOT, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for name in ("app1", "app2", "work1", "work2"):
        data = workdir / name / "data"
        data.mkdir(parents=True)
        (data / "media").symlink_to(shared / "media")
        (data / "static").symlink_to(shared / "static")
        deployment.env[name] = {
            **base,
            "JEJARING_DATA_DIR": str(data),
            "JEJARING_BIND": f"{SUBNET}.{HOSTS[name]}:8000",
        }
    deployment.host("app1").run(
        [PYTHON, "manage.py", "demo", "--no-serve", "--force"],
        env=deployment.env["app1"],
        cwd=ROOT,
        timeout=600,
    )
    [[batch]] = deployment.sql("SELECT id FROM training_batch WHERE status = 'open' LIMIT 1")
    [[round_id]] = deployment.sql(
        "SELECT id FROM placement_allocationround WHERE status = 'open' LIMIT 1"
    )
    deployment.batch, deployment.round = int(batch), int(round_id)
    # Room in the open batch for the test's spreadsheets (the office would raise its quota
    # on the batch's page; the demo's batch has 16 places).
    deployment.sql(
        "UPDATE training_batch SET capacity = 30000, min_age = NULL, max_age = NULL"
        f" WHERE id = {deployment.batch}"
    )
    for name in ("app1", "app2"):
        deployment.start_web(name)
    for name in ("work1", "work2"):
        deployment.start_worker(name)
    _start_balancer(deployment, shared)


def _spreadsheets(folder: Path, *, first: int, files: int, rows: int) -> list[str]:
    """`files` workbooks of `rows` new participants each, numbered from `first`."""
    from bench.import_participants import participant_rows, workbook

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(files):
        path = folder / f"peserta-{first + n * rows}.xlsx"
        path.write_bytes(workbook(participant_rows(first + n * rows, rows)))
        paths.append(str(path))
    return paths


def _registration(batch: int) -> dict[str, Any]:
    from jejaring.trainees.nik import format_nik

    born = date(2001, 5, 17)
    return {
        "batch": batch,
        "fields": {
            "nik": format_nik(district_code="33.75.02", birth_date=born, sex="F", serial=4321),
            "full_name": "Dewi Lestari Scaleout",
            "sex": "F",
            "birth_place": "Pekalongan",
            "birth_date": born.isoformat(),
            "education": "smk",
            "education_major": "Tata Busana",
            "address": "Jl. Hayam Wuruk No. 7",
            "domicile_regency_code": "33.75",
            "domicile_district_code": "33.75.02",
            "phone": "0812 7777 1234",
            "email": "",
            "motivation": "",
            "consent": "on",
        },
    }


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 180, 40)).save(out, "PNG")
    return out.getvalue()


def test_through_the_balancer_both_app_hosts_and_both_workers_do_the_work(
    deployment: Deployment,
) -> None:
    started = time.time()
    scan = deployment.workdir / "ktp.png"
    scan.write_bytes(_png())
    registration = deployment.client(
        "register", {**_registration(deployment.batch), "document": str(scan)}
    )
    assert registration["status"] == 302, registration
    assert registration["location"].endswith(f"/daftar/{deployment.batch}/terkirim/")
    [[document_id, stored_name]] = deployment.sql(
        "SELECT id, file FROM training_enrolmentdocument ORDER BY id DESC LIMIT 1"
    )
    # Stored once, in the shared folder, under a name no other host can pick.
    assert (deployment.workdir / "shared" / "media" / stored_name).is_file()

    files = _spreadsheets(deployment.workdir / "books1", first=600_000, files=6, rows=1500)
    before = int(deployment.sql("SELECT count(*) FROM training_enrolment")[0][0])
    staff = deployment.client(
        "staff",
        {
            **STAFF,
            "document_path": f"/pelatihan/dokumen/{document_id}/",
            "files": files,
            "batch": deployment.batch,
            "round": deployment.round,
        },
    )
    assert staff["failed"] == [], staff["failed"]
    assert staff["document"] == [[200, len(scan.read_bytes())]] * 4
    assert [i["status"] for i in staff["imports"]] == ["done"] * 6, staff["imports"]
    after = int(deployment.sql("SELECT count(*) FROM training_enrolment")[0][0])
    assert after - before == 6 * 1500, "every row of every file, once"
    assert staff["tutup"] == 302 and staff["hitung"] == 302
    [[status]] = deployment.sql(
        f"SELECT status FROM placement_allocationround WHERE id = {deployment.round}"
    )
    assert status == "allocated"

    served = deployment.upstream_counts(since=started)
    app_addresses = {f"{SUBNET}.{HOSTS[n]}" for n in ("app1", "app2")}
    assert set(served) == app_addresses and min(served.values()) >= 10, served
    claimed = Counter(host for entry in deployment.task_workers().values() for host in entry[1:])
    assert set(claimed) == {"work1", "work2"}, claimed
    print(
        f"\nscale-out walk: requests per app host {dict(served)}, "
        f"task claims per worker host {dict(claimed)}"
    )


def test_a_restart_and_a_killed_worker_under_load_lose_nothing(
    deployment: Deployment,
) -> None:
    files = _spreadsheets(deployment.workdir / "books2", first=700_000, files=4, rows=4000)
    before = int(deployment.sql("SELECT count(*) FROM training_enrolment")[0][0])
    [[last_task]] = deployment.sql(
        "SELECT coalesce(max(enqueued_at), now())::text FROM django_tasks_database_dbtaskresult"
    )
    started = time.time()
    load = deployment.client_start(
        "load", {**STAFF, "clients": 6, "seconds": 45, "paths": LOAD_PAGES}
    )
    work = deployment.client_start("imports", {**STAFF, "files": files, "batch": deployment.batch})

    # Kill the worker host running a task (SIGKILL: no goodbye) in the middle of it.
    def running_task() -> list[list[str]]:
        return deployment.sql(
            "SELECT id, worker_ids ->> -1 FROM django_tasks_database_dbtaskresult"
            " WHERE status = 'RUNNING' ORDER BY started_at LIMIT 1"
        )

    [[killed_task, claim]] = wait_until(running_task, seconds=60, what="a task running")
    killed = claim.split(":")[0]
    survivor = {"work1": "work2", "work2": "work1"}[killed]
    stop(deployment.workers[killed], signal.SIGKILL)
    killed_at = time.time() - started

    # Restart app1 the way `systemctl restart` does: stop (finishing what it serves),
    # then start again, while the load goes on.
    time.sleep(max(0.0, 12 - (time.time() - started)))
    restart_began = time.time() - started
    stop(deployment.web["app1"], signal.SIGTERM)
    deployment.start_web("app1")
    restarted_in = time.time() - started - restart_began

    load_figures = deployment.client_result(load, timeout=300)
    imports = deployment.client_result(work, timeout=600)

    assert load_figures["failed"] == [], load_figures
    assert set(load_figures["statuses"]) == {"200"}, load_figures["statuses"]
    assert imports["failed"] == [], imports["failed"]
    assert [i["status"] for i in imports["imports"]] == ["done"] * 4, imports["imports"]
    after = int(deployment.sql("SELECT count(*) FROM training_enrolment")[0][0])
    assert after - before == 4 * 4000, "every row of every file, once"

    tasks = {
        row[0]: row[1:]
        for row in deployment.sql(
            "SELECT id, status, worker_ids::text FROM django_tasks_database_dbtaskresult"
            f" WHERE enqueued_at > '{last_task}'"
        )
    }
    assert tasks and {status for status, _ in tasks.values()} == {"SUCCESSFUL"}, tasks
    killed_claims = [w.split(":")[0] for w in json.loads(tasks[killed_task][1])]
    assert killed_claims[0] == killed and killed_claims[-1] == survivor, killed_claims
    # Each import job ran its check and its write once to the end: two tasks each.
    assert len(tasks) == 2 * 4, tasks

    served_after_restart = deployment.upstream_counts(since=started + restart_began + restarted_in)
    assert served_after_restart[f"{SUBNET}.{HOSTS['app1']}"] > 0, served_after_restart
    print(
        "\nscale-out load (6 clients, 45 s, through nginx to 2 app hosts x 2 gunicorn workers):"
        f"\n  requests {load_figures['requests']} ({load_figures['per_second']}/s),"
        f" errors after one retry {len(load_figures['failed'])},"
        f" retried {load_figures['retried']}"
        f"\n  p50 {load_figures['p50_ms']} ms, p95 {load_figures['p95_ms']} ms,"
        f" p99 {load_figures['p99_ms']} ms, max {load_figures['max_ms']} ms"
        f"\n  {killed} killed at {killed_at:.1f} s during task {killed_task}; it finished"
        f" on {killed_claims[-1]}"
        f"\n  app1 restarted at {restart_began:.1f} s, answering again after"
        f" {restarted_in:.1f} s"
        f"\n  imports: {[i.get('seconds') for i in imports['imports']]} s each, 4 x 4000 rows"
    )

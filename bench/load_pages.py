#!/usr/bin/env python3
"""Load benchmark: the pages people open all day, against gunicorn, at provincial scale.

    .venv/bin/python bench/load_pages.py [--people 1000000] [--duration 30]
        [--clients 1 10 50] [--open-loop 10] [--database jej_bench_load] [--tiny]

Creates the PostgreSQL database `--database` on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres) unless it exists, migrates it and seeds it
once, set-based (`bench/load_seed.py`): N people over the 35 regencies and cities of Jawa
Tengah with enrolments, graduates, tracer follow-ups, applications, referrals and cover.
A database seeded with another N is refused; `--reseed` drops and rebuilds it.

Then it starts gunicorn (2 sync workers, `config.settings.production` through
`bench/load_settings.py`, which only leaves static files uncollected; DEBUG off, bound to
127.0.0.1 only, behind no proxy but told `X-Forwarded-Proto: https` as one would), logs in
an office staff member of Kota Semarang, a provincial viewer (viewer of all 35 regions) and
a trainee through the login form, and drives each page:

- closed loop: C clients (each sends its next request when the last one answered) for
  `--duration` seconds, for each C of `--clients`: p50, p95, p99, throughput, errors;
- open loop: `--open-loop` requests per second in all, spread evenly over the pages,
  sent on schedule whatever the answers (latency counted from the scheduled time): p50,
  p95, p99 per page and overall.

An error is any answer but 200 or a failed connection. The machine's load average is
printed at the start and the end. Bars (docs/quality.md, issue 16): one client p50 ≤ 50 ms
on list pages and ≤ 100 ms on dashboards; open loop at about 10 requests/s p95 ≤ 150 ms;
saturation ≥ 50 requests/s on list pages and ≥ 20 on dashboards; no errors.

`--tiny` (the CI smoke test): 700 people, one gunicorn worker (it boots twice as fast on
a busy machine), 0.25 s per point, 1 and 2 clients, open loop 4 requests/s for 1 s.
`--template DB` creates the database as a copy of DB (already migrated) instead of
migrating an empty one.
"""

from __future__ import annotations

import argparse
import html
import http.client
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
TIMEOUT = 180.0


def machine(when: str) -> str:
    one, five, fifteen = os.getloadavg()
    return (
        f"machine {when}: {os.cpu_count()} CPUs, load average {one:.2f} {five:.2f} "
        f"{fifteen:.2f} (1, 5, 15 min), {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}"
    )


# --- the database ---------------------------------------------------------------------


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL") or DEFAULT_SERVER)
    return urlunsplit(parts._replace(path="/" + name))


def prepare_database(name: str, *, template: str | None, reseed: bool) -> bool:
    """Creates the database if it is missing (or dropped by `reseed`); True if created."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reseed:
            return False
        if exists:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        admin.execute(create)
    return True


# --- HTTP -----------------------------------------------------------------------------


class Session:
    """A logged-in user: cookies sent with every request over a new connection (gunicorn's
    sync workers close each connection after its answer)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            all_headers = {
                "Host": f"127.0.0.1:{self.port}",
                "X-Forwarded-Proto": "https",
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                **(headers or {}),
            }
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            data = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, data
        finally:
            conn.close()

    def login(self, login_path: str, username: str, password: str) -> None:
        status, page = self.request("GET", login_path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            raise RuntimeError(f"login page answered {status}")
        body = urlencode(
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "username": username,
                "password": password,
            }
        ).encode()
        origin = f"https://127.0.0.1:{self.port}"
        status, _ = self.request(
            "POST",
            login_path,
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + login_path,
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {username} answered {status}")


@dataclass
class Page:
    name: str
    user: str
    path: str
    kind: str  # "list", "dashboard", "page", "api" ("deep-list" until its path is found)


@dataclass
class Sample:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str = "") -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors += 1
                self.first_error = self.first_error or error


def fetch(session: Session, path: str) -> str:
    """One GET; an error message, or "" for a 200."""
    try:
        status, _ = session.request("GET", path)
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"
    return "" if status == 200 else f"HTTP {status}"


def follow_next(session: Session, path: str, hops: int) -> str:
    """The list page `hops` pages on from `path`, reached through its rel="next" links: the
    big lists page by keyset cursor, so a deep page has no number to ask for. Stops early
    at the last page."""
    base = path.split("?", 1)[0]
    for _ in range(hops):
        status, body = session.request("GET", path)
        match = re.search(rb'href="([^"]+)" rel="next"', body)
        if status != 200 or match is None:
            break
        path = base + html.unescape(match.group(1).decode())
    return path


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def closed_loop(session: Session, path: str, clients: int, duration: float) -> tuple[Sample, float]:
    sample = Sample()
    deadline = time.perf_counter() + duration

    def client() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            error = fetch(session, path)
            sample.add(time.perf_counter() - started, error)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sample, time.perf_counter() - started


def open_loop(
    pages: list[Page], sessions: dict[str, Session], rate: float, duration: float
) -> dict[str, Sample]:
    samples = {page.name: Sample() for page in pages}
    interval = 1.0 / rate
    threads = []
    begin = time.perf_counter()
    n = 0
    while True:
        scheduled = begin + n * interval
        if scheduled - begin >= duration:
            break
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        page = pages[n % len(pages)]

        def one(page: Page = page, scheduled: float = scheduled) -> None:
            error = fetch(sessions[page.user], page.path)
            samples[page.name].add(time.perf_counter() - scheduled, error)

        thread = threading.Thread(target=one, daemon=True)
        thread.start()
        threads.append(thread)
        n += 1
    for thread in threads:
        thread.join()
    return samples


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.0f}" if seconds == seconds else f"{'-':>8}"


# --- the server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.load_settings",  # production's, static files aside
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        JEJARING_DATA_DIR=str(data_dir),
        DATABASE_URL=url,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def start_server(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", "config.wsgi:application",
         "--workers", str(workers), "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--error-logfile", str(log)],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}; see {log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("gunicorn did not start listening within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown: the measuring is over
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- main -----------------------------------------------------------------------------


def pages_to_drive(batch_id: int) -> list[Page]:
    from django.urls import reverse

    from bench.load_seed import SEARCH_NAME

    people = reverse("trainees:person_list")
    return [
        Page("staff home", "staff", reverse("core:home"), "page"),
        Page("person list, first page", "staff", people, "list"),
        Page("person search by name", "staff", f"{people}?{urlencode({'q': SEARCH_NAME})}", "list"),
        # Found after logging in by following 499 "next" links (see follow_next).
        Page("person list, page 500", "staff", people, "deep-list"),
        Page("batch list", "staff", reverse("training:batch_list"), "list"),
        Page("batch detail", "staff", reverse("training:batch_detail", args=[batch_id]), "page"),
        Page("outcomes dashboard", "staff", reverse("outcomes:dashboard"), "dashboard"),
        Page("api: people", "staff", reverse("api:list_persons"), "api"),
        Page("api: batches", "staff", reverse("api:list_batches"), "api"),
        Page("api: follow-ups", "staff", reverse("api:list_follow_ups"), "api"),
        Page("api: referrals", "staff", reverse("api:list_referrals"), "api"),
        Page("api: social-security cover", "staff", reverse("api:list_coverages"), "api"),
        Page("viewer home", "viewer", reverse("core:home"), "page"),
        Page("viewer dashboard (35 regions)", "viewer", reverse("outcomes:dashboard"), "dashboard"),
        Page("trainee home", "trainee", reverse("core:home"), "page"),
        Page("api: trainee's enrolments", "trainee", reverse("api:my_enrolments"), "api"),
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per point")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--open-loop", type=float, default=10.0, metavar="RATE")
    parser.add_argument("--open-loop-duration", type=float, help="default: --duration × 2")
    parser.add_argument("--database", default="jej_bench_load")
    parser.add_argument("--template", help="create the database as a copy of this one")
    parser.add_argument("--reseed", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", help="drive only the pages whose name contains this")
    parser.add_argument("--seed-only", action="store_true")
    parser.add_argument("--tiny", action="store_true", help="the CI smoke test's size")
    args = parser.parse_args()
    if args.tiny:
        args.people, args.duration, args.clients, args.workers = 700, 0.25, [1, 2], 1
        args.open_loop, args.open_loop_duration = 4.0, 1.0
    open_duration = args.open_loop_duration or args.duration * 2

    print(machine("at start"))
    url = database_url(args.database)
    created = prepare_database(args.database, template=args.template, reseed=args.reseed)
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import load_seed
    from jejaring.regions.models import Region

    if connection.vendor != "postgresql":
        sys.exit("needs PostgreSQL")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"database {args.database} ({'created' if created else 'kept'}), migrate "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    if load_seed.is_seeded(args.people):
        print(f"seeded before: {args.people:,} people")
    elif Region.objects.exists():
        sys.exit(f"{args.database} holds other data: pass --reseed to rebuild it")
    else:
        print(f"seeding {args.people:,} people:")
        seeded = load_seed.seed(args.people)
        print(f"seeded {args.people:,} people in {seeded.seconds:.1f} s")
    staff_region = Region.objects.get(code=load_seed.STAFF_REGION)
    batch_id = load_seed.detail_batch_id(staff_region.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    print(f"database size {size}; PostgreSQL {getattr(connection, 'pg_version', '?')}")
    if args.seed_only:
        return 0
    pages = pages_to_drive(batch_id)
    if args.only:
        pages = [page for page in pages if args.only in page.name]
    from django.urls import reverse

    login_path = reverse("accounts:login")
    connection.close()

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="jejaring-load-") as work:
        log = Path(work) / "gunicorn.log"
        (Path(work) / "static").mkdir()  # STATIC_ROOT, empty (see bench/load_settings.py)
        started = time.perf_counter()
        server = start_server(server_env(url, Path(work)), port, args.workers, log)
        print(f"gunicorn listening after {time.perf_counter() - started:.1f} s", flush=True)
        try:
            sessions = {role: Session(port) for role in ("staff", "viewer", "trainee")}
            for role, username in (
                ("staff", load_seed.STAFF_USERNAME),
                ("viewer", load_seed.VIEWER_USERNAME),
                ("trainee", load_seed.TRAINEE_USERNAME),
            ):
                sessions[role].login(login_path, username, load_seed.PASSWORD)
            print(f"logged in after {time.perf_counter() - started:.1f} s", flush=True)
            for page in pages:
                if page.kind == "deep-list":
                    page.path = follow_next(sessions[page.user], page.path, 499)
                    page.kind = "list"
            for page in pages:  # warm each page once (imports, caches, connections)
                if error := fetch(sessions[page.user], page.path):
                    print(f"warning: {page.name} ({page.path}) answered {error}")
            print(f"pages warmed after {time.perf_counter() - started:.1f} s", flush=True)
            print(
                f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port}, production "
                f"settings; {args.duration:g} s per point"
            )
            print(f"{'page':<32} {'clients':>7} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} "
                  f"{'p99 ms':>8} {'req/s':>7} {'errors':>6}")  # fmt: skip
            for page in pages:
                for clients in args.clients:
                    sample, elapsed = closed_loop(
                        sessions[page.user], page.path, clients, args.duration
                    )
                    lat = sample.latencies
                    print(
                        f"{page.name:<32} {clients:>7} {len(lat):>8} {ms(percentile(lat, 0.5))} "
                        f"{ms(percentile(lat, 0.95))} {ms(percentile(lat, 0.99))} "
                        f"{len(lat) / elapsed:>7.1f} {sample.errors:>6}"
                        + (f"  first error: {sample.first_error}" if sample.errors else ""),
                        flush=True,
                    )
            mixed = [page for page in pages if page.kind != "api"] or pages
            samples = open_loop(mixed, sessions, args.open_loop, open_duration)
            print(f"open loop: {args.open_loop:g} requests/s for {open_duration:g} s over "
                  f"{len(mixed)} pages")  # fmt: skip
            for name, sample in samples.items():
                lat = sample.latencies
                print(f"  {name:<32} {len(lat):>5} p50 {ms(percentile(lat, 0.5))} ms "
                      f"p95 {ms(percentile(lat, 0.95))} ms errors {sample.errors}")  # fmt: skip
            every = [x for sample in samples.values() for x in sample.latencies]
            errors = sum(sample.errors for sample in samples.values())
            print(
                f"open loop overall: {len(every)} requests, p50 {ms(percentile(every, 0.5))} ms, "
                f"p95 {ms(percentile(every, 0.95))} ms, p99 {ms(percentile(every, 0.99))} ms, "
                f"mean {statistics.fmean(every) * 1000 if every else 0:.0f} ms, errors {errors}"
            )
        finally:
            stop_server(server)
            problems = [line for line in log.read_text().splitlines() if "ERROR" in line]
            if problems:
                print(f"gunicorn logged {len(problems)} errors, first: {problems[0]}")
    print(machine("at end"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`python manage.py demo`: migrate, load the Kota Pekalongan demo once, print the logins,
and serve it, with a task worker (`manage.py worker`) beside the development server so that
imports run as they do in production; Ctrl+C stops both.

Running it again is safe: when the demo region (Kota Pekalongan, code 33.75) exists the data
is left alone. Demo data is invented; the command refuses to write it into a server database
(PostgreSQL) unless `--force` says that database is a throwaway.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import translation

from jejaring.core.numbers import format_percent

DEFAULT_PORT = 8000


class Command(BaseCommand):
    help = (
        "Apply migrations, load the Kota Pekalongan demo data if it is not loaded yet, print "
        "the demo logins and start the development server."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="load and print the logins, but do not serve"
        )
        parser.add_argument(
            "--addr", default="127.0.0.1", help="address to serve on (default 127.0.0.1)"
        )
        parser.add_argument(
            "--port",
            default=None,
            help=f"port to serve on (default: the PORT environment variable, else {DEFAULT_PORT})",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="SQLite only: delete ALL data (flush) and load the demo again",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="allow loading demo data into a non-SQLite (e.g. PostgreSQL) database",
        )
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="serve without starting the background task worker",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from jejaring.demo.loader import DEMO_PASSWORD, demo_loaded, demo_logins, load_demo

        port = _port(options["port"])
        verbosity = options["verbosity"]
        vendor = connection.vendor
        where = _describe_database()
        if options["reset"] and vendor != "sqlite":
            raise CommandError(
                f"--reset deletes every row and is only allowed on SQLite; this database is "
                f"{where}."
            )
        if vendor != "sqlite" and not options["force"]:
            raise CommandError(
                f"Refusing to load demo data into {where}. The demo writes invented people, "
                "companies and results, which must never mix with a real office's records. "
                "Unset DATABASE_URL to use the local SQLite file, or pass --force if this "
                "database is a throwaway copy."
            )

        if verbosity:
            self.stdout.write(f"Applying database migrations to {where} …")
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        if options["reset"]:
            self.stdout.write(self.style.WARNING(f"--reset: deleting all data in {where}"))
            call_command("flush", interactive=False, verbosity=0)

        if demo_loaded():
            self.stdout.write("demo data already loaded (Kota Pekalongan exists); not loading.")
        else:
            self.stdout.write(f"Loading the demo into {where} …")
            summary = load_demo(seed=options["seed"])
            counts = summary.counts
            graduates_2020, absorbed_2020 = summary.absorption.get(("33.75", 2020), (0, 0))
            self.stdout.write(
                self.style.SUCCESS(f"Demo loaded in {summary.seconds:.1f} s: ")
                + ", ".join(
                    f"{counts.get(label, 0)} {name}"
                    for label, name in [
                        ("trainees.Person", "people"),
                        ("training.Batch", "packages"),
                        ("training.Enrolment", "enrolments"),
                        ("employers.Company", "companies"),
                        ("placement.Referral", "referrals"),
                        ("outcomes.FollowUpAnswer", "follow-up answers"),
                    ]
                )
            )
            if graduates_2020:
                with translation.override("en"):  # the console speaks English
                    share = format_percent(absorbed_2020 / graduates_2020, ratio=True)
                self.stdout.write(
                    f"Absorption 2020, Kota Pekalongan: {absorbed_2020} of {graduates_2020} "
                    f"graduates = {share}"
                )

        host = "127.0.0.1" if options["addr"] in ("0.0.0.0", "::", "") else options["addr"]  # noqa: S104
        host = f"[{host}]" if ":" in host else host
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Jejaring demo: http://{host}:{port}/"))
        self.stdout.write(f"Password for every login below: {DEMO_PASSWORD}")
        logins = demo_logins()
        width_user = max(len(login.username) for login in logins)
        width_role = max(len(login.role) for login in logins)
        self.stdout.write(f"  {'login':<{width_user}}  {'peran':<{width_role}}  keterangan")
        for login in logins:
            self.stdout.write(
                f"  {login.username:<{width_user}}  {login.role:<{width_role}}  {login.description}"
            )
        self.stdout.write("")

        if options["no_serve"]:
            return
        addr = options["addr"]
        bind = f"[{addr}]:{port}" if ":" in addr else f"{addr}:{port}"
        worker = None if options["no_worker"] else self._start_worker()
        try:
            call_command("runserver", bind, use_reloader=False)
        finally:
            if worker is not None:
                _stop(worker)

    def _start_worker(self) -> subprocess.Popen[bytes]:
        """The task worker in its own process, as in production (README, "Worker")."""
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "worker"]
        worker = subprocess.Popen([*command, "--no-startup-delay", "--verbosity", "0"])  # noqa: S603
        self.stdout.write(f"Task worker started (pid {worker.pid}); Ctrl+C stops it too.")
        return worker


def _stop(worker: subprocess.Popen[bytes]) -> None:
    # Ctrl+C in a terminal reaches the worker too; it finishes its task and exits. Give it
    # that chance, then make sure it is gone.
    if worker.poll() is None:
        worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _port(value: str | None) -> int:
    raw = value if value is not None else os.environ.get("PORT", str(DEFAULT_PORT))
    try:
        port = int(str(raw).strip())
    except ValueError:
        raise CommandError(f"The port must be a number, not {raw!r}.") from None
    if not 1 <= port <= 65535:
        raise CommandError(f"The port must be between 1 and 65535, not {port}.")
    return port


def _describe_database() -> str:
    db = settings.DATABASES["default"]
    vendor = connection.vendor
    if vendor == "sqlite":
        return f"the SQLite file {db['NAME']}"
    label = {"postgresql": "PostgreSQL"}.get(vendor, vendor)
    host = db.get("HOST") or "localhost"
    return f"the {label} database {db.get('NAME')!r} on {host}"

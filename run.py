#!/usr/bin/env python3
"""Set up Jejaring and run it: the two commands of the README.

    python3 run.py demo [args...]         load the Kota Pekalongan demo and serve it
    python3 run.py test [pytest args...]  install the test tools and run the tests

Needs only Python >= 3.11 (standard library only). The first run creates `.venv` with the
interpreter running this script and installs the locked, hash-checked requirements
(`requirements/base.txt` for the demo, `requirements/dev.txt` for the tests); later runs
skip the install while the requirements file is unchanged, as recorded in
`.venv/jejaring-requirements.json`.

This file keeps to syntax that Python 3.6 and later can parse, so that an old `python3`
reaches the version check below and prints a clear message rather than a SyntaxError.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

MIN_PYTHON = (3, 11)

# The first thing a user runs, with whatever `python3` their machine has.
if sys.version_info < MIN_PYTHON:
    sys.exit(
        "Jejaring needs Python {}.{} or newer; this is Python {}.{} ({}).\n"
        "Install a newer Python (https://www.python.org/downloads/) and run this script "
        "with it, e.g. `python3.11 run.py ...`.".format(
            *MIN_PYTHON, *sys.version_info[:2], sys.executable
        )
    )

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "jejaring-requirements.json"
REQUIREMENTS = {
    "demo": ROOT / "requirements" / "base.txt",
    "test": ROOT / "requirements" / "dev.txt",
}
#: pytest's exit status when it collected no tests; a test run that runs nothing fails.
PYTEST_NO_TESTS_COLLECTED = 5
#: At most this many pytest-xdist workers: each builds its own test database.
MAX_TEST_WORKERS = 4
#: Options after which a run is left to a single process: the user chose the workers,
#: or asked for something that does not run tests, or needs this console (a debugger).
SERIAL_OPTIONS = {
    "-n", "--numprocesses", "-p", "--pdb", "--trace", "-s", "--capture=no",
    "--version", "-V", "-h", "--help", "--co", "--collect-only", "--fixtures", "--markers",
}  # fmt: skip

USAGE = """\
usage: python3 run.py demo [args...]          set up, load the demo data and serve it
       python3 run.py test [pytest args...]   set up and run the tests

demo arguments go to `manage.py demo` (e.g. --no-serve); test arguments go to pytest."""


def say(message: str) -> None:
    """One short progress line, flushed before a child process writes its own output."""
    print(f"[run.py] {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def python_version_of(python: Path) -> tuple[int, int] | None:
    """The (major, minor) version of an interpreter, or None if it does not run."""
    if not python.exists():
        return None
    try:
        result = subprocess.run(  # noqa: S603 - our own venv's interpreter, fixed arguments
            [str(python), "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    major, minor = result.stdout.split()
    return int(major), int(minor)


def has_pip(python: Path) -> bool:
    result = subprocess.run(  # noqa: S603 - our own venv's interpreter, fixed arguments
        [str(python), "-m", "pip", "--version"], capture_output=True, check=False
    )
    return result.returncode == 0


def ensure_venv() -> Path:
    """Return the interpreter of `.venv`, creating (or re-creating) the environment."""
    python = venv_python()
    if VENV.exists():
        version = python_version_of(python)
        if version is not None and version >= MIN_PYTHON:
            if not has_pip(python):
                # Environments made by other tools (uv) may come without pip.
                say("Adding pip to .venv ...")
                run_or_exit(
                    [str(python), "-m", "ensurepip", "--default-pip"], "ensurepip", quiet=True
                )
            return python
        reason = "its Python no longer runs" if version is None else "its Python is too old"
        say(f"Re-creating .venv: {reason}.")
        shutil.rmtree(VENV)
    say(f"Creating .venv with Python {sys.version.split()[0]} ({sys.executable}) ...")
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except (OSError, subprocess.CalledProcessError) as error:
        shutil.rmtree(VENV, ignore_errors=True)
        sys.exit(
            f"Could not create .venv: {error}\n"
            "This Python lacks the venv module or its pip (ensurepip). On Debian or Ubuntu "
            "install it with: sudo apt install python3-venv"
        )
    return python


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_stamp() -> dict[str, str]:
    try:
        data = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def install(python: Path, requirements: Path) -> None:
    """Install a requirements file unless the stamp says this exact file is installed.

    base.txt and dev.txt are exported from the same uv.lock, so the packages they share
    have the same pins and installing one never invalidates the other's stamp.
    """
    if not requirements.exists():
        sys.exit(f"{requirements.relative_to(ROOT)} is missing; see requirements/README.md.")
    name = requirements.name
    digest = sha256_of(requirements)
    stamp = read_stamp()
    if stamp.get(name) == digest:
        say(f"Requirements up to date ({requirements.relative_to(ROOT).as_posix()}).")
        return
    first_time = " (the first time takes a few minutes)" if not stamp else ""
    say(f"Installing {requirements.relative_to(ROOT).as_posix()} into .venv{first_time} ...")
    run_or_exit(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--require-hashes",
            "--no-deps",
            "--disable-pip-version-check",
            "--no-input",
            "--quiet",
            "-r",
            str(requirements),
        ],
        "pip install",
    )
    # Keep the records of other files only while those files are unchanged.
    current = {
        other: recorded
        for other, recorded in stamp.items()
        if other != name
        and (ROOT / "requirements" / other).exists()
        and sha256_of(ROOT / "requirements" / other) == recorded
    }
    current[name] = digest
    STAMP.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def run_or_exit(command: list[str], what: str, *, quiet: bool = False) -> None:
    """Run a set-up step; stop with a message if it fails. A quiet step shows its output
    only when it fails."""
    if quiet:
        result = subprocess.run(  # noqa: S603 - fixed, trusted commands
            command, cwd=ROOT, capture_output=True, text=True, check=False
        )
        returncode = result.returncode
        if returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
    else:
        returncode = run(command)
    if returncode != 0:
        sys.exit(f"{what} failed (exit status {returncode}).")


def run(command: list[str]) -> int:
    """Run a child in the project directory and return its exit status.

    Ctrl+C reaches the child too (same console); we wait for it to finish on its own
    terms rather than leaving it orphaned, as a development server would be.
    """
    process = subprocess.Popen(command, cwd=ROOT)  # noqa: S603 - fixed, trusted commands
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue


def test_workers(args: list[str]) -> int:
    """How many processes run the tests: one per core (at most MAX_TEST_WORKERS) for a
    whole-suite run, one when the arguments name test files or directories (starting
    workers costs more than it saves there) or hold one of SERIAL_OPTIONS."""
    for arg in args:
        option = arg.split("=", 1)[0] if arg.startswith("--") else arg[:2]
        if arg in SERIAL_OPTIONS or option in SERIAL_OPTIONS:
            return 1
        if not arg.startswith("-") and (ROOT / arg.split("::", 1)[0]).exists():
            return 1
    return max(1, min(os.cpu_count() or 1, MAX_TEST_WORKERS))


def main(argv: list[str]) -> int:
    if argv and argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    if not argv or argv[0] not in REQUIREMENTS:
        print(USAGE, file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    python = ensure_venv()
    install(python, REQUIREMENTS[command])
    if command == "demo":
        say("Starting the demo (manage.py demo) ...")
        return run([str(python), "manage.py", "demo", *args])
    workers = test_workers(args)
    if workers > 1:
        say(f"Running the tests (pytest, {workers} processes) ...")
        args = ["-n", str(workers), "--dist", "loadfile", *args]
    else:
        say("Running the tests (pytest) ...")
    returncode = run([str(python), "-m", "pytest", *args])
    if returncode == PYTEST_NO_TESTS_COLLECTED:
        say("pytest collected no tests; a test run that runs nothing is a failure.")
        return 1
    return returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""One-archive backups of the database and the uploaded files, and their restore.

An archive (``jejaring-backup-YYYYMMDD-HHMMSS.tar.gz``) holds:

- ``database.sqlite3`` (SQLite, copied through ``sqlite3.Connection.backup``, the online
  backup API, so the web process and the worker may keep writing) or ``database.dump``
  (PostgreSQL, ``pg_dump --format=custom`` of one exported snapshot);
- ``media/…``: every file under ``MEDIA_ROOT`` (none when uploads are in object storage,
  which keeps them itself: the backup says so);
- ``manifest.json``: Jejaring's version, the engine, the applied migrations, the row count
  of every table (taken from the same snapshot as the dump) and the SHA-256 and size of
  every other member.

A restore goes into an empty database (no tables at all) and an empty media directory; it
checks every member against the manifest before it writes anything, refuses an archive of
another engine or of migrations this code does not know, and checks the row counts after.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.utils import load_backend

from jejaring.core.errors import ApplicationError

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.dump"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


class BackupError(ApplicationError):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class Outcome:
    archive: Path
    engine: str
    tables: int
    rows: int
    media_files: int
    size: int = 0
    notes: list[str] = field(default_factory=list)


# --- helpers -----------------------------------------------------------------------------


def jejaring_version() -> str:
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    try:
        with pyproject.open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Hashes what tarfile reads, so a file is read once and its checksum is of exactly the
    bytes stored in the archive."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return str(connection.vendor)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def media_directory(media_root: Path | None = None) -> Path | None:
    """The directory that holds the uploaded files, or None when they are in object
    storage (S3_BUCKET): a bucket is kept by its own versioning or replication, not
    copied through this machine, so a backup then holds the database alone and says so."""
    if media_root is not None:
        return Path(media_root)
    from django.core.files.storage import default_storage
    from storages.backends.s3 import S3Storage

    if isinstance(default_storage, S3Storage):
        return None
    return Path(settings.MEDIA_ROOT)


OBJECT_STORAGE_NOTE = (
    "uploaded files are in object storage (S3_BUCKET), not in this archive: keep them "
    "with the bucket's versioning or replication."
)


def _media_files(media_root: Path) -> Iterator[tuple[Path, str]]:
    if not media_root.is_dir():
        return
    for directory, _dirs, files in os.walk(media_root):
        for name in sorted(files):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path, path.relative_to(media_root).as_posix()


def database_tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _sqlite_tables(raw: sqlite3.Connection) -> list[str]:
    rows = raw.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return sorted(str(row[0]) for row in rows)


def _counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (quoted table names)
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _migrations(cursor: Any, tables: list[str]) -> list[str]:
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    params = connection.settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", params.get("HOST")),
        ("PGPORT", params.get("PORT")),
        ("PGUSER", params.get("USER")),
        ("PGPASSWORD", params.get("PASSWORD")),
        ("PGDATABASE", params.get("NAME")),
        ("PGSSLMODE", (params.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[key] = str(value)
    return env


def _pg_tool(name: str, connection: BaseDatabaseWrapper) -> str:
    """The path of pg_dump/pg_restore, refused when it is older than the server."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found on PATH; install the PostgreSQL client tools of the "
            "server's version (Debian: apt-get install postgresql-client)."
        )
    output = subprocess.run(  # noqa: S603 (a tool from PATH, no shell)
        [path, "--version"], capture_output=True, text=True, check=False
    )
    match = re.search(r"(\d+)(?:\.(\d+))?", output.stdout)
    server_major = int(connection.pg_version) // 10000  # type: ignore[attr-defined]
    if match is None:
        raise BackupError(f"could not read the version of {path}: {output.stdout!r}")
    client_major = int(match.group(1))
    if client_major < server_major:
        raise BackupError(
            f"{path} is version {client_major}, older than the PostgreSQL {server_major} "
            f"server; an older {name} cannot read a newer server. Install the client tools "
            f"of version {server_major} or newer (e.g. postgresql-client-{server_major}) "
            "and put them first on PATH."
        )
    return path


# --- backup ------------------------------------------------------------------------------


def default_archive_path(dest: Path, now: datetime | None = None) -> Path:
    """``dest`` itself when it names a ``.tar.gz`` file, else a timestamped archive in the
    directory ``dest`` (created if missing)."""
    if dest.is_dir() or not dest.name.endswith((".tar.gz", ".tgz")):
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        return dest / f"jejaring-backup-{stamp}.tar.gz"
    return dest


def create_backup(
    dest: Path, *, connection: BaseDatabaseWrapper, media_root: Path | None = None
) -> Outcome:
    """Write one archive of the database and the media files to ``dest`` (a directory, for
    a timestamped name, or a file path). The archive appears only when it is complete."""
    engine = engine_of(connection)
    media = media_directory(media_root)
    archive = default_archive_path(Path(dest))
    if archive.exists():
        raise BackupError(f"{archive} exists already; not overwriting it.")
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jejaring-backup-", dir=archive.parent) as work:
        work_dir = Path(work)
        if engine == "sqlite":
            member, dump, counts, migrations = _dump_sqlite(connection, work_dir)
        else:
            member, dump, counts, migrations = _dump_postgres(connection, work_dir)
        members: dict[str, dict[str, Any]] = {
            member: {"sha256": sha256_file(dump), "size": dump.stat().st_size}
        }
        partial = work_dir / "archive.tar.gz"
        media_count = 0
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            tar.add(dump, arcname=member, recursive=False)
            for path, relative in _media_files(media) if media is not None else ():
                name = MEDIA_PREFIX + relative
                info = tar.gettarinfo(str(path), arcname=name)
                with path.open("rb") as handle:
                    reader = _HashingReader(handle)
                    tar.addfile(info, reader)
                members[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}
                media_count += 1
            manifest = {
                "format": FORMAT,
                "jejaring_version": jejaring_version(),
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "engine": engine,
                "migrations": migrations,
                "tables": counts,
                "members": members,
            }
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(datetime.now(UTC).timestamp())
            tar.addfile(info, _BytesReader(data))
        os.replace(partial, archive)
    return Outcome(
        archive=archive,
        engine=engine,
        tables=len(counts),
        rows=sum(counts.values()),
        media_files=media_count,
        size=archive.stat().st_size,
        notes=[] if media is not None else [OBJECT_STORAGE_NOTE],
    )


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.offset + size
        chunk = self.data[self.offset : end]
        self.offset += len(chunk)
        return chunk


def _dump_sqlite(
    connection: BaseDatabaseWrapper, work: Path
) -> tuple[str, Path, dict[str, int], list[str]]:
    if connection.in_atomic_block:
        # The online backup waits for the source to be readable, which it never is while
        # this very connection holds a write transaction.
        raise BackupError("a SQLite backup must not run inside a transaction")
    connection.ensure_connection()
    target = work / SQLITE_MEMBER
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # Counts and migrations from the copy: exactly what the archive holds.
        tables = _sqlite_tables(copy)
        cursor = copy.cursor()
        counts = _counts(cursor, tables)
        migrations = _migrations(cursor, tables)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
    return SQLITE_MEMBER, target, counts, migrations


def _dump_postgres(
    connection: BaseDatabaseWrapper, work: Path
) -> tuple[str, Path, dict[str, int], list[str]]:
    pg_dump = _pg_tool("pg_dump", connection)
    target = work / POSTGRES_MEMBER
    # One repeatable-read snapshot, on a connection of its own (whatever transaction the
    # caller is in), for the counts and pg_dump (--snapshot): the manifest describes
    # exactly the dump even while the application keeps writing.
    snap = load_backend(connection.settings_dict["ENGINE"]).DatabaseWrapper(
        dict(connection.settings_dict), alias=f"{connection.alias}_backup_snapshot"
    )
    try:
        snap.ensure_connection()
        raw = snap.connection
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = ANY(current_schemas(false))"
            )
            tables = sorted(str(row[0]) for row in cursor.fetchall())
            counts = _counts(cursor, tables)
            migrations = _migrations(cursor, tables)
            result = subprocess.run(  # noqa: S603 (pg_dump from PATH, no shell)
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                env=_pg_environment(connection),
                capture_output=True,
                text=True,
                check=False,
            )
        raw.rollback()
    finally:
        snap.close()
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return POSTGRES_MEMBER, target, counts, migrations


# --- restore -----------------------------------------------------------------------------


def read_verified(archive: Path, work: Path) -> dict[str, Any]:
    """Extract ``archive`` into ``work`` and check every member against the manifest;
    returns the manifest. Nothing outside ``work`` is written."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(work, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive} is not a readable backup archive: {error}") from error
    manifest_path = work / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text())
        members: dict[str, dict[str, Any]] = manifest["members"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{archive} has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"archive format {manifest.get('format')!r} is not {FORMAT}")
    found = {
        path.relative_to(work).as_posix()
        for path in work.rglob("*")
        if path.is_file() and path != manifest_path
    }
    unexpected = sorted(found - set(members))
    missing = sorted(set(members) - found)
    if unexpected or missing:
        raise BackupError(
            "the archive does not match its manifest: "
            + "; ".join(
                part
                for part in (
                    f"not listed: {', '.join(unexpected)}" if unexpected else "",
                    f"missing: {', '.join(missing)}" if missing else "",
                )
                if part
            )
        )
    bad = [
        name
        for name, expected in sorted(members.items())
        if (work / name).stat().st_size != expected["size"]
        or sha256_file(work / name) != expected["sha256"]
    ]
    if bad:
        raise BackupError(
            "checksum mismatch (corrupted or altered) in: "
            + ", ".join(bad)
            + "; nothing was restored."
        )
    return dict(manifest)


def restore_backup(
    archive: Path, *, connection: BaseDatabaseWrapper, media_root: Path | None = None
) -> Outcome:
    engine = engine_of(connection)
    media = media_directory(media_root)
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist")
    with tempfile.TemporaryDirectory(prefix="jejaring-restore-") as work:
        work_dir = Path(work)
        manifest = read_verified(archive, work_dir)
        if manifest["engine"] != engine:
            raise BackupError(
                f"the archive holds a {manifest['engine']} database and this database is "
                f"{engine}; restore into a {manifest['engine']} database."
            )
        known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
        unknown = sorted(
            name
            for name in manifest["migrations"]
            if name.split(".", 1)[0] in _local_apps() and name not in known
        )
        if unknown:
            raise BackupError(
                "the archive was made by a newer Jejaring (migrations this code does not "
                f"have: {', '.join(unknown[:5])}); restore with that release or newer."
            )
        tables = database_tables(connection)
        if tables:
            raise BackupError(
                f"the database {connection.settings_dict['NAME']} is not empty "
                f"({len(tables)} tables, e.g. {tables[0]}); restore only into a new, empty "
                "database (PostgreSQL: createdb; SQLite: a new file)."
            )
        files = sum(1 for name in manifest["members"] if name.startswith(MEDIA_PREFIX))
        if media is None and files:
            raise BackupError(
                f"the archive holds {files} uploaded files and uploads here go to object "
                "storage (S3_BUCKET): restore with S3_BUCKET unset, into an empty "
                "JEJARING_DATA_DIR, then copy its media directory into the bucket (e.g. "
                "`aws s3 sync DATA_DIR/media s3://BUCKET`); nothing was restored."
            )
        existing = next(_media_files(media), None) if media is not None else None
        if existing is not None:
            raise BackupError(
                f"the media directory {media} is not empty (e.g. {existing[1]}); restore "
                "into an empty media directory."
            )
        if engine == "sqlite":
            _restore_sqlite(connection, work_dir / SQLITE_MEMBER)
        else:
            _restore_postgres(connection, work_dir / POSTGRES_MEMBER)
        media_count = 0
        for name in manifest["members"]:
            if not name.startswith(MEDIA_PREFIX):
                continue
            assert media is not None  # an archive with files into S3 was refused above
            target = media / name.removeprefix(MEDIA_PREFIX)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work_dir / name, target)
            media_count += 1
        expected: dict[str, int] = manifest["tables"]
        with connection.cursor() as cursor:
            actual = _counts(cursor, database_tables(connection))
        if actual != expected:
            differ = sorted(
                f"{table}: {actual.get(table)} rows, manifest {expected.get(table)}"
                for table in set(actual) | set(expected)
                if actual.get(table) != expected.get(table)
            )
            raise BackupError(
                "the restored database does not match the manifest: " + "; ".join(differ[:10])
            )
    notes = []
    local = _local_apps()
    if any(name not in manifest["migrations"] for name in known if name.split(".")[0] in local):
        notes.append("the archive is from an older release: run `manage.py migrate` next.")
    return Outcome(
        archive=archive,
        engine=engine,
        tables=len(expected),
        rows=sum(expected.values()),
        media_files=media_count,
        size=archive.stat().st_size,
        notes=notes,
    )


def _local_apps() -> set[str]:
    from django.apps import apps

    return {config.label for config in apps.get_app_configs() if config.name.startswith("jejaring")}


def _restore_sqlite(connection: BaseDatabaseWrapper, source: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(source)
    try:
        copy.backup(connection.connection)
    finally:
        copy.close()


def _restore_postgres(connection: BaseDatabaseWrapper, source: Path) -> None:
    pg_restore = _pg_tool("pg_restore", connection)
    result = subprocess.run(  # noqa: S603 (pg_restore from PATH, no shell)
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ],
        env=_pg_environment(connection),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (nothing was restored): {result.stderr.strip()}")


# --- comparing databases (tests, restore drills) -------------------------------------------


def table_digests(connection: BaseDatabaseWrapper) -> dict[str, tuple[int, str]]:
    """Every table's row count and a SHA-256 of its rows ordered by primary key (or by
    every column when it has none)."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            keys = connection.introspection.get_primary_key_columns(cursor, table) or columns
            # Quoted names from introspection; no values.
            select = ", ".join(_quote(c) for c in columns)
            order = ", ".join(_quote(c) for c in keys)
            cursor.execute(f"SELECT {select} FROM {_quote(table)} ORDER BY {order}")  # noqa: S608
            digest = hashlib.sha256()
            rows = 0
            while batch := cursor.fetchmany(2000):
                for row in batch:
                    digest.update(repr(tuple(row)).encode())
                    digest.update(b"\n")
                    rows += 1
            result[table] = (rows, digest.hexdigest())
    return result

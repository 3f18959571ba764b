"""Backup and restore (issue 14): the demo → `backup` → restore into a fresh database →
every table's rows and every media file identical, on SQLite and on PostgreSQL; a
corrupted or altered archive, an archive of another engine and a non-empty database are
refused before anything is written."""

from __future__ import annotations

import io
import json
import tarfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import load_backend

from jejaring.core.backup import (
    MANIFEST,
    BackupError,
    create_backup,
    database_tables,
    restore_backup,
    table_digests,
)
from jejaring.demo.loader import load_demo

MEDIA = {
    "enrolment-docs/2026/ktp-siti.pdf": b"%PDF-1.4 " + bytes(range(256)) * 40,
    "agreements/2025/pks-garmen.pdf": b"%PDF-1.7 perjanjian kerja sama",
    "imports/2026/11/peserta \u00e9t\u00e9.xlsx": b"PK\x03\x04" + b"\x00" * 1000,
    "empty.txt": b"",
}


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo, committed (pg_dump reads from another session, and SQLite's online backup
    cannot read a connection's own open write transaction); flushed after the test."""
    load_demo()


@pytest.fixture
def media(tmp_path: Path) -> Path:
    root = tmp_path / "media"
    for name, data in MEDIA.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def _files(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


@contextmanager
def fresh_database(tmp_path: Path) -> Iterator[BaseDatabaseWrapper]:
    """A new, empty database beside the test database: a new SQLite file, or a PostgreSQL
    database created here and dropped afterwards."""
    settings_dict = dict(connection.settings_dict)
    backend = load_backend(settings_dict["ENGINE"])
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / f"restored-{uuid.uuid4().hex[:8]}.sqlite3")
        target = backend.DatabaseWrapper(settings_dict, alias="restore_target")
        connections["restore_target"] = target
        try:
            yield target
        finally:
            target.close()
            del connections["restore_target"]
        return
    name = f"{settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name
    target = backend.DatabaseWrapper(settings_dict, alias="restore_target")
    connections["restore_target"] = target
    try:
        yield target
    finally:
        target.close()
        del connections["restore_target"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _round_trip(tmp_path: Path, media: Path) -> None:
    outcome = create_backup(tmp_path / "backups", connection=connection, media_root=media)
    assert outcome.archive.name.startswith("jejaring-backup-")
    assert outcome.archive.name.endswith(".tar.gz")
    assert outcome.media_files == len(MEDIA)
    manifest = _manifest(outcome.archive)
    assert manifest["engine"] == connection.vendor
    assert "trainees.0001_initial" in manifest["migrations"]
    assert manifest["tables"]["trainees_person"] > 100
    assert all(len(member["sha256"]) == 64 for member in manifest["members"].values())

    before = table_digests(connection)
    restored_media = tmp_path / "restored-media"
    with fresh_database(tmp_path) as target:
        result = restore_backup(outcome.archive, connection=target, media_root=restored_media)
        after = table_digests(target)
    assert result.rows == sum(count for count, _ in before.values())
    assert sorted(after) == sorted(before)
    differing = [table for table in before if before[table] != after[table]]
    assert differing == []
    assert _files(restored_media) == MEDIA


def _everything(tmp_path: Path, media: Path, settings: Any, capsys: Any) -> None:
    # One demo load per database for all of it (loading takes a few seconds).
    _round_trip(tmp_path / "round-trip", media)
    _refuses_corrupted_member_and_writes_nothing(tmp_path / "corrupted", media)
    _commands(tmp_path / "commands", media, settings, capsys)


@pytest.mark.sqlite
def test_backup_restore_sqlite(
    demo: None, tmp_path: Path, media: Path, settings: Any, capsys: Any
) -> None:
    _everything(tmp_path, media, settings, capsys)


@pytest.mark.postgres
def test_backup_restore_postgres(
    demo: None, tmp_path: Path, media: Path, settings: Any, capsys: Any
) -> None:
    _everything(tmp_path, media, settings, capsys)


@pytest.mark.sqlite
def test_refuses_inside_a_transaction(db: None, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="inside a transaction"):
        create_backup(tmp_path, connection=connection, media_root=tmp_path / "media")


def _manifest(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive) as tar:
        member = tar.extractfile(MANIFEST)
        assert member is not None
        return dict(json.loads(member.read()))


def _rewrite(archive: Path, target: Path, change: dict[str, bytes]) -> Path:
    """A copy of ``archive`` with some members' bytes replaced (the manifest untouched
    unless named)."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for info in source.getmembers():
            member = source.extractfile(info)
            data = member.read() if member is not None else b""
            data = change.get(info.name, data)
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    return target


def _refuses_corrupted_member_and_writes_nothing(tmp_path: Path, media: Path) -> None:
    tmp_path.mkdir()
    archive = create_backup(tmp_path / "b.tar.gz", connection=connection, media_root=media).archive
    corrupted = _rewrite(
        archive,
        tmp_path / "corrupted.tar.gz",
        {"media/agreements/2025/pks-garmen.pdf": b"%PDF-1.7 perjanjian kerja sama!"},
    )
    restored_media = tmp_path / "restored-media"
    with fresh_database(tmp_path) as target:
        with pytest.raises(BackupError, match=r"checksum mismatch.*pks-garmen\.pdf"):
            restore_backup(corrupted, connection=target, media_root=restored_media)
        assert database_tables(target) == []
    assert _files(restored_media) == {}

    member = "database.sqlite3" if connection.vendor == "sqlite" else "database.dump"
    with tarfile.open(archive) as tar:
        dump = tar.extractfile(member)
        assert dump is not None
        data = bytearray(dump.read())
    data[len(data) // 2] ^= 0xFF
    flipped = _rewrite(archive, tmp_path / "flipped.tar.gz", {member: bytes(data)})
    with fresh_database(tmp_path) as target:
        with pytest.raises(BackupError, match="checksum mismatch"):
            restore_backup(flipped, connection=target, media_root=restored_media)
        assert database_tables(target) == []

    extra = tmp_path / "extra.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(extra, "w:gz") as copy:
        for info in source.getmembers():
            copy.addfile(info, source.extractfile(info))
        info = tarfile.TarInfo("media/planted.html")
        info.size = 3
        copy.addfile(info, io.BytesIO(b"<x>"))
    with (
        fresh_database(tmp_path) as target,
        pytest.raises(BackupError, match=r"not listed: media/planted\.html"),
    ):
        restore_backup(extra, connection=target, media_root=restored_media)

    manifest = _manifest(archive)
    manifest["engine"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    other = _rewrite(
        archive, tmp_path / "other-engine.tar.gz", {MANIFEST: json.dumps(manifest).encode()}
    )
    with fresh_database(tmp_path) as target:
        with pytest.raises(BackupError, match="restore into a"):
            restore_backup(other, connection=target, media_root=restored_media)
        assert database_tables(target) == []
    assert _files(restored_media) == {}


def _commands(tmp_path: Path, media: Path, settings: Any, capsys: Any) -> None:
    settings.MEDIA_ROOT = media
    backups = tmp_path / "backups"
    backups.mkdir(parents=True)
    call_command("backup", str(backups))
    (archive,) = backups.iterdir()
    assert f"{len(MEDIA)} media files" in capsys.readouterr().out
    # Into the database it came from: not empty, refused.
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(archive))

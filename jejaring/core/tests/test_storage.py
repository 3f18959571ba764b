"""Stored files never share a name, whichever host saved them (jejaring.core.storage)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from jejaring.core.storage import UniqueNameFileSystemStorage


def test_two_hosts_saving_the_same_name_get_different_files(tmp_path: Path) -> None:
    # Two app hosts, each with its own disk (or both on one shared directory).
    host_a = UniqueNameFileSystemStorage(location=tmp_path / "a")
    host_b = UniqueNameFileSystemStorage(location=tmp_path / "b")
    shared = UniqueNameFileSystemStorage(location=tmp_path / "shared")
    name = "imports/2026/12/peserta.xlsx"
    names = [
        host_a.save(name, ContentFile(b"from a")),
        host_b.save(name, ContentFile(b"from b")),
        shared.save(name, ContentFile(b"first")),
        shared.save(name, ContentFile(b"second")),
    ]
    assert len(set(names)) == 4
    for stored in names:
        directory, token, filename = stored.rsplit("/", 2)
        assert directory == "imports/2026/12" and filename == "peserta.xlsx"
        assert len(token) == 16 and int(token, 16) >= 0
    with shared.open(names[2]) as first, shared.open(names[3]) as second:
        assert (first.read(), second.read()) == (b"first", b"second")


def test_a_long_name_is_shortened_to_the_field_and_keeps_its_extension(tmp_path: Path) -> None:
    storage = UniqueNameFileSystemStorage(location=tmp_path)
    stored = storage.save("imports/" + "x" * 200 + ".xlsx", ContentFile(b"1"), max_length=100)
    assert len(stored) <= 100 and stored.endswith("xx.xlsx")


@pytest.mark.parametrize("name", ["../outside.xlsx", "imports/../../etc/passwd", "/abs.xlsx"])
def test_a_name_that_leaves_the_storage_is_refused(tmp_path: Path, name: str) -> None:
    storage = UniqueNameFileSystemStorage(location=tmp_path / "media")
    with pytest.raises(SuspiciousFileOperation):
        storage.save(name, ContentFile(b"1"))
    assert not any((tmp_path).rglob("*.xlsx")) and not (tmp_path / "etc").exists()


def test_the_configured_storage_names_files_the_same_way() -> None:
    first = default_storage.save("imports/peserta.xlsx", ContentFile(b"1"))
    second = default_storage.save("imports/peserta.xlsx", ContentFile(b"2"))
    assert first != second
    assert first.endswith("/peserta.xlsx") and second.endswith("/peserta.xlsx")
    default_storage.delete(first)
    default_storage.delete(second)

"""File storage whose every saved file has a name no other save can take, on any host.

Django's storages pick a free name by looking at their own disk: two app hosts that each
save `imports/2026/12/peserta.xlsx` both find the name free, and a worker on a shared
directory (or the other host's job) then opens the other person's file. Here every save
puts the file in a folder of its own, named by 64 random bits:
`imports/2026/12/3f9c0a7be41d22c5/peserta.xlsx`. The original name stays readable (and
is what downloads are called); the folder also makes stored names unguessable.

`UniqueNameFileSystemStorage` is the default storage (a directory that several hosts
share, e.g. over NFS, in a scaled-out deployment); tests use `UniqueNameInMemoryStorage`
so that they exercise the same naming.
"""

from __future__ import annotations

import posixpath
import secrets

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.core.files.utils import validate_file_name

TOKEN_BYTES = 8


class UniqueNamesMixin:
    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        name = str(name).replace("\\", "/")
        validate_file_name(name, allow_relative_path=True)
        directory, filename = posixpath.split(name)
        token = secrets.token_hex(TOKEN_BYTES)
        candidate = posixpath.join(directory, token, filename)
        if max_length is not None and len(candidate) > max_length:
            stem, extension = posixpath.splitext(filename)
            keep = max_length - (len(candidate) - len(filename)) - len(extension)
            if keep < 1:
                raise SuspiciousFileOperation(
                    f'Storage can not find an available filename for "{name}": '
                    "the folder alone is longer than the field allows."
                )
            candidate = posixpath.join(directory, token, stem[:keep] + extension)
        available: str = super().get_available_name(candidate, max_length)  # type: ignore[misc]
        return available


class UniqueNameFileSystemStorage(UniqueNamesMixin, FileSystemStorage):
    pass


class UniqueNameInMemoryStorage(UniqueNamesMixin, InMemoryStorage):
    pass

"""File storage whose every saved file has a name no other save can take, on any host.

Django's storages pick a free name by looking at their own disk: two app hosts that each
save `imports/2026/12/peserta.xlsx` both find the name free, and a worker on a shared
directory (or the other host's job) then opens the other person's file. Here every save
puts the file in a folder of its own, named by 64 random bits:
`imports/2026/12/3f9c0a7be41d22c5/peserta.xlsx`. The original name stays readable (and
is what downloads are called); the folder also makes stored names unguessable.

`UniqueNameFileSystemStorage` is the default storage (a directory that several hosts
share, e.g. over NFS, in a scaled-out deployment); `UniqueNameS3Storage` keeps the files
in an S3-compatible bucket when `S3_BUCKET` is set (config/settings/base.py); tests use
`UniqueNameInMemoryStorage` so that they exercise the same naming. All three name files
through `UniqueNamesMixin`.

Uploaded files hold personal documents, so they are read only through the storage API
(`field.open("rb")`) by views that check permissions, never by a path on disk nor a URL
handed to the browser: the code works the same on every storage.
"""

from __future__ import annotations

import posixpath
import secrets

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, InMemoryStorage
from django.core.files.utils import validate_file_name
from storages.backends.s3 import S3Storage

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


class UniqueNameS3Storage(UniqueNamesMixin, S3Storage):
    """Private objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, Wasabi …).

    What keeps them private is set here, so no `AWS_*` setting can loosen it:
    no ACL is sent (objects take the bucket's own, private unless someone opened the
    bucket), `url()` answers only a signed link that expires in five minutes (the admin
    shows one to superusers; the app never does), and no custom domain (whose links would
    be unsigned). The random folder alone keeps names apart (64 bits: no existence check
    before each upload, so the keys need only to put, get and delete objects). A file
    read larger than the upload memory limit is spooled to a temporary file, not memory.
    """

    default_acl = None
    querystring_auth = True
    querystring_expire = 300
    signature_version = "s3v4"  # what current S3 services require; its links expire
    custom_domain = None
    file_overwrite = True  # the name was made unique above: no HEAD request first
    max_memory_size = 5 * 1024 * 1024

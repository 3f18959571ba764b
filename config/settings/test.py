"""Test settings: tasks run immediately, fast password hashing, in-memory email."""

from .base import *  # noqa: F403
from .base import PASSWORD_HASHERS

DEBUG = False
# Argon2 is deliberately slow; tests create hundreds of users. Production keeps Argon2
# first (a test checks the production settings).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "jejaring.core.storage.UniqueNameInMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

"""The environment of a process started with the production settings, for tests that run
one (gunicorn, error reporting): fresh secrets, an allowed host, its own data directory."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (conftest.py) stays in this test
        # process: a production process never has it, and `check --deploy` refuses it.
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="jejaring.example.go.id",
        JEJARING_DATA_DIR=str(data_dir),
    )
    env.update(extra)
    return env

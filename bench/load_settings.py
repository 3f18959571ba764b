"""The production settings for `bench/load_pages.py`'s gunicorn, with one change: static
files are not collected (the benchmark requests pages, not their CSS and scripts), so the
storage is the plain one instead of WhiteNoise's manifest, which would need `collectstatic`
to have run first."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

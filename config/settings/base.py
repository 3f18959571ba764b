"""Settings shared by every environment. Values that differ come from the environment
through the typed helpers in config.env, which refuse bad values at start-up."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_group, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = env_path("JEJARING_DATA_DIR", BASE_DIR / "data")

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-do-not-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "jejaring.core",
    "jejaring.regions",
    "jejaring.accounts",
    "jejaring.notices",
    "jejaring.trainees",
    "jejaring.training",
    "jejaring.assessment",
    "jejaring.employers",
    "jejaring.internships",
    "jejaring.jobseekers",
    "jejaring.placement",
    "jejaring.vacancies",
    "jejaring.enterprise",
    "jejaring.outcomes",
    "jejaring.planning",
    "jejaring.social_security",
    "jejaring.demo",
]

MIDDLEWARE = [
    # /healthz and /readyz, before the host check, the HTTPS redirect and the session.
    "jejaring.core.health.HealthMiddleware",
    # A request that waited in the queue past nginx's timeout is dropped (503) unworked.
    "jejaring.core.health.QueueDeadlineMiddleware",
    # Times and counts every request by route; answers /metrics (jejaring.core.metrics).
    "jejaring.core.metrics.MetricsMiddleware",
    # The request's id, on its log lines, its tasks' and the X-Request-Id header.
    "jejaring.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jejaring.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jejaring.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A NUL character in a query or form parameter is a 400 before any view reads it.
    "jejaring.core.middleware.NulParameterMiddleware",
    "jejaring.core.middleware.ApplicationErrorMiddleware",
    # Axes must come last so that it sees the result of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jejaring.core.context_processors.navigation",
                "jejaring.regions.context_processors.current_region",
                "jejaring.notices.context_processors.unread_notifications",
            ],
        },
    }
]


def _database_from_env() -> dict[str, Any]:
    url = env_str("DATABASE_URL", "")
    if url:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        )
        options = config.setdefault("OPTIONS", {})
        if "postgresql" in config["ENGINE"]:
            # The app's queries are short; PostgreSQL's JIT compiled the dashboard and home
            # figures on every call and cost more than it saved (docs/performance.md).
            options.setdefault("options", "-c jit=off")
        return config
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "jejaring.sqlite3",
        "OPTIONS": {
            # WAL lets the web process read while the task worker writes; IMMEDIATE makes
            # a writing transaction take its lock up front instead of failing half-way.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # A file lets a developer keep the test database between runs (pytest --reuse-db);
        # unset, tests use an in-memory database.
        "TEST": {"NAME": env_str("JEJARING_TEST_SQLITE", "") or None},
    }


DATABASES = {"default": _database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# How many reverse proxies in front of the application append the connecting address to
# X-Forwarded-For (0: none, the connecting address is the client's). Too high and clients
# can choose their own address; too low and everyone has the proxy's. See
# jejaring.core.clientip.
JEJARING_TRUSTED_PROXY_COUNT = env_int("JEJARING_TRUSTED_PROXY_COUNT", 0, minimum=0)

# Login throttling: five failures for one username from one client address lock that
# username for that address only, for 15 minutes, so that nobody can lock an account for
# everyone; office staff can lift a lockout early (accounts:lockouts).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "jejaring.core.clientip.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "jejaring_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Uploaded files hold personal documents: they are served only through views that check
# permissions, never straight from MEDIA_ROOT by the web server.
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000


def _file_storage() -> dict[str, Any]:
    """Where uploaded files live: MEDIA_ROOT (a directory every host shares, e.g. over
    NFS) by default; an S3-compatible bucket when S3_BUCKET is set, with its keys (a
    bucket without them, or keys without a bucket, stops the process). S3_ENDPOINT_URL
    names a service other than AWS (MinIO, Ceph …); S3_REGION its region. Either way
    each stored name gets a random folder of its own (jejaring.core.storage)."""
    s3 = env_group(
        "Object storage",
        required=("S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"),
        optional=("S3_ENDPOINT_URL", "S3_REGION"),
    )
    if not s3:
        return {"BACKEND": "jejaring.core.storage.UniqueNameFileSystemStorage"}
    return {
        "BACKEND": "jejaring.core.storage.UniqueNameS3Storage",
        "OPTIONS": {
            "bucket_name": s3["S3_BUCKET"],
            "access_key": s3["S3_ACCESS_KEY_ID"],
            "secret_key": s3["S3_SECRET_ACCESS_KEY"],
            "endpoint_url": s3.get("S3_ENDPOINT_URL"),
            "region_name": s3.get("S3_REGION"),
        },
    }


STORAGES = {
    "default": _file_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _limits_cache() -> dict[str, Any]:
    """The cache behind jejaring.core.limits. It must be shared by every process and
    survive restarts: the database by default (its table is made by a core migration),
    Redis when REDIS_URL is set."""
    url = env_str("REDIS_URL", "")
    if url:
        return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": "jj"}
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jejaring_cache",
        # Culling would drop live counters and let a flood through: keep far more
        # entries than accepted submissions can create before they expire.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }


CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "limits": _limits_cache(),
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Jejaring <noreply@jejaring.local>")


def _session_engine() -> str:
    """Sessions live in the database, which every host shares; with REDIS_URL they are
    also cached in Redis (the "limits" cache), so most requests read them from there and
    a Redis restart loses none."""
    if env_str("REDIS_URL", ""):
        return "django.contrib.sessions.backends.cached_db"
    return "django.contrib.sessions.backends.db"


SESSION_ENGINE = _session_engine()
SESSION_CACHE_ALIAS = "limits"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Everything is served from our own origin (no CDN: offices have weak internet), so the
# policy can be strict; HTMX needs no inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

NINJA_PAGINATION_PER_PAGE = 50

# Our form templates live in templates/partials; Django's own forms (login, password
# change) render with them too.
FORM_RENDERER = "jejaring.core.forms.FormRenderer"

# One line a record on standard error: `plain` for people, `json` for a log collector
# (production's default); each carries the request's id (jejaring.core.logs).
LOG_FORMAT = env_str("LOG_FORMAT", "plain")


def log_formatter(log_format: str) -> str:
    if log_format not in {"plain", "json"}:
        raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {log_format!r}")
    return log_format


LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jejaring.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {"()": "jejaring.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": log_formatter(LOG_FORMAT),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO; fontTools likewise.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Task recovery (jejaring/core/worker.py): a task left running by a dead worker is retried
# until it has had this many attempts, then failed with its import job.
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 3)
TASK_WORKER_STALE_AFTER = env_int("TASK_WORKER_STALE_AFTER", 120)
TASK_RUNNING_LIMIT = env_int("TASK_RUNNING_LIMIT", 3600)
# How often a worker renews its heartbeat and looks for lost tasks; keep both well under
# TASK_WORKER_STALE_AFTER.
TASK_HEARTBEAT_EVERY = env_int("TASK_HEARTBEAT_EVERY", 10, minimum=1)
TASK_RECOVER_EVERY = env_int("TASK_RECOVER_EVERY", 60, minimum=1)
# /readyz and `manage.py check_ready` (jejaring.core.health): a worker must have kept its
# heartbeat within this many seconds, and no task may have waited to run for longer.
READY_WORKER_WITHIN = env_int("READY_WORKER_WITHIN", 60, minimum=1)
READY_QUEUE_MAX_AGE = env_int("READY_QUEUE_MAX_AGE", 300, minimum=1)
# /metrics answers a scraper with `Authorization: Bearer <this>`; unset, only a direct
# connection from the loopback address (jejaring.core.metrics).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
# Seconds a request may have waited since nginx received it (X-Request-Start) before it is
# dropped unworked: nginx's proxy_read_timeout, past which its client has a 504 already.
REQUEST_QUEUE_TIMEOUT = env_int("REQUEST_QUEUE_TIMEOUT", 30, minimum=1)

"""Production: every secret comes from the environment and the process refuses to start
without it. `manage.py check --deploy` is clean with these settings."""

from config.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies in front of the application (base.py reads the count): set
# JEJARING_TRUSTED_PROXY_COUNT to how many append to X-Forwarded-For (1 for one nginx or
# Caddy), or login lockouts, the registration limit and audit addresses all see the
# proxy's address for everyone. Never set it higher than the real number of proxies:
# clients could then choose their own address.
#
# The "limits" cache (base.py) is the database unless REDIS_URL is set; `migrate` creates
# its table.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

STORAGES = {
    "default": STORAGES["default"],  # noqa: F405 - base.py: a shared directory or S3
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Real mail by default in production; the console backend would silently drop resets.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# JSON log lines for a log collector, unless LOG_FORMAT=plain.
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = log_formatter(LOG_FORMAT)  # noqa: F405

# Error reporting (config/sentry.py) when SENTRY_DSN is set: no personal data is sent.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from config.sentry import init as _sentry_init

    _sentry_init(SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"))

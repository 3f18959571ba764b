"""Typed readers for environment variables that fail loudly.

A misspelt boolean or a non-numeric port must stop the process at start-up with a
message naming the variable, not be silently read as a default.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_MISSING = object()


def _raw(name: str, default: object) -> str | object:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
        return default
    return value


def env_str(name: str, default: str | object = _MISSING) -> str:
    """Return the variable as a string; required when no default is given."""
    value = _raw(name, default)
    if not isinstance(value, str):
        raise ImproperlyConfigured(f"Environment variable {name} must be a string.")
    return value


def env_bool(name: str, default: bool | object = _MISSING) -> bool:
    """Accept 1/0, true/false, yes/no, on/off (any case); anything else is an error."""
    value = _raw(name, default)
    if isinstance(value, bool):
        return value
    assert isinstance(value, str)
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={value!r} is not a boolean (use true or false)."
    )


def env_int(name: str, default: int | object = _MISSING, *, minimum: int | None = None) -> int:
    """Return an integer, optionally with a lower bound."""
    value = _raw(name, default)
    if isinstance(value, int):
        result = value
    else:
        assert isinstance(value, str)
        try:
            result = int(value.strip())
        except ValueError:
            raise ImproperlyConfigured(
                f"Environment variable {name}={value!r} is not an integer."
            ) from None
    if minimum is not None and result < minimum:
        raise ImproperlyConfigured(f"Environment variable {name} must be at least {minimum}.")
    return result


def env_list(name: str, default: list[str] | object = _MISSING) -> list[str]:
    """Comma-separated list; blank items are dropped."""
    value = _raw(name, default)
    if isinstance(value, list):
        return value
    assert isinstance(value, str)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path | object = _MISSING) -> Path:
    """A filesystem path, made absolute."""
    value = _raw(name, default)
    return Path(str(value)).expanduser().resolve()


def env_group(
    feature: str, required: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, str]:
    """Variables that configure one feature together (object storage: a bucket and its
    keys). None of them set: an empty dict, the feature is off. Every `required` one set:
    all that are set, by name. Anything in between is a half configuration, which stops
    the process naming what is missing rather than failing at the first use."""
    values = {name: env_str(name, "").strip() for name in (*required, *optional)}
    given = [name for name, value in values.items() if value]
    if not given:
        return {}
    missing = [name for name in required if not values[name]]
    if missing:
        raise ImproperlyConfigured(
            f"{feature}: {', '.join(given)} set but {', '.join(missing)} not; set "
            f"{'it' if len(missing) == 1 else 'them'} too, or unset the others."
        )
    return {name: value for name, value in values.items() if value}

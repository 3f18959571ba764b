"""Settings that must hold in production, and env helpers that fail loudly."""

import importlib
import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env


def test_a_misspelt_boolean_stops_the_process(monkeypatch):
    monkeypatch.setenv("JJ_FLAG", "ya")
    with pytest.raises(ImproperlyConfigured, match="JJ_FLAG"):
        env.env_bool("JJ_FLAG", False)


def test_a_non_numeric_integer_stops_the_process(monkeypatch):
    monkeypatch.setenv("JJ_NUMBER", "lima")
    with pytest.raises(ImproperlyConfigured, match="JJ_NUMBER"):
        env.env_int("JJ_NUMBER", 5)


def test_a_required_variable_must_be_set(monkeypatch):
    monkeypatch.delenv("JJ_MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="JJ_MISSING"):
        env.env_str("JJ_MISSING")


def test_production_hashes_passwords_with_argon2_and_requires_its_secrets(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "jejaring.example.go.id")
    module = importlib.import_module("config.settings.production")
    module = importlib.reload(module)
    assert module.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert module.SESSION_COOKIE_SECURE and module.CSRF_COOKIE_SECURE
    monkeypatch.delenv("DJANGO_SECRET_KEY")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        importlib.reload(module)
    assert os.environ.get("DJANGO_SETTINGS_MODULE") == "config.settings.test"

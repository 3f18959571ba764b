"""Rate limits in the shared "limits" cache (jejaring.core.limits)."""

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache

from jejaring.core import limits

pytestmark = pytest.mark.django_db

THREE_A_DAY = limits.Rate("test.three", count=3, seconds=24 * 60 * 60)
NIK = "3375014107990001"


def slot_keys(rate=THREE_A_DAY):
    return limits._slot_keys(rate, NIK)


@pytest.fixture(autouse=True)
def fresh_limits():
    # The database cache is rolled back with each test; Redis (REDIS_URL) is not.
    clear_limits()


def clear_limits():
    cache = caches[limits.CACHE_ALIAS]
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("limit:*")


@pytest.mark.skipif(bool(os.environ.get("REDIS_URL")), reason="REDIS_URL is set")
def test_the_limits_cache_is_the_database_by_default():
    assert isinstance(caches[limits.CACHE_ALIAS], DatabaseCache)


def test_a_subject_is_over_its_rate_only_once_it_has_used_it():
    for _ in range(3):
        assert not limits.exceeded([(THREE_A_DAY, NIK)])
        limits.record([(THREE_A_DAY, NIK)])
    assert limits.exceeded([(THREE_A_DAY, NIK)])
    assert not limits.exceeded([(THREE_A_DAY, "3375014107990002")])


def test_the_count_is_shared_by_every_process_and_survives_a_cleared_local_cache():
    for _ in range(3):
        limits.record([(THREE_A_DAY, NIK)])
    caches["default"].clear()
    # A second client of the same cache, as another worker process would have.
    other_process = caches.create_connection(limits.CACHE_ALIAS)
    assert other_process is not caches[limits.CACHE_ALIAS]
    assert len(other_process.get_many(slot_keys())) == 3
    del caches[limits.CACHE_ALIAS]
    assert limits.exceeded([(THREE_A_DAY, NIK)])


def test_the_cache_never_holds_the_clear_subject():
    limits.record([(THREE_A_DAY, NIK)])
    assert all(NIK not in key for key in slot_keys())
    if not isinstance(caches[limits.CACHE_ALIAS], DatabaseCache):
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM jejaring_cache")
        rows = cursor.fetchall()
    assert rows
    assert all(NIK not in key and NIK not in str(value) for key, value in rows)


def test_an_event_stops_counting_once_its_period_is_over():
    brief = limits.Rate("test.brief", count=1, seconds=60)
    limits.record([(brief, NIK)])
    assert limits.exceeded([(brief, NIK)])
    cache = caches[limits.CACHE_ALIAS]
    cache.touch(slot_keys(brief)[0], timeout=-1)
    assert not limits.exceeded([(brief, NIK)])


def test_concurrent_records_each_take_a_slot_of_their_own():
    other_process = caches.create_connection(limits.CACHE_ALIAS)
    limits.record([(THREE_A_DAY, NIK)])
    key = slot_keys()[1]
    assert other_process.add(key, 1, timeout=60)
    limits.record([(THREE_A_DAY, NIK)])
    assert limits.used(THREE_A_DAY, NIK) == 3


def test_an_empty_subject_is_neither_counted_nor_limited():
    limits.record([(THREE_A_DAY, "")] * 5)
    assert not limits.exceeded([(THREE_A_DAY, "")])


def test_a_rate_needs_a_count_and_a_period():
    with pytest.raises(ValueError):
        limits.Rate("test.none", count=0, seconds=60)


def test_the_limits_cache_is_redis_when_redis_url_is_set(monkeypatch):
    from config.settings import base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    cache = base._limits_cache()
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/1"
    monkeypatch.delenv("REDIS_URL")
    assert base._limits_cache()["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_sessions_are_cached_in_redis_only_when_redis_url_is_set(monkeypatch):
    from config.settings import base

    assert base._session_engine() == "django.contrib.sessions.backends.db"
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    assert base._session_engine() == "django.contrib.sessions.backends.cached_db"


def redis_url() -> str:
    import os

    import redis

    url = "redis://127.0.0.1:6379/14"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI=true at {url}")
        pytest.skip(f"Redis is not reachable at {url}")
    return url


@pytest.mark.django_db
def test_a_session_cached_in_redis_survives_a_redis_flush(client, settings):
    import redis
    from django.core.cache import caches

    from jejaring.accounts.tests.factories import UserFactory

    url = redis_url()
    settings.CACHES = {
        **settings.CACHES,
        "limits": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url,
                   "KEY_PREFIX": "jj-test"},
    }  # fmt: skip
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    server = redis.Redis.from_url(url)
    server.flushdb()
    try:
        user = UserFactory(password="rahasia-yang-panjang-1")
        assert (
            client.post(
                "/akun/masuk/", {"username": user.username, "password": "rahasia-yang-panjang-1"}
            ).status_code
            == 302
        )
        assert any(b"django.contrib.sessions.cached_db" in key for key in server.keys("*"))
        server.flushdb()  # Redis restarted: the session is still in the database
        caches["limits"].close()
        assert client.get("/beranda/").status_code == 200
    finally:
        server.flushdb()

"""The person registry over the API."""

import pytest

from jejaring.trainees.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_api_lists_people_masked_and_paginated(client, cast):
    PersonFactory.create_batch(3, region=cast.region_a)
    client.force_login(cast.staff_a)
    body = client.get("/api/persons/").json()
    assert body["count"] == 5  # three here plus the cast's two trainees
    assert all("••••" in item["nik_masked"] for item in body["items"])
    assert all("nik" not in item for item in body["items"])


def test_another_region_s_person_is_a_404_with_the_error_shape(client, cast):
    other = PersonFactory(region=cast.region_b)
    client.force_login(cast.staff_a)
    response = client.get(f"/api/persons/{other.pk}")
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "detail"}


def test_revealing_the_nik_needs_the_right_role(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(f"/api/persons/{cast.person_1.pk}/reveal-nik")
    assert response.status_code == 200
    assert response.json()["nik"] == cast.person_1.nik


def test_the_api_needs_a_signed_in_user(client):
    response = client.get("/api/persons/")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_me_tells_the_roles(client, cast):
    client.force_login(cast.operator)
    body = client.get("/api/accounts/me").json()
    assert body["roles"] == ["operator"]
    assert [r["code"] for r in body["regions"]] == ["33.75"]


def test_the_api_pages_people_by_cursor(client, cast):
    PersonFactory.create_batch(55, region=cast.region_a)
    client.force_login(cast.staff_a)
    first = client.get("/api/persons/").json()
    assert len(first["items"]) == 50
    assert first["count"] == 57
    assert first["count_capped"] is False
    assert first["previous"] is None
    second = client.get("/api/persons/", {"cursor": first["next"]}).json()
    assert len(second["items"]) == 7
    assert second["next"] is None
    seen = {item["id"] for item in first["items"]} | {item["id"] for item in second["items"]}
    assert len(seen) == 57
    back = client.get("/api/persons/", {"cursor": second["previous"]}).json()
    assert back["items"] == first["items"]


def test_the_api_answers_a_malformed_cursor_with_a_422_or_the_first_page(client, cast):
    client.force_login(cast.staff_a)
    assert client.get("/api/persons/", {"cursor": "not a cursor!"}).status_code == 422
    assert client.get("/api/persons/", {"cursor": "bm90IGpzb24"}).status_code == 200

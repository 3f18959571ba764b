"""The planning API: needs, suggestions and mapping, the gap, plans and the instructor
search; errors as {"code", "message", "detail"}."""

import pytest

from jejaring.planning import services
from jejaring.planning.models import IndustryNeed
from jejaring.planning.tests.factories import (
    EnvelopeFactory,
    InstructorNeedFactory,
    NeedFactory,
    PlanFactory,
    PlanLineFactory,
    another_staff,
)
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mechanic(db):
    vocation = VocationFactory(code="mekanik-mesin-jahit", name="Mekanik Mesin Jahit Garmen")
    services.synonyms_load_curated()
    return vocation


def test_company_hr_submit_a_need_and_list_only_their_own(client, cast):
    NeedFactory(region=cast.region_a, company=cast.company_b)
    client.force_login(cast.hr_a)
    response = client.post(
        "/api/planning/needs",
        {
            "description": "Mekanik mesin jahit",
            "quantity": 2,
            "kind": "job",
            "company_id": cast.company_a.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["company_name"] == cast.company_a.name
    listed = client.get("/api/planning/needs").json()
    assert [item["id"] for item in listed["items"]] == [response.json()["id"]]


def test_a_need_for_another_company_is_a_404_with_the_error_shape(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(
        "/api/planning/needs",
        {"description": "X", "quantity": 1, "kind": "job", "company_id": cast.company_b.pk},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "detail"}
    assert not IndustryNeed.objects.exists()


def test_bad_input_is_a_422_and_saves_nothing(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(
        "/api/planning/needs",
        {"description": "", "quantity": 0, "kind": "job", "company_id": cast.company_a.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert not IndustryNeed.objects.exists()


def test_staff_read_suggestions_and_confirm_a_mapping(client, cast, mechanic):
    need = NeedFactory(region=cast.region_a, description="mekanik mesin jahit")
    client.force_login(cast.staff_a)
    suggestions = client.get(f"/api/planning/needs/{need.pk}/suggestions").json()
    assert suggestions[0]["vocation_code"] == "mekanik-mesin-jahit"
    mapped = client.post(
        f"/api/planning/needs/{need.pk}/mapping",
        {"vocation_id": mechanic.pk},
        content_type="application/json",
    )
    assert mapped.status_code == 200
    assert mapped.json()["mapping"] == "confirmed"


def test_a_mapping_without_a_body_is_a_422(client, cast):
    need = NeedFactory(region=cast.region_a)
    client.force_login(cast.staff_a)
    response = client.post(f"/api/planning/needs/{need.pk}/mapping")
    assert response.status_code == 422
    need.refresh_from_db()
    assert need.mapping == "unmapped"


def test_company_hr_cannot_map_their_need(client, cast, mechanic):
    need = NeedFactory(region=cast.region_a, company=cast.company_a)
    client.force_login(cast.hr_a)
    response = client.post(
        f"/api/planning/needs/{need.pk}/mapping",
        {"vocation_id": mechanic.pk},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_gap_over_the_api_matches_the_needs(client, cast, mechanic):
    NeedFactory(
        region=cast.region_a,
        vocation=mechanic,
        mapping="confirmed",
        quantity=6,
        needed_by="2027-03-01",
    )
    client.force_login(cast.staff_a)
    body = client.get("/api/planning/gap", {"year": 2027}).json()
    assert body["rows"][0]["needs"] == 6 and body["rows"][0]["unmet"] == 6
    client.force_login(cast.hr_a)
    assert client.get("/api/planning/gap", {"year": 2027}).status_code == 404


def test_a_plan_goes_through_submit_and_approve(client, cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=1_000_000_000)
    plan = PlanFactory(region=cast.region_a, year=2027)
    PlanLineFactory(plan=plan)
    client.force_login(cast.staff_a)
    submitted = client.post(f"/api/planning/plans/{plan.pk}/submit")
    assert submitted.json()["status"] == "submitted"
    again = client.post(f"/api/planning/plans/{plan.pk}/submit")
    assert again.status_code == 409 and again.json()["code"] == "plan_not_editable"
    own = client.post(f"/api/planning/plans/{plan.pk}/approve", {}, content_type="application/json")
    assert own.status_code == 403 and own.json()["code"] == "approver_is_submitter"
    client.force_login(another_staff(cast.region_a))
    approved = client.post(
        f"/api/planning/plans/{plan.pk}/approve",
        {"comments": "ok"},
        content_type="application/json",
    )
    assert approved.json()["status"] == "approved"
    assert client.get(f"/api/planning/plans/{plan.pk}").json()["people"] == 32


def test_submitting_over_the_envelope_over_the_api_names_the_source(client, cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=1)
    plan = PlanFactory(region=cast.region_a, year=2027)
    PlanLineFactory(plan=plan)
    client.force_login(cast.staff_a)
    response = client.post(f"/api/planning/plans/{plan.pk}/submit")
    assert response.status_code == 422
    assert response.json()["detail"]["sources"][0]["funding_source"] == "dbhcht"


def test_the_instructor_search_over_the_api(client, cast):
    need = InstructorNeedFactory(region=cast.region_a)
    client.force_login(cast.staff_a)
    refused = client.post(
        f"/api/planning/instructor-needs/{need.pk}/status",
        {"status": "contracted"},
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert client.get("/api/planning/instructor-gap").status_code == 200


def test_company_hr_see_no_plans_over_the_api(client, cast):
    PlanFactory(region=cast.region_a)
    client.force_login(cast.hr_a)
    assert client.get("/api/planning/plans").json() == []

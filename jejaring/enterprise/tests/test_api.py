"""The entrepreneurship API: staff read their region's businesses, groups and proposals;
a person reads their own business; another region's record is a 404."""

from datetime import date

import pytest

from jejaring.enterprise.models import (
    BudgetLine,
    BusinessFollowUp,
    BusinessFollowUpAnswer,
    GrantProposal,
    GrantRule,
    GroupMember,
)
from jejaring.enterprise.tests.factories import BusinessFactory, GroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cast):
    own = BusinessFactory(region=cast.region_a, person=cast.person_1, name="Jahit Bu Nadine")
    point = BusinessFollowUp.objects.create(
        region=cast.region_a, business=own, months_after=12, due_on=date(2026, 1, 5)
    )
    BusinessFollowUpAnswer.objects.create(
        follow_up=point, operating=True, workers=2, revenue_band="1to5", source="link"
    )
    other_person = BusinessFactory(region=cast.region_a, name="Bengkel Pak Darto")
    group = GroupFactory(region=cast.region_a, name="Kelompok Batik Kergon")
    GroupMember.objects.create(
        group=group, person=cast.person_1, role="chair", joined_on=date(2026, 1, 5),
        age_when_checked=30,
    )  # fmt: skip
    proposal = GrantProposal.objects.create(
        region=cast.region_a,
        group=group,
        scheme="tkm_pemula",
        rule=GrantRule.objects.get(region=cast.region_a),
        proposed_on=date(2026, 2, 2),
        business_plan="Batik cap",
        status="submitted",
    )
    BudgetLine.objects.create(proposal=proposal, category="tools", description="Cap", planned=12)
    BudgetLine.objects.create(
        proposal=proposal, category="materials", description="Kain", planned=8
    )
    far = BusinessFactory(region=cast.region_b)
    return {"own": own, "other": other_person, "group": group, "proposal": proposal, "far": far}


def test_staff_list_their_region_s_businesses_groups_and_proposals_only(client, cast, records):
    client.force_login(cast.staff_a)
    names = {b["name"] for b in client.get("/api/enterprise/businesses").json()["items"]}
    assert names == {"Jahit Bu Nadine", "Bengkel Pak Darto"}
    groups = client.get("/api/enterprise/groups").json()["items"]
    assert [(g["name"], g["member_count"]) for g in groups] == [("Kelompok Batik Kergon", 1)]
    proposals = client.get("/api/enterprise/proposals?status=submitted").json()["items"]
    assert [(p["group_name"], p["planned_total"]) for p in proposals] == [
        ("Kelompok Batik Kergon", 20)
    ]
    assert client.get("/api/enterprise/proposals?status=accounted").json()["items"] == []


def test_a_business_shows_its_follow_ups_and_a_proposal_its_budget(client, cast, records):
    client.force_login(cast.staff_a)
    body = client.get(f"/api/enterprise/businesses/{records['own'].pk}").json()
    assert body["follow_ups"] == [
        {
            "id": body["follow_ups"][0]["id"],
            "months_after": 12,
            "due_on": "2026-01-05",
            "answered": True,
            "operating": True,
            "workers": 2,
            "revenue_band": "1to5",
        }
    ]
    proposal = client.get(f"/api/enterprise/proposals/{records['proposal'].pk}").json()
    assert sorted((line["category"], line["planned"]) for line in proposal["lines"]) == [
        ("materials", 8),
        ("tools", 12),
    ]
    assert proposal["planned_total"] == 20
    group = client.get(f"/api/enterprise/groups/{records['group'].pk}").json()
    assert group["members"][0]["role"] == "chair"


def test_the_trainee_reads_their_own_business_and_group_but_not_others(client, cast, records):
    client.force_login(cast.trainee_1)
    mine = client.get("/api/enterprise/businesses/mine").json()
    assert [b["name"] for b in mine] == ["Jahit Bu Nadine"]
    listed = client.get("/api/enterprise/businesses").json()["items"]
    assert [b["name"] for b in listed] == ["Jahit Bu Nadine"]
    assert client.get(f"/api/enterprise/businesses/{records['other'].pk}").status_code == 404
    assert client.get(f"/api/enterprise/groups/{records['group'].pk}").status_code == 200


def test_another_region_s_records_are_a_404_with_the_error_body(client, cast, records):
    client.force_login(cast.staff_b)
    for path in (
        f"/api/enterprise/businesses/{records['own'].pk}",
        f"/api/enterprise/groups/{records['group'].pk}",
        f"/api/enterprise/proposals/{records['proposal'].pk}",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert set(response.json()) == {"code", "message", "detail"}
    assert client.get("/api/enterprise/businesses/mine").json() == []


def test_without_signing_in_the_api_answers_401(client, records):
    assert client.get("/api/enterprise/businesses").status_code == 401

import json

import pytest

from jejaring.accounts.tests.factories import UserFactory
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory, graduate
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db


def _post(client, url, body=None):
    return client.post(
        url, data=json.dumps(body) if body is not None else "", content_type="application/json"
    )


def test_a_round_through_the_api(client, cast):
    vocation = VocationFactory(code="las", name="Las")
    formation = FormationFactory(company=cast.company_a, quota=1, accepts_all_vocations=False)
    formation.vocations.add(vocation)
    person = graduate(region=cast.region_a, vocation=vocation, score="88")
    person.user = UserFactory()
    person.save()

    client.force_login(cast.staff_a)
    response = _post(
        client, "/api/placement/rounds", {"name": "API", "formation_ids": [formation.pk]}
    )
    assert response.status_code == 201, response.content
    round_id = response.json()["id"]

    client.force_login(person.user)
    response = _post(
        client,
        f"/api/placement/rounds/{round_id}/applications",
        {"formation_ids": [formation.pk, formation.pk]},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "duplicate_choice"
    response = _post(
        client,
        f"/api/placement/rounds/{round_id}/applications",
        {"formation_ids": [formation.pk]},
    )
    assert response.status_code == 201
    application_id = response.json()["id"]

    client.force_login(cast.staff_a)
    for step in ("close", "allocate", "publish"):
        response = _post(client, f"/api/placement/rounds/{round_id}/{step}")
        assert response.status_code == 200, response.content
    fill = response.json()["formations"][0]
    assert (fill["seats"], fill["assigned"], fill["applicants"]) == (1, 1, 1)

    client.force_login(person.user)
    mine = client.get(f"/api/placement/applications/{application_id}").json()
    assert mine["result_formation_id"] == formation.pk

    referral = Referral.objects.get()
    client.force_login(cast.hr_a)
    response = _post(
        client, f"/api/placement/referrals/{referral.pk}/outcome", {"status": "rejected"}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "reason_required"
    response = _post(
        client,
        f"/api/placement/referrals/{referral.pk}/outcome",
        {"status": "rejected", "reason": "Tidak lolos tes praktik"},
    )
    assert response.json()["status"] == "rejected"


def test_an_outsiders_referral_is_a_404_even_with_an_empty_body(client, cast):
    referral = ReferralFactory(formation__company=cast.company_a)
    client.force_login(cast.hr_b)
    response = _post(client, f"/api/placement/referrals/{referral.pk}/outcome")
    assert response.status_code == 404
    client.force_login(cast.hr_a)
    response = _post(client, f"/api/placement/referrals/{referral.pk}/outcome")
    assert response.status_code == 422


def test_company_hr_list_only_their_companys_referrals(client, cast):
    mine = ReferralFactory(formation__company=cast.company_a)
    ReferralFactory(formation__company=cast.company_b)
    client.force_login(cast.hr_a)
    items = client.get("/api/placement/referrals").json()["items"]
    assert [item["id"] for item in items] == [mine.pk]

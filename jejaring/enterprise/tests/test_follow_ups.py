from datetime import date, timedelta

import pytest
from django.utils import timezone

from jejaring.enterprise import services
from jejaring.enterprise.models import BusinessFollowUp, BusinessFollowUpAnswer
from jejaring.enterprise.tests.factories import BusinessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def point(cast):
    business = BusinessFactory(
        region=cast.region_a, person=cast.person_1, stage="operating", started_on=date(2025, 1, 2)
    )
    services.follow_ups_schedule(actor=cast.staff_a, business=business)
    return BusinessFollowUp.objects.get(business=business, months_after=12)


def test_the_owner_answers_through_the_link_without_logging_in_and_history_is_kept(
    client, cast, point
):
    url, message = services.follow_up_link_issue(
        actor=cast.staff_a, follow_up=point, base_url="http://testserver/"
    )
    assert url in message
    path = url.removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    for operating, workers in (("1", "2"), ("1", "3")):
        response = client.post(
            path, {"operating": operating, "workers": workers, "revenue_band": "1to5", "nib": ""}
        )
        assert response.status_code == 200
    answers = BusinessFollowUpAnswer.objects.filter(follow_up=point)
    assert answers.count() == 2
    assert answers.get(is_current=True).workers == 3
    point.business.refresh_from_db()
    assert point.business.workers == 3


def test_a_replaced_forged_or_expired_link_is_a_404(client, cast, point):
    old, _message = services.follow_up_link_issue(
        actor=cast.staff_a, follow_up=point, base_url="http://testserver/"
    )
    new, _message = services.follow_up_link_issue(
        actor=cast.staff_a, follow_up=point, base_url="http://testserver/"
    )
    assert client.get(old.removeprefix("http://testserver")).status_code == 404
    assert client.get("/usaha/jawab/forged-token/").status_code == 404
    BusinessFollowUp.objects.filter(pk=point.pk).update(
        link_sent_at=timezone.now() - timedelta(days=61)
    )
    assert client.get(new.removeprefix("http://testserver")).status_code == 404


def test_staff_pages_open_for_the_region_and_the_owner_sees_their_business(client, cast, point):
    client.force_login(cast.staff_a)
    for url in (
        "/wirausaha/",
        f"/wirausaha/{point.business_id}/",
        "/wirausaha/kelompok/",
        "/wirausaha/dukungan/",
        "/wirausaha/indikator/",
        f"/wirausaha/orang/{cast.person_2.pk}/baru/",
    ):
        assert client.get(url).status_code == 200, url
    client.force_login(cast.trainee_1)
    assert client.get(f"/wirausaha/{point.business_id}/").status_code == 200
    assert client.get("/wirausaha/saya/baru/").status_code == 200
    client.force_login(cast.trainee_2)
    assert client.get(f"/wirausaha/{point.business_id}/").status_code == 404

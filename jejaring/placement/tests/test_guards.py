"""Closing, allocating, publishing and cancelling a round are named by their action and
happen only once the office has confirmed a summary that says how many people they
concern; a post without confirmation changes nothing."""

import pytest
from django.urls import reverse

from jejaring.accounts.tests.factories import UserFactory
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import services
from jejaring.placement.models import AllocationResult, AllocationRound, Referral
from jejaring.placement.tests.factories import graduate
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db
S = AllocationRound.Status


@pytest.fixture
def rnd(cast):
    """An open round of one formation with one seat and three applicants."""
    vocation = VocationFactory(code="jahit", name="Menjahit")
    formation = FormationFactory(company=cast.company_a, quota=1, accepts_all_vocations=False)
    formation.vocations.add(vocation)
    rnd = services.round_create(
        actor=cast.staff_a, region=cast.region_a, name="Tahap I", formation_ids=[formation.pk]
    )
    for score in ("90", "80", "70"):
        person = graduate(region=cast.region_a, vocation=vocation, score=score)
        person.user = UserFactory()
        person.save()
        services.application_submit(actor=person.user, rnd=rnd, formation_ids=[formation.pk])
    return rnd


def _post(client, step, rnd, **data):
    return client.post(reverse(f"placement:{step}", kwargs={"round_id": rnd.pk}), data)


def test_the_round_page_names_each_step_by_its_action(client, cast, rnd):
    client.force_login(cast.staff_a)
    page = client.get(reverse("placement:round_detail", kwargs={"round_id": rnd.pk}))
    html = page.content.decode()
    assert ">Tutup putaran</button>" in html
    assert "Tutup lamaran" not in html


def test_closing_without_confirmation_changes_nothing_and_counts_the_applicants(client, cast, rnd):
    client.force_login(cast.staff_a)
    response = _post(client, "round_close", rnd)
    html = response.content.decode()
    assert response.status_code == 200
    assert "kelayakan 3 pelamar dinilai ulang" in html
    assert 'name="confirm" value="1"' in html
    assert ">Tutup putaran</button>" in html
    rnd.refresh_from_db()
    assert rnd.status == S.OPEN
    _post(client, "round_close", rnd, confirm="1")
    rnd.refresh_from_db()
    assert rnd.status == S.CLOSED


def test_allocating_and_publishing_each_need_confirmation(client, cast, rnd):
    services.round_close(actor=cast.staff_a, rnd=rnd)
    client.force_login(cast.staff_a)
    asked = _post(client, "round_allocate", rnd).content.decode()
    assert "3 pelamar dialokasikan" in asked
    assert "1 kursi di 1 formasi" in asked
    rnd.refresh_from_db()
    assert rnd.status == S.CLOSED
    assert not AllocationResult.objects.filter(round=rnd).exists()
    _post(client, "round_allocate", rnd, confirm="1")
    rnd.refresh_from_db()
    assert rnd.status == S.ALLOCATED

    asked = _post(client, "round_publish", rnd).content.decode()
    assert "Hasil diumumkan kepada 3 pelamar" in asked
    assert "1 orang disalurkan ke 1 perusahaan" in asked
    assert "2 orang tidak mendapat kursi" in asked
    rnd.refresh_from_db()
    assert rnd.status == S.ALLOCATED
    assert not Referral.objects.filter(round=rnd).exists()
    _post(client, "round_publish", rnd, confirm="1")
    rnd.refresh_from_db()
    assert rnd.status == S.PUBLISHED
    assert Referral.objects.filter(round=rnd).count() == 1


def test_cancelling_a_round_needs_confirmation(client, cast, rnd):
    client.force_login(cast.staff_a)
    asked = _post(client, "round_cancel", rnd).content.decode()
    assert "lamaran 3 pelamar tidak diproses" in asked
    rnd.refresh_from_db()
    assert rnd.status == S.OPEN
    _post(client, "round_cancel", rnd, confirm="1")
    rnd.refresh_from_db()
    assert rnd.status == S.CANCELLED


def test_a_step_that_cannot_be_taken_is_refused_without_a_confirmation_page(client, cast, rnd):
    client.force_login(cast.staff_a)
    response = _post(client, "round_publish", rnd)
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == S.OPEN


def test_another_region_s_staff_get_a_404_not_a_summary(client, cast, rnd):
    client.force_login(cast.staff_b)
    assert _post(client, "round_close", rnd).status_code == 404
    rnd.refresh_from_db()
    assert rnd.status == S.OPEN

"""A formation opened while a round takes applications can join it; otherwise its page
says when it will be offered. Applicants and the public see seats left, not the quota."""

import pytest
from django.urls import reverse

from jejaring.accounts.tests.factories import UserFactory
from jejaring.core.errors import Conflict, InvalidTransition, NotFound
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import audit_actions, services
from jejaring.placement.models import Referral, RoundFormation
from jejaring.placement.tests.factories import ReferralFactory, graduate
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_open(cast):
    first = FormationFactory(company=cast.company_a, title="Operator jahit")
    return services.round_create(
        actor=cast.staff_a, region=cast.region_a, name="Tahap I 2026", formation_ids=[first.pk]
    )


def join_url(formation):
    return reverse("formations:formation_join_round", kwargs={"formation_id": formation.pk})


def detail_url(formation):
    return reverse("formations:formation_detail", kwargs={"formation_id": formation.pk})


def test_staff_join_a_formation_opened_later_to_the_open_round_and_applicants_see_it(
    client, cast, round_open
):
    vocation = VocationFactory()
    later = FormationFactory(company=cast.company_a, title="Mekanik mesin jahit")
    applicant = graduate(region=cast.region_a, vocation=vocation, score="80")
    applicant.user = UserFactory()
    applicant.save()

    client.force_login(cast.staff_a)
    page = client.get(detail_url(later)).content.decode()
    assert "belum ikut" in page
    assert "Gabungkan ke putaran “Tahap I 2026”" in page

    response = client.post(join_url(later), {"round": round_open.pk})
    assert response.status_code == 302
    assert RoundFormation.objects.filter(round=round_open, formation=later).exists()
    event = AuditEvent.objects.get(action=audit_actions.ROUND_ADD_FORMATION)
    assert event.region_id == cast.region_a.pk
    assert event.changes == {"formations": [None, later.pk]}
    assert "Ditawarkan kepada pelamar di putaran “Tahap I 2026”" in (
        client.get(detail_url(later)).content.decode()
    )

    client.force_login(applicant.user)
    apply_page = client.get(reverse("placement:apply", kwargs={"round_id": round_open.pk}))
    assert "Mekanik mesin jahit" in apply_page.content.decode()


def test_a_closed_round_refuses_the_formation_which_waits_for_the_next_round(
    client, cast, round_open
):
    later = FormationFactory(company=cast.company_a)
    services.round_close(actor=cast.staff_a, rnd=round_open)
    with pytest.raises(InvalidTransition) as refused:
        services.round_add_formation(actor=cast.staff_a, rnd=round_open, formation=later)
    assert refused.value.code == "round_not_open"
    assert not RoundFormation.objects.filter(formation=later).exists()

    client.force_login(cast.staff_a)
    page = client.get(detail_url(later)).content.decode()
    assert "ditawarkan kepada pelamar pada putaran penyaluran berikutnya" in page
    assert "Gabungkan ke putaran" not in page


def test_joining_twice_a_draft_or_another_regions_round_is_refused(cast, round_open):
    later = FormationFactory(company=cast.company_a)
    services.round_add_formation(actor=cast.staff_a, rnd=round_open, formation=later)
    with pytest.raises(Conflict):
        services.round_add_formation(actor=cast.staff_a, rnd=round_open, formation=later)
    draft = FormationFactory(company=cast.company_a, status=Formation.Status.DRAFT)
    with pytest.raises(InvalidTransition):
        services.round_add_formation(actor=cast.staff_a, rnd=round_open, formation=draft)
    elsewhere = FormationFactory(company__region=cast.region_b)
    with pytest.raises(NotFound):
        services.round_add_formation(actor=cast.staff_a, rnd=round_open, formation=elsewhere)
    with pytest.raises(NotFound):
        services.round_add_formation(actor=cast.staff_b, rnd=round_open, formation=later)
    assert RoundFormation.objects.filter(round=round_open).count() == 2


def test_company_hr_is_told_but_cannot_join_and_an_outsiders_post_is_a_404(
    client, cast, round_open
):
    later = FormationFactory(company=cast.company_a)
    client.force_login(cast.hr_a)
    page = client.get(detail_url(later)).content.decode()
    assert "Minta staf dinas menggabungkannya" in page
    assert client.post(join_url(later), {"round": round_open.pk}).status_code == 404
    client.force_login(cast.staff_b)
    assert client.post(join_url(later), {"round": round_open.pk}).status_code == 404
    assert not RoundFormation.objects.filter(formation=later).exists()


def test_applicants_and_the_public_see_seats_left_and_full(client, cast, round_open):
    vocation = VocationFactory()
    applicant = graduate(region=cast.region_a, vocation=vocation, score="80")
    applicant.user = UserFactory()
    applicant.save()
    (entry,) = RoundFormation.objects.filter(round=round_open).select_related("formation")
    formation = entry.formation  # quota 3
    ReferralFactory(formation=formation, status=Referral.Status.ACCEPTED)
    full = FormationFactory(company=cast.company_a, quota=1, title="Penuh sekali")
    ReferralFactory(formation=full, status=Referral.Status.REFERRED)
    services.round_add_formation(actor=cast.staff_a, rnd=round_open, formation=full)

    client.force_login(applicant.user)
    page = client.get(reverse("placement:apply", kwargs={"round_id": round_open.pk}))
    html = page.content.decode()
    assert "Kuota" not in html
    assert "data-seats-left>Sisa 2 kursi</span>" in html
    assert "data-seats-left>Penuh</span>" in html

    client.logout()
    public = client.get(reverse("employers:public_formation_list")).content.decode()
    assert "<td data-seats-left>2</td>" in public
    assert "<td data-seats-left>Penuh</td>" in public
    detail = client.get(
        reverse("employers:public_formation_detail", kwargs={"public_formation_id": full.pk})
    ).content.decode()
    assert "Sisa kursi" in detail and "Penuh" in detail

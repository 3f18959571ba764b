"""A refused start says what clears it and links there (issue 17, no dead ends): the
batch page links to the batch's BPJS cover page, the referral page to the internship
agreement (or to drawing one up) and to the intern's cover — only for those who may
open the page linked."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.social_security import services
from jejaring.social_security.models import Coverage
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _links(html: str) -> dict[str, str]:
    """The unblocking links of a page, label → address."""
    return {
        label.strip(): href
        for href, label in re.findall(r'<a href="([^"]+)" data-unblock>([^<]+)</a>', html)
    }


@pytest.fixture
def batch(cast):
    batch = BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        start_date=TODAY,
        end_date=TODAY + timedelta(days=60),
        status=Batch.Status.SELECTION,
    )
    EnrolmentFactory(batch=batch, person=cast.person_1, status=Enrolment.Status.ACCEPTED)
    return batch


def _start(client, batch):
    return client.post(
        reverse("training:batch_status", kwargs={"batch_id": batch.pk}), {"status": "running"}
    )


def test_office_staff_refused_a_start_get_a_link_to_the_batchs_cover_page(client, cast, batch):
    client.force_login(cast.staff_a)
    response = _start(client, batch)
    assert response.status_code == 409
    html = response.content.decode()
    assert "belum memiliki perlindungan BPJS Ketenagakerjaan aktif" in html
    link = _links(html)["Daftarkan BPJS peserta"]
    assert link == reverse("social_security:batch_cover", kwargs={"batch_id": batch.pk})
    assert client.get(link).status_code == 200
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION


def test_an_operator_sees_the_refusal_without_a_link_they_could_not_open(client, cast, batch):
    client.force_login(cast.operator)
    response = _start(client, batch)
    assert response.status_code == 409
    html = response.content.decode()
    assert "belum memiliki perlindungan BPJS Ketenagakerjaan aktif" in html
    assert _links(html) == {}
    cover_page = reverse("social_security:batch_cover", kwargs={"batch_id": batch.pk})
    assert cover_page not in html
    assert client.get(cover_page).status_code in (403, 404)


@pytest.fixture
def referral(cast):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP)
    return ReferralFactory(
        formation=formation, person=cast.person_1, status=Referral.Status.ACCEPTED
    )


def _agreement(cast, referral, status):
    return InternshipAgreement.objects.create(
        region=cast.region_a,
        referral=referral,
        number=f"PM/{referral.pk}",
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=180),
        rights_and_duties="-",
        status=status,
        signed_at=timezone.now(),
        ratified_at=timezone.now() if status == InternshipAgreement.Status.RATIFIED else None,
    )


def _start_internship(client, referral):
    url = reverse("placement:referral_detail", kwargs={"referral_id": referral.pk})
    return client.post(url, {"status": "started", "on": TODAY.isoformat()})


def test_an_internship_without_agreement_links_to_drawing_one_up(client, cast, referral):
    client.force_login(cast.hr_a)
    response = _start_internship(client, referral)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Perjanjian pemagangan belum disahkan dinas" in html
    link = _links(html)["Buat perjanjian magang"]
    assert link == reverse(
        "internship_agreements:internship_agreement_create", kwargs={"referral_id": referral.pk}
    )
    assert client.get(link).status_code == 200
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED


def test_an_unratified_agreement_is_linked(client, cast, referral):
    agreement = _agreement(cast, referral, InternshipAgreement.Status.SIGNED)
    client.force_login(cast.staff_a)
    html = _start_internship(client, referral).content.decode()
    link = _links(html)["Buka perjanjian magang"]
    assert link == reverse(
        "internship_agreements:internship_agreement_detail",
        kwargs={"internship_agreement_id": agreement.pk},
    )
    assert client.get(link).status_code == 200


def test_an_uncovered_intern_links_staff_to_the_cover_and_hr_to_what_they_may_see(
    client, cast, referral
):
    _agreement(cast, referral, InternshipAgreement.Status.RATIFIED)
    # No cover row yet: office staff go to the dashboard, where the intern list is built;
    # company HR get no link (they cannot register anyone).
    client.force_login(cast.staff_a)
    html = _start_internship(client, referral).content.decode()
    assert "Peserta magang belum memiliki perlindungan BPJS Ketenagakerjaan aktif" in html
    assert _links(html) == {"Daftarkan BPJS peserta": "/bpjs/#magang"}
    client.force_login(cast.hr_a)
    assert _links(_start_internship(client, referral).content.decode()) == {}

    services.coverage_list_build_internships(actor=cast.staff_a)
    cover = Coverage.objects.get(referral=referral)
    cover_page = reverse("social_security:coverage_detail", kwargs={"coverage_id": cover.pk})
    html = _start_internship(client, referral).content.decode()
    assert _links(html) == {"Lihat perlindungan BPJS peserta": cover_page}
    assert client.get(cover_page).status_code == 200
    client.force_login(cast.staff_a)
    html = _start_internship(client, referral).content.decode()
    assert _links(html) == {"Daftarkan BPJS peserta": cover_page}
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED

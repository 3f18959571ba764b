from datetime import date

import pytest

from jejaring.assessment.models import TrainingCertificate
from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def lpks_batch(cast, **kwargs):
    program = ProgramFactory(region=cast.region_a, institution=cast.lpks, name="Tata Boga")
    return BatchFactory(program=program, **kwargs)


def test_a_trainee_sees_their_registrations_and_status_but_not_others(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.OPEN)
    EnrolmentFactory(batch=batch, person=cast.person_1)
    other = EnrolmentFactory(batch=lpks_batch(cast), person=cast.person_2)
    client.force_login(cast.trainee_1)
    body = client.get("/pelatihan-saya/").content.decode()
    assert "Tata Boga" in body
    assert "Mendaftar" in body
    assert other.batch.name not in body
    assert client.get(f"/pelatihan-saya/{other.pk}/").status_code == 404
    assert client.post(f"/pelatihan-saya/{other.pk}/mundur/").status_code == 404


def test_a_trainee_sees_their_attendance_per_session(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.RUNNING)
    own = EnrolmentFactory(batch=batch, person=cast.person_1, status=Enrolment.Status.TRAINING)
    first = BatchSession.objects.create(batch=batch, date=date(2026, 3, 2), topic="K3")
    BatchSession.objects.create(batch=batch, date=date(2026, 3, 3), topic="Sanitasi")
    Attendance.objects.create(session=first, enrolment=own, status="present")
    client.force_login(cast.trainee_1)
    body = client.get(f"/pelatihan-saya/{own.pk}/").content.decode()
    assert "Hadir 1 dari 2 sesi." in body
    assert "Sanitasi" in body
    assert "Mundur dari pelatihan ini" not in body


def test_a_trainee_withdraws_before_the_batch_runs(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.SELECTION)
    own = EnrolmentFactory(batch=batch, person=cast.person_1)
    client.force_login(cast.trainee_1)
    assert "Mundur dari pelatihan ini" in client.get(f"/pelatihan-saya/{own.pk}/").content.decode()
    response = client.post(
        f"/pelatihan-saya/{own.pk}/mundur/", {"reason": "Sudah bekerja"}, follow=True
    )
    assert "Anda telah mengundurkan diri" in response.content.decode()
    own.refresh_from_db()
    assert own.status == Enrolment.Status.WITHDRAWN
    assert own.status_reason == "Sudah bekerja"


def test_a_graduate_finds_the_certificate_download_link(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.FINISHED)
    own = EnrolmentFactory(
        batch=batch,
        person=cast.person_1,
        status=Enrolment.Status.GRADUATED,
        graduated_on=batch.end_date,
    )
    certificate = TrainingCertificate.objects.create(
        region=cast.region_a,
        enrolment=own,
        institution=cast.lpks,
        number="001/LPKS/2026",
        verification_token="abc123",
        issued_on=batch.end_date,
    )
    client.force_login(cast.trainee_1)
    body = client.get("/pelatihan-saya/").content.decode()
    assert f"/uji-kompetensi/sertifikat/{certificate.pk}/pdf/" in body
    assert "/uji-kompetensi/saya/" in body


@pytest.mark.parametrize("actor_name", ["staff_a", "operator", "hr_a"])
def test_the_trainee_pages_are_a_404_for_other_roles(client, cast, actor_name):
    client.force_login(getattr(cast, actor_name))
    assert client.get("/pelatihan-saya/").status_code == 404

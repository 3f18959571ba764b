"""Guards on order and time in training: a batch does not start before its start date
without a written reason, attendance waits for the session's day, state changes are
named by their action, and finishing or cancelling a batch asks for confirmation first,
saying how many people it concerns."""

from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.core.errors import ValidationError
from jejaring.core.models import AuditEvent
from jejaring.regions.calendar import today_in
from jejaring.regions.tests.factories import RegionFactory
from jejaring.training import audit_actions as actions
from jejaring.training import services
from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def _today() -> date:
    return timezone.localdate()


def _batch(cast, **kwargs):
    return BatchFactory(program__institution=cast.lpks, **kwargs)


def _future_batch(cast, **kwargs):
    start = _today() + timedelta(days=10)
    return _batch(
        cast,
        status=Batch.Status.SELECTION,
        start_date=start,
        end_date=start + timedelta(days=30),
        **kwargs,
    )


# --- starting before the start date ----------------------------------------------------


def test_a_batch_does_not_start_before_its_start_date_without_a_reason(cast):
    batch = _future_batch(cast)
    accepted = EnrolmentFactory(batch=batch, status=Enrolment.Status.ACCEPTED)
    with pytest.raises(ValidationError) as refused:
        services.batch_change_status(actor=cast.operator, batch=batch, status="running")
    assert refused.value.code == "batch_start_early"
    assert "alasan" in str(refused.value.message)
    batch.refresh_from_db()
    accepted.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION
    assert accepted.status == Enrolment.Status.ACCEPTED
    assert not AuditEvent.objects.filter(action=actions.BATCH_STATUS).exists()


def test_an_early_start_with_a_reason_is_stored_and_audited(cast):
    batch = _future_batch(cast)
    services.batch_change_status(
        actor=cast.operator,
        batch=batch,
        status="running",
        early_start_reason="Instruktur hanya tersedia pekan ini",
    )
    batch.refresh_from_db()
    assert batch.status == Batch.Status.RUNNING
    assert batch.status_reason == "Instruktur hanya tersedia pekan ini"
    event = AuditEvent.objects.get(action=actions.BATCH_STATUS)
    assert event.changes["early_start_reason"] == ["", "Instruktur hanya tersedia pekan ini"]


def test_a_batch_starting_today_or_earlier_needs_no_reason(cast):
    batch = _batch(
        cast,
        status=Batch.Status.SELECTION,
        start_date=_today(),
        end_date=_today() + timedelta(days=30),
    )
    services.batch_change_status(actor=cast.operator, batch=batch, status="running")
    batch.refresh_from_db()
    assert (batch.status, batch.status_reason) == (Batch.Status.RUNNING, "")


def test_the_batch_page_asks_for_the_reason_and_a_blank_one_changes_nothing(client, cast):
    batch = _future_batch(cast)
    client.force_login(cast.operator)
    page = client.get(reverse("training:batch_detail", args=[batch.pk])).content.decode()
    assert 'name="early_start_reason"' in page
    assert "Mulai pelatihan lebih awal" in page
    url = reverse("training:batch_status", args=[batch.pk])
    refused = client.post(url, {"status": "running", "early_start_reason": "  "})
    assert refused.status_code == 422
    assert "Tulis alasan untuk memulai pelatihan lebih awal" in refused.content.decode()
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION
    client.post(url, {"status": "running", "early_start_reason": "Permintaan perusahaan"})
    batch.refresh_from_db()
    assert (batch.status, batch.status_reason) == ("running", "Permintaan perusahaan")


def test_today_is_the_region_s_own_date():
    papua = RegionFactory(code="91.71", name="Kota Jayapura", slug="jayapura")
    papua.timezone = "Asia/Jayapura"
    # 22.30 WIB on 1 June is already 00.30 WIT on 2 June.
    moment = datetime(2026, 6, 1, 22, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert today_in(papua) == date(2026, 6, 2)
        assert today_in(None) == date(2026, 6, 1)


# --- attendance ------------------------------------------------------------------------


def _running_batch_with_a_future_session(cast):
    batch = _batch(
        cast,
        status=Batch.Status.RUNNING,
        start_date=_today() - timedelta(days=3),
        end_date=_today() + timedelta(days=20),
    )
    past = BatchSession.objects.create(batch=batch, date=_today() - timedelta(days=1))
    future = BatchSession.objects.create(batch=batch, date=_today() + timedelta(days=2))
    participant = EnrolmentFactory(batch=batch, status=Enrolment.Status.TRAINING)
    return batch, past, future, participant


def test_attendance_cannot_be_taken_for_a_future_session(cast):
    _, past, future, participant = _running_batch_with_a_future_session(cast)
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(
            actor=cast.operator, session=future, statuses={participant.pk: "present"}
        )
    assert refused.value.code == "session_in_future"
    assert not Attendance.objects.filter(session=future).exists()
    assert (
        services.attendance_record(
            actor=cast.operator, session=past, statuses={participant.pk: "present"}
        )
        == 1
    )


def test_the_attendance_page_of_a_future_session_says_when_and_saves_nothing(client, cast):
    _, _past, future, participant = _running_batch_with_a_future_session(cast)
    client.force_login(cast.operator)
    url = reverse("training:session_attendance", args=[future.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="session-future"' in page
    assert "Simpan kehadiran" not in page
    response = client.post(url, {f"p{participant.pk}": "present"})
    assert response.status_code == 422
    assert "kehadiran baru dapat diisi pada hari itu" in response.content.decode()
    assert not Attendance.objects.filter(session=future).exists()


def test_the_api_refuses_attendance_for_a_future_session_with_422(client, cast):
    _, _past, future, participant = _running_batch_with_a_future_session(cast)
    client.force_login(cast.operator)
    response = client.post(
        f"/api/training/sessions/{future.pk}/attendance",
        {"entries": [{"enrolment_id": participant.pk, "status": "present"}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "session_in_future"
    assert "hari itu" in response.json()["message"]
    assert not Attendance.objects.filter(session=future).exists()


# --- state changes named by their action -----------------------------------------------


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Batch.Status.PLANNED, "Buka pendaftaran"),
        (Batch.Status.OPEN, "Mulai seleksi"),
        (Batch.Status.SELECTION, "Mulai pelatihan"),
        (Batch.Status.RUNNING, "Selesaikan pelatihan"),
    ],
)
def test_the_status_buttons_name_the_action(client, cast, status, label):
    batch = _batch(
        cast,
        status=status,
        start_date=_today() - timedelta(days=1),
        end_date=_today() + timedelta(days=30),
    )
    client.force_login(cast.operator)
    page = client.get(reverse("training:batch_detail", args=[batch.pk])).content.decode()
    assert f">{label}</button>" in page
    assert "Ubah status" not in page


# --- confirmation of finishing and cancelling ------------------------------------------


def _running(cast):
    batch = _batch(cast, status=Batch.Status.RUNNING)
    sessions = [BatchSession.objects.create(batch=batch, date=date(2026, 3, d)) for d in (2, 3)]
    ayu, budi, citra = EnrolmentFactory.create_batch(
        3, batch=batch, status=Enrolment.Status.TRAINING
    )
    for session in sessions:
        Attendance.objects.create(session=session, enrolment=ayu, status="present")
        Attendance.objects.create(session=session, enrolment=budi, status="late")
        Attendance.objects.create(session=session, enrolment=citra, status="absent")
    return batch, (ayu, budi, citra)


def test_finishing_without_confirmation_changes_nothing_and_says_to_how_many(client, cast):
    batch, _people = _running(cast)
    client.force_login(cast.operator)
    url = reverse("training:batch_status", args=[batch.pk])
    response = client.post(url, {"status": "finished"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 peserta dinilai" in page
    assert "2 orang lulus" in page and "1 orang tidak menyelesaikan" in page
    assert 'name="confirm" value="1"' in page
    assert ">Selesaikan pelatihan</button>" in page
    batch.refresh_from_db()
    assert batch.status == Batch.Status.RUNNING
    assert set(Enrolment.objects.filter(batch=batch).values_list("status", flat=True)) == {
        Enrolment.Status.TRAINING
    }
    client.post(url, {"status": "finished", "confirm": "1"})
    batch.refresh_from_db()
    assert batch.status == Batch.Status.FINISHED
    assert Enrolment.objects.filter(batch=batch, status="graduated").count() == 2


def test_cancelling_asks_for_confirmation_carrying_the_reason(client, cast):
    batch = _batch(cast, status=Batch.Status.OPEN)
    EnrolmentFactory.create_batch(4, batch=batch, status=Enrolment.Status.APPLIED)
    EnrolmentFactory(batch=batch, status=Enrolment.Status.WITHDRAWN)
    client.force_login(cast.operator)
    url = reverse("training:batch_status", args=[batch.pk])
    response = client.post(url, {"status": "cancelled", "reason": "Dana ditunda"})
    page = response.content.decode()
    assert "4 pendaftar dan peserta" in page
    assert 'name="reason" value="Dana ditunda"' in page
    batch.refresh_from_db()
    assert batch.status == Batch.Status.OPEN
    client.post(url, {"status": "cancelled", "reason": "Dana ditunda", "confirm": "1"})
    batch.refresh_from_db()
    assert (batch.status, batch.status_reason) == ("cancelled", "Dana ditunda")


# --- bulk selection decisions ----------------------------------------------------------


def test_a_decision_for_several_applicants_asks_for_confirmation_first(client, cast):
    batch = _batch(cast, status=Batch.Status.SELECTION, capacity=10)
    applicants = EnrolmentFactory.create_batch(3, batch=batch)
    client.force_login(cast.operator)
    url = reverse("training:batch_selection", args=[batch.pk]) + "?status=applied"
    data = {"decision": "rejected", "enrolments": [a.pk for a in applicants], "reason": "Usia"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 pendaftar ditetapkan “Tidak diterima”" in html
    assert f'action="{url}"' in html
    assert not Enrolment.objects.filter(status=Enrolment.Status.REJECTED).exists()
    client.post(url, {**data, "confirm": "1"})
    assert Enrolment.objects.filter(status=Enrolment.Status.REJECTED).count() == 3


def test_one_applicant_s_own_button_needs_no_confirmation(client, cast):
    batch = _batch(cast, status=Batch.Status.SELECTION, capacity=10)
    applicant = EnrolmentFactory(batch=batch)
    client.force_login(cast.operator)
    url = reverse("training:batch_selection", args=[batch.pk])
    assert client.post(url, {"single": f"accepted:{applicant.pk}"}).status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Enrolment.Status.ACCEPTED

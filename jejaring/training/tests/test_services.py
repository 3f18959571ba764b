from datetime import date

import pytest
from django.core import mail

from jejaring.accounts.scope import Role
from jejaring.accounts.services import account_invite
from jejaring.core import gates
from jejaring.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationError
from jejaring.core.gates import GateProblem
from jejaring.core.models import AuditEvent
from jejaring.training import audit_actions as actions
from jejaring.training.models import Attendance, Batch, BatchSession, FundingSource
from jejaring.training.services import (
    BatchData,
    attendance_record,
    batch_change_status,
    batch_create,
    batch_generate_sessions,
    enrolment_decide,
    enrolment_drop_out,
    enrolment_withdraw,
)
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def _data(program, **overrides):
    values = {
        "institution": program.institution,
        "program": program,
        "code": "BLK-01",
        "name": "Menjahit Angkatan 1",
        "year": 2026,
        "funding_source": FundingSource.DBHCHT,
        "start_date": date(2026, 3, 2),
        "end_date": date(2026, 4, 10),
    }
    values.update(overrides)
    return BatchData(**values)


def test_office_staff_create_a_planned_batch_with_the_program_s_usual_capacity(cast):
    program = ProgramFactory(region=cast.region_a, institution=cast.lpks)
    batch = batch_create(actor=cast.staff_a, data=_data(program))
    assert batch.status == Batch.Status.PLANNED
    assert batch.region == cast.region_a
    assert batch.capacity == program.default_capacity
    assert AuditEvent.objects.filter(action=actions.BATCH_CREATE).count() == 1


def test_staff_of_another_region_cannot_create_a_batch_there(cast):
    program = ProgramFactory(region=cast.region_a, institution=cast.lpks)
    with pytest.raises(PermissionDenied):
        batch_create(actor=cast.staff_b, data=_data(program))
    assert not Batch.objects.exists()


def test_a_code_already_used_by_the_institution_is_refused(cast):
    program = ProgramFactory(region=cast.region_a, institution=cast.lpks)
    BatchFactory(program=program, code="BLK-01")
    with pytest.raises(Conflict):
        batch_create(actor=cast.operator, data=_data(program))


def test_an_end_before_the_start_is_refused(cast):
    program = ProgramFactory(region=cast.region_a, institution=cast.lpks)
    with pytest.raises(ValidationError):
        batch_create(actor=cast.staff_a, data=_data(program, end_date=date(2026, 3, 1)))
    assert not Batch.objects.exists()


def test_an_invited_person_receives_a_set_password_link(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user = account_invite(actor=cast.staff_a, email="HR@Contoh.id", full_name="Sari HR")
    assert user.email == "hr@contoh.id"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/reset/" in mail.outbox[0].body or "kata sandi" in mail.outbox[0].body


def test_an_email_already_in_use_is_refused(cast):
    account_invite(actor=cast.staff_a, email="hr@contoh.id", full_name="Sari")
    with pytest.raises(Conflict):
        account_invite(actor=cast.staff_a, email="HR@contoh.id", full_name="Sari")


def test_a_batch_moves_from_planned_to_open(cast):
    batch = BatchFactory(program__institution=cast.lpks)
    batch_change_status(actor=cast.operator, batch=batch, status=Batch.Status.OPEN)
    batch.refresh_from_db()
    assert batch.status == Batch.Status.OPEN


def test_a_planned_batch_cannot_jump_to_running(cast):
    batch = BatchFactory(program__institution=cast.lpks)
    with pytest.raises(InvalidTransition):
        batch_change_status(actor=cast.operator, batch=batch, status=Batch.Status.RUNNING)


def test_cancelling_needs_a_reason(cast):
    batch = BatchFactory(program__institution=cast.lpks)
    with pytest.raises(ValidationError):
        batch_change_status(actor=cast.operator, batch=batch, status=Batch.Status.CANCELLED)
    batch_change_status(
        actor=cast.operator, batch=batch, status=Batch.Status.CANCELLED, reason="Dana ditunda"
    )
    batch.refresh_from_db()
    assert batch.status_reason == "Dana ditunda"


def _blocking_gate(**kwargs):
    return [GateProblem(gate="training.batch.start", code="no_cover", message="Belum BPJS")]


def test_a_gate_problem_refuses_the_start_unless_office_staff_override_it(cast, monkeypatch):
    monkeypatch.setattr(gates, "_checks", {"training.batch.start": [_blocking_gate]})
    monkeypatch.setattr(gates, "_overrides", {})
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.SELECTION)
    with pytest.raises(Conflict) as refused:
        batch_change_status(actor=cast.operator, batch=batch, status=Batch.Status.RUNNING)
    assert "Belum BPJS" in refused.value.message
    with pytest.raises(Conflict):
        batch_change_status(
            actor=cast.operator, batch=batch, status=Batch.Status.RUNNING, override_reason="x"
        )
    batch_change_status(
        actor=cast.staff_a, batch=batch, status=Batch.Status.RUNNING, override_reason="Susulan"
    )
    batch.refresh_from_db()
    assert batch.status == Batch.Status.RUNNING


def test_an_office_role_in_another_region_does_not_override_a_gate(cast, monkeypatch):
    from jejaring.accounts.tests.factories import MembershipFactory

    monkeypatch.setattr(gates, "_checks", {"training.batch.start": [_blocking_gate]})
    monkeypatch.setattr(gates, "_overrides", {})
    # Office staff of Kudus who is also the LPKS's operator in Pekalongan.
    MembershipFactory(
        user=cast.staff_b, region=cast.region_a, role=Role.OPERATOR, institution=cast.lpks
    )
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.SELECTION)
    with pytest.raises(Conflict):
        batch_change_status(
            actor=cast.staff_b, batch=batch, status=Batch.Status.RUNNING, override_reason="x"
        )
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION


def test_accepting_never_exceeds_the_capacity_and_emails_each_person(
    cast, django_capture_on_commit_callbacks
):
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.SELECTION, capacity=1)
    first = EnrolmentFactory(batch=batch, person__email="a@contoh.id")
    second = EnrolmentFactory(batch=batch, person__email="b@contoh.id")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_decide(
            actor=cast.operator, batch=batch, enrolment_ids=[first.pk], decision="accepted"
        )
    assert len(mail.outbox) == 1
    with pytest.raises(Conflict):
        enrolment_decide(
            actor=cast.operator, batch=batch, enrolment_ids=[second.pk], decision="accepted"
        )
    second.refresh_from_db()
    assert second.status == "applied"


def test_rejecting_needs_a_reason(cast):
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.SELECTION)
    enrolment = EnrolmentFactory(batch=batch)
    with pytest.raises(ValidationError):
        enrolment_decide(
            actor=cast.operator, batch=batch, enrolment_ids=[enrolment.pk], decision="rejected"
        )


def test_finishing_graduates_those_who_attended_enough_and_drops_out_the_rest(cast):
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.RUNNING)
    sessions = [BatchSession.objects.create(batch=batch, date=date(2026, 3, d)) for d in (2, 3)]
    diligent = EnrolmentFactory(batch=batch, status="training")
    absent = EnrolmentFactory(batch=batch, status="training")
    for session in sessions:
        Attendance.objects.create(session=session, enrolment=diligent, status="present")
        Attendance.objects.create(session=session, enrolment=absent, status="absent")
    batch_change_status(actor=cast.operator, batch=batch, status=Batch.Status.FINISHED)
    diligent.refresh_from_db()
    absent.refresh_from_db()
    assert diligent.status == "graduated"
    assert diligent.graduated_on == batch.end_date
    assert absent.status == "dropped_out"
    assert "0 dari 2" in absent.status_reason


def test_sessions_are_generated_on_working_days_only(cast):
    from jejaring.regions.models import Holiday

    batch = BatchFactory(
        program__institution=cast.lpks, start_date=date(2026, 3, 6), end_date=date(2026, 3, 10)
    )
    Holiday.objects.create(date=date(2026, 3, 9), name="Libur")
    created = batch_generate_sessions(actor=cast.operator, batch=batch)
    assert [s.date for s in created] == [date(2026, 3, 6), date(2026, 3, 10)]


def test_attendance_is_recorded_in_bulk_and_corrections_are_audited(cast):
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.RUNNING)
    session = BatchSession.objects.create(batch=batch, date=date(2026, 3, 2))
    first, second = EnrolmentFactory.create_batch(2, batch=batch, status="training")
    attendance_record(
        actor=cast.operator, session=session, statuses={first.pk: "present", second.pk: "absent"}
    )
    assert (
        attendance_record(actor=cast.operator, session=session, statuses={second.pk: "late"}) == 1
    )
    assert Attendance.objects.get(enrolment=second).status == "late"


def test_attendance_for_someone_outside_the_batch_changes_nothing(cast):
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.RUNNING)
    session = BatchSession.objects.create(batch=batch, date=date(2026, 3, 2))
    stranger = EnrolmentFactory(status="training")
    with pytest.raises(ValidationError):
        attendance_record(actor=cast.operator, session=session, statuses={stranger.pk: "present"})
    assert not Attendance.objects.exists()


def test_a_trainee_may_withdraw_before_the_batch_runs_but_not_after(cast):
    waiting = EnrolmentFactory(person=cast.person_1, status="accepted")
    enrolment_withdraw(actor=cast.trainee_1, enrolment=waiting)
    waiting.refresh_from_db()
    assert waiting.status == "withdrawn"
    running = EnrolmentFactory(person=cast.person_1, status="training")
    with pytest.raises(InvalidTransition):
        enrolment_withdraw(actor=cast.trainee_1, enrolment=running)


def test_a_drop_out_needs_a_reason(cast):
    enrolment = EnrolmentFactory(batch__program__institution=cast.lpks, status="training")
    with pytest.raises(ValidationError):
        enrolment_drop_out(actor=cast.operator, enrolment=enrolment, reason=" ")
    enrolment_drop_out(actor=cast.operator, enrolment=enrolment, reason="Bekerja")
    enrolment.refresh_from_db()
    assert enrolment.status == "dropped_out"


def test_the_same_person_twice_in_a_batch_or_in_overlapping_batches_is_refused(cast):
    from jejaring.training.services import enrolment_check_duplicates

    enrolment = EnrolmentFactory(person=cast.person_1)
    with pytest.raises(Conflict):
        enrolment_check_duplicates(batch=enrolment.batch, person_id=cast.person_1.pk)
    overlapping = BatchFactory(start_date=date(2026, 4, 1), end_date=date(2026, 5, 1))
    with pytest.raises(Conflict) as refused:
        enrolment_check_duplicates(batch=overlapping, person_id=cast.person_1.pk)
    assert refused.value.code == "overlapping_enrolment"
    later = BatchFactory(start_date=date(2026, 6, 1), end_date=date(2026, 7, 1))
    enrolment_check_duplicates(batch=later, person_id=cast.person_1.pk)

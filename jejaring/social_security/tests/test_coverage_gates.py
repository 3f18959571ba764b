from datetime import date

import pytest

from jejaring.core import gates
from jejaring.core.models import AuditEvent
from jejaring.social_security import audit_actions
from jejaring.social_security.models import Coverage, CoverageOverride
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

START, END = date(2026, 3, 2), date(2026, 4, 30)


@pytest.fixture
def batch(cast):
    return BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        start_date=START,
        end_date=END,
    )


def accepted(batch, person):
    return EnrolmentFactory(batch=batch, person=person, status=Enrolment.Status.ACCEPTED)


def cover(enrolment, *, start=START, end=END, status=Coverage.Status.ACTIVE):
    return Coverage.objects.create(
        region=enrolment.region,
        person=enrolment.person,
        kind=Coverage.Kind.TRAINEE,
        enrolment=enrolment,
        payer=Coverage.Payer.OFFICE,
        kpj_number="12345678901",
        declared_income=1_000_000,
        cover_start=start,
        cover_end=end,
        status=status,
    )


def test_a_batch_whose_participants_are_all_covered_may_start(cast, batch):
    cover(accepted(batch, cast.person_1))
    cover(accepted(batch, cast.person_2))
    assert gates.check("training.batch.start", obj=batch) == []


def test_a_batch_with_an_uncovered_participant_is_refused_naming_them(cast, batch):
    cover(accepted(batch, cast.person_1))
    accepted(batch, cast.person_2)
    [problem] = gates.check("training.batch.start", obj=batch)
    assert problem.code == "uncovered_participants"
    assert problem.subjects == (cast.person_2.full_name,)
    assert "1 peserta" in str(problem.message)


def test_cover_that_is_not_active_or_ends_early_does_not_count(cast, batch):
    cover(accepted(batch, cast.person_1), status=Coverage.Status.REGISTERED)
    cover(accepted(batch, cast.person_2), end=date(2026, 4, 29))
    [problem] = gates.check("training.batch.start", obj=batch)
    assert len(problem.subjects) == 2


def test_the_check_takes_one_query_however_many_participants(
    cast, batch, django_assert_num_queries
):
    accepted(batch, cast.person_1)
    accepted(batch, cast.person_2)
    with django_assert_num_queries(1):
        gates.check("training.batch.start", obj=batch)


def test_an_override_is_kept_with_its_reason_and_audited(cast, batch):
    accepted(batch, cast.person_1)
    problems = gates.check("training.batch.start", obj=batch)
    gates.record_override(
        "training.batch.start",
        actor=cast.staff_a,
        obj=batch,
        reason="Kartu KPJ masih diproses kantor cabang",
        problems=problems,
    )
    override = CoverageOverride.objects.get(batch=batch)
    assert override.decided_by == cast.staff_a
    assert override.region == cast.region_a
    event = AuditEvent.objects.get(action=audit_actions.COVER_OVERRIDE)
    assert event.changes["reason"] == "Kartu KPJ masih diproses kantor cabang"
    assert event.changes["subjects"] == [cast.person_1.full_name]


def test_an_accepted_enrolment_goes_on_the_offices_list_to_register(cast, batch):
    enrolment = accepted(batch, cast.person_1)
    gates.emit("training.enrolment.accepted", actor=cast.operator, obj=enrolment)
    gates.emit("training.enrolment.accepted", actor=cast.operator, obj=enrolment)
    coverage = Coverage.objects.get(enrolment=enrolment)
    assert coverage.status == Coverage.Status.TO_REGISTER
    assert coverage.payer == Coverage.Payer.OFFICE
    assert (coverage.cover_start, coverage.cover_end) == (START, END)


def test_a_batch_status_change_lists_every_accepted_participant_once(cast, batch):
    covered = accepted(batch, cast.person_1)
    cover(covered)
    accepted(batch, cast.person_2)
    EnrolmentFactory(batch=batch, status=Enrolment.Status.APPLIED)
    gates.emit("training.batch.status_changed", actor=cast.staff_a, obj=batch)
    listed = Coverage.objects.filter(enrolment__batch=batch)
    assert sorted(listed.values_list("person__full_name", flat=True)) == sorted(
        [cast.person_1.full_name, cast.person_2.full_name]
    )


class TestStartingABatchThroughTraining:
    @pytest.fixture
    def selecting(self, batch):
        batch.status = batch.Status.SELECTION
        batch.save(update_fields=["status"])
        return batch

    def test_an_uncovered_participant_refuses_the_start_with_a_clear_message(self, cast, selecting):
        from jejaring.core.errors import Conflict
        from jejaring.training.services import batch_change_status

        accepted(selecting, cast.person_1)
        with pytest.raises(Conflict) as refused:
            batch_change_status(actor=cast.staff_a, batch=selecting, status="running")
        assert "perlindungan BPJS Ketenagakerjaan" in str(refused.value.message)
        selecting.refresh_from_db()
        assert selecting.status == selecting.Status.SELECTION
        assert not CoverageOverride.objects.exists()

    def test_staff_may_start_it_anyway_with_an_audited_reason(self, cast, selecting):
        from jejaring.training.services import batch_change_status

        accepted(selecting, cast.person_1)
        batch_change_status(
            actor=cast.staff_a,
            batch=selecting,
            status="running",
            override_reason="KPJ menyusul minggu ini",
        )
        selecting.refresh_from_db()
        assert selecting.status == selecting.Status.RUNNING
        assert CoverageOverride.objects.get(batch=selecting).reason == "KPJ menyusul minggu ini"
        assert AuditEvent.objects.filter(action=audit_actions.COVER_OVERRIDE).exists()

"""The one-row-per-graduate facts the indicators read stay in step with the records:
when a batch finishes, when a program's vocation or an institution's kind changes, and
when an enrolment stops being a graduate."""

from datetime import date

import pytest

from jejaring.outcomes import summaries
from jejaring.outcomes.indicators import Definition, Dimension, Filters, graduate_table
from jejaring.outcomes.models import GraduateOutcome
from jejaring.outcomes.tests.factories import graduate
from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment
from jejaring.training.services import (
    InstitutionData,
    ProgramData,
    batch_change_status,
    institution_update,
    program_update,
)
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, VocationFactory

pytestmark = pytest.mark.django_db


def table(cast, dimension=Dimension.YEAR, year=2026, **filters):
    return graduate_table(
        filters=Filters(
            region_ids=frozenset({cast.region_a.pk}), year_from=year, year_to=year, **filters
        ),
        definition=Definition(),
        dimension=dimension,
    )


def test_a_finished_batch_s_graduates_are_counted_without_any_answer(cast):
    batch = BatchFactory(
        program__institution=cast.lpks,
        status=Batch.Status.RUNNING,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 27),
    )
    session = BatchSession.objects.create(batch=batch, date=date(2026, 3, 2))
    present = [EnrolmentFactory(batch=batch, status="training") for _ in range(3)]
    absent = EnrolmentFactory(batch=batch, status="training")
    for enrolment in present:
        Attendance.objects.create(session=session, enrolment=enrolment, status="present")
    Attendance.objects.create(session=session, enrolment=absent, status="absent")
    assert table(cast).total.graduates == 0

    batch_change_status(actor=cast.operator, batch=batch, status=Batch.Status.FINISHED)

    total = table(cast).total
    assert (total.graduates, total.answered, total.absorbed) == (3, 0, 0)
    assert set(GraduateOutcome.objects.values_list("enrolment_id", flat=True)) == {
        e.pk for e in present
    }
    by_vocation = table(cast, Dimension.VOCATION)
    assert [(row.key, row.graduates) for row in by_vocation.rows] == [
        (batch.program.vocation_id, 3)
    ]


def _program_data(program, **changes):
    values = {
        "institution": program.institution,
        "vocation": program.vocation,
        "code": program.code,
        "name": program.name,
        "hours_jp": program.hours_jp,
        "duration_days": program.duration_days,
        "default_capacity": program.default_capacity,
        "min_attendance_pct": program.min_attendance_pct,
    }
    values.update(changes)
    return ProgramData(**values)


def test_graduates_follow_their_program_to_its_new_vocation(cast):
    enrolment = graduate(region=cast.region_a, graduated_on=date(2026, 2, 27))
    program = enrolment.batch.program
    old_vocation, new_vocation = program.vocation, VocationFactory()
    assert table(cast, vocation_id=old_vocation.pk).total.graduates == 1

    program_update(
        actor=cast.staff_a, program=program, data=_program_data(program, vocation=new_vocation)
    )

    assert table(cast, vocation_id=old_vocation.pk).total.graduates == 0
    assert table(cast, vocation_id=new_vocation.pk).total.graduates == 1
    rows = table(cast, Dimension.VOCATION).rows
    assert [(row.key, row.label) for row in rows] == [(new_vocation.pk, str(new_vocation))]


def test_graduates_follow_their_institution_to_its_new_kind(cast):
    enrolment = graduate(region=cast.region_a, graduated_on=date(2026, 2, 27))
    institution = enrolment.institution
    new_kind = "blk" if institution.kind != "blk" else "lpks"

    institution_update(
        actor=cast.staff_a,
        institution=institution,
        data=InstitutionData(kind=new_kind, name=institution.name),
    )

    rows = table(cast, Dimension.INSTITUTION_KIND).rows
    assert [(row.key, row.graduates) for row in rows] == [(new_kind, 1)]


def test_an_enrolment_that_is_no_longer_a_graduate_leaves_the_counts(cast):
    kept = graduate(region=cast.region_a, graduated_on=date(2026, 2, 27))
    corrected = graduate(region=cast.region_a, graduated_on=date(2026, 2, 27))
    assert table(cast).total.graduates == 2
    Enrolment.objects.filter(pk=corrected.pk).update(
        status=Enrolment.Status.DROPPED_OUT, graduated_on=None, status_reason="Koreksi"
    )

    summaries.refresh(enrolment_ids=[corrected.pk])

    assert table(cast).total.graduates == 1
    assert list(GraduateOutcome.objects.values_list("enrolment_id", flat=True)) == [kept.pk]


def test_a_whole_region_rebuild_writes_every_graduate_and_only_them(cast):
    graduates = [graduate(region=cast.region_a, graduated_on=date(2026, 2, 27)) for _ in range(4)]
    elsewhere = graduate(region=cast.region_b, graduated_on=date(2026, 2, 27))
    dropped = graduates.pop()
    Enrolment.objects.filter(pk=dropped.pk).update(
        status=Enrolment.Status.DROPPED_OUT, graduated_on=None, status_reason="Koreksi"
    )
    GraduateOutcome.objects.filter(enrolment_id=graduates[0].pk).delete()

    assert summaries.refresh(region_ids=[cast.region_a.pk]) == 3

    assert set(GraduateOutcome.objects.values_list("enrolment_id", flat=True)) == {
        *(e.pk for e in graduates),
        elsewhere.pk,
    }

"""Reads behind the training pages: criteria met per applicant, attendance so far, and
scoping by role."""

from datetime import date

import pytest

from jejaring.trainees.models import Education
from jejaring.training import selectors
from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def test_age_is_counted_on_the_batch_s_first_day():
    assert selectors.age_on(date(2000, 3, 2), date(2026, 3, 1)) == 25
    assert selectors.age_on(date(2000, 3, 2), date(2026, 3, 2)) == 26


def test_criteria_the_batch_does_not_set_are_neither_met_nor_failed(cast):
    batch = BatchFactory(program__institution=cast.lpks)
    EnrolmentFactory(batch=batch)
    (candidate,) = selectors.selection_candidates(batch=batch)
    assert (candidate.age_ok, candidate.domicile_ok, candidate.education_ok) == (None, None, None)
    assert candidate.meets_all


def test_each_criterion_is_judged_on_its_own(cast):
    batch = BatchFactory(
        program__institution=cast.lpks,
        start_date=date(2026, 3, 2),
        min_age=18,
        max_age=30,
        min_education=Education.SMA,
        residents_only=True,
    )
    EnrolmentFactory(
        batch=batch,
        person__birth_date=date(1990, 1, 1),
        person__education=Education.D3,
        person__domicile_regency_code=cast.region_a.code,
    )
    (candidate,) = selectors.selection_candidates(batch=batch)
    assert candidate.age == 36
    assert (candidate.age_ok, candidate.domicile_ok, candidate.education_ok) == (False, True, True)
    assert not candidate.meets_all


def test_smk_meets_a_minimum_of_sma_but_smp_does_not(cast):
    batch = BatchFactory(program__institution=cast.lpks, min_education=Education.SMA)
    smk = EnrolmentFactory(batch=batch, person__education=Education.SMK)
    smp = EnrolmentFactory(batch=batch, person__education=Education.SMP)
    judged = {c.enrolment.pk: c.education_ok for c in selectors.selection_candidates(batch=batch)}
    assert judged == {smk.pk: True, smp.pk: False}


def test_an_sma_graduate_meets_a_minimum_of_smk_as_in_placement(cast):
    batch = BatchFactory(program__institution=cast.lpks, min_education=Education.SMK)
    sma = EnrolmentFactory(batch=batch, person__education=Education.SMA)
    (candidate,) = selectors.selection_candidates(batch=batch)
    assert candidate.enrolment == sma
    assert candidate.education_ok is True


def test_a_d4_holder_meets_a_minimum_of_s1_as_in_placement(cast):
    batch = BatchFactory(program__institution=cast.lpks, min_education=Education.S1)
    d4 = EnrolmentFactory(batch=batch, person__education=Education.D4)
    d3 = EnrolmentFactory(batch=batch, person__education=Education.D3)
    judged = {c.enrolment.pk: c.education_ok for c in selectors.selection_candidates(batch=batch)}
    assert judged == {d4.pk: True, d3.pk: False}


def test_the_attendance_summary_counts_present_and_late_as_attended(cast):
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.RUNNING)
    sessions = [
        BatchSession.objects.create(batch=batch, date=date(2026, 3, d)) for d in (2, 3, 4, 5)
    ]
    enrolment = EnrolmentFactory(batch=batch, status=Enrolment.Status.TRAINING)
    for session, status in zip(sessions, ["present", "late", "excused", "absent"], strict=True):
        Attendance.objects.create(session=session, enrolment=enrolment, status=status)
    count, (row,) = selectors.attendance_summary(batch=batch)
    assert count == 4
    assert row.attended == 2
    assert str(row.pct) == "50.0"
    assert not row.meets_minimum
    assert row.counts == {"present": 1, "late": 1, "excused": 1, "absent": 1}


def test_an_operator_reads_only_their_institution_and_staff_their_region(cast):
    own = BatchFactory(program__institution=cast.lpks)
    elsewhere = BatchFactory(program__institution=InstitutionFactory(region=cast.region_a))
    kudus = BatchFactory(program__institution=InstitutionFactory(region=cast.region_b))
    assert set(selectors.batch_list_for(actor=cast.operator)) == {own}
    assert set(selectors.batch_list_for(actor=cast.staff_a)) == {own, elsewhere}
    assert set(selectors.batch_list_for(actor=cast.staff_b)) == {kudus}
    assert set(selectors.institution_list_for(actor=cast.operator)) == {cast.lpks}

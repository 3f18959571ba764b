"""Training's list pages make as many queries for 200 rows as for 10 (issue 16, item 4;
see jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment, Instructor
from jejaring.training.tests.factories import (
    BatchFactory,
    EnrolmentFactory,
    ProgramFactory,
    VocationFactory,
)


def test_the_batch_list_makes_as_many_queries_for_200_batches_as_for_10(client, cast):
    program = ProgramFactory(institution=cast.lpks)
    client.force_login(cast.staff_a)

    def add_batches(n):
        for batch in BatchFactory.create_batch(n, program=program):
            EnrolmentFactory(batch=batch)

    assert_same_queries(client, reverse("training:batch_list"), add_rows=add_batches)


def test_the_batch_api_list_makes_as_many_queries_for_200_batches_as_for_10(client, cast):
    program = ProgramFactory(institution=cast.lpks)
    client.force_login(cast.staff_a)
    assert_same_queries(
        client,
        reverse("api:list_batches"),
        add_rows=lambda n: BatchFactory.create_batch(n, program=program),
    )


def test_the_batch_list_shows_each_batch_s_own_headcounts(client, cast):
    program = ProgramFactory(institution=cast.lpks)
    full, empty = BatchFactory.create_batch(2, program=program)
    EnrolmentFactory.create_batch(3, batch=full, status="accepted")
    EnrolmentFactory(batch=full, status="rejected", status_reason="Kuota penuh")
    client.force_login(cast.staff_a)
    batches = {b.pk: b for b in client.get(reverse("training:batch_list")).context["page_obj"]}
    assert (batches[full.pk].applicant_count, batches[full.pk].participant_count) == (4, 3)
    assert (batches[empty.pk].applicant_count, batches[empty.pk].participant_count) == (0, 0)


def _own_enrolments(cast):
    program = ProgramFactory(institution=cast.lpks)

    def add(n):
        for batch in BatchFactory.create_batch(n, program=program):
            EnrolmentFactory(batch=batch, person=cast.person_1)

    return add


def test_a_trainee_s_enrolment_page_makes_as_many_queries_for_200_enrolments_as_for_10(
    client, cast
):
    client.force_login(cast.trainee_1)
    assert_same_queries(client, reverse("my_training:enrolments"), add_rows=_own_enrolments(cast))


def test_a_trainee_s_enrolment_api_makes_as_many_queries_for_200_enrolments_as_for_10(client, cast):
    client.force_login(cast.trainee_1)
    assert_same_queries(client, reverse("api:my_enrolments"), add_rows=_own_enrolments(cast))


def test_a_batch_s_page_makes_as_many_queries_for_200_participants_as_for_10(client, cast):
    batch = BatchFactory(program=ProgramFactory(institution=cast.lpks), capacity=500)
    client.force_login(cast.staff_a)
    assert_same_queries(
        client,
        reverse("training:batch_detail", args=[batch.pk]),
        add_rows=lambda n: EnrolmentFactory.create_batch(n, batch=batch, status="accepted"),
    )


def test_the_identity_inbox_makes_as_many_queries_for_200_matches_as_for_10(client, cast):
    batch = BatchFactory(program=ProgramFactory(institution__region=cast.region_b))
    client.force_login(cast.staff_a)
    assert_same_queries(
        client,
        reverse("training:identity_inbox"),
        add_rows=lambda n: EnrolmentFactory.create_batch(
            n, batch=batch, person__region=cast.region_a, identity="awaiting_home"
        ),
    )


def test_the_institution_list_makes_as_many_queries_for_200_institutions_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(
        client,
        reverse("training:institution_list"),
        add_rows=lambda n: [
            BatchFactory(program__institution__region=cast.region_a) for _ in range(n)
        ],
    )


def test_the_program_list_makes_as_many_queries_for_200_programs_as_for_10(client, cast):
    def add(n):
        for program in ProgramFactory.create_batch(n, institution=cast.lpks):
            BatchFactory(program=program)

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("training:program_list"), add_rows=add)


def test_the_instructor_list_makes_as_many_queries_for_200_instructors_as_for_10(client, cast):
    vocation = VocationFactory()

    def add(n):
        for i in range(n):
            instructor = Instructor.objects.create(
                region=cast.region_a, institution=cast.lpks, full_name=f"Instruktur {i}"
            )
            instructor.vocations.add(vocation, VocationFactory())

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("training:instructor_list"), add_rows=add)


def test_the_public_batch_list_makes_as_many_queries_for_200_open_batches_as_for_10(client, cast):
    start = timezone.localdate() + timedelta(days=30)

    def add(n):
        BatchFactory.create_batch(
            n,
            program__institution=cast.lpks,
            status=Batch.Status.OPEN,
            start_date=start,
            end_date=start + timedelta(days=30),
        )

    assert_same_queries(client, reverse("registration:batch_list"), add_rows=add)


def test_the_selection_page_makes_as_many_queries_for_200_applicants_as_for_10(client, cast):
    batch = BatchFactory(
        program=ProgramFactory(institution=cast.lpks),
        status=Batch.Status.SELECTION,
        capacity=500,
        min_age=18,
        max_age=30,
        residents_only=True,
    )
    client.force_login(cast.operator)
    assert_same_queries(
        client,
        reverse("training:batch_selection", args=[batch.pk]),
        add_rows=lambda n: EnrolmentFactory.create_batch(n, batch=batch),
    )


def _running_batch(cast):
    batch = BatchFactory(
        program=ProgramFactory(institution=cast.lpks), status=Batch.Status.RUNNING, capacity=500
    )
    sessions = [BatchSession.objects.create(batch=batch, date=date(2026, 3, d)) for d in (2, 3)]

    def add(n):
        for enrolment in EnrolmentFactory.create_batch(
            n, batch=batch, status=Enrolment.Status.TRAINING
        ):
            Attendance.objects.create(
                session=sessions[0], enrolment=enrolment, status=Attendance.Status.PRESENT
            )

    return batch, sessions, add


def test_a_session_s_attendance_page_makes_as_many_queries_for_200_people_as_for_10(client, cast):
    _, sessions, add = _running_batch(cast)
    client.force_login(cast.operator)
    assert_same_queries(
        client, reverse("training:session_attendance", args=[sessions[0].pk]), add_rows=add
    )


def test_a_batch_s_attendance_page_makes_as_many_queries_for_200_people_as_for_10(client, cast):
    batch, _, add = _running_batch(cast)
    client.force_login(cast.operator)
    assert_same_queries(client, reverse("training:batch_attendance", args=[batch.pk]), add_rows=add)

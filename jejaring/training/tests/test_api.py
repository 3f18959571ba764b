"""The training API, scoped like the pages."""

from datetime import date

import pytest
from django.core import mail

from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory
from jejaring.training.tests.test_registration import open_batch

pytestmark = pytest.mark.django_db


def lpks_batch(cast, **kwargs):
    program = ProgramFactory(region=cast.region_a, institution=cast.lpks)
    return BatchFactory(program=program, **kwargs)


def test_open_batches_are_public_and_show_seats_and_criteria(client, cast):
    batch = open_batch(cast, capacity=16, min_age=18, residents_only=True)
    lpks_batch(cast, status=Batch.Status.PLANNED)
    EnrolmentFactory(batch=batch, status=Enrolment.Status.ACCEPTED)
    body = client.get("/api/training/open-batches").json()
    assert [item["id"] for item in body["items"]] == [batch.pk]
    item = body["items"][0]
    assert item["seats_left"] == 15
    assert item["criteria"] == {
        "min_age": 18,
        "max_age": None,
        "min_education": "",
        "residents_only": True,
    }
    assert client.get(f"/api/training/open-batches/{batch.pk}").status_code == 200


def test_a_batch_that_is_not_open_is_a_public_404(client, cast):
    planned = lpks_batch(cast, status=Batch.Status.PLANNED)
    response = client.get(f"/api/training/open-batches/{planned.pk}")
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "detail"}


def test_staff_see_their_region_s_batches_and_operators_their_institution_s(client, cast):
    own = lpks_batch(cast)
    other_institution = BatchFactory(program__institution__region=cast.region_a)
    other_region = BatchFactory(program__institution__region=cast.region_b)

    client.force_login(cast.staff_a)
    ids = {item["id"] for item in client.get("/api/training/batches").json()["items"]}
    assert ids == {own.pk, other_institution.pk}

    client.force_login(cast.operator)
    ids = {item["id"] for item in client.get("/api/training/batches").json()["items"]}
    assert ids == {own.pk}
    assert client.get(f"/api/training/batches/{other_institution.pk}").status_code == 404
    assert client.get(f"/api/training/batches/{other_region.pk}").status_code == 404


def test_a_batch_s_registrations_show_the_nik_masked(client, cast):
    batch = lpks_batch(cast)
    enrolment = EnrolmentFactory(batch=batch)
    client.force_login(cast.operator)
    response = client.get(f"/api/training/batches/{batch.pk}/enrolments")
    assert response.status_code == 200
    [row] = response.json()
    assert row["id"] == enrolment.pk
    assert row["masked_nik"] != enrolment.person.nik
    assert enrolment.person.nik not in response.content.decode()


def test_a_trainee_in_the_batch_cannot_list_its_registrations(client, cast):
    batch = lpks_batch(cast)
    EnrolmentFactory(batch=batch, person=cast.person_1)
    client.force_login(cast.trainee_1)
    assert client.get(f"/api/training/batches/{batch.pk}/enrolments").status_code == 404


def test_the_operator_accepts_registrations_and_the_person_is_emailed(
    client, cast, django_capture_on_commit_callbacks
):
    batch = lpks_batch(cast, status=Batch.Status.SELECTION, capacity=2)
    enrolment = EnrolmentFactory(batch=batch, person__email="a@example.id")
    client.force_login(cast.operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/training/batches/{batch.pk}/decisions",
            {"enrolment_ids": [enrolment.pk], "decision": "accepted"},
            content_type="application/json",
        )
    assert response.status_code == 200
    assert response.json()[0]["status"] == "accepted"
    assert [m.to for m in mail.outbox] == [["a@example.id"]]


def test_a_rejection_without_reason_is_a_422_and_changes_nothing(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.SELECTION)
    enrolment = EnrolmentFactory(batch=batch)
    client.force_login(cast.operator)
    response = client.post(
        f"/api/training/batches/{batch.pk}/decisions",
        {"enrolment_ids": [enrolment.pk], "decision": "rejected"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "reason_required"
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.APPLIED


@pytest.mark.parametrize("body", [b"", b"{", b'{"enrolment_ids": [], "decision": "accepted"}'])
def test_a_malformed_decision_is_a_422(client, cast, body):
    batch = lpks_batch(cast, status=Batch.Status.SELECTION)
    client.force_login(cast.operator)
    response = client.post(
        f"/api/training/batches/{batch.pk}/decisions", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_an_empty_post_to_another_region_s_batch_or_session_is_a_404(client, cast):
    batch = BatchFactory(program__institution__region=cast.region_b)
    session = BatchSession.objects.create(batch=batch, date=date(2026, 3, 2))
    client.force_login(cast.staff_a)
    assert client.post(f"/api/training/batches/{batch.pk}/decisions").status_code == 404
    assert client.post(f"/api/training/sessions/{session.pk}/attendance").status_code == 404


def test_the_operator_records_a_session_s_attendance_in_bulk(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.RUNNING)
    first = EnrolmentFactory(batch=batch, status=Enrolment.Status.TRAINING)
    second = EnrolmentFactory(batch=batch, status=Enrolment.Status.TRAINING)
    session = BatchSession.objects.create(batch=batch, date=date(2026, 3, 2))
    client.force_login(cast.operator)
    assert [s["id"] for s in client.get(f"/api/training/batches/{batch.pk}/sessions").json()] == [
        session.pk
    ]
    response = client.post(
        f"/api/training/sessions/{session.pk}/attendance",
        {
            "entries": [
                {"enrolment_id": first.pk, "status": "present"},
                {"enrolment_id": second.pk, "status": "absent"},
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["changed"] == 2
    assert dict(Attendance.objects.values_list("enrolment_id", "status")) == {
        first.pk: "present",
        second.pk: "absent",
    }
    rows = client.get(f"/api/training/sessions/{session.pk}/attendance").json()
    assert {row["status"] for row in rows} == {"present", "absent"}


def test_attendance_for_someone_outside_the_batch_is_refused_whole(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.RUNNING)
    participant = EnrolmentFactory(batch=batch, status=Enrolment.Status.TRAINING)
    stranger = EnrolmentFactory(status=Enrolment.Status.TRAINING)
    session = BatchSession.objects.create(batch=batch, date=date(2026, 3, 2))
    client.force_login(cast.operator)
    response = client.post(
        f"/api/training/sessions/{session.pk}/attendance",
        {
            "entries": [
                {"enrolment_id": participant.pk, "status": "present"},
                {"enrolment_id": stranger.pk, "status": "present"},
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not Attendance.objects.exists()


def test_a_trainee_sees_only_their_own_enrolments_and_attendance(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.RUNNING)
    own = EnrolmentFactory(batch=batch, person=cast.person_1, status=Enrolment.Status.TRAINING)
    other = EnrolmentFactory(batch=batch, person=cast.person_2)
    session = BatchSession.objects.create(batch=batch, date=date(2026, 3, 2))
    Attendance.objects.create(session=session, enrolment=own, status="late")
    client.force_login(cast.trainee_1)
    assert [e["id"] for e in client.get("/api/training/my/enrolments").json()] == [own.pk]
    detail = client.get(f"/api/training/my/enrolments/{own.pk}").json()
    assert detail["attendance"] == [
        {"session_id": session.pk, "date": "2026-03-02", "status": "late"}
    ]
    assert client.get(f"/api/training/my/enrolments/{other.pk}").status_code == 404


def test_a_trainee_withdraws_before_the_batch_runs(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.OPEN)
    own = EnrolmentFactory(batch=batch, person=cast.person_1)
    client.force_login(cast.trainee_1)
    response = client.post(f"/api/training/my/enrolments/{own.pk}/withdraw")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"


def test_a_trainee_cannot_withdraw_while_training(client, cast):
    batch = lpks_batch(cast, status=Batch.Status.RUNNING)
    own = EnrolmentFactory(batch=batch, person=cast.person_1, status=Enrolment.Status.TRAINING)
    client.force_login(cast.trainee_1)
    response = client.post(f"/api/training/my/enrolments/{own.pk}/withdraw")
    assert response.status_code == 409
    own.refresh_from_db()
    assert own.status == Enrolment.Status.TRAINING


def test_batch_lists_take_the_same_queries_for_one_batch_or_many(
    client, cast, django_assert_max_num_queries
):
    for _ in range(6):
        open_batch(cast)
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(12):
        assert len(client.get("/api/training/batches").json()["items"]) == 6
    with django_assert_max_num_queries(4):
        assert len(client.get("/api/training/open-batches").json()["items"]) == 6

from datetime import date

import pytest

from jejaring.core.errors import ValidationError
from jejaring.social_security.models import Coverage
from jejaring.social_security.services import coverage_apply_insurer_return
from jejaring.training.tests.factories import EnrolmentFactory


def registered(region, person=None):
    extra = {"person": person} if person else {}
    enrolment = EnrolmentFactory(region=region, batch__region=region, **extra)
    return Coverage.objects.create(
        region=region,
        person=enrolment.person,
        kind=Coverage.Kind.TRAINEE,
        enrolment=enrolment,
        payer=Coverage.Payer.OFFICE,
        declared_income=1_000_000,
        cover_start=date(2026, 3, 1),
        cover_end=date(2026, 4, 30),
        status=Coverage.Status.REGISTERED,
    )


def test_a_clean_file_activates_every_cover_with_its_card_number(cast):
    one, two = registered(cast.region_a, cast.person_1), registered(cast.region_a, cast.person_2)
    count = coverage_apply_insurer_return(
        actor=cast.staff_a,
        rows=[(2, cast.person_1.nik, "11111111111"), (3, cast.person_2.nik, "22222222222")],
    )
    assert count == 2
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, one.kpj_number) == (Coverage.Status.ACTIVE, "11111111111")
    assert (two.status, two.kpj_number) == (Coverage.Status.ACTIVE, "22222222222")


def test_a_file_with_bad_rows_changes_nothing_and_lists_every_bad_row(cast):
    mine = registered(cast.region_a, cast.person_1)
    theirs = registered(cast.region_b)
    with pytest.raises(ValidationError) as refused:
        coverage_apply_insurer_return(
            actor=cast.staff_a,
            rows=[
                (2, cast.person_1.nik, "11111111111"),
                (3, "3375010101900009", "22222222222"),
                (4, theirs.person.nik, "33333333333"),
                (5, cast.person_1.nik, "12-34"),
            ],
        )
    errors = refused.value.detail["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [
        (2, "nik"),
        (3, "nik"),
        (4, "nik"),
        (5, "nik"),
        (5, "kpj"),
    ]
    mine.refresh_from_db()
    assert (mine.status, mine.kpj_number) == (Coverage.Status.REGISTERED, "")


def test_only_office_staff_may_import_the_insurers_file(cast):
    from jejaring.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        coverage_apply_insurer_return(actor=cast.hr_a, rows=[])


def test_an_incident_is_recorded_and_office_staff_are_emailed(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from jejaring.social_security.models import Incident
    from jejaring.social_security.services import incident_record

    cast.staff_a.email = "staf.a@example.test"
    cast.staff_a.save(update_fields=["email"])
    coverage = registered(cast.region_a, cast.person_1)
    with django_capture_on_commit_callbacks(execute=True):
        incident_record(
            actor=cast.staff_a,
            coverage=coverage,
            kind=Incident.Kind.ACCIDENT,
            occurred_at=timezone.now(),
            place="Bengkel las",
            description="Tangan terkena percikan las",
        )
    assert Incident.objects.get().reported_by == cast.staff_a
    assert [m.to for m in mailoutbox] == [["staf.a@example.test"]]


def test_a_card_number_twice_or_already_someone_elses_is_a_bad_row(cast):
    registered(cast.region_a, cast.person_1)
    registered(cast.region_a, cast.person_2)
    with pytest.raises(ValidationError) as twice:
        coverage_apply_insurer_return(
            actor=cast.staff_a,
            rows=[(2, cast.person_1.nik, "11111111111"), (3, cast.person_2.nik, "11111111111")],
        )
    assert [e["row"] for e in twice.value.detail["errors"]] == [2, 3]
    held = registered(cast.region_a)
    held.kpj_number, held.status = "33333333333", Coverage.Status.ACTIVE
    held.save()
    with pytest.raises(ValidationError) as taken:
        coverage_apply_insurer_return(
            actor=cast.staff_a, rows=[(2, cast.person_1.nik, "33333333333")]
        )
    assert "sudah dipakai" in taken.value.detail["errors"][0]["message"]
    assert not Coverage.objects.filter(person=cast.person_1, status=Coverage.Status.ACTIVE)

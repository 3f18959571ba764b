"""Registering and changing people: one person per NIK, normalised phones, every write
and every reveal of a full NIK audited."""

from datetime import date

import pytest
from django.db import transaction

from jejaring.core.errors import Conflict, PermissionDenied, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.trainees import services
from jejaring.trainees.models import Person, TransferRequest

pytestmark = pytest.mark.django_db

# A woman born 1 January 1995 in Pekalongan Barat: day 01 + 40 = 41.
WOMAN_NIK = "3375014101950001"


def data(**overrides):
    values = {"nik": WOMAN_NIK, "full_name": "Siti Rahmawati", "education": "smk"}
    values.update(overrides)
    return services.PersonData(**values)


def register(*, actor, region, data):
    """Office staff registering a person at the counter."""
    return services.person_register(
        actor=actor, region=region, data=data, source=services.RegisterSource.OFFICE
    )


def test_office_staff_register_a_person_with_sex_and_birth_date_read_from_the_nik(cast):
    person = register(actor=cast.staff_a, region=cast.region_a, data=data(phone="0812-3456-7890"))
    assert person.sex == "F"
    assert person.birth_date == date(1995, 1, 1)
    assert person.phone == "+6281234567890"
    event = AuditEvent.objects.get(action="trainees.person.create")
    assert event.actor == cast.staff_a
    assert event.region == cast.region_a
    assert WOMAN_NIK not in str(event.changes), "the audit trail must not store the NIK in clear"


def test_a_nik_of_another_region_becomes_a_transfer_request_not_a_second_person(cast):
    person = register(actor=cast.staff_a, region=cast.region_a, data=data())
    with pytest.raises(services.TransferRequested) as raised:
        register(actor=cast.staff_b, region=cast.region_b, data=data(full_name="X"))
    message = str(raised.value.message)
    # Nothing of the record: not its region, not its name.
    assert "Pekalongan" not in message and "Siti" not in message
    assert Person.objects.filter(nik=WOMAN_NIK).count() == 1
    request = TransferRequest.objects.get()
    assert (request.person, request.region, request.to_region) == (
        person,
        cast.region_a,
        cast.region_b,
    )
    person.refresh_from_db()
    assert person.full_name == "Siti Rahmawati" and person.region == cast.region_a


def test_the_home_office_alone_moves_a_person_to_the_asking_region(cast):
    person = register(actor=cast.staff_a, region=cast.region_a, data=data())
    with pytest.raises(services.TransferRequested):
        register(actor=cast.staff_b, region=cast.region_b, data=data())
    request = TransferRequest.objects.get()
    with pytest.raises(PermissionDenied):
        services.transfer_request_decide(actor=cast.staff_b, request=request, accept=True)
    services.transfer_request_decide(actor=cast.staff_a, request=request, accept=True)
    person.refresh_from_db()
    assert person.region == cast.region_b
    assert Person.objects.for_actor(cast.staff_b).filter(pk=person.pk).exists()
    assert AuditEvent.objects.filter(action="trainees.person.transfer").count() == 2


def test_a_nik_the_actor_already_sees_is_refused_as_taken(cast):
    register(actor=cast.staff_a, region=cast.region_a, data=data())
    with pytest.raises(Conflict) as raised:
        register(actor=cast.staff_a, region=cast.region_a, data=data())
    assert raised.value.code == "nik_taken"


def test_a_person_registered_at_the_counter_with_the_ktp_seen_is_verified(cast):
    seen = register(actor=cast.staff_a, region=cast.region_a, data=data(ktp_seen=True))
    assert seen.is_verified and seen.verified_by == cast.staff_a


@pytest.mark.parametrize(
    ("nik", "code"),
    [
        ("337501410195000", "nik_length"),
        ("3375013102950001", "nik_date_impossible"),
        ("9975014101950001", "nik_province_unknown"),
        ("3375014101950000", "nik_serial_zero"),
        ("33750141O1950001", "nik_not_digits"),
    ],
)
def test_an_invalid_nik_is_refused_with_its_reason_and_nothing_is_written(cast, nik, code):
    people_before = Person.objects.count()
    with pytest.raises(ValidationError) as raised:
        register(actor=cast.staff_a, region=cast.region_a, data=data(nik=nik))
    assert raised.value.code == code
    assert raised.value.field == "nik"
    assert Person.objects.count() == people_before
    assert AuditEvent.objects.count() == 0


def test_a_sex_that_contradicts_the_nik_is_refused(cast):
    with pytest.raises(ValidationError) as raised:
        register(actor=cast.staff_a, region=cast.region_a, data=data(sex="M"))
    assert raised.value.field == "sex"


def test_an_unknown_district_inside_a_known_regency_is_flagged_for_review_not_refused(cast):
    person = register(actor=cast.staff_a, region=cast.region_a, data=data(nik="3375994101950001"))
    assert person.nik_needs_review


def test_a_bad_phone_number_is_refused(cast):
    with pytest.raises(ValidationError) as raised:
        register(actor=cast.staff_a, region=cast.region_a, data=data(phone="12ab"))
    assert raised.value.field == "phone"


def test_company_hr_may_not_register_people(cast):
    with pytest.raises(PermissionDenied):
        register(actor=cast.hr_a, region=cast.region_a, data=data())


def test_staff_may_not_register_people_in_another_region(cast):
    with pytest.raises(PermissionDenied):
        register(actor=cast.staff_a, region=cast.region_b, data=data())


def test_an_update_records_before_and_after_but_masks_personal_values(cast):
    person = register(actor=cast.staff_a, region=cast.region_a, data=data())
    services.person_update(
        actor=cast.staff_a,
        person=person,
        changes={"full_name": "Siti  Rahmawati Putri", "phone": "081234567890"},
    )
    event = AuditEvent.objects.get(action="trainees.person.update")
    assert event.changes["full_name"] == ["Siti Rahmawati", "Siti Rahmawati Putri"]
    assert event.changes["phone"] == ["•••", "•••"]
    person.refresh_from_db()
    assert person.phone == "+6281234567890"


def test_the_nik_cannot_be_changed_through_an_update(cast):
    person = register(actor=cast.staff_a, region=cast.region_a, data=data())
    with pytest.raises(ValidationError):
        services.person_update(actor=cast.staff_a, person=person, changes={"nik": "1"})


def test_reading_a_full_nik_is_audited(cast):
    person = register(actor=cast.staff_a, region=cast.region_a, data=data())
    assert services.person_reveal_nik(actor=cast.staff_a, person=person) == WOMAN_NIK
    assert AuditEvent.objects.filter(
        action="trainees.person.reveal_nik", actor=cast.staff_a, target_id=str(person.pk)
    ).exists()


def test_company_hr_may_not_read_a_full_nik(cast):
    with pytest.raises(PermissionDenied):
        services.person_reveal_nik(actor=cast.hr_a, person=cast.person_1)


def test_a_person_exports_their_own_data_and_the_export_is_audited(cast):
    exported = services.person_export_own_data(actor=cast.trainee_1, person=cast.person_1)
    assert exported["nik"] == cast.person_1.nik
    assert exported["enrolments"] == []
    assert AuditEvent.objects.filter(action="trainees.person.export").count() == 1
    with pytest.raises(PermissionDenied):
        services.person_export_own_data(actor=cast.trainee_1, person=cast.person_2)


def test_only_the_home_office_verifies_a_person_at_the_counter(cast):
    person = register(actor=cast.staff_a, region=cast.region_a, data=data())
    assert not person.is_verified
    with pytest.raises(PermissionDenied):
        services.person_verify(actor=cast.staff_b, person=person)
    with pytest.raises(PermissionDenied):
        services.person_verify(actor=cast.operator, person=person)
    verified = services.person_verify(actor=cast.staff_a, person=person)
    assert verified.is_verified and verified.verified_by == cast.staff_a
    assert AuditEvent.objects.filter(action="trainees.person.verify").count() == 1


def test_the_person_create_page_says_a_request_was_sent_for_another_offices_nik(cast, client):
    register(actor=cast.staff_a, region=cast.region_a, data=data())
    client.force_login(cast.staff_b)
    response = client.post(
        "/orang/baru/",
        {"nik": WOMAN_NIK, "full_name": "Nama Lain", "education": "smk"},
        follow=True,
    )
    body = response.content.decode()
    assert "Permintaan pindah" in body
    assert "Siti Rahmawati" not in body and "Pekalongan" not in body


def test_a_bulk_registration_builds_and_audits_each_person_as_one_registration_does(cast):
    man = "3375010101950002"
    with transaction.atomic():
        people = services.person_register_many(
            actor=cast.operator,
            region=cast.region_a,
            data=[data(phone="0812-3456-7890"), data(nik=man, full_name="  Budi   Santoso ")],
            source=services.RegisterSource.IMPORT,
        )
    siti, budi = (Person.objects.get(pk=person.pk) for person in people)
    assert (siti.sex, siti.phone, siti.region) == ("F", "+6281234567890", cast.region_a)
    assert (budi.sex, budi.full_name) == ("M", "Budi Santoso")
    assert not siti.is_verified and not budi.is_verified
    events = AuditEvent.objects.filter(action="trainees.person.create").order_by("target_id")
    assert [event.target_id for event in events] == sorted(str(p.pk) for p in people)
    for event in events:
        assert event.actor == cast.operator and event.region == cast.region_a
        assert event.changes["nik"] == ["•••", "•••"]
        assert event.changes["verified"] == [None, False]


def test_one_bad_person_in_a_bulk_registration_writes_nobody(cast):
    people_before = Person.objects.count()
    with pytest.raises(ValidationError) as raised, transaction.atomic():
        services.person_register_many(
            actor=cast.operator,
            region=cast.region_a,
            data=[data(), data(nik="3375010101950002", phone="12ab")],
            source=services.RegisterSource.IMPORT,
        )
    assert raised.value.field == "phone"
    assert Person.objects.count() == people_before
    assert AuditEvent.objects.count() == 0

"""The AK/1 services: registration online and at the counter, issue with numbering,
reports, renewal, closing, expiry and reminders."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.models import AuditEvent
from jejaring.jobseekers import services
from jejaring.jobseekers.models import CardStatus, CloseSource, JobSeekerCard, JobSeekerReport
from jejaring.jobseekers.services import DocumentCheck, JobWish, OnlineIdentity
from jejaring.jobseekers.tests.factories import CardFactory, IssuedCardFactory
from jejaring.notices.models import Notification
from jejaring.trainees.models import Person
from jejaring.trainees.nik import format_nik
from jejaring.trainees.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

WISH = JobWish(
    education="smk",
    education_major="Tata Busana",
    occupation_title="Penjahit",
    occupation_code="7531",
    wanted_location="Kota Pekalongan",
)
ALL_DOCS = DocumentCheck(ktp=True, diploma=True)


def _identity(**overrides):
    values = {
        "nik": format_nik(
            district_code="33.75.02", birth_date=date(2001, 5, 4), sex="F", serial=77
        ),
        "full_name": "Siti Rahmawati",
        "sex": "F",
        "birth_date": date(2001, 5, 4),
        "phone": "0812 3456 7890",
        "email": "siti@example.com",
        "consent": True,
    }
    values.update(overrides)
    return OnlineIdentity(**values)


def _online(cast, **overrides):
    return services.card_register_online(
        region=cast.region_a, wish=WISH, identity=_identity(**overrides)
    )


def test_an_online_registration_of_a_new_nik_creates_an_unverified_person_and_a_waiting_card(cast):
    card = _online(cast)
    assert card.status == CardStatus.SUBMITTED
    assert card.channel == "online"
    assert card.person.full_name == "Siti Rahmawati"
    assert not card.person.is_verified
    assert card.person.region == cast.region_a
    assert AuditEvent.objects.filter(action="trainees.person.create").count() == 1
    assert AuditEvent.objects.filter(action="jobseekers.card.register").count() == 1


def test_an_online_registration_naming_a_known_nik_changes_nothing_of_the_record(cast):
    person = cast.person_1
    before = (person.full_name, person.phone, person.email)
    card = _online(
        cast,
        nik=person.nik,
        sex=person.sex,
        birth_date=person.birth_date,
        full_name="Orang Lain",
        phone="0813 0000 1111",
        email="lain@example.com",
    )
    person.refresh_from_db()
    assert (person.full_name, person.phone, person.email) == before
    assert card is not None and card.person == person
    assert card.applicant["full_name"] == "Orang Lain"


def test_a_second_online_registration_of_one_nik_adds_nothing_and_answers_alike(cast):
    assert _online(cast) is not None
    assert _online(cast) is None
    assert JobSeekerCard.objects.count() == 1


def test_a_domicile_in_another_region_is_told_which_office_to_go_to(cast):
    kudus = format_nik(district_code="33.19.01", birth_date=date(2000, 1, 2), sex="M", serial=5)
    with pytest.raises(services.WrongOffice) as error:
        _online(cast, nik=kudus, sex="M", birth_date=date(2000, 1, 2))
    assert cast.region_b.office_name in str(error.value.message)
    assert not Person.objects.filter(nik=kudus).exists()
    assert not JobSeekerCard.objects.exists()


def test_the_address_on_the_ktp_decides_the_domicile_over_the_nik(cast):
    card = _online(cast, domicile_regency_code="33.75")
    assert card is not None
    with pytest.raises(services.WrongOffice):
        _online(
            cast,
            nik=format_nik(
                district_code="33.75.01", birth_date=date(1999, 1, 1), sex="M", serial=9
            ),
            sex="M",
            birth_date=date(1999, 1, 1),
            domicile_regency_code="33.19",
        )


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"nik": "123"}, "nik_length"),
        ({"consent": False}, "consent_required"),
        ({"phone": ""}, "required"),
        ({"sex": "M"}, "nik_sex_mismatch"),
    ],
)
def test_bad_online_input_is_refused_and_writes_nothing(cast, overrides, code):
    with pytest.raises(ValidationError) as error:
        _online(cast, **overrides)
    assert error.value.code == code
    assert not JobSeekerCard.objects.exists()
    assert Person.objects.count() == 2


def test_a_wish_without_a_job_or_with_a_bad_kbji_code_is_refused(cast):
    for wish, code in [
        (JobWish(education="smk", occupation_title=" ", wanted_location="x"), "required"),
        (
            JobWish(
                education="smk", occupation_title="x", wanted_location="x", occupation_code="75a"
            ),
            "invalid_kbji",
        ),
        (JobWish(education="phd", occupation_title="x", wanted_location="x"), "invalid_education"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.card_register_online(region=cast.region_a, wish=wish, identity=_identity())
        assert error.value.code == code
    assert not JobSeekerCard.objects.exists()


def test_a_holder_with_a_verified_account_registers_as_themself(cast):
    card = services.card_register_online(region=cast.region_a, wish=WISH, submitter=cast.trainee_1)
    assert card.person == cast.person_1
    with pytest.raises(Conflict):
        services.card_register_online(region=cast.region_a, wish=WISH, submitter=cast.trainee_1)


def test_the_counter_registers_an_existing_person_of_the_region(cast):
    card = services.card_register_counter(
        actor=cast.staff_a, region=cast.region_a, wish=WISH, person=cast.person_1
    )
    assert card.channel == "counter"
    with pytest.raises(Conflict):
        services.card_register_counter(
            actor=cast.staff_a, region=cast.region_a, wish=WISH, person=cast.person_1
        )


def test_another_region_s_staff_cannot_register_at_this_office(cast):
    with pytest.raises(PermissionDenied):
        services.card_register_counter(
            actor=cast.staff_b, region=cast.region_a, wish=WISH, person=cast.person_1
        )


def test_issuing_checks_documents_verifies_identity_and_numbers_the_card(cast, photo):
    card = _online(cast)
    with pytest.raises(ValidationError) as error:
        services.card_issue(
            actor=cast.staff_a, card=card, documents=DocumentCheck(ktp=True), photo=photo()
        )
    assert error.value.code == "documents_missing"
    with pytest.raises(ValidationError) as error:
        services.card_issue(actor=cast.staff_a, card=card, documents=ALL_DOCS)
    assert error.value.code == "photo_missing"
    card.refresh_from_db()
    assert card.status == CardStatus.SUBMITTED and card.number == ""

    issued = services.card_issue(
        actor=cast.staff_a, card=card, documents=ALL_DOCS, photo=photo(), on=date(2026, 3, 2)
    )
    assert issued.status == CardStatus.ACTIVE
    assert issued.number == "3375-2026-000001"
    assert issued.valid_until == date(2028, 3, 2)
    assert issued.person.is_verified
    second = services.card_issue(
        actor=cast.staff_a,
        card=CardFactory(region=cast.region_a, person=cast.person_2),
        documents=ALL_DOCS,
        photo=photo(),
        on=date(2026, 3, 3),
    )
    assert second.number == "3375-2026-000002"


def test_a_photo_that_is_not_an_image_is_refused(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    card = CardFactory(region=cast.region_a, person=cast.person_1)
    fake = SimpleUploadedFile("foto.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        services.card_issue(actor=cast.staff_a, card=card, documents=ALL_DOCS, photo=fake)
    assert error.value.code == "invalid_photo"


def test_a_region_asking_for_the_kk_refuses_to_issue_without_it(cast, photo):
    services.settings_update(
        actor=cast.staff_a, region=cast.region_a, require_kk=True, officer_name="", officer_nip=""
    )
    card = CardFactory(region=cast.region_a, person=cast.person_1)
    with pytest.raises(ValidationError) as error:
        services.card_issue(actor=cast.staff_a, card=card, documents=ALL_DOCS, photo=photo())
    assert error.value.code == "kk_missing"
    issued = services.card_issue(
        actor=cast.staff_a,
        card=card,
        documents=DocumentCheck(ktp=True, diploma=True, kk=True),
        photo=photo(),
    )
    assert issued.kk_checked


def test_another_region_s_staff_cannot_issue_or_reject(cast, photo):
    card = CardFactory(region=cast.region_a, person=cast.person_1)
    with pytest.raises(NotFound):
        services.card_issue(actor=cast.staff_b, card=card, documents=ALL_DOCS, photo=photo())
    with pytest.raises(NotFound):
        services.card_reject(actor=cast.staff_b, card=card, reason="x")


def test_a_person_held_by_another_office_gets_a_transfer_request_not_a_card(cast, photo):
    from jejaring.trainees.models import TransferRequest

    elsewhere = PersonFactory(region=cast.region_b)
    card = CardFactory(region=cast.region_a, person=elsewhere)
    with pytest.raises(Conflict) as error:
        services.card_issue(actor=cast.staff_a, card=card, documents=ALL_DOCS, photo=photo())
    assert error.value.code == "person_elsewhere"
    assert TransferRequest.objects.filter(person=elsewhere, to_region=cast.region_a).exists()
    card.refresh_from_db()
    assert card.status == CardStatus.SUBMITTED


def test_a_rejected_registration_cannot_be_issued(cast, photo):
    card = services.card_reject(
        actor=cast.staff_a, card=CardFactory(region=cast.region_a), reason="KTP tidak cocok"
    )
    with pytest.raises(InvalidTransition):
        services.card_issue(actor=cast.staff_a, card=card, documents=ALL_DOCS, photo=photo())


def test_reports_fill_the_four_boxes_once_each(cast):
    start = timezone.localdate() - timedelta(days=200)
    card = IssuedCardFactory(
        region=cast.region_a,
        person=cast.person_1,
        issued_on=start,
        period_start=start,
        valid_until=start + timedelta(days=730),
    )
    report = services.card_report(actor=cast.trainee_1, card=card)
    assert (report.box, report.channel) == (1, "online")
    with pytest.raises(Conflict):
        services.card_report(actor=cast.staff_a, card=card)
    with pytest.raises(NotFound):
        services.card_report(actor=cast.trainee_2, card=card)
    with pytest.raises(NotFound):
        services.card_report(actor=cast.staff_b, card=card)


def test_a_report_before_the_first_box_opens_is_refused(cast):
    card = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    with pytest.raises(InvalidTransition) as error:
        services.card_report(actor=cast.staff_a, card=card)
    assert error.value.code == "report_not_due"
    assert not JobSeekerReport.objects.exists()


def test_renewal_starts_a_new_two_year_period_only_near_the_end(cast):
    card = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    with pytest.raises(InvalidTransition):
        services.card_renew(actor=cast.staff_a, card=card)
    today = timezone.localdate()
    JobSeekerCard.objects.filter(pk=card.pk).update(valid_until=today - timedelta(days=1))
    assert services.cards_expire(today=today) == 1
    card.refresh_from_db()
    assert card.status == CardStatus.EXPIRED
    renewed = services.card_renew(actor=cast.staff_a, card=card)
    assert renewed.status == CardStatus.ACTIVE
    assert renewed.renewals == 1
    assert renewed.valid_until == date(today.year + 2, today.month, min(today.day, 28)) or (
        renewed.valid_until.year == today.year + 2
    )


def test_the_holder_closes_their_card_as_hired(cast):
    card = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    closed = services.card_close_hired(
        actor=cast.trainee_1,
        person=cast.person_1,
        on=timezone.localdate(),
        employer_name="PT Garmen Sejahtera",
        source=CloseSource.HOLDER,
    )
    assert closed.pk == card.pk
    assert closed.status == CardStatus.HIRED
    assert closed.employer_name == "PT Garmen Sejahtera"
    assert AuditEvent.objects.filter(action="jobseekers.card.close_hired").count() == 1
    with pytest.raises(InvalidTransition):
        services.card_renew(actor=cast.staff_a, card=closed)


def test_nobody_else_closes_a_card_as_holder_or_office(cast):
    IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    for actor, source in [(cast.trainee_2, "holder"), (cast.staff_b, "office")]:
        with pytest.raises(NotFound):
            services.card_close_hired(
                actor=actor,
                person=cast.person_1,
                on=timezone.localdate(),
                employer_name="X",
                source=source,
            )
    assert JobSeekerCard.objects.get().status == CardStatus.ACTIVE


def test_closing_a_person_without_a_card_from_the_tracer_is_a_no_op(cast):
    assert (
        services.card_close_hired(
            actor=None,
            person=cast.person_2,
            on=timezone.localdate(),
            employer_name="X",
            source=CloseSource.TRACER,
        )
        is None
    )


def test_a_tracer_answer_working_closes_the_card(cast):
    from jejaring.outcomes.services.answers import AnswerData, follow_up_answer_record
    from jejaring.outcomes.tests.factories import FollowUpFactory

    follow_up = FollowUpFactory(region=cast.region_a)
    card = IssuedCardFactory(region=cast.region_a, person=follow_up.person)
    follow_up_answer_record(
        actor=cast.staff_a,
        follow_up=follow_up,
        data=AnswerData(
            status="employed", employer_name="CV Batik Jaya", started_on=timezone.localdate()
        ),
    )
    card.refresh_from_db()
    assert card.status == CardStatus.HIRED
    assert card.close_source == CloseSource.TRACER
    assert card.employer_name == "CV Batik Jaya"


def test_a_tracer_answer_not_working_leaves_the_card_open(cast):
    from jejaring.outcomes.services.answers import AnswerData, follow_up_answer_record
    from jejaring.outcomes.tests.factories import FollowUpFactory

    follow_up = FollowUpFactory(region=cast.region_a)
    card = IssuedCardFactory(region=cast.region_a, person=follow_up.person)
    follow_up_answer_record(
        actor=cast.staff_a, follow_up=follow_up, data=AnswerData(status="not_working")
    )
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE


def test_reminders_go_once_for_a_report_due_and_a_card_ending(cast):
    today = timezone.localdate()
    start = today - timedelta(days=175)
    IssuedCardFactory(
        region=cast.region_a,
        person=cast.person_1,
        issued_on=start,
        period_start=start,
        valid_until=today + timedelta(days=10),
    )
    told = services.cards_remind(today=today)
    assert told == 2
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds == {"jobseeker_report_due", "jobseeker_card_expiring"}
    assert services.cards_remind(today=today) == 0

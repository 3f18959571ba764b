"""Identity is verified, not assumed (issue 13): knowing a NIK gives nobody a person's
record, an account, or an answer that depends on the NIK's state."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from jejaring.accounts.models import User
from jejaring.accounts.scope import Role
from jejaring.accounts.tests.factories import MembershipFactory, UserFactory
from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.policies import policy_for
from jejaring.trainees.models import Person
from jejaring.trainees.nik import format_nik
from jejaring.trainees.selectors import person_get_for
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training import identity
from jejaring.training.models import Batch, Enrolment, IdentityReview, TrainingInstitution
from jejaring.training.registration import RegistrationData, registration_submit
from jejaring.training.services import enrolment_decide
from jejaring.training.tests.factories import (
    BatchFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

BIRTH = date(2000, 3, 9)
NIK = format_nik(district_code="33.19.01", birth_date=BIRTH, sex="M", serial=31)


def open_batch(institution, *, starts_in=30):
    start = timezone.localdate() + timedelta(days=starts_in)
    return BatchFactory(
        program=ProgramFactory(region=institution.region, institution=institution),
        status=Batch.Status.OPEN,
        start_date=start,
        end_date=start + timedelta(days=30),
    )


def typed(**overrides):
    values = {
        "nik": NIK,
        "full_name": "Penyerobot",
        "education": "smk",
        "email": "penyerobot@example.id",
        "phone": "0812 1111 2222",
        "consent": True,
    }
    values.update(overrides)
    return RegistrationData(**values)


def register(batch, data, callbacks, submitter=None):
    with callbacks(execute=True):
        return registration_submit(batch_id=batch.pk, data=data, submitter=submitter)


@pytest.fixture
def owner(cast):
    """A verified person of region B (Kudus) with their own account."""
    return PersonFactory(
        region=cast.region_b,
        nik=NIK,
        sex="M",
        birth_date=BIRTH,
        full_name="Ahmad Pemilik",
        email="pemilik@example.id",
        user=UserFactory(username="pemilik", email="pemilik@example.id"),
    )


# --- finding 1: no reading or editing through a manufactured enrolment -------------------


def test_an_lpks_operator_gets_nothing_of_another_regions_person_by_registering_their_nik(
    cast, owner, django_capture_on_commit_callbacks
):
    batch = open_batch(cast.lpks)
    register(batch, typed(), django_capture_on_commit_callbacks)

    with pytest.raises(NotFound):
        person_get_for(actor=cast.operator, person_id=owner.pk)
    for action in ("view", "change", "reveal_nik"):
        assert not policy_for(Person).can(cast.operator, action, owner)


def test_office_staff_get_nothing_of_another_regions_person_by_importing_their_nik(cast, owner):
    batch = open_batch(cast.lpks)
    EnrolmentFactory(
        batch=batch,
        person=owner,
        source=Enrolment.Source.IMPORT,
        identity=Enrolment.Identity.UNVERIFIED,
        applicant={"full_name": "Siapa Saja"},
    )
    for action in ("view", "change", "reveal_nik"):
        assert not policy_for(Person).can(cast.staff_a, action, owner)
    client_page = person_list_names(cast.staff_a)
    assert "Ahmad Pemilik" not in client_page


def person_list_names(actor):
    return " ".join(Person.objects.for_actor(actor).values_list("full_name", flat=True))


def test_even_a_confirmed_enrolment_lets_only_the_home_office_edit_or_reveal(cast, owner):
    EnrolmentFactory(batch=open_batch(cast.lpks), person=owner)
    assert policy_for(Person).can(cast.operator, "view", owner)
    assert policy_for(Person).can(cast.staff_a, "view", owner)
    for actor in (cast.operator, cast.staff_a):
        assert not policy_for(Person).can(actor, "change", owner)
        assert not policy_for(Person).can(actor, "reveal_nik", owner)
    assert policy_for(Person).can(cast.staff_b, "reveal_nik", owner)
    assert policy_for(Person).can(owner.user, "change", owner)


# --- finding 2: no squatting ---------------------------------------------------------------


def test_the_first_registration_of_a_nik_binds_no_account_and_the_owner_gets_theirs(
    cast, django_capture_on_commit_callbacks
):
    kudus_blk = InstitutionFactory(region=cast.region_b, kind=TrainingInstitution.Kind.BLK)
    operator_b = UserFactory(username="operator.kudus")
    MembershipFactory(
        user=operator_b, region=cast.region_b, role=Role.OPERATOR, institution=kudus_blk
    )
    batch = open_batch(kudus_blk)
    squatted = register(batch, typed(), django_capture_on_commit_callbacks)
    squatter = squatted.applicant_user
    person = squatted.person
    assert person.user is None and not person.is_verified

    later = open_batch(kudus_blk, starts_in=90)
    real = register(
        later,
        typed(full_name="Ahmad Asli", email="asli@example.id", phone="0813 3333 4444"),
        django_capture_on_commit_callbacks,
    )
    assert real.person == person
    owner_account = real.applicant_user

    # At selection the operator sees the real owner's KTP and verifies their registration.
    identity.enrolment_verify_identity(actor=operator_b, enrolment=real, full_name="Ahmad Asli")
    person.refresh_from_db()
    assert person.is_verified and person.verified_by == operator_b
    assert person.user == owner_account
    assert (person.full_name, person.email) == ("Ahmad Asli", "asli@example.id")
    # The squatter's account keeps only its own submission, showing what it typed.
    assert not Person.objects.for_actor(squatter).filter(pk=person.pk).exists()
    assert list(Enrolment.objects.for_actor(squatter)) == [squatted]
    squatted.refresh_from_db()
    assert squatted.identity == Enrolment.Identity.UNVERIFIED


def test_an_account_already_bound_is_never_rebound(cast, owner, django_capture_on_commit_callbacks):
    kudus_blk = InstitutionFactory(region=cast.region_b)
    batch = open_batch(kudus_blk)
    enrolment = register(batch, typed(email="baru@example.id"), django_capture_on_commit_callbacks)
    identity.enrolment_verify_identity(actor=cast.staff_b, enrolment=enrolment)
    owner.refresh_from_db()
    assert owner.user.username == "pemilik"
    review = IdentityReview.objects.get(kind=IdentityReview.Kind.ACCOUNT_BOUND)
    assert review.region == cast.region_b


# --- finding 3: the same answer whatever the NIK's state ---------------------------------


@pytest.mark.parametrize("state", ["new", "elsewhere", "in_this_batch", "overlapping"])
def test_the_public_form_answers_alike_whatever_the_nik_state(
    cast, client, state, django_capture_on_commit_callbacks
):
    batch = open_batch(cast.lpks)
    if state != "new":
        person = PersonFactory(region=cast.region_b, nik=NIK, sex="M", birth_date=BIRTH)
        if state == "in_this_batch":
            EnrolmentFactory(batch=batch, person=person)
        if state == "overlapping":
            other = open_batch(InstitutionFactory(region=cast.region_b))
            EnrolmentFactory(batch=other, person=person, status=Enrolment.Status.ACCEPTED)
    form = {
        "nik": NIK,
        "full_name": "Penyerobot",
        "education": "smk",
        "sex": "M",
        "birth_place": "Kudus",
        "birth_date": BIRTH.isoformat(),
        "email": "penyerobot@example.id",
        "phone": "081211112222",
        "consent": "on",
        "address": "Jl. Sunan Kudus 1",
        "domicile_regency_code": "33.75",
        "domicile_district_code": "33.75.01",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registration:register", args=[batch.pk]), form)
    assert response.status_code == 302
    assert response["Location"] == reverse("registration:done", args=[batch.pk])
    assert sorted((m.subject, tuple(m.to)) for m in mail.outbox) == [
        ("Akun Jejaring Anda", ("penyerobot@example.id",)),
        (f"Pendaftaran pelatihan diterima: {batch.name}", ("penyerobot@example.id",)),
    ]


# --- verification and acceptance -----------------------------------------------------------


def test_an_unverified_applicant_cannot_be_accepted_until_the_ktp_is_checked(
    cast, django_capture_on_commit_callbacks
):
    batch = open_batch(cast.lpks)
    enrolment = register(
        batch,
        typed(nik=format_nik(district_code="33.75.01", birth_date=BIRTH, sex="M", serial=5)),
        django_capture_on_commit_callbacks,
    )
    with pytest.raises(ValidationError) as error:
        enrolment_decide(
            actor=cast.operator, batch=batch, enrolment_ids=[enrolment.pk], decision="accepted"
        )
    assert error.value.code == "identity_unverified"
    identity.enrolment_verify_identity(actor=cast.operator, enrolment=enrolment)
    enrolment_decide(
        actor=cast.operator, batch=batch, enrolment_ids=[enrolment.pk], decision="accepted"
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACCEPTED
    assert enrolment.person.user == enrolment.applicant_user
    assert enrolment.identity_checked_by == cast.operator


def test_a_match_from_another_region_waits_for_the_home_office(
    cast, owner, django_capture_on_commit_callbacks
):
    batch = open_batch(cast.lpks)
    enrolment = register(
        batch, typed(full_name="Ahmad Pemilik"), django_capture_on_commit_callbacks
    )
    identity.enrolment_verify_identity(actor=cast.operator, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.identity == Enrolment.Identity.AWAITING_HOME
    assert not policy_for(Person).can(cast.operator, "view", owner)
    # Region A cannot settle it; region B's office sees it in its inbox and accepts.
    assert not identity.awaiting_home_list_for(actor=cast.staff_a).exists()
    with pytest.raises(NotFound):
        identity.enrolment_identity_accept(actor=cast.staff_a, enrolment=enrolment)
    assert list(identity.awaiting_home_list_for(actor=cast.staff_b)) == [enrolment]
    identity.enrolment_identity_accept(actor=cast.staff_b, enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.is_confirmed
    assert policy_for(Person).can(cast.operator, "view", owner)
    owner.refresh_from_db()
    assert owner.full_name == "Ahmad Pemilik" and owner.region == cast.region_b


def test_the_person_themself_settles_a_registration_naming_them(
    cast, owner, client, django_capture_on_commit_callbacks
):
    batch = open_batch(cast.lpks)
    mine = register(batch, typed(email="saya@example.id"), django_capture_on_commit_callbacks)
    other = open_batch(cast.lpks, starts_in=100)
    not_mine = register(other, typed(email="x@example.id"), django_capture_on_commit_callbacks)

    client.force_login(owner.user)
    page = client.get(reverse("my_training:enrolments")).content.decode()
    assert page.count('data-testid="claims"') == 1
    client.post(reverse("my_training:claim_decide", args=[mine.pk]), {"decision": "accept"})
    client.post(reverse("my_training:claim_decide", args=[not_mine.pk]), {"decision": "decline"})
    mine.refresh_from_db()
    not_mine.refresh_from_db()
    assert mine.is_confirmed
    assert not_mine.status == Enrolment.Status.REJECTED and not not_mine.is_confirmed
    # A stranger cannot settle someone else's claim.
    client.force_login(cast.trainee_1)
    response = client.post(
        reverse("my_training:claim_decide", args=[not_mine.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404


def test_decision_mail_for_an_unconfirmed_enrolment_goes_to_the_typed_address_only(
    cast, owner, django_capture_on_commit_callbacks
):
    batch = open_batch(cast.lpks)
    enrolment = register(batch, typed(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_decide(
            actor=cast.operator,
            batch=batch,
            enrolment_ids=[enrolment.pk],
            decision="rejected",
            reason="Kuota penuh",
        )
    assert [m.to for m in mail.outbox] == [["penyerobot@example.id"]]
    assert "Ahmad" not in mail.outbox[0].body


def test_the_selection_page_shows_what_was_typed_until_the_identity_is_confirmed(
    cast, owner, client, django_capture_on_commit_callbacks
):
    batch = open_batch(cast.lpks)
    register(batch, typed(full_name="Nama Ketikan"), django_capture_on_commit_callbacks)
    client.force_login(cast.operator)
    page = client.get(reverse("training:batch_selection", args=[batch.pk])).content.decode()
    assert "Nama Ketikan" in page
    assert "Ahmad Pemilik" not in page
    assert "Identitas belum diverifikasi" in page


def test_the_verify_page_records_the_ktp_check_from_the_selection_page(
    cast, client, django_capture_on_commit_callbacks
):
    batch = open_batch(cast.lpks)
    enrolment = register(
        batch,
        typed(nik=format_nik(district_code="33.75.01", birth_date=BIRTH, sex="M", serial=8)),
        django_capture_on_commit_callbacks,
    )
    client.force_login(cast.operator)
    url = reverse("training:enrolment_verify", args=[enrolment.pk])
    assert client.post(url, {}).status_code == 422  # the KTP box must be ticked
    response = client.post(url, {"ktp_seen": "on", "full_name": "Penyerobot Benar"})
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.is_confirmed and enrolment.person.full_name == "Penyerobot Benar"
    # Another region's staff cannot reach the page at all.
    client.force_login(cast.staff_b)
    assert client.get(url).status_code == 404


def test_an_existing_email_account_is_not_attached_to_by_an_anonymous_registrant(
    cast, django_capture_on_commit_callbacks
):
    UserFactory(username="korban", email="korban@example.id")
    enrolment = register(
        open_batch(cast.lpks), typed(email="korban@example.id"), django_capture_on_commit_callbacks
    )
    assert enrolment.applicant_user is None
    assert User.objects.filter(email__iexact="korban@example.id").count() == 1

"""Each of the seven events tells the right people, and only them (issue 17, item 5)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from jejaring.accounts.tests.factories import UserFactory
from jejaring.assessment.services import training_certificates_issue
from jejaring.core.models import AuditEvent
from jejaring.internships import services as internship_services
from jejaring.internships.models import InternshipProgram
from jejaring.internships.tests.factories import InternshipProgramFactory, permenaker_rules
from jejaring.notices.models import Notification
from jejaring.outcomes.services.reminders import follow_ups_due_remind
from jejaring.outcomes.tests.factories import FollowUpFactory, graduate
from jejaring.placement import internship_agreements, referrals
from jejaring.placement import services as placement_services
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.placement.tests.test_internship_agreements import _intern
from jejaring.placement.tests.test_services import _applicant, _formation, _round, _run
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.services import enrolment_decide
from jejaring.training.tests.factories import (
    BatchFactory,
    EnrolmentFactory,
    ProgramFactory,
    VocationFactory,
)

pytestmark = pytest.mark.django_db


def told(kind):
    return {(n.user_id, n.email, n.phone) for n in Notification.objects.filter(kind=kind)}


def test_selection_tells_each_decided_applicant_in_the_app_and_by_mail(
    cast, django_capture_on_commit_callbacks
):
    batch = BatchFactory(
        program=ProgramFactory(region=cast.region_a, institution=cast.lpks),
        status=Batch.Status.SELECTION,
    )
    cast.person_1.email = "satu@example.id"
    cast.person_1.save()
    decided = EnrolmentFactory(batch=batch, person=cast.person_1)
    by_phone = EnrolmentFactory(batch=batch, person=PersonFactory(email="", phone="+6281234567890"))
    undecided = EnrolmentFactory(batch=batch, person=cast.person_2)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_decide(
            actor=cast.operator,
            batch=batch,
            enrolment_ids=[decided.pk, by_phone.pk],
            decision=Enrolment.Status.ACCEPTED,
        )
    assert told("selection_accepted") == {
        (cast.trainee_1.pk, "satu@example.id", cast.person_1.phone),
        (None, "", "+6281234567890"),
    }
    assert not Notification.objects.filter(user=undecided.person.user).exists()
    assert [m.to for m in mail.outbox] == [["satu@example.id"]]
    notification = Notification.objects.get(user=cast.trainee_1)
    assert notification.region_id == batch.region_id
    assert notification.link == f"/pelatihan-saya/{decided.pk}/"


def test_publishing_a_round_tells_every_applicant_and_each_company_with_candidates(cast):
    garment = VocationFactory(code="menjahit", name="Menjahit")
    seat = _formation(cast, garment, quota=1)
    other_company_seat = _formation(cast, garment, quota=1, company=cast.company_b)
    rnd = _round(cast, [seat, other_company_seat])
    placed = _applicant(cast, garment, "90")
    also_placed = _applicant(cast, garment, "85")
    left_out = _applicant(cast, garment, "60")
    for person in (placed, also_placed, left_out):
        placement_services.application_submit(actor=person.user, rnd=rnd, formation_ids=[seat.pk])
    placement_services.round_publish(actor=cast.staff_a, rnd=_run(cast, rnd))

    assert {n.user_id for n in Notification.objects.filter(kind="allocation_placed")} == {
        placed.user_id
    }
    assert {n.user_id for n in Notification.objects.filter(kind="allocation_not_placed")} == {
        also_placed.user_id,
        left_out.user_id,
    }
    (company,) = Notification.objects.filter(kind="allocation_company")
    assert company.user_id == cast.hr_a.pk
    assert company.params["count"] == 1
    assert "PT Garmen Sejahtera" in company.body


def test_the_candidate_hears_when_the_company_answers_a_referral(cast):
    referral = ReferralFactory(formation__company=cast.company_a, person=cast.person_1)
    other = ReferralFactory(formation__company=cast.company_a, person=cast.person_2)
    referrals.referral_record_outcome(
        actor=cast.hr_a, referral=referral, status="rejected", reason="Posisi sudah terisi"
    )
    (notification,) = Notification.objects.all()
    assert notification.user_id == cast.trainee_1.pk
    assert notification.kind == "referral_rejected"
    assert "Posisi sudah terisi" not in notification.message()
    assert notification.link == f"/penyaluran/rujukan/{referral.pk}/"
    assert not Notification.objects.filter(user=cast.trainee_2).exists()
    assert other.status == Referral.Status.REFERRED


def test_an_agreement_ready_to_sign_tells_the_intern_and_the_company_but_not_its_author(cast):
    permenaker_rules()
    referral = _intern(cast, person=cast.person_1)
    colleague = UserFactory(username="hrd.a2")
    from jejaring.accounts.scope import Role
    from jejaring.accounts.tests.factories import MembershipFactory

    MembershipFactory(
        user=colleague, region=cast.region_a, role=Role.COMPANY_HR, company=cast.company_a
    )
    internship_agreements.internship_agreement_create(
        actor=cast.hr_a,
        referral=referral,
        starts_on=date(2027, 1, 4),
        ends_on=date(2027, 6, 30),
        stipend_transport=400_000,
    )
    assert {n.user_id for n in Notification.objects.filter(kind="agreement_ready")} == {
        cast.trainee_1.pk,
        colleague.pk,
    }


def test_the_company_hears_the_office_s_decision_on_its_internship_program(cast):
    program = InternshipProgramFactory(
        company=cast.company_a, status=InternshipProgram.Status.SUBMITTED
    )
    internship_services.internship_program_decide(
        actor=cast.staff_a, program=program, decision="return", note="Lengkapi rencana"
    )
    (notification,) = Notification.objects.all()
    assert (notification.user_id, notification.kind) == (cast.hr_a.pk, "program_returned")


def test_each_graduate_hears_that_their_certificate_was_issued(cast):
    batch = BatchFactory(
        program=ProgramFactory(region=cast.region_a, institution=cast.lpks),
        status=Batch.Status.FINISHED,
    )
    for person in (cast.person_1, cast.person_2):
        EnrolmentFactory(
            batch=batch,
            person=person,
            status=Enrolment.Status.GRADUATED,
            graduated_on=batch.end_date,
        )
    EnrolmentFactory(batch=batch, status=Enrolment.Status.DROPPED_OUT, status_reason="Pindah")
    training_certificates_issue(actor=cast.operator, batch=batch, issued_on=batch.end_date)
    assert {n.user_id for n in Notification.objects.filter(kind="certificate_issued")} == {
        cast.trainee_1.pk,
        cast.trainee_2.pk,
    }


def test_a_due_follow_up_is_announced_once_and_an_alumnus_without_account_gets_the_form_link(
    cast,
):
    today = timezone.localdate()
    with_account = FollowUpFactory(
        region=cast.region_a,
        enrolment=graduate(region=cast.region_a, person=cast.person_1),
        due_on=today,
    )
    by_phone = FollowUpFactory(
        region=cast.region_a,
        enrolment=graduate(
            region=cast.region_a, person=PersonFactory(email="", phone="+6281234567890")
        ),
        due_on=today - timedelta(days=3),
    )
    FollowUpFactory(region=cast.region_a, due_on=today + timedelta(days=10))
    FollowUpFactory(
        region=cast.region_a,
        enrolment=graduate(region=cast.region_a, person=cast.person_2),
        due_on=today - timedelta(days=400),
    )
    assert follow_ups_due_remind(today=today) == 2
    assert follow_ups_due_remind(today=today) == 0
    mine = Notification.objects.get(user=cast.trainee_1)
    assert mine.link == f"/capaian/penelusuran/{with_account.pk}/"
    phone_only = Notification.objects.get(phone="+6281234567890")
    assert phone_only.link.startswith("/capaian/jawab/")
    by_phone.refresh_from_db()
    assert by_phone.link_sent_at is not None
    assert AuditEvent.objects.filter(
        target_id=str(by_phone.pk), action="outcomes.follow_up.link_issue"
    ).exists()
    assert mail.outbox == []

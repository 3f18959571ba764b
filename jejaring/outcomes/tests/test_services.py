"""The tracer's writes: answers keep their history, bad answers change nothing, personal
links work until they expire or are replaced, and waves are created once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from jejaring.core.errors import NotFound, PermissionDenied, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.outcomes import audit_actions, services
from jejaring.outcomes.models import FollowUp, FollowUpAnswer
from jejaring.outcomes.tests.factories import FollowUpFactory, graduate

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(cast):
    enrolment = graduate(region=cast.region_a, person=cast.person_1)
    return FollowUpFactory(region=cast.region_a, enrolment=enrolment)


def employed(started_on=date(2024, 9, 1)):
    return services.AnswerData(status="employed", employer_name="PT Garmen", started_on=started_on)


def test_a_new_answer_becomes_current_and_the_old_one_stays_in_the_history(cast, follow_up):
    services.follow_up_answer_record(
        actor=cast.staff_a, follow_up=follow_up, data=services.AnswerData(status="not_working")
    )
    services.follow_up_answer_record(actor=cast.staff_a, follow_up=follow_up, data=employed())
    answers = list(follow_up.answers.order_by("recorded_at", "pk"))
    assert [(a.status, a.is_current) for a in answers] == [
        ("not_working", False),
        ("employed", True),
    ]
    assert answers[1].source == FollowUpAnswer.Source.PHONE_SURVEY
    assert AuditEvent.objects.filter(action=audit_actions.FOLLOW_UP_ANSWER).count() == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (services.AnswerData(status="employed", employer_name="PT"), "started_on_required"),
        (services.AnswerData(status="employed", started_on=date(2024, 9, 1)), "employer_required"),
        (
            services.AnswerData(
                status="employed", employer_name="PT", started_on=date.today() + timedelta(days=3)
            ),
            "started_on_future",
        ),
        (
            services.AnswerData(
                status="self_employed",
                business_kind="Jahit",
                started_on=date(2024, 9, 1),
                business_registration="12345",
            ),
            "invalid_nib",
        ),
        (services.AnswerData(status="married"), "invalid_status"),
    ],
)
def test_a_bad_answer_is_refused_and_changes_nothing(cast, follow_up, data, code):
    with pytest.raises(ValidationError) as refused:
        services.follow_up_answer_record(actor=cast.staff_a, follow_up=follow_up, data=data)
    assert refused.value.code == code
    assert not FollowUpAnswer.objects.exists()


def test_company_hr_may_not_record_a_follow_up(cast, follow_up):
    with pytest.raises(PermissionDenied):
        services.follow_up_answer_record(actor=cast.hr_a, follow_up=follow_up, data=employed())


def test_the_alumnus_answers_their_own_follow_up_as_a_self_answer(cast, follow_up):
    answer = services.follow_up_answer_record(
        actor=cast.trainee_1, follow_up=follow_up, data=employed()
    )
    assert answer.source == FollowUpAnswer.Source.SELF


def test_a_personal_link_works_without_login_until_it_is_replaced(cast, follow_up):
    url, message = services.follow_up_link_issue(
        actor=cast.staff_a, follow_up=follow_up, base_url="https://jejaring.example"
    )
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert url in message and follow_up.person.full_name.split()[0] in message
    services.follow_up_answer_by_link(token=token, data=employed())
    assert FollowUpAnswer.objects.get(is_current=True).source == FollowUpAnswer.Source.SELF
    services.follow_up_link_issue(actor=cast.staff_a, follow_up=follow_up, base_url="https://x")
    with pytest.raises(NotFound):
        services.follow_up_from_token(token)


def test_a_forged_or_expired_link_is_not_found(cast, follow_up):
    url, _message = services.follow_up_link_issue(
        actor=cast.staff_a, follow_up=follow_up, base_url="https://x"
    )
    token = url.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(NotFound):
        services.follow_up_from_token(token[:-2] + "xx")
    FollowUp.objects.filter(pk=follow_up.pk).update(
        link_sent_at=timezone.now() - timedelta(days=61)
    )
    with pytest.raises(NotFound):
        services.follow_up_from_token(token)


def test_emailing_a_link_needs_an_address(cast, follow_up):
    cast.person_1.email = "alumni@example.com"
    cast.person_1.save()
    follow_up.refresh_from_db()
    services.follow_up_link_email(actor=cast.staff_a, follow_up=follow_up, base_url="https://x")
    assert mail.outbox[0].to == ["alumni@example.com"]
    assert "/capaian/jawab/" in mail.outbox[0].body


def test_waves_follow_the_region_s_schedule_and_are_created_once(cast):
    enrolment = graduate(region=cast.region_a, graduated_on=date(2024, 1, 31))
    services.tracer_settings_update(
        actor=cast.staff_a, region=cast.region_a, points=[12, 1, 6], link_valid_days=30
    )
    assert services.follow_up_waves_create(actor=cast.staff_a, batches=[enrolment.batch]) == 3
    assert services.follow_up_waves_create(actor=cast.staff_a, batches=[enrolment.batch]) == 0
    due = dict(FollowUp.objects.values_list("months_after", "due_on"))
    assert due == {1: date(2024, 2, 29), 6: date(2024, 7, 31), 12: date(2025, 1, 31)}


def test_another_region_s_staff_cannot_change_the_schedule(cast):
    with pytest.raises(NotFound):
        services.tracer_settings_update(
            actor=cast.staff_b, region=cast.region_a, points=[3], link_valid_days=30
        )


def test_company_hr_confirm_a_referred_graduate_as_employed(cast, follow_up):
    from jejaring.placement.tests.factories import ReferralFactory

    referral = ReferralFactory(
        formation__company=cast.company_a, person=cast.person_1, status="hired"
    )
    count = services.employment_confirm_by_company(
        actor=cast.hr_a, referral=referral, started_on=date(2024, 9, 1)
    )
    answer = FollowUpAnswer.objects.get(is_current=True)
    assert count == 1
    assert (answer.source, answer.company_id, answer.via_referral) == (
        FollowUpAnswer.Source.COMPANY,
        cast.company_a.pk,
        True,
    )
    with pytest.raises(PermissionDenied):
        services.employment_confirm_by_company(
            actor=cast.hr_b, referral=referral, started_on=date(2024, 9, 1)
        )


def test_a_company_confirmation_never_overrides_the_alumnus_s_own_answer(cast, follow_up):
    from jejaring.placement.tests.factories import ReferralFactory

    services.follow_up_answer_record(
        actor=cast.trainee_1, follow_up=follow_up, data=services.AnswerData(status="studying")
    )
    referral = ReferralFactory(formation__company=cast.company_a, person=cast.person_1)
    assert (
        services.employment_confirm_by_company(
            actor=cast.hr_a, referral=referral, started_on=date(2024, 9, 1)
        )
        == 0
    )
    assert FollowUpAnswer.objects.get(is_current=True).status == "studying"


def test_a_started_referral_answers_the_open_follow_ups(cast, follow_up):
    from jejaring.placement.tests.factories import ReferralFactory

    referral = ReferralFactory(
        formation__company=cast.company_a,
        person=cast.person_1,
        status="started",
        started_on=date(2024, 8, 1),
    )
    assert services.answers_from_referral(actor=cast.staff_a, referral=referral) == 1
    answer = FollowUpAnswer.objects.get(is_current=True)
    assert (answer.status, answer.source) == ("employed", FollowUpAnswer.Source.REFERRAL)


def test_the_response_rate_and_the_unanswered_list_follow_the_current_answers(cast):
    from jejaring.outcomes import selectors

    enrolment = graduate(region=cast.region_a, graduated_on=date(2024, 1, 31))
    points = [
        FollowUpFactory(region=cast.region_a, enrolment=enrolment, months_after=m, due_on=due)
        for m, due in ((3, date(2024, 4, 30)), (6, date(2024, 7, 31)))
    ]
    today = date(2024, 12, 1)

    def rate():
        due = selectors.response_rate_for(actor=cast.staff_a, today=today).due
        return due.numerator, due.denominator

    def unanswered():
        return list(
            selectors.follow_up_list_for(
                actor=cast.staff_a, due_by=today, unanswered_only=True
            ).values_list("months_after", flat=True)
        )

    assert rate() == (0, 2)
    services.follow_up_answer_record(actor=cast.staff_a, follow_up=points[0], data=employed())
    services.follow_up_answer_record(
        actor=cast.staff_a, follow_up=points[1], data=services.AnswerData(status="unknown")
    )
    assert rate() == (1, 2)
    assert unanswered() == [6]

    # An answer replaced by "no answer" stops counting; the other point now answers.
    services.follow_up_answer_record(
        actor=cast.staff_a, follow_up=points[0], data=services.AnswerData(status="unknown")
    )
    services.follow_up_answer_record(
        actor=cast.staff_a, follow_up=points[1], data=services.AnswerData(status="not_working")
    )
    assert rate() == (1, 2)
    assert unanswered() == [3]

"""The tracer's items in the home inbox: follow-ups due (office), confirmations asked
(company HR), a survey waiting (trainee)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jejaring.employers.tests.factories import FormationFactory
from jejaring.outcomes import inbox
from jejaring.outcomes.models import FollowUp
from jejaring.outcomes.tests.factories import FollowUpFactory, graduate
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def test_follow_ups_due_and_unanswered_wait_for_the_office(cast):
    due = FollowUpFactory(region=cast.region_a, due_on=TODAY - timedelta(days=10))
    FollowUpFactory(region=cast.region_a, due_on=TODAY + timedelta(days=10))
    FollowUpFactory(region=cast.region_b, due_on=TODAY - timedelta(days=10))

    [item] = inbox.follow_ups_due(actor=cast.staff_a, today=TODAY)

    assert item.url == reverse("outcomes:follow_up_list") + "?tampil=unanswered"
    assert (item.count, item.due) == (1, due.due_on)
    FollowUp.objects.filter(pk=due.pk).update(answered=True)
    assert inbox.follow_ups_due(actor=cast.staff_a, today=TODAY) == []


def test_company_hr_is_asked_to_confirm_a_hired_graduate_whose_follow_up_is_due(cast):
    enrolment = graduate(region=cast.region_a)
    follow_up = FollowUpFactory(
        region=cast.region_a, enrolment=enrolment, due_on=TODAY - timedelta(days=1)
    )
    ReferralFactory(
        formation=FormationFactory(company=cast.company_a),
        person=enrolment.person,
        status=Referral.Status.HIRED,
    )

    [item] = inbox.confirmations_asked(actor=cast.hr_a, today=TODAY)

    assert (item.url, item.count) == (reverse("outcomes:company_confirmations"), 1)
    assert inbox.confirmations_asked(actor=cast.hr_b, today=TODAY) == []
    FollowUp.objects.filter(pk=follow_up.pk).update(answered=True)
    assert inbox.confirmations_asked(actor=cast.hr_a, today=TODAY) == []


def test_a_trainee_sees_their_own_survey_waiting(cast):
    mine = FollowUpFactory(
        region=cast.region_a,
        enrolment=graduate(region=cast.region_a, person=cast.person_1),
        due_on=TODAY - timedelta(days=1),
    )
    FollowUpFactory(
        region=cast.region_a,
        enrolment=graduate(region=cast.region_a, person=cast.person_2),
        due_on=TODAY - timedelta(days=1),
    )

    [item] = inbox.survey_waiting(actor=cast.trainee_1, today=TODAY)

    assert (item.url, item.count) == (reverse("outcomes:my_follow_ups"), 1)
    FollowUp.objects.filter(pk=mine.pk).update(answered=True)
    assert inbox.survey_waiting(actor=cast.trainee_1, today=TODAY) == []


def test_a_viewer_is_told_which_watched_regions_have_not_published_last_year(cast):
    from jejaring.outcomes.models import PublishedStatistics
    from jejaring.outcomes.tests.factories import IndicatorDefinitionFactory

    [item] = inbox.statistics_unpublished(actor=cast.viewer, today=TODAY)
    assert (item.count, item.url) == (2, reverse("outcomes:dashboard"))
    assert "2025" in str(item.title)
    PublishedStatistics.objects.create(
        region=cast.region_a, year=2025, definition=IndicatorDefinitionFactory(), payload={}
    )
    [item] = inbox.statistics_unpublished(actor=cast.viewer, today=TODAY)
    assert item.count == 1
    # Staff are not viewers: the item is not theirs.
    assert inbox.statistics_unpublished(actor=cast.staff_a, today=TODAY) == []

"""The referral list makes as many queries for 200 rows as for 10, and pages by cursor
(issue 16; see jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.employers.tests.factories import FormationFactory
from jejaring.internships.tests.factories import InternshipFormationFactory
from jejaring.placement.models import (
    AllocationResult,
    AllocationRound,
    Application,
    ApplicationChoice,
    CompanyRanking,
    RoundFormation,
)
from jejaring.placement.tests.factories import InternshipAgreementFactory, ReferralFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import EnrolmentFactory


def _referrals(cast):
    formation = FormationFactory(company__region=cast.region_a)
    return lambda n: ReferralFactory.create_batch(n, formation=formation)


def test_the_referral_list_makes_as_many_queries_for_200_referrals_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("placement:referral_list"), add_rows=_referrals(cast))


def test_the_referral_api_list_makes_as_many_queries_for_200_referrals_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_referrals"), add_rows=_referrals(cast))


def test_the_referral_list_goes_to_the_next_page_and_back_by_cursor(client, cast):
    _referrals(cast)(60)
    client.force_login(cast.staff_a)
    url = reverse("placement:referral_list")
    first = client.get(url).context["page_obj"]
    assert (len(first.rows), first.has_previous, first.has_next) == (50, False, True)
    second = client.get(url, {"cursor": first.next_cursor}).context["page_obj"]
    assert (len(second.rows), second.has_next) == (10, False)
    assert not {r.pk for r in first.rows} & {r.pk for r in second.rows}
    back = client.get(url, {"cursor": second.previous_cursor}).context["page_obj"]
    assert [r.pk for r in back.rows] == [r.pk for r in first.rows]
    assert first.count_display == "60"


# --- formations, internship agreements, rounds (issue 16, item 4) -------------------------


def test_the_formation_list_makes_as_many_queries_for_200_formations_as_for_10(client, cast):
    def add(n):
        for formation in FormationFactory.create_batch(n, company=cast.company_a):
            ReferralFactory(formation=formation)

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("formations:formation_list"), add_rows=add)


def test_the_internship_agreement_list_makes_as_many_queries_for_200_agreements_as_for_10(
    client, cast
):
    formation = InternshipFormationFactory(company=cast.company_a)
    client.force_login(cast.staff_a)
    assert_same_queries(
        client,
        reverse("internship_agreements:internship_agreement_list"),
        add_rows=lambda n: InternshipAgreementFactory.create_batch(
            n, referral__formation=formation
        ),
    )


def _application(rnd, formations, person=None, enrolment=None):
    enrolment = enrolment or EnrolmentFactory(
        batch__program__institution__region=rnd.region,
        status=Enrolment.Status.GRADUATED,
        graduated_on=date(2026, 4, 10),
        **({"person": person} if person else {}),
    )
    application = Application.objects.create(
        region=rnd.region,
        round=rnd,
        person=enrolment.person,
        enrolment=enrolment,
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    for rank, formation in enumerate(formations, start=1):
        ApplicationChoice.objects.create(application=application, formation=formation, rank=rank)
    return application


def _round(cast, status=AllocationRound.Status.OPEN):
    return AllocationRound.objects.create(
        region=cast.region_a, name="Putaran uji", seed=7, status=status
    )


def _rounds(cast):
    def add(n):
        for _ in range(n):
            rnd = _round(cast)
            formation = FormationFactory(company=cast.company_a)
            RoundFormation.objects.create(round=rnd, formation=formation)
            _application(rnd, [formation])

    return add


def test_the_round_list_makes_as_many_queries_for_200_rounds_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("placement:round_list"), add_rows=_rounds(cast))


def test_the_round_api_list_makes_as_many_queries_for_200_rounds_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_rounds"), add_rows=_rounds(cast))


def test_a_round_s_page_makes_as_many_queries_for_200_formations_as_for_10(client, cast):
    rnd = _round(cast, AllocationRound.Status.PUBLISHED)

    def add(n):
        for formation in FormationFactory.create_batch(n, company=cast.company_a):
            RoundFormation.objects.create(round=rnd, formation=formation)
            application = _application(rnd, [formation])
            ReferralFactory(
                formation=formation,
                person=application.person,
                round=rnd,
                application=application,
            )

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("placement:round_detail", args=[rnd.pk]), add_rows=add)


def test_a_round_s_results_make_as_many_queries_for_200_applications_as_for_10(client, cast):
    rnd = _round(cast, AllocationRound.Status.ALLOCATED)
    placed, full = FormationFactory.create_batch(2, company=cast.company_a, quota=500)
    for formation in (placed, full):
        RoundFormation.objects.create(round=rnd, formation=formation)

    def add(n):
        for i in range(n):
            application = _application(rnd, [full, placed])
            AllocationResult.objects.create(
                round=rnd,
                application=application,
                formation=placed if i % 2 else None,
                choice_rank=2 if i % 2 else None,
                explanation=[{"formation": full.pk, "rank": 1, "reason": "full"}],
            )

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("placement:round_review", args=[rnd.pk]), add_rows=add)


def test_company_hr_s_rankings_make_as_many_queries_for_200_round_formations_as_for_10(
    client, cast
):
    def add(n):
        for _ in range(n):
            rnd = _round(cast)
            formation = FormationFactory(company=cast.company_a)
            rf = RoundFormation.objects.create(round=rnd, formation=formation)
            application = _application(rnd, [formation])
            CompanyRanking.objects.create(round_formation=rf, person=application.person, position=1)

    client.force_login(cast.hr_a)
    assert_same_queries(client, reverse("placement:company_rankings"), add_rows=add)


def _own_applications(cast):
    enrolment = EnrolmentFactory(
        person=cast.person_1,
        batch__program__institution=cast.lpks,
        status=Enrolment.Status.GRADUATED,
        graduated_on=date(2026, 4, 10),
    )

    def add(n):
        for _ in range(n):
            rnd = _round(cast)
            formations = FormationFactory.create_batch(2, company=cast.company_a)
            for formation in formations:
                RoundFormation.objects.create(round=rnd, formation=formation)
            _application(rnd, formations, enrolment=enrolment)

    return add


def test_a_trainee_s_applications_make_as_many_queries_for_200_applications_as_for_10(client, cast):
    client.force_login(cast.trainee_1)
    assert_same_queries(
        client, reverse("placement:my_applications"), add_rows=_own_applications(cast)
    )


def test_a_trainee_s_application_api_makes_as_many_queries_for_200_applications_as_for_10(
    client, cast
):
    client.force_login(cast.trainee_1)
    assert_same_queries(
        client, reverse("api:list_my_applications"), add_rows=_own_applications(cast)
    )

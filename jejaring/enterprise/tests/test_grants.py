from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Formation
from jejaring.enterprise import services
from jejaring.enterprise.models import GrantProposal
from jejaring.enterprise.tests.factories import GrantRuleFactory, GroupFactory
from jejaring.jobseekers.models import CardStatus
from jejaring.jobseekers.tests.factories import CardFactory
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.regions.calendar import today_in
from jejaring.trainees.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def _lines(tools=12_000_000, materials=8_000_000):
    return [
        services.LineData("tools", "Mesin spinner dan kompor", tools),
        services.LineData("materials", "Bahan baku tiga bulan", materials),
    ]


def _aged(region, years, days=0):
    today = today_in(region)
    return PersonFactory(
        region=region, birth_date=today.replace(year=today.year - years) + timedelta(days=days)
    )


@pytest.fixture
def group(cast):
    GrantRuleFactory(region=cast.region_a, min_members=3, max_members=4)
    return GroupFactory(region=cast.region_a)


def _full(cast, group, size=3):
    for index in range(size):
        services.group_member_add(
            actor=cast.staff_a, group=group, person=_aged(cast.region_a, 30), chair=index == 0
        )


def test_a_member_must_be_17_to_55_on_the_regions_date(cast, group):
    services.group_member_add(actor=cast.staff_a, group=group, person=_aged(cast.region_a, 17))
    services.group_member_add(actor=cast.staff_a, group=group, person=_aged(cast.region_a, 55))
    for too in (_aged(cast.region_a, 17, days=1), _aged(cast.region_a, 56)):
        with pytest.raises(ValidationError) as error:
            services.group_member_add(actor=cast.staff_a, group=group, person=too)
        assert error.value.code == "age_out_of_range"
    assert group.members.count() == 2


def test_someone_hired_through_a_referral_or_with_a_card_closed_as_hired_cannot_join(cast, group):
    hired = _aged(cast.region_a, 25)
    ReferralFactory(
        person=hired,
        formation__region=cast.region_a,
        formation__kind=Formation.Kind.JOB,
        status=Referral.Status.STARTED,
    )
    carded = _aged(cast.region_a, 25)
    CardFactory(person=carded, region=cast.region_a, status=CardStatus.HIRED)
    for person in (hired, carded):
        with pytest.raises(ValidationError) as error:
            services.group_member_add(actor=cast.staff_a, group=group, person=person)
        assert error.value.code == "member_employed"


def test_an_intern_is_not_employed_and_may_join(cast, group):
    intern = _aged(cast.region_a, 22)
    ReferralFactory(
        person=intern,
        formation__region=cast.region_a,
        formation__kind=Formation.Kind.INTERNSHIP,
        status=Referral.Status.STARTED,
    )
    assert services.group_member_add(actor=cast.staff_a, group=group, person=intern)


def test_a_group_is_full_at_the_rules_maximum(cast, group):
    _full(cast, group, size=4)
    with pytest.raises(ValidationError) as error:
        services.group_member_add(actor=cast.staff_a, group=group, person=_aged(cast.region_a, 30))
    assert error.value.code == "group_full"


def test_the_budget_split_must_be_near_the_rules_share_of_tools(cast, group):
    assert services.proposal_create(
        actor=cast.staff_a,
        group=group,
        business_plan="Keripik",
        lines=_lines(13_000_000, 7_000_000),
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            actor=cast.staff_a,
            group=group,
            business_plan="Keripik",
            lines=_lines(14_000_000, 6_000_000),
        )
    assert error.value.code == "budget_split"


def test_the_budget_may_not_exceed_the_rules_amount(cast, group):
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            actor=cast.staff_a, group=group, business_plan="x", lines=_lines(12_600_000, 8_400_000)
        )
    assert error.value.code == "budget_over_amount"


def test_the_rule_in_force_on_the_proposals_date_applies(cast, group):
    GrantRuleFactory(
        region=cast.region_a, valid_from=date(2025, 1, 1), amount=25_000_000, tools_percent=50
    )
    old = services.proposal_create(
        actor=cast.staff_a,
        group=group,
        business_plan="x",
        lines=_lines(),
        proposed_on=date(2024, 6, 1),
    )
    assert old.rule.amount == 20_000_000
    new = services.proposal_create(
        actor=cast.staff_a,
        group=group,
        business_plan="x",
        lines=_lines(12_500_000, 12_500_000),
        proposed_on=date(2025, 6, 1),
    )
    assert new.rule.amount == 25_000_000
    with pytest.raises(ValidationError):
        services.proposal_create(
            actor=cast.staff_a,
            group=group,
            business_plan="x",
            lines=_lines(12_500_000, 12_500_000),
            proposed_on=date(2024, 6, 1),
        )


def test_without_a_rule_in_force_nothing_can_be_proposed(cast, group):
    with pytest.raises(Conflict) as error:
        services.proposal_create(
            actor=cast.staff_a,
            group=group,
            business_plan="x",
            lines=_lines(),
            proposed_on=date(2012, 6, 1),  # before the shipped default rule
        )
    assert error.value.code == "no_grant_rule"


def test_a_group_below_the_minimum_size_cannot_submit(cast, group):
    _full(cast, group, size=2)
    proposal = services.proposal_create(
        actor=cast.staff_a, group=group, business_plan="x", lines=_lines()
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(actor=cast.staff_a, proposal=proposal)
    assert error.value.code == "group_size"


def test_the_whole_grant_path_is_audited_and_follows_the_transitions(cast, group):
    _full(cast, group)
    member = group.members.first().person
    member.user = cast.trainee_1
    cast.person_1.user = None
    cast.person_1.save()
    member.save()
    proposal = services.proposal_create(
        actor=cast.staff_a, group=group, business_plan="Keripik", lines=_lines()
    )
    services.proposal_submit(actor=cast.staff_a, proposal=proposal)
    with pytest.raises(InvalidTransition):
        services.proposal_disburse(actor=cast.staff_a, proposal=proposal, amount=1, on=date.today())
    services.proposal_decide(actor=cast.staff_a, proposal=proposal, select=True)
    services.proposal_disburse(
        actor=cast.staff_a, proposal=proposal, amount=20_000_000, on=today_in(cast.region_a)
    )
    lines = list(proposal.lines.order_by("id"))
    with pytest.raises(ValidationError) as error:
        services.proposal_report(
            actor=cast.trainee_1, proposal=proposal, spent={lines[0].pk: 1, lines[1].pk: 1}
        )
    assert error.value.code == "receipts_required"
    services.report_file_add(
        actor=cast.trainee_1,
        proposal=proposal,
        kind="receipt",
        upload=SimpleUploadedFile("nota.png", PNG),
        line_id=lines[0].pk,
    )
    services.proposal_report(
        actor=cast.trainee_1,
        proposal=proposal,
        spent={lines[0].pk: 11_800_000, lines[1].pk: 8_100_000},
    )
    services.proposal_check(actor=cast.staff_a, proposal=proposal, accept=True)
    proposal.refresh_from_db()
    assert proposal.status == GrantProposal.Status.ACCOUNTED
    statuses = AuditEvent.objects.filter(action="enterprise.proposal.status")
    assert [e.changes["status"][1] for e in statuses.order_by("id")] == [
        "submitted",
        "selected",
        "disbursed",
        "reported",
        "accounted",
    ]


def test_a_fake_receipt_is_refused(cast, group):
    _full(cast, group)
    proposal = services.proposal_create(
        actor=cast.staff_a, group=group, business_plan="x", lines=_lines()
    )
    GrantProposal.objects.filter(pk=proposal.pk).update(status="disbursed", disbursed_amount=1)
    with pytest.raises(ValidationError) as error:
        services.report_file_add(
            actor=cast.staff_a,
            proposal=proposal,
            kind="receipt",
            upload=SimpleUploadedFile("nota.png", b"MZ not an image"),
        )
    assert error.value.code == "invalid_file"


def test_another_regions_staff_find_no_group(cast, group):
    with pytest.raises(NotFound):
        services.group_member_add(actor=cast.staff_b, group=group, person=_aged(cast.region_a, 30))

"""The TKM Pemula rule every region ships with: a new office can form a group, check its
members and budget without an administrator adding figures first."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps

from jejaring.core.errors import ValidationError
from jejaring.enterprise import services
from jejaring.enterprise.defaults import DEFAULTS_VALID_FROM
from jejaring.enterprise.models import GrantRule
from jejaring.enterprise.tests.factories import GrantRuleFactory
from jejaring.regions.calendar import today_in
from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _person(region, years=30, days=0):
    today = today_in(region)
    return PersonFactory(
        region=region, birth_date=today.replace(year=today.year - years) + timedelta(days=days)
    )


def _group(cast):
    return services.group_create(
        actor=cast.staff_a,
        region=cast.region_a,
        data=services.GroupData(name="Kelompok Batik Kelurahan Kergon", kind="creative"),
    )


def _lines(tools, materials):
    return [
        services.LineData("tools", "Canting, kompor dan meja", tools),
        services.LineData("materials", "Kain mori dan malam", materials),
    ]


def test_a_new_region_gets_the_tkm_pemula_rule():
    region = RegionFactory()
    rule = GrantRule.objects.get(region=region)
    assert (rule.scheme, rule.valid_from) == ("tkm_pemula", DEFAULTS_VALID_FROM)
    assert (rule.min_members, rule.max_members) == (10, 15)
    assert (rule.min_age, rule.max_age) == (17, 55)
    assert rule.amount == 20_000_000
    assert (rule.tools_percent, rule.tolerance_percent) == (60, 5)


def test_with_only_the_default_a_group_can_be_formed_and_a_60_40_budget_proposed(cast):
    group = _group(cast)
    proposal = services.proposal_create(
        actor=cast.staff_a,
        group=group,
        business_plan="Batik cap",
        lines=_lines(12_000_000, 8_000_000),
    )
    assert proposal.rule.valid_from == DEFAULTS_VALID_FROM


@pytest.mark.parametrize(
    ("tools", "materials", "fits"),
    [
        (11_000_000, 9_000_000, True),  # 55 %: the edge of the tolerance
        (13_000_000, 7_000_000, True),  # 65 %
        (10_800_000, 9_200_000, False),  # 54 %
        (13_200_000, 6_800_000, False),  # 66 %
        (12_600_000, 8_400_000, False),  # Rp 21 million: above the amount
    ],
)
def test_the_default_budget_split_is_60_percent_tools_give_or_take_5_points(
    cast, tools, materials, fits
):
    group = _group(cast)
    if fits:
        services.proposal_create(
            actor=cast.staff_a, group=group, business_plan="x", lines=_lines(tools, materials)
        )
    else:
        with pytest.raises(ValidationError) as error:
            services.proposal_create(
                actor=cast.staff_a, group=group, business_plan="x", lines=_lines(tools, materials)
            )
        assert error.value.code in ("budget_split", "budget_over_amount")
    assert group.proposals.count() == (1 if fits else 0)


def test_the_default_ages_are_17_to_55(cast):
    group = _group(cast)
    services.group_member_add(actor=cast.staff_a, group=group, person=_person(cast.region_a, 17))
    services.group_member_add(actor=cast.staff_a, group=group, person=_person(cast.region_a, 55))
    with pytest.raises(ValidationError):
        services.group_member_add(
            actor=cast.staff_a, group=group, person=_person(cast.region_a, 56)
        )
    assert group.members.count() == 2


def test_a_default_group_submits_with_10_members_not_9_and_takes_no_16th(cast):
    group = _group(cast)
    for index in range(9):
        services.group_member_add(
            actor=cast.staff_a, group=group, person=_person(cast.region_a), chair=index == 0
        )
    proposal = services.proposal_create(
        actor=cast.staff_a, group=group, business_plan="x", lines=_lines(12_000_000, 8_000_000)
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(actor=cast.staff_a, proposal=proposal)
    assert error.value.code == "group_size"
    services.group_member_add(actor=cast.staff_a, group=group, person=_person(cast.region_a))
    services.proposal_submit(actor=cast.staff_a, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    for _ in range(5):
        services.group_member_add(actor=cast.staff_a, group=group, person=_person(cast.region_a))
    with pytest.raises(ValidationError) as error:
        services.group_member_add(actor=cast.staff_a, group=group, person=_person(cast.region_a))
    assert error.value.code == "group_full"
    assert group.members.count() == 15


def test_an_administrators_newer_row_replaces_the_default_from_its_date(cast):
    GrantRuleFactory(
        region=cast.region_a, valid_from=date(2024, 1, 1), amount=25_000_000, min_members=5
    )
    group = _group(cast)
    older = services.proposal_create(
        actor=cast.staff_a,
        group=group,
        business_plan="x",
        lines=_lines(12_000_000, 8_000_000),
        proposed_on=date(2023, 12, 31),
    )
    newer = services.proposal_create(
        actor=cast.staff_a,
        group=group,
        business_plan="x",
        lines=_lines(15_000_000, 10_000_000),
        proposed_on=date(2024, 1, 1),
    )
    assert (older.rule.amount, newer.rule.amount) == (20_000_000, 25_000_000)


def test_the_data_migration_gives_existing_regions_the_default_once(cast):
    GrantRule.objects.all().delete()
    migration = importlib.import_module("jejaring.enterprise.migrations.0002_default_grant_rules")
    migration.seed(apps, None)
    migration.seed(apps, None)
    rows = GrantRule.objects.values_list("region__code", "min_members", "max_members")
    assert sorted(rows) == sorted([(cast.region_a.code, 10, 15), (cast.region_b.code, 10, 15)])

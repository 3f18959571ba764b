"""Formation services: drafts, publishing and closing, under the internship rules and
the seats their referrals hold."""

from datetime import date, timedelta

import pytest

from jejaring.core.errors import InvalidTransition, NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.employers.tests.helpers import today
from jejaring.internships.formation_links import program_id_of
from jejaring.internships.models import InternshipProgram, ProgramFormation
from jejaring.internships.tests.factories import (
    InternshipFormationFactory,
    InternshipProgramFactory,
)
from jejaring.placement import audit_actions
from jejaring.placement import formations as services
from jejaring.placement.formations import FormationData
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db


def test_hr_drafts_and_publishes_a_job_formation_for_some_vocations(cast):
    vocations = [VocationFactory(), VocationFactory()]
    formation = services.formation_create(
        actor=cast.hr_a,
        company=cast.company_a,
        data=job(accepts_all_vocations=False, vocation_ids=[v.pk for v in vocations]),
    )
    assert formation.status == Formation.Status.DRAFT
    assert set(formation.vocations.all()) == set(vocations)
    services.formation_publish(actor=cast.hr_a, formation=formation)
    formation.refresh_from_db()
    assert formation.status == Formation.Status.OPEN
    services.formation_close(actor=cast.hr_a, formation=formation)
    formation.refresh_from_db()
    assert formation.status == Formation.Status.CLOSED


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"quota": 0}, "invalid_quota"),
        ({"period_start": date(2027, 2, 1), "period_end": date(2027, 1, 1)}, "invalid_period"),
        ({"period_start": date(2027, 2, 1), "closes_on": date(2027, 3, 1)}, "invalid_closing_date"),
        ({"min_age": 30, "max_age": 20}, "invalid_age_range"),
        ({"accepts_all_vocations": False}, "vocations_required"),
        ({"accepts_all_vocations": False, "vocation_ids": [999999]}, "unknown_vocation"),
    ],
)
def test_an_inconsistent_formation_is_refused(cast, overrides, code):
    with pytest.raises(ValidationError) as raised:
        services.formation_create(actor=cast.hr_a, company=cast.company_a, data=job(**overrides))
    assert raised.value.code == code
    assert not Formation.objects.exists()


def test_hr_cannot_draft_a_formation_for_another_company(cast):
    with pytest.raises(NotFound):
        services.formation_create(actor=cast.hr_a, company=cast.company_b, data=job())


def test_an_internship_needs_an_approved_program(cast):
    program = InternshipProgramFactory(
        company=cast.company_a, status=InternshipProgram.Status.SUBMITTED
    )
    with pytest.raises(ValidationError) as raised:
        services.formation_create(
            actor=cast.hr_a,
            company=cast.company_a,
            data=job(kind="internship", quota=2, internship_program_id=program.pk),
        )
    assert raised.value.code == "internship_program_not_approved"


def test_internship_quota_is_capped_at_20_percent_of_the_workforce(cast):
    # 120 workers: 24 seats, 20 already offered by an open internship formation.
    program = InternshipProgramFactory(company=cast.company_a)
    InternshipFormationFactory(company=cast.company_a, quota=20, internship_program=program)
    data = job(kind="internship", quota=5, internship_program_id=program.pk)
    with pytest.raises(ValidationError) as raised:
        services.formation_create(actor=cast.hr_a, company=cast.company_a, data=data)
    assert raised.value.code == "internship_cap"
    assert "4" in str(raised.value.message)
    data.quota = 4
    formation = services.formation_create(actor=cast.hr_a, company=cast.company_a, data=data)
    services.formation_publish(actor=cast.hr_a, formation=formation)


def test_an_open_internship_can_be_edited_without_counting_itself(cast):
    program = InternshipProgramFactory(company=cast.company_a)
    formation = InternshipFormationFactory(
        company=cast.company_a, quota=24, internship_program=program
    )
    data = job(kind="internship", quota=24, internship_program_id=program.pk, title="Magang")
    services.formation_update(actor=cast.hr_a, formation=formation, data=data)


def test_an_internship_longer_than_the_rules_allow_is_refused(cast):
    program = InternshipProgramFactory(company=cast.company_a)
    data = job(
        kind="internship",
        quota=2,
        internship_program_id=program.pk,
        period_start=date(2027, 1, 1),
        period_end=date(2028, 1, 15),
    )
    with pytest.raises(ValidationError) as raised:
        services.formation_create(actor=cast.hr_a, company=cast.company_a, data=data)
    assert raised.value.code == "internship_too_long"


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        # The end date is the internship's last day: 15 January to 15 January of the next
        # year is a year and a day, over the rule set's 12 months (the agreement agrees).
        (date(2027, 1, 15), date(2028, 1, 15), "internship_too_long"),
        # A same-day internship is no internship.
        (date(2027, 1, 15), date(2027, 1, 15), "invalid_dates"),
    ],
)
def test_an_internship_formation_and_its_agreement_refuse_the_same_periods(cast, start, end, code):
    program = InternshipProgramFactory(company=cast.company_a)
    data = job(
        kind="internship",
        quota=2,
        internship_program_id=program.pk,
        period_start=start,
        period_end=end,
    )
    with pytest.raises(ValidationError) as raised:
        services.formation_create(actor=cast.hr_a, company=cast.company_a, data=data)
    assert raised.value.code == code


def test_an_internship_of_exactly_the_longest_period_is_accepted(cast):
    program = InternshipProgramFactory(company=cast.company_a)
    data = job(
        kind="internship",
        quota=2,
        internship_program_id=program.pk,
        period_start=date(2027, 1, 15),
        period_end=date(2028, 1, 14),
    )
    formation = services.formation_create(actor=cast.hr_a, company=cast.company_a, data=data)
    assert formation.period_end == date(2028, 1, 14)


def test_a_formation_past_its_closing_date_cannot_be_published(cast):
    formation = FormationFactory(
        company=cast.company_a, status="draft", closes_on=today() - timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.formation_publish(actor=cast.hr_a, formation=formation)


def test_the_quota_of_an_open_formation_cannot_drop_below_its_referrals(cast):
    formation = FormationFactory(company=cast.company_a, quota=3)
    ReferralFactory.create_batch(2, formation=formation)
    with pytest.raises(ValidationError) as raised:
        services.formation_update(actor=cast.hr_a, formation=formation, data=job(quota=1))
    assert raised.value.code == "quota_below_referrals"


def test_a_closed_formation_cannot_be_changed_or_closed_again(cast):
    formation = FormationFactory(company=cast.company_a, status="closed")
    with pytest.raises(InvalidTransition):
        services.formation_update(actor=cast.hr_a, formation=formation, data=job())
    with pytest.raises(InvalidTransition):
        services.formation_close(actor=cast.hr_a, formation=formation)


def test_an_internship_formation_runs_under_its_program_and_the_audit_names_it(cast):
    program = InternshipProgramFactory(company=cast.company_a)
    data = job(kind="internship", quota=2, internship_program_id=program.pk)
    formation = services.formation_create(actor=cast.hr_a, company=cast.company_a, data=data)
    assert ProgramFormation.objects.get(formation=formation).program == program
    created = AuditEvent.objects.get(action=audit_actions.FORMATION_CREATE)
    assert created.changes["internship_program_id"] == [None, program.pk]


def test_an_internship_turned_into_a_job_leaves_its_program(cast):
    program = InternshipProgramFactory(company=cast.company_a)
    formation = InternshipFormationFactory(company=cast.company_a, internship_program=program)
    services.formation_update(actor=cast.hr_a, formation=formation, data=job())
    assert not ProgramFormation.objects.filter(formation=formation).exists()
    updated = AuditEvent.objects.get(action=audit_actions.FORMATION_UPDATE)
    assert updated.changes["internship_program_id"] == [program.pk, None]


def test_an_internship_moved_to_another_program_is_linked_to_that_one(cast):
    formation = InternshipFormationFactory(company=cast.company_a)
    other = InternshipProgramFactory(company=cast.company_a)
    data = job(kind="internship", quota=2, internship_program_id=other.pk)
    updated = services.formation_update(actor=cast.hr_a, formation=formation, data=data)
    assert ProgramFormation.objects.get(formation=formation).program == other
    assert program_id_of(updated) == other.pk


def job(**overrides):
    values = {"kind": "job", "title": "Operator Jahit", "quota": 3, "accepts_all_vocations": True}
    values.update(overrides)
    return FormationData(**values)

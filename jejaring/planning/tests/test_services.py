"""Needs intake and mapping, the envelope check, the plan workflow and the instructor
search, as the office and companies use them."""

from datetime import date

import pytest

from jejaring.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.planning import audit_actions, selectors, services
from jejaring.planning.models import IndustryNeed, InstructorNeed, TrainingPlan, VocationSynonym
from jejaring.planning.tests.factories import (
    EnvelopeFactory,
    InstructorNeedFactory,
    NeedFactory,
    PlanFactory,
    PlanLineFactory,
    another_staff,
)
from jejaring.training.models import FundingSource, Instructor, InstructorCredential
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocations(db):
    made = {
        code: VocationFactory(code=code, name=name)
        for code, name in [
            ("mekanik-mesin-jahit", "Mekanik Mesin Jahit Garmen"),
            ("menjahit-garmen", "Menjahit Garmen"),
            ("otomotif-sepeda-motor", "Otomotif Sepeda Motor"),
            ("perhotelan", "Perhotelan"),
        ]
    }
    services.synonyms_load_curated()
    return made


def _need_data(description="Mekanik mesin jahit", quantity=4):
    return services.NeedData(description=description, quantity=quantity, kind="job")


def test_company_hr_submit_a_need_for_their_own_company_and_it_is_audited(cast):
    need = services.need_submit(actor=cast.hr_a, company=cast.company_a, data=_need_data())
    assert need.region == cast.region_a
    assert need.mapping == IndustryNeed.Mapping.UNMAPPED
    assert need.submitted_by == cast.hr_a
    assert AuditEvent.objects.filter(
        action=audit_actions.NEED_SUBMIT, target_id=str(need.pk)
    ).exists()


def test_company_hr_cannot_submit_for_another_company(cast):
    with pytest.raises(NotFound):
        services.need_submit(actor=cast.hr_a, company=cast.company_b, data=_need_data())
    assert not IndustryNeed.objects.exists()


def test_company_hr_see_only_their_company_s_needs(cast):
    mine = services.need_submit(actor=cast.hr_a, company=cast.company_a, data=_need_data())
    theirs = services.need_submit(actor=cast.hr_b, company=cast.company_b, data=_need_data())
    assert list(selectors.need_list_for(actor=cast.hr_a)) == [mine]
    with pytest.raises(NotFound):
        selectors.need_get_for(actor=cast.hr_a, industry_need_id=theirs.pk)


def test_staff_record_a_partner_s_need_on_its_behalf(cast):
    from jejaring.employers.models import NetworkPartner

    partner = NetworkPartner.objects.create(
        region=cast.region_a, name="Asosiasi Garmen", kind=NetworkPartner.Kind.ASSOCIATION
    )
    need = services.need_submit(
        actor=cast.staff_a, partner=partner, data=_need_data("Operator jahit", 30)
    )
    assert need.partner == partner and need.company is None


def test_a_need_with_zero_people_is_refused_and_nothing_is_saved(cast):
    with pytest.raises(ValidationError) as error:
        services.need_submit(actor=cast.hr_a, company=cast.company_a, data=_need_data(quantity=0))
    assert error.value.code == "quantity_positive"
    assert not IndustryNeed.objects.exists()


def test_mekanik_mesin_jahit_suggests_the_garment_machine_mechanic_first(vocations):
    suggestions = selectors.vocation_suggestions(
        text="Butuh mekanik mesin jahit untuk servis mesin high speed"
    )
    assert suggestions[0].vocation == vocations["mekanik-mesin-jahit"]


def test_a_typo_still_finds_the_vocation(vocations):
    suggestions = selectors.vocation_suggestions(text="montir sepeda motr matic")
    assert suggestions[0].vocation == vocations["otomotif-sepeda-motor"]


def test_an_unrelated_need_gets_no_suggestion(vocations):
    assert selectors.vocation_suggestions(text="akuntan pajak bersertifikat") == []


def test_loading_the_curated_list_twice_adds_nothing(vocations):
    count = VocationSynonym.objects.count()
    assert services.synonyms_load_curated() == 0
    assert VocationSynonym.objects.count() == count


def test_a_staff_correction_changes_the_next_suggestion(cast, vocations):
    wording = "Tukang benerin mesin produksi konveksi"
    before = selectors.vocation_suggestions(text=wording)
    assert not before or before[0].vocation != vocations["mekanik-mesin-jahit"]
    need = NeedFactory(region=cast.region_a, description=wording)
    services.need_map(actor=cast.staff_a, need=need, vocation=vocations["mekanik-mesin-jahit"])
    after = selectors.vocation_suggestions(text="tukang benerin mesin produksi konveksi batik")
    assert after[0].vocation == vocations["mekanik-mesin-jahit"]
    learned = VocationSynonym.objects.get(source=VocationSynonym.Source.LEARNED)
    assert learned.vocation == vocations["mekanik-mesin-jahit"]


def test_confirming_the_same_wording_again_raises_its_weight(cast, vocations):
    vocation = vocations["menjahit-garmen"]
    for _ in range(2):
        need = NeedFactory(region=cast.region_a, description="Tenaga jahit sablon kaos")
        services.need_map(actor=cast.staff_a, need=need, vocation=vocation)
    assert VocationSynonym.objects.get(source="learned", vocation=vocation).weight == 2


def test_mapping_to_no_program_keeps_the_need_visible_as_such(cast, vocations):
    need = NeedFactory(region=cast.region_a, description="Pilot drone pertanian")
    services.need_map(actor=cast.staff_a, need=need, vocation=None)
    need.refresh_from_db()
    assert need.mapping == IndustryNeed.Mapping.NO_PROGRAM
    assert list(selectors.need_list_for(actor=cast.staff_a, mapping="no_program")) == [need]


def test_company_hr_may_not_map_needs(cast, vocations):
    need = services.need_submit(actor=cast.hr_a, company=cast.company_a, data=_need_data())
    with pytest.raises(PermissionDenied):
        services.need_map(actor=cast.hr_a, need=need, vocation=vocations["perhotelan"])


def _plan_with_line(cast, cost=100_000_000, packages=2):
    plan = PlanFactory(region=cast.region_a, year=2027)
    PlanLineFactory(plan=plan, packages=packages, cost_per_package=cost)
    return plan


def test_a_plan_within_its_envelope_is_submitted_and_audited(cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=200_000_000)
    plan = services.plan_submit(actor=cast.staff_a, plan=_plan_with_line(cast))
    assert plan.status == TrainingPlan.Status.SUBMITTED
    event = AuditEvent.objects.get(action=audit_actions.PLAN_SUBMIT)
    assert event.changes == {"status": ["draft", "submitted"]}


def test_a_plan_over_its_envelope_cannot_be_submitted(cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=199_999_999)
    plan = _plan_with_line(cast)
    with pytest.raises(ValidationError) as error:
        services.plan_submit(actor=cast.staff_a, plan=plan)
    assert error.value.code == "over_envelope"
    assert error.value.detail["sources"][0]["planned"] == 200_000_000
    plan.refresh_from_db()
    assert plan.status == TrainingPlan.Status.DRAFT


def test_a_funding_source_without_an_envelope_blocks_submission(cast):
    with pytest.raises(ValidationError):
        services.plan_submit(actor=cast.staff_a, plan=_plan_with_line(cast))


def test_an_empty_plan_cannot_be_submitted(cast):
    with pytest.raises(ValidationError) as error:
        services.plan_submit(actor=cast.staff_a, plan=PlanFactory(region=cast.region_a))
    assert error.value.code == "plan_empty"


def test_a_returned_plan_carries_the_comments_and_can_be_fixed_and_resubmitted(cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=500_000_000)
    plan = services.plan_submit(actor=cast.staff_a, plan=_plan_with_line(cast))
    with pytest.raises(ValidationError):
        services.plan_return(actor=cast.staff_a, plan=plan, comments=" ")
    plan = services.plan_return(actor=cast.staff_a, plan=plan, comments="Tambah bukti kebutuhan")
    assert (plan.status, plan.comments) == ("returned", "Tambah bukti kebutuhan")
    services.plan_line_add(
        actor=cast.staff_a,
        plan=plan,
        data=services.LineData(
            channel="kelurahan",
            title="Kewirausahaan",
            packages=1,
            people_per_package=20,
            cost_per_package=7_500_000,
            funding_source=FundingSource.DBHCHT,
        ),
    )
    assert services.plan_submit(actor=cast.staff_a, plan=plan).status == "submitted"


def test_a_draft_cannot_be_approved_and_an_approved_plan_cannot_change(cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=500_000_000)
    plan = _plan_with_line(cast)
    with pytest.raises(InvalidTransition):
        services.plan_approve(actor=cast.staff_a, plan=plan)
    services.plan_submit(actor=cast.staff_a, plan=plan)
    head = another_staff(cast.region_a)
    plan = services.plan_approve(actor=head, plan=plan, comments="Setuju")
    assert plan.decided_by == head
    with pytest.raises(InvalidTransition):
        services.plan_line_remove(actor=cast.staff_a, line=plan.lines.get())
    with pytest.raises(InvalidTransition):
        services.plan_submit(actor=cast.staff_a, plan=plan)
    assert AuditEvent.objects.filter(action=audit_actions.PLAN_APPROVE).count() == 1


def test_whoever_submitted_a_plan_cannot_approve_it_even_as_superuser(cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=500_000_000)
    plan = services.plan_submit(actor=cast.staff_a, plan=_plan_with_line(cast))
    assert plan.submitted_by == cast.staff_a
    with pytest.raises(PermissionDenied) as refused:
        services.plan_approve(actor=cast.staff_a, plan=plan)
    assert refused.value.code == "approver_is_submitter"
    assert "staf dinas lain" in str(refused.value.message)
    plan.refresh_from_db()
    assert plan.status == TrainingPlan.Status.SUBMITTED
    # Returning it for changes stays open to the submitter; resubmitting makes the
    # superuser the submitter, who then may not approve either.
    services.plan_return(actor=cast.staff_a, plan=plan, comments="Tambah baris BLK.")
    cast.staff_a.is_superuser = True
    cast.staff_a.save(update_fields=["is_superuser"])
    services.plan_submit(actor=cast.staff_a, plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=cast.staff_a, plan=plan)
    plan = services.plan_approve(actor=another_staff(cast.region_a), plan=plan)
    assert plan.status == TrainingPlan.Status.APPROVED


def test_staff_of_another_region_cannot_decide(cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=500_000_000)
    plan = services.plan_submit(actor=cast.staff_a, plan=_plan_with_line(cast))
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=cast.staff_b, plan=plan)


def test_a_line_cannot_cite_another_region_s_need(cast):
    plan = PlanFactory(region=cast.region_a)
    foreign = NeedFactory(region=cast.region_b)
    with pytest.raises(NotFound):
        services.plan_line_add(
            actor=cast.staff_a,
            plan=plan,
            data=services.LineData(
                channel="blk",
                title="X",
                packages=1,
                people_per_package=16,
                cost_per_package=1,
                funding_source="apbd",
            ),
            evidence=[foreign],
        )
    assert not plan.lines.exists()


def test_the_instructor_gap_lists_lines_without_a_credentialed_instructor(cast):
    plan = PlanFactory(region=cast.region_a, year=2027)
    covered = PlanLineFactory(plan=plan)
    uncovered = PlanLineFactory(plan=plan)
    instructor = Instructor.objects.create(region=cast.region_a, full_name="Pak Slamet")
    instructor.vocations.add(covered.vocation)
    InstructorCredential.objects.create(instructor=instructor, title="Sertifikat kompetensi")
    rows = selectors.instructor_gap_for(actor=cast.staff_a)
    assert [row.line for row in rows] == [uncovered]


def test_an_instructor_without_a_credential_does_not_close_the_gap(cast):
    line = PlanLineFactory(plan=PlanFactory(region=cast.region_a))
    instructor = Instructor.objects.create(region=cast.region_a, full_name="Bu Ani")
    instructor.vocations.add(line.vocation)
    assert [row.line for row in selectors.instructor_gap_for(actor=cast.staff_a)] == [line]


def test_the_instructor_search_moves_forward_and_is_audited(cast):
    line = PlanLineFactory(plan=PlanFactory(region=cast.region_a))
    need = services.instructor_need_open(actor=cast.staff_a, line=line)
    assert need.status == InstructorNeed.Sourcing.SEARCHING
    candidate = Instructor.objects.create(
        region=cast.region_a, full_name="Pak Joko", status=Instructor.Status.CANDIDATE
    )
    with pytest.raises(ValidationError):
        services.instructor_need_set_status(actor=cast.staff_a, need=need, status="candidate")
    with pytest.raises(InvalidTransition):
        services.instructor_need_set_status(
            actor=cast.staff_a, need=need, status="contracted", candidate=candidate
        )
    need = services.instructor_need_set_status(
        actor=cast.staff_a, need=need, status="candidate", candidate=candidate
    )
    need = services.instructor_need_set_status(actor=cast.staff_a, need=need, status="contracted")
    assert (need.status, need.candidate) == ("contracted", candidate)
    assert AuditEvent.objects.filter(action=audit_actions.INSTRUCTOR_NEED_STATUS).count() == 2
    row = selectors.instructor_gap_for(actor=cast.staff_a)[0]
    assert row.need == need


def test_a_candidate_from_another_region_is_refused(cast):
    need = InstructorNeedFactory(region=cast.region_a)
    stranger = Instructor.objects.create(region=cast.region_b, full_name="Orang Kudus")
    with pytest.raises(NotFound):
        services.instructor_need_set_status(
            actor=cast.staff_a, need=need, status="candidate", candidate=stranger
        )
    need.refresh_from_db()
    assert need.status == "searching"


def test_meetings_are_recorded_with_their_companies(cast):
    meeting = services.meeting_create(
        actor=cast.staff_a,
        region=cast.region_a,
        data=services.MeetingData(held_on=date(2026, 10, 8), title="Rapat jejaring"),
        companies=[cast.company_a],
    )
    assert list(meeting.companies.all()) == [cast.company_a]
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=cast.staff_b,
            region=cast.region_a,
            data=services.MeetingData(held_on=date(2026, 10, 8), title="Rapat"),
        )

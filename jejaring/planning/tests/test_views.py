"""The planning pages as company HR and office staff use them."""

import pytest
from django.urls import reverse

from jejaring.employers.tests.factories import FormationFactory
from jejaring.planning import services
from jejaring.planning.models import IndustryNeed, TrainingPlan
from jejaring.planning.tests.factories import (
    EnvelopeFactory,
    MeetingFactory,
    NeedFactory,
    PlanFactory,
    PlanLineFactory,
    another_staff,
)
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, VocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mechanic(db):
    vocation = VocationFactory(code="mekanik-mesin-jahit", name="Mekanik Mesin Jahit Garmen")
    services.synonyms_load_curated()
    return vocation


def test_company_hr_submit_a_need_in_their_own_words(client, cast):
    client.force_login(cast.hr_a)
    page = client.get(reverse("planning:need_create"))
    assert cast.company_b.name not in page.content.decode()
    response = client.post(
        reverse("planning:need_create"),
        {
            "company": cast.company_a.pk,
            "description": "Mekanik mesin jahit",
            "quantity": 3,
            "kind": "job",
        },
    )
    need = IndustryNeed.objects.get()
    assert response.status_code == 302
    assert need.company == cast.company_a


def test_company_hr_cannot_post_a_need_for_another_company(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(
        reverse("planning:need_create"),
        {"company": cast.company_b.pk, "description": "X", "quantity": 1, "kind": "job"},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not IndustryNeed.objects.exists()


def test_company_hr_see_only_their_own_company_s_needs(client, cast):
    NeedFactory(region=cast.region_a, company=cast.company_a, description="Kebutuhan kami")
    other = NeedFactory(region=cast.region_a, company=cast.company_b, description="Milik hotel")
    client.force_login(cast.hr_a)
    html = client.get(reverse("planning:need_list")).content.decode()
    assert "Kebutuhan kami" in html and "Milik hotel" not in html
    detail = reverse("planning:need_detail", kwargs={"industry_need_id": other.pk})
    assert client.get(detail).status_code == 404


def test_staff_see_the_suggestion_and_confirm_it(client, cast, mechanic):
    need = NeedFactory(region=cast.region_a, description="Mekanik mesin jahit high speed")
    client.force_login(cast.staff_a)
    page = client.get(reverse("planning:need_detail", kwargs={"industry_need_id": need.pk}))
    assert "Mekanik Mesin Jahit Garmen" in page.content.decode()
    response = client.post(
        reverse("planning:need_map", kwargs={"industry_need_id": need.pk}),
        {"vocation": mechanic.pk},
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.vocation, need.mapping) == (mechanic, "confirmed")


def test_company_hr_do_not_see_the_mapping_form(client, cast, mechanic):
    need = NeedFactory(region=cast.region_a, company=cast.company_a)
    client.force_login(cast.hr_a)
    url = reverse("planning:need_detail", kwargs={"industry_need_id": need.pk})
    assert "Simpan pemetaan" not in client.get(url).content.decode()
    mapped = client.post(
        reverse("planning:need_map", kwargs={"industry_need_id": need.pk}),
        {"vocation": mechanic.pk},
    )
    assert mapped.status_code == 404


@pytest.mark.parametrize("actor", ["operator", "assessor_user", "trainee_1", "viewer"])
def test_other_roles_have_no_planning_pages(client, cast, actor):
    client.force_login(getattr(cast, actor))
    for name in ("need_list", "meeting_list", "gap", "plan_list", "instructor_gap"):
        assert client.get(reverse(f"planning:{name}")).status_code == 404, name


def test_company_hr_have_no_plan_or_gap_pages(client, cast):
    client.force_login(cast.hr_a)
    for name in ("meeting_list", "gap", "plan_list", "instructor_gap"):
        assert client.get(reverse(f"planning:{name}")).status_code == 404, name


def test_the_gap_page_shows_unmet_demand_and_the_unmapped_needs(client, cast, mechanic):
    NeedFactory(
        region=cast.region_a,
        vocation=mechanic,
        mapping="confirmed",
        quantity=6,
        needed_by="2027-03-01",
    )
    NeedFactory(region=cast.region_a, description="Pilot drone", quantity=2, needed_by="2027-01-01")
    client.force_login(cast.staff_a)
    response = client.get(reverse("planning:gap"), {"tahun": 2027})
    html = response.content.decode()
    assert "Mekanik Mesin Jahit Garmen" in html
    assert 'id="gap-data"' in html
    row = response.context["analysis"].rows[0]
    assert (row.needs, row.planned, row.unmet) == (6, 0, 6)
    assert response.context["analysis"].unmapped_needs == 2
    drill = client.get(reverse("planning:gap"), {"tahun": 2027, "kejuruan": "none"})
    assert "Pilot drone" in drill.content.decode()


def test_the_gap_drill_down_lists_the_needs_lines_and_batches_of_a_vocation(client, cast, mechanic):
    NeedFactory(
        region=cast.region_a,
        vocation=mechanic,
        mapping="confirmed",
        description="Mekanik high speed",
        needed_by="2027-03-01",
    )
    PlanLineFactory(
        plan=PlanFactory(region=cast.region_a, year=2027), vocation=mechanic, title="Baris MMJ"
    )
    BatchFactory(
        region=cast.region_a,
        program__institution__region=cast.region_a,
        program__vocation=mechanic,
        year=2027,
        name="Paket MMJ",
    )
    client.force_login(cast.staff_a)
    html = client.get(
        reverse("planning:gap"), {"tahun": 2027, "kejuruan": mechanic.pk}
    ).content.decode()
    assert "Mekanik high speed" in html and "Baris MMJ" in html and "Paket MMJ" in html


def test_the_gap_counts_graduates_not_absorbed_as_oversupply(client, cast, mechanic):
    batch = BatchFactory(
        region=cast.region_a,
        program__institution__region=cast.region_a,
        program__vocation=mechanic,
        year=2027,
        capacity=16,
    )
    Enrolment.objects.create(
        region=cast.region_a,
        batch=batch,
        institution=batch.institution,
        person=cast.person_1,
        status=Enrolment.Status.GRADUATED,
        source="operator",
        graduated_on="2027-04-01",
    )
    client.force_login(cast.staff_a)
    row = client.get(reverse("planning:gap"), {"tahun": 2027}).context["analysis"].rows[0]
    assert (row.planned, row.graduates, row.absorbed, row.oversupply) == (16, 1, 0, 1)


def test_the_gap_page_needs_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    for _ in range(8):
        vocation = VocationFactory()
        NeedFactory.create_batch(
            3, region=cast.region_a, vocation=vocation, mapping="confirmed", needed_by="2027-02-01"
        )
        FormationFactory(company=cast.company_a).vocations.add(vocation)
        PlanLineFactory(plan=PlanFactory(region=cast.region_a, year=2027), vocation=vocation)
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("planning:gap"), {"tahun": 2027}).status_code == 200


def test_staff_of_region_b_do_not_count_region_a_needs(client, cast, mechanic):
    NeedFactory(
        region=cast.region_a, vocation=mechanic, mapping="confirmed", needed_by="2027-03-01"
    )
    client.force_login(cast.staff_b)
    response = client.get(reverse("planning:gap"), {"tahun": 2027})
    assert response.context["analysis"].rows == []


def test_the_need_list_needs_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    NeedFactory.create_batch(30, region=cast.region_a, company=cast.company_a)
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:need_list")).status_code == 200


def _plan(cast, amount=1_000_000_000):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=amount)
    plan = PlanFactory(region=cast.region_a, year=2027, title="Rencana 2027")
    return plan


def test_staff_create_a_plan_add_a_line_citing_a_need_and_submit_it(client, cast):
    need = NeedFactory(region=cast.region_a, description="Operator jahit")
    client.force_login(cast.staff_a)
    EnvelopeFactory(region=cast.region_a, year=2027, amount=100_000_000)
    created = client.post(reverse("planning:plan_list"), {"year": 2027, "title": "Rencana baru"})
    plan = TrainingPlan.objects.get(title="Rencana baru")
    assert created.status_code == 302
    added = client.post(
        reverse("planning:line_add", kwargs={"training_plan_id": plan.pk}),
        {
            "channel": "lpks",
            "title": "Menjahit",
            "packages": 2,
            "people_per_package": 20,
            "days_per_package": 25,
            "cost_per_package": 50_000_000,
            "funding_source": "dbhcht",
            "evidence": [need.pk],
        },
    )
    assert added.status_code == 302
    page = client.get(reverse("planning:plan_detail", kwargs={"training_plan_id": plan.pk}))
    html = page.content.decode()
    assert "Operator jahit" in html
    assert "Rp 100.000.000" in html
    assert page.context["channel_totals"][0]["total_people"] == 40
    client.post(reverse("planning:plan_submit", kwargs={"training_plan_id": plan.pk}))
    plan.refresh_from_db()
    assert plan.status == "submitted"


def test_the_submitter_sees_no_approve_button_and_a_forced_approval_is_refused(client, cast):
    plan = _plan(cast)
    PlanLineFactory(plan=plan, cost_per_package=1_000_000)
    client.force_login(cast.staff_a)
    client.post(reverse("planning:plan_submit", kwargs={"training_plan_id": plan.pk}))
    page = client.get(reverse("planning:plan_detail", kwargs={"training_plan_id": plan.pk}))
    approve = reverse("planning:plan_approve", kwargs={"training_plan_id": plan.pk})
    assert approve not in page.content.decode()
    response = client.post(approve, follow=True)
    assert "staf dinas lain" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "submitted"
    client.force_login(another_staff(cast.region_a))
    assert approve in client.get(page.request["PATH_INFO"]).content.decode()
    client.post(approve, {"confirm": "1"})
    plan.refresh_from_db()
    assert plan.status == "approved"


def test_submitting_over_the_envelope_shows_the_error_and_keeps_the_draft(client, cast):
    plan = _plan(cast, amount=1)
    PlanLineFactory(plan=plan)
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("planning:plan_submit", kwargs={"training_plan_id": plan.pk}), follow=True
    )
    assert "melebihi pagu" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_a_line_with_bad_numbers_is_refused_next_to_the_field(client, cast):
    plan = _plan(cast)
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("planning:line_add", kwargs={"training_plan_id": plan.pk}),
        {
            "channel": "blk",
            "title": "X",
            "packages": 0,
            "people_per_package": 16,
            "cost_per_package": 1,
            "funding_source": "apbd",
        },
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
    assert not plan.lines.exists()


def test_the_plan_pdf_is_a_pdf(client, cast):
    plan = _plan(cast)
    PlanLineFactory(plan=plan)
    client.force_login(cast.staff_a)
    response = client.get(reverse("planning:plan_pdf", kwargs={"training_plan_id": plan.pk}))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_plan_page_needs_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    plan = _plan(cast)
    for _ in range(10):
        line = PlanLineFactory(plan=plan)
        line.evidence.set(NeedFactory.create_batch(2, region=cast.region_a))
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(40):
        assert (
            client.get(
                reverse("planning:plan_detail", kwargs={"training_plan_id": plan.pk})
            ).status_code
            == 200
        )


def test_staff_record_a_meeting_and_a_need_raised_there(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("planning:meeting_create"),
        {"held_on": "2026-10-08", "title": "Rapat jejaring", "companies": [cast.company_a.pk]},
    )
    assert response.status_code == 302
    meeting_url = response["Location"]
    client.post(
        meeting_url,
        {
            "company": cast.company_a.pk,
            "description": "Teknisi obras",
            "quantity": 2,
            "kind": "job",
        },
    )
    need = IndustryNeed.objects.get()
    assert need.meeting is not None and need.meeting.title == "Rapat jejaring"
    assert "Teknisi obras" in client.get(meeting_url).content.decode()


def test_a_meeting_of_another_region_is_a_404(client, cast):
    meeting = MeetingFactory(region=cast.region_b)
    client.force_login(cast.staff_a)
    url = reverse("planning:meeting_detail", kwargs={"coordination_meeting_id": meeting.pk})
    assert client.get(url).status_code == 404


def test_the_instructor_gap_page_opens_a_search_and_moves_it_on(client, cast):
    line = PlanLineFactory(plan=PlanFactory(region=cast.region_a), title="Mekanik garmen baru")
    client.force_login(cast.staff_a)
    page = client.get(reverse("planning:instructor_gap"))
    assert "Mekanik garmen baru" in page.content.decode()
    opened = client.post(reverse("planning:line_instructor_need", kwargs={"plan_line_id": line.pk}))
    assert opened.status_code == 302
    response = client.post(opened["Location"], {"status": "candidate"})
    assert "Sebutkan calon instruktur" in response.content.decode()


def test_choosing_a_vocation_reloads_its_competency_units(client, cast, mechanic):
    from jejaring.assessment.models import CompetencyUnit
    from jejaring.training.tests.factories import ProgramFactory

    unit = CompetencyUnit.objects.create(code="C.331290.001.01", title="Merawat mesin jahit")
    program = ProgramFactory(region=cast.region_a, institution=cast.lpks, vocation=mechanic)
    program.units.add(unit)
    need = NeedFactory(region=cast.region_a)
    client.force_login(cast.staff_a)
    url = reverse("planning:need_units", kwargs={"industry_need_id": need.pk})
    response = client.get(url, {"vocation": mechanic.pk}, headers={"HX-Request": "true"})
    assert "Merawat mesin jahit" in response.content.decode()
    client.force_login(cast.hr_a)
    assert client.get(url, {"vocation": mechanic.pk}).status_code == 404


def test_the_instructor_gap_and_meeting_pages_need_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    plan = PlanFactory(region=cast.region_a)
    for line in PlanLineFactory.create_batch(10, plan=plan):
        services.instructor_need_open(actor=cast.staff_a, line=line)
    for _ in range(10):
        NeedFactory.create_batch(
            2, region=cast.region_a, meeting=MeetingFactory(region=cast.region_a)
        )
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:instructor_gap")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:meeting_list")).status_code == 200


def test_staff_record_and_correct_an_envelope(client, cast):
    from jejaring.planning.models import FundingEnvelope

    client.force_login(cast.staff_a)
    url = reverse("planning:envelope_set")
    for amount in (4_000_000_000, 4_307_000_000):
        response = client.post(
            url, {"year": 2025, "funding_source": "dbhcht", "amount": amount, "note": "DBHCHT"}
        )
        assert response.status_code == 302
    envelope = FundingEnvelope.objects.get()
    assert (envelope.region, envelope.amount) == (cast.region_a, 4_307_000_000)
    assert "Rp 4.307.000.000" in client.get(reverse("planning:plan_list")).content.decode()
    refused = client.post(url, {"year": 2025, "funding_source": "dbhcht", "amount": -1})
    assert refused.status_code == 200 and 'aria-invalid="true"' in refused.content.decode()
    client.force_login(cast.hr_a)
    assert client.get(url).status_code == 404

"""Services of the employers area: companies, HR invitations, agreements, formations
under the internship rules, internship programs and internship agreements."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jejaring.accounts.models import Membership
from jejaring.accounts.scope import Role, scope_of
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.employers import internship_agreements, services
from jejaring.employers.internships import internship_agreement_ratified
from jejaring.employers.models import Agreement, Formation
from jejaring.employers.tests.factories import (
    FormationFactory,
    InternshipAgreementFactory,
    InternshipFormationFactory,
    InternshipProgramFactory,
)
from jejaring.internships.models import InternshipProgram
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.regions.models import Holiday
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="dokumen.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def today():
    return timezone.localdate()


def job(**overrides):
    values = {"kind": "job", "title": "Operator Jahit", "quota": 3, "accepts_all_vocations": True}
    values.update(overrides)
    return services.FormationData(**values)


# --- companies and HR ----------------------------------------------------------------


def test_office_staff_register_a_company_and_the_write_is_audited(cast):
    company = services.company_create(
        actor=cast.staff_a,
        region=cast.region_a,
        name="  PT  Batik Jaya ",
        sector="Industri batik",
        kbli_code="c13134",
        workforce_size=80,
    )
    assert company.name == "PT Batik Jaya" and company.kbli_code == "C13134"
    assert AuditEvent.objects.filter(action="employers.company.create", region=cast.region_a)


def test_a_duplicate_name_or_a_bad_kbli_code_changes_nothing(cast):
    with pytest.raises(Conflict):
        services.company_create(
            actor=cast.staff_a, region=cast.region_a, name="pt garmen sejahtera"
        )
    with pytest.raises(ValidationError) as raised:
        services.company_create(actor=cast.staff_a, region=cast.region_a, name="X", kbli_code="??")
    assert raised.value.field == "kbli_code"


def test_staff_of_another_region_cannot_register_a_company_here(cast):
    with pytest.raises(NotFound):
        services.company_create(actor=cast.staff_b, region=cast.region_a, name="PT Lain")


def test_company_hr_update_their_workforce_but_not_the_name(cast):
    services.company_update(actor=cast.hr_a, company=cast.company_a, workforce_size=300)
    cast.company_a.refresh_from_db()
    assert cast.company_a.workforce_size == 300
    with pytest.raises(ValidationError) as raised:
        services.company_update(actor=cast.hr_a, company=cast.company_a, name="PT Baru")
    assert raised.value.code == "field_not_editable"


def test_company_hr_cannot_touch_another_company(cast):
    with pytest.raises(NotFound):
        services.company_update(actor=cast.hr_a, company=cast.company_b, workforce_size=1)


def test_a_new_primary_contact_replaces_the_old_one(cast):
    first = services.contact_save(
        actor=cast.hr_a, company=cast.company_a, full_name="Sari", is_primary=True
    )
    services.contact_save(
        actor=cast.hr_a, company=cast.company_a, full_name="Dewi", is_primary=True
    )
    first.refresh_from_db()
    assert not first.is_primary
    assert cast.company_a.contacts.get(is_primary=True).full_name == "Dewi"


def test_an_invited_hr_account_gets_a_link_and_sees_only_its_company(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.company_hr_invite(
            actor=cast.staff_a, company=cast.company_b, email="HRD@Hotel.example", full_name="Rina"
        )
    assert user.email == "hrd@hotel.example" and len(mail.outbox) == 1
    assert scope_of(user).company_ids == {cast.company_b.pk}
    with pytest.raises(Conflict):
        services.company_hr_invite(
            actor=cast.staff_a, company=cast.company_b, email="hrd@hotel.example", full_name="R"
        )


def test_an_existing_account_only_gains_the_hr_membership(cast):
    services.company_hr_invite(
        actor=cast.staff_a, company=cast.company_b, email=cast.hr_a.email, full_name="x"
    )
    assert Membership.objects.filter(
        user=cast.hr_a, company=cast.company_b, role=Role.COMPANY_HR
    ).exists()
    assert len(mail.outbox) == 0


def test_company_hr_may_not_invite_accounts(cast):
    with pytest.raises(NotFound):
        services.company_hr_invite(
            actor=cast.hr_a, company=cast.company_a, email="a@b.example", full_name="A"
        )


# --- agreements ----------------------------------------------------------------------


def _agreement_data(**overrides):
    values = {
        "kind": "pks",
        "number": "560/1/PKS/2026",
        "title": "Kerja sama pemagangan",
        "valid_from": date(2026, 1, 1),
        "valid_until": date(2028, 12, 31),
    }
    values.update(overrides)
    return services.AgreementData(**values)


def test_an_agreement_is_recorded_with_its_document(cast):
    agreement = services.agreement_create(
        actor=cast.staff_a, company=cast.company_a, data=_agreement_data(), document=pdf()
    )
    assert agreement.document.name.endswith(".pdf")
    assert agreement.status == Agreement.Status.ACTIVE


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (pdf(content=b""), "empty_document"),
        (pdf(content=b"%PDF-" + b"x" * (5 * 1024 * 1024)), "document_too_large"),
        (pdf(name="virus.exe"), "document_type"),
        (pdf(content=b"MZ not a pdf at all"), "document_content"),
    ],
)
def test_a_bad_document_is_refused_and_nothing_is_written(cast, upload, code):
    with pytest.raises(ValidationError) as raised:
        services.agreement_create(
            actor=cast.staff_a, company=cast.company_a, data=_agreement_data(), document=upload
        )
    assert raised.value.code == code
    assert not Agreement.objects.exists()


def test_an_agreement_ending_before_it_starts_is_refused(cast):
    with pytest.raises(ValidationError) as raised:
        services.agreement_create(
            actor=cast.staff_a,
            company=cast.company_a,
            data=_agreement_data(valid_until=date(2025, 1, 1)),
        )
    assert raised.value.code == "invalid_dates"


def test_agreements_show_their_expiry_by_date(cast):
    from jejaring.employers import selectors
    from jejaring.employers.tests.factories import AgreementFactory

    day = date(2026, 11, 23)
    AgreementFactory(company=cast.company_a, valid_until=date(2025, 12, 31))
    AgreementFactory(company=cast.company_a, valid_until=date(2027, 1, 15))
    AgreementFactory(company=cast.company_a, valid_until=date(2028, 1, 15))
    AgreementFactory(company=cast.company_a, valid_from=date(2027, 1, 1))
    rows = selectors.agreement_list_for(actor=cast.staff_a, today=day)
    assert sorted(a.expiry for a in rows) == ["expired", "expiring", "not_yet", "valid"]


# --- formations ----------------------------------------------------------------------


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


# --- internship programs -------------------------------------------------------------


def _program_data(**overrides):
    values = {
        "title": "Pemagangan Operator Jahit",
        "description": "Praktik menjahit di lini produksi.",
        "facilities": "Mesin jahit, APD, ruang kelas.",
        "supervisors": "Budi (supervisor produksi)",
        "plan": "Bulan 1 teori, bulan 2–6 praktik.",
        "duration_months": 6,
        "theory_pct": 20,
    }
    values.update(overrides)
    return services.InternshipProgramData(**values)


def test_a_program_is_submitted_and_due_within_three_working_days(cast, monkeypatch):
    friday = date(2026, 11, 20)
    Holiday.objects.create(date=date(2026, 11, 24), name="Libur contoh")
    monkeypatch.setattr(timezone, "localdate", lambda *args: friday)
    program = services.internship_program_create(
        actor=cast.hr_a, company=cast.company_a, data=_program_data(), draft_agreement=pdf()
    )
    services.internship_program_submit(actor=cast.hr_a, program=program)
    program.refresh_from_db()
    assert program.status == InternshipProgram.Status.SUBMITTED
    # Monday 23, (Tuesday 24 is a holiday), Wednesday 25, Thursday 26.
    assert program.decision_due_on == date(2026, 11, 26)


def test_a_program_without_a_draft_agreement_cannot_be_submitted(cast):
    program = services.internship_program_create(
        actor=cast.hr_a, company=cast.company_a, data=_program_data()
    )
    with pytest.raises(ValidationError) as raised:
        services.internship_program_submit(actor=cast.hr_a, program=program)
    assert raised.value.code == "draft_agreement_required"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [({"theory_pct": 40}, "invalid_theory_pct"), ({"duration_months": 13}, "invalid_duration")],
)
def test_a_program_outside_the_rules_is_refused(cast, overrides, code):
    with pytest.raises(ValidationError) as raised:
        services.internship_program_create(
            actor=cast.hr_a, company=cast.company_a, data=_program_data(**overrides)
        )
    assert raised.value.code == code


def test_the_office_returns_a_program_with_a_comment_and_hr_resubmits(cast):
    program = InternshipProgramFactory(
        company=cast.company_a, status="submitted", draft_agreement=pdf()
    )
    with pytest.raises(ValidationError):
        services.internship_program_decide(actor=cast.staff_a, program=program, decision="return")
    services.internship_program_decide(
        actor=cast.staff_a, program=program, decision="return", note="Lengkapi pembimbing."
    )
    program.refresh_from_db()
    assert program.status == "returned" and program.decision_note == "Lengkapi pembimbing."
    services.internship_program_submit(actor=cast.hr_a, program=program)
    services.internship_program_decide(actor=cast.staff_a, program=program, decision="approve")
    program.refresh_from_db()
    assert program.status == "approved" and program.decided_by == cast.staff_a


def test_company_hr_cannot_decide_their_own_program(cast):
    program = InternshipProgramFactory(company=cast.company_a, status="submitted")
    with pytest.raises(NotFound):
        services.internship_program_decide(actor=cast.hr_a, program=program, decision="approve")


def test_overdue_requests_are_flagged_and_listed_first(cast):
    from jejaring.employers import selectors

    late = InternshipProgramFactory(
        company=cast.company_a, status="submitted", decision_due_on=today() - timedelta(days=1)
    )
    InternshipProgramFactory(company=cast.company_a, status="approved")
    programs = list(selectors.internship_program_list_for(actor=cast.staff_a))
    assert programs[0] == late and programs[0].overdue
    assert not programs[1].overdue


# --- internship agreements -----------------------------------------------------------


def _intern(cast, **person):
    formation = InternshipFormationFactory(
        company=cast.company_a, period_start=date(2027, 1, 4), period_end=date(2027, 6, 30)
    )
    person.setdefault("person__birth_date", date(2000, 1, 1))
    return ReferralFactory(formation=formation, status=Referral.Status.ACCEPTED, **person)


def test_the_agreement_is_generated_signed_ratified_and_then_lets_the_internship_start(cast):
    referral = _intern(cast)
    agreement = internship_agreements.internship_agreement_create(
        actor=cast.hr_a,
        referral=referral,
        starts_on=date(2027, 1, 4),
        ends_on=date(2027, 6, 30),
        stipend_transport=400_000,
        stipend_meals=300_000,
        stipend_incentive=200_000,
    )
    assert "Rp" in agreement.rights_and_duties and "JKK" in agreement.rights_and_duties
    assert internship_agreements.internship_agreement_pdf(agreement).startswith(b"%PDF")
    assert not internship_agreement_ratified(referral)
    with pytest.raises(InvalidTransition):
        internship_agreements.internship_agreement_ratify(actor=cast.staff_a, agreement=agreement)
    internship_agreements.internship_agreement_sign(
        actor=cast.hr_a, agreement=agreement, signed_document=pdf()
    )
    with pytest.raises(NotFound):
        internship_agreements.internship_agreement_ratify(actor=cast.hr_a, agreement=agreement)
    internship_agreements.internship_agreement_ratify(actor=cast.staff_a, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == InternshipAgreement.Status.RATIFIED
    assert agreement.ratified_by == cast.staff_a
    assert internship_agreement_ratified(referral)
    assert AuditEvent.objects.filter(action="employers.internship_agreement.ratify").exists()


def test_an_agreement_without_stipend_or_too_long_is_refused(cast):
    referral = _intern(cast)
    with pytest.raises(ValidationError) as raised:
        internship_agreements.internship_agreement_create(
            actor=cast.hr_a, referral=referral, starts_on=date(2027, 1, 4), ends_on=date(2027, 6, 1)
        )
    assert raised.value.code == "stipend_required"
    with pytest.raises(ValidationError) as raised:
        internship_agreements.internship_agreement_create(
            actor=cast.hr_a,
            referral=referral,
            starts_on=date(2027, 1, 4),
            ends_on=date(2028, 3, 1),
            stipend_meals=1,
        )
    assert raised.value.code == "internship_too_long"
    assert not InternshipAgreement.objects.exists()


def test_a_seventeen_year_old_needs_parental_consent_to_sign(cast):
    referral = _intern(cast, person__birth_date=date(2009, 6, 1))
    agreement = InternshipAgreementFactory(
        referral=referral, starts_on=date(2027, 1, 4), ends_on=date(2027, 6, 30)
    )
    with pytest.raises(ValidationError) as raised:
        internship_agreements.internship_agreement_sign(
            actor=cast.hr_a, agreement=agreement, signed_document=pdf()
        )
    assert raised.value.code == "parental_consent_required"
    internship_agreements.internship_agreement_sign(
        actor=cast.hr_a,
        agreement=agreement,
        signed_document=pdf(),
        parental_consent=pdf("izin.pdf"),
    )


def test_hr_of_another_company_cannot_draw_up_the_agreement(cast):
    referral = _intern(cast)
    with pytest.raises(NotFound):
        internship_agreements.internship_agreement_create(
            actor=cast.hr_b,
            referral=referral,
            starts_on=date(2027, 1, 4),
            ends_on=date(2027, 6, 30),
            stipend_meals=100_000,
        )

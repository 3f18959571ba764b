"""Services of internship programs: drafted by company HR, decided by the office within
the rule set's working days."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from jejaring.core.errors import NotFound, ValidationError
from jejaring.employers.tests.helpers import pdf, today
from jejaring.internships import services
from jejaring.internships.models import InternshipProgram
from jejaring.internships.tests.factories import InternshipProgramFactory
from jejaring.regions.models import Holiday

pytestmark = pytest.mark.django_db


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
    from jejaring.internships import selectors

    late = InternshipProgramFactory(
        company=cast.company_a, status="submitted", decision_due_on=today() - timedelta(days=1)
    )
    InternshipProgramFactory(company=cast.company_a, status="approved")
    programs = list(selectors.internship_program_list_for(actor=cast.staff_a))
    assert programs[0] == late and programs[0].overdue
    assert not programs[1].overdue

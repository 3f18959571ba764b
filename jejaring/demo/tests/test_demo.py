"""The demo data: the figures of the news, valid NIKs, consistent denormalised columns,
working logins, and a command that is safe to run twice.

The demo is loaded once for this module (it takes a few seconds) and flushed afterwards so
that other test modules start from an empty database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F, Q
from django.http import HttpRequest

from jejaring.demo.loader import (
    DEMO_PASSWORD,
    TODAY,
    DemoSummary,
    demo_logins,
    load_demo,
    table_counts,
)

COUNTED_APPS = (
    "regions",
    "accounts",
    "trainees",
    "training",
    "assessment",
    "employers",
    "placement",
    "outcomes",
    "planning",
    "social_security",
)


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoSummary]:
    with django_db_blocker.unblock():
        summary = load_demo()
    yield summary
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _plus_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)


def _absorption(region_code: str, year: int, **only: Any) -> tuple[int, int]:
    """Graduates of `year` and those of them with a current "employed" answer that started
    within 12 months of graduation — computed from the records, not from the loader."""
    from jejaring.outcomes.models import FollowUpAnswer
    from jejaring.training.models import Enrolment

    graduates = Enrolment.objects.filter(
        region__code=region_code,
        status=Enrolment.Status.GRADUATED,
        graduated_on__year=year,
        **only,
    )
    rows = FollowUpAnswer.objects.filter(
        is_current=True,
        status="employed",
        started_on__isnull=False,
        follow_up__enrolment__in=graduates,
    ).values_list("follow_up__enrolment_id", "follow_up__enrolment__graduated_on", "started_on")
    absorbed = {pk for pk, graduated, started in rows if started <= _plus_months(graduated, 12)}
    return graduates.count(), len(absorbed)


@pytest.mark.django_db
def test_2020_absorption_is_exactly_42_1_percent(demo: DemoSummary) -> None:
    graduates, absorbed = _absorption("33.75", 2020)
    assert (graduates, absorbed) == (190, 80)
    assert round(100 * absorbed / graduates, 1) == 42.1
    assert demo.absorption[("33.75", 2020)] == (190, 80)


@pytest.mark.django_db
def test_2020_absorption_of_the_blk_alone_is_42_1_percent(demo: DemoSummary) -> None:
    from jejaring.training.models import Enrolment

    assert _absorption("33.75", 2020, institution__kind="blk") == (95, 40)
    # Nobody graduated twice in 2020, so counting enrolments and counting people agree.
    graduates = Enrolment.objects.filter(
        region__code="33.75", status="graduated", graduated_on__year=2020
    )
    assert graduates.values("person").distinct().count() == graduates.count() == 190


@pytest.mark.django_db
def test_later_years_have_plausible_different_rates(demo: DemoSummary) -> None:
    rates = {}
    for year in range(2021, 2025):
        graduates, absorbed = _absorption("33.75", year)
        rates[year] = 100 * absorbed / graduates
        assert demo.absorption[("33.75", year)] == (graduates, absorbed)
    assert 43 <= rates[2021] < rates[2022] < rates[2023] < rates[2024] <= 57


@pytest.mark.django_db
def test_every_nik_parses_and_matches_the_person(demo: DemoSummary) -> None:
    from jejaring.trainees.models import Person
    from jejaring.trainees.nik import parse_nik

    rows = list(Person.objects.values_list("nik", "sex", "birth_date", "region__code"))
    assert len(rows) > 1500
    for nik, sex, birth_date, region_code in rows:
        parsed = parse_nik(nik, today=TODAY)
        assert (parsed.sex, parsed.birth_date, parsed.regency_code) == (
            sex,
            birth_date,
            region_code,
        )
        assert not parsed.needs_review


@pytest.mark.django_db
def test_denormalised_columns_agree(demo: DemoSummary) -> None:
    from jejaring.assessment.models import AssessmentSession, Candidate, TrainingCertificate
    from jejaring.outcomes.models import FollowUp
    from jejaring.placement.models import Application, Referral
    from jejaring.training.models import Enrolment

    enrolments = Enrolment.objects.all()
    assert enrolments.exclude(institution_id=F("batch__institution_id")).count() == 0
    assert enrolments.exclude(region_id=F("batch__region_id")).count() == 0
    referrals = Referral.objects.all()
    assert referrals.count() > 50
    assert referrals.exclude(company_id=F("formation__company_id")).count() == 0
    assert referrals.exclude(region_id=F("formation__region_id")).count() == 0
    from_rounds = referrals.filter(application__isnull=False)
    assert from_rounds.exclude(person_id=F("application__person_id")).count() == 0
    assert Application.objects.exclude(person_id=F("enrolment__person_id")).count() == 0
    sessions = AssessmentSession.objects.all()
    assert sessions.exclude(institution_id=F("batch__institution_id")).count() == 0
    assert sessions.exclude(region_id=F("batch__region_id")).count() == 0
    candidates = Candidate.objects.all()
    assert candidates.exclude(person_id=F("enrolment__person_id")).count() == 0
    assert candidates.exclude(region_id=F("session__region_id")).count() == 0
    certificates = TrainingCertificate.objects.all()
    assert certificates.exclude(institution_id=F("enrolment__institution_id")).count() == 0
    follow_ups = FollowUp.objects.all()
    assert follow_ups.exclude(institution_id=F("enrolment__institution_id")).count() == 0
    assert follow_ups.exclude(person_id=F("enrolment__person_id")).count() == 0
    assert follow_ups.exclude(region_id=F("enrolment__region_id")).count() == 0


@pytest.mark.django_db
def test_results_and_quotas_follow_the_rules(demo: DemoSummary) -> None:
    from jejaring.assessment.models import Candidate
    from jejaring.employers.models import Formation
    from jejaring.placement.models import Referral

    assert Candidate.objects.filter(result="K", score__lt=70).count() == 0
    not_yet = Candidate.objects.filter(result="BK")
    assert not_yet.exists()
    assert not_yet.exclude(unit_results__result="BK").count() == 0
    over = Formation.objects.annotate(
        active=Count("referrals", filter=Q(referrals__status__in=Referral.ACTIVE))
    ).filter(active__gt=F("quota"))
    assert not over.exists()


@pytest.mark.django_db
def test_the_figures_of_the_news(demo: DemoSummary) -> None:
    from jejaring.employers.models import Company
    from jejaring.outcomes.models import FollowUpAnswer
    from jejaring.planning.models import FundingEnvelope, IndustryNeed
    from jejaring.training.models import Batch

    pekalongan = Company.objects.filter(region__code="33.75")
    transmart = pekalongan.get(accepts_all_vocations=True)
    assert pekalongan.filter(is_partner=True).exclude(pk=transmart.pk).count() == 16
    employed_there = (
        FollowUpAnswer.objects.filter(is_current=True, status="employed", company=transmart)
        .values("follow_up__person")
        .distinct()
    )
    assert employed_there.count() == 6
    blk_2023 = Batch.objects.filter(region__code="33.75", year=2023, institution__kind="blk")
    assert blk_2023.filter(funding_source="apbn").count() == 15
    assert blk_2023.filter(funding_source="apbd").count() == 8
    mechanic = IndustryNeed.objects.get(vocation__code="mekanik-mesin-jahit")
    assert (mechanic.quantity, mechanic.mapping) == (6, "no_program")
    assert FundingEnvelope.objects.get(year=2025, funding_source="dbhcht").amount == 4_307_000_000
    assert Batch.objects.filter(status="running").count() == 1


@pytest.mark.django_db
def test_demo_users_can_log_in_with_their_roles(demo: DemoSummary, client: Any) -> None:
    from jejaring.accounts.models import User
    from jejaring.accounts.scope import Role, scope_of

    usernames = [login.username for login in demo_logins()]
    assert [login.username for login in demo.logins] == usernames
    for username in usernames:
        assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD), (
            username
        )
        client.logout()
    expected = {
        "staf.pekalongan": Role.OFFICE_STAFF,
        "operator.blk": Role.OPERATOR,
        "operator.lpks": Role.OPERATOR,
        "asesor": Role.ASSESSOR,
        "hrd.transmart": Role.COMPANY_HR,
        "hrd.garmen": Role.COMPANY_HR,
        "peserta": Role.TRAINEE,
        "pemantau.jateng": Role.VIEWER,
        "staf.kudus": Role.OFFICE_STAFF,
    }
    for username, role in expected.items():
        assert role in scope_of(User.objects.get(username=username)).roles, username
    assert len(scope_of(User.objects.get(username="pemantau.jateng")).viewer_region_ids) == 2
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_the_trainee_login_has_a_full_story(demo: DemoSummary) -> None:
    from jejaring.accounts.models import User

    person = User.objects.get(username="peserta").person
    enrolment = person.enrolments.get(status="graduated", graduated_on__year=2024)
    assert enrolment.assessments.filter(result="K").exists()
    assert enrolment.certificate.number
    assert person.applications.exists()
    assert person.referrals.filter(status="hired").exists()


@pytest.mark.django_db
def test_dates_of_past_events_are_historical(demo: DemoSummary) -> None:
    from jejaring.outcomes.models import FollowUpAnswer
    from jejaring.placement.models import Referral

    first = Referral.objects.order_by("referred_at").first()
    assert first is not None and first.referred_at.year == 2020
    latest = FollowUpAnswer.objects.order_by("-recorded_at").first()
    assert latest is not None and latest.recorded_at.date() <= TODAY


@pytest.mark.django_db
def test_the_assessor_login_is_on_several_sessions(demo: DemoSummary) -> None:
    from jejaring.assessment.models import AssessmentSession

    assert AssessmentSession.objects.filter(assessors__user__username="asesor").count() >= 5


@pytest.mark.django_db
def test_second_run_of_the_command_changes_nothing(demo: DemoSummary) -> None:
    before = table_counts()
    out = StringIO()
    # --force: the suite also runs on PostgreSQL, where the command otherwise refuses.
    call_command("demo", "--no-serve", "--force", stdout=out)
    assert "demo data already loaded" in out.getvalue()
    assert "jejaring-demo-2026" in out.getvalue()
    assert table_counts() == before


@pytest.mark.django_db
def test_command_refuses_a_server_database_without_force(
    demo: DemoSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "vendor", "postgresql")
    with pytest.raises(CommandError, match="Refusing to load demo data"):
        call_command("demo", "--no-serve", stdout=StringIO())
    with pytest.raises(CommandError, match="only allowed on SQLite"):
        call_command("demo", "--no-serve", "--reset", "--force", stdout=StringIO())


@pytest.mark.django_db
def test_the_dashboard_computes_42_1_percent_for_2020_and_drills_down_to_those_people(
    demo: DemoSummary, client: Any
) -> None:
    """Issue 5: the figure of the news comes out of the indicator computation, and the
    drill-down lists exactly the people in its numerator and denominator."""
    import re

    from jejaring.accounts.models import User
    from jejaring.training.models import Enrolment

    client.force_login(User.objects.get(username="staf.pekalongan"))
    page = client.get("/capaian/?year_from=2020&year_to=2026").content.decode()
    row_2020 = re.search(r'<th scope="row">2020</th>(.*?)</tr>', page, re.S).group(1)
    assert "42,1" in row_2020  # Indonesian decimal comma
    graduates = set(
        Enrolment.objects.filter(
            region__code="33.75", status="graduated", graduated_on__year=2020
        ).values_list("person__full_name", flat=True)
    )
    absorbed_rows = []
    for measure, expected in (("graduates", 190), ("absorbed", 80)):
        names: list[str] = []
        for number in range(1, 5):
            drill = client.get(
                "/capaian/rincian/?year_from=2020&year_to=2026&dimension=year&kunci=2020"
                f"&ukuran={measure}&page={number}"
            ).content.decode()
            names += re.findall(r'/orang/\d+/">([^<]+)</a>', drill)
        assert len(names) == expected, measure
        if measure == "absorbed":
            absorbed_rows = names
    assert set(absorbed_rows) <= graduates
    _graduates, expected_absorbed = _absorption("33.75", 2020)
    assert len(absorbed_rows) == expected_absorbed == 80


@pytest.mark.django_db
def test_every_cohort_has_sessions_and_attendance_that_fit_its_status(demo: DemoSummary) -> None:
    from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment

    S, B = Enrolment.Status, Batch.Status
    held = dict(
        BatchSession.objects.filter(date__lte=TODAY)
        .values("batch")
        .annotate(n=Count("pk"))
        .values_list("batch", "n")
    )
    batches = {batch.pk: batch for batch in Batch.objects.select_related("program")}
    for batch in batches.values():
        if batch.status in (B.FINISHED, B.RUNNING):
            assert held.get(batch.pk, 0) > 0, batch.code
        else:
            assert not BatchSession.objects.filter(batch=batch).exists(), batch.code
        if batch.status == B.FINISHED:
            assert held[batch.pk] == batch.program.duration_days, batch.code
        if batch.status == B.OPEN:
            assert Enrolment.objects.filter(batch=batch, status=S.APPLIED).count() > 0
    assert {b.status for b in batches.values()} >= {B.FINISHED, B.RUNNING, B.OPEN}

    attended = Count("attendance", filter=Q(attendance__status__in=["present", "late"]))
    participants = Enrolment.objects.filter(
        status__in=[S.GRADUATED, S.DROPPED_OUT, S.TRAINING]
    ).annotate(attended=attended, rows=Count("attendance"))
    seen = {S.GRADUATED: 0, S.DROPPED_OUT: 0, S.TRAINING: 0}
    for enrolment in participants:
        batch = batches[enrolment.batch_id]
        sessions = held[batch.pk]
        assert enrolment.rows == sessions, (batch.code, enrolment.status)
        pct = enrolment.attended * 100 / sessions
        assert abs(float(enrolment.attendance_pct) - pct) < 0.01
        if enrolment.status == S.DROPPED_OUT:
            assert pct < batch.program.min_attendance_pct, batch.code
        else:
            assert pct >= batch.program.min_attendance_pct, batch.code
        seen[enrolment.status] += 1
    assert all(seen.values()), seen
    assert not Attendance.objects.filter(session__date__gt=TODAY).exists()
    assert not Attendance.objects.exclude(
        enrolment__status__in=[S.GRADUATED, S.DROPPED_OUT, S.TRAINING]
    ).exists()


@pytest.mark.django_db
def test_bpjs_cover_is_consistent_with_batches_internships_and_today(demo: DemoSummary) -> None:
    import re

    from jejaring.core import gates
    from jejaring.social_security.models import Coverage, Incident
    from jejaring.training.models import Batch

    covers = Coverage.objects.select_related("enrolment__batch", "referral")
    kinds = set(covers.values_list("kind", flat=True))
    assert kinds == {Coverage.Kind.TRAINEE, Coverage.Kind.INTERN}
    for cover in covers:
        assert re.fullmatch(r"\d{11}", cover.kpj_number), cover
        if cover.status == Coverage.Status.ACTIVE:
            assert cover.cover_start <= TODAY <= cover.cover_end, cover
        else:
            assert cover.status == Coverage.Status.ENDED and cover.cover_end < TODAY, cover
        if cover.kind == Coverage.Kind.TRAINEE:
            assert cover.payer == Coverage.Payer.OFFICE and cover.enrolment is not None
            assert (cover.cover_start, cover.cover_end) == (
                cover.enrolment.batch.start_date,
                cover.enrolment.batch.end_date,
            )
        else:
            assert cover.referral is not None
            assert cover.payer_company_id == cover.referral.company_id
    assert len(set(covers.values_list("kpj_number", flat=True))) == covers.count()
    running = Batch.objects.filter(
        status=Batch.Status.RUNNING, enrolments__coverage__status=Coverage.Status.ACTIVE
    ).distinct()
    assert running.exists()
    for batch in running:
        assert gates.check("training.batch.start", obj=batch) == []
    trainee_cover = covers.filter(person__user__username="peserta")
    assert trainee_cover.exists() and all(c.kpj_number for c in trainee_cover)
    incident = Incident.objects.get()
    assert incident.coverage.status == Coverage.Status.ACTIVE
    assert incident.coverage.cover_start <= incident.occurred_at.date() <= TODAY


@pytest.mark.django_db
def test_a_year_of_pekalongan_job_seekers_with_reports_renewals_and_hires(
    demo: DemoSummary,
) -> None:
    from jejaring.jobseekers.models import CardCounter, CardStatus, JobSeekerCard

    cards = JobSeekerCard.objects.filter(region__code="33.75")
    assert cards.filter(status=CardStatus.ACTIVE).count() > 100
    assert cards.filter(status=CardStatus.HIRED).exists()
    assert cards.filter(renewals__gt=0).exists()
    assert cards.filter(person__enrolments__status="graduated").exists()
    # Most holders report when a box falls due (the demo's count depends on the day).
    from jejaring.jobseekers.services import report_due_dates

    due = [
        card
        for card in cards.filter(status=CardStatus.ACTIVE).prefetch_related("reports")
        if any(day <= TODAY for day in report_due_dates(card))
    ]
    reported = [card for card in due if card.reports.all()]
    assert due and len(reported) / len(due) > 0.5
    numbered = cards.exclude(sequence=None)
    assert numbered.values("year", "sequence").distinct().count() == numbered.count()
    for counter in CardCounter.objects.all():
        assert counter.last == numbered.filter(year=counter.year).count()


@pytest.mark.django_db
def test_vacancies_referred_job_seekers_and_some_were_hired(demo: DemoSummary) -> None:
    from jejaring.jobseekers.models import JobSeekerCard, JobSeekerReport
    from jejaring.placement.models import Referral

    through_vacancies = Referral.objects.filter(formation__vacancy__isnull=False)
    hired = through_vacancies.filter(status="hired")
    assert hired.count() >= 10
    assert through_vacancies.filter(status="referred", formation__status="open").exists()
    cards = JobSeekerCard.objects.filter(person__referrals__in=hired)
    assert cards.count() == hired.count()
    assert cards.exclude(status="hired", close_source="employer").count() == 0
    assert cards.exclude(employer_company_id=F("person__referrals__company_id")).count() == 0
    assert all(c.issued_on <= c.closed_on <= TODAY for c in cards)
    assert not JobSeekerReport.objects.filter(
        card__in=cards, reported_on__gt=F("card__closed_on")
    ).exists()
    for referral in hired.select_related("formation__vacancy"):
        assert referral.formation.vacancy.filled >= 1


@pytest.mark.django_db
def test_a_year_of_vacancies_from_the_partner_companies(demo: DemoSummary) -> None:
    from jejaring.vacancies.models import Vacancy

    vacancies = Vacancy.objects.filter(region__code="33.75")
    statuses = set(vacancies.values_list("status", flat=True))
    assert {"filled", "expired", "published", "submitted", "unverified"} <= statuses
    assert vacancies.filter(source="public_form", company__isnull=False).exists()
    first = vacancies.order_by("created_at").first()
    assert first is not None and (TODAY - first.created_at.date()).days > 300
    assert not vacancies.filter(status="published", closes_on__lt=TODAY).exists()
    assert all(v.filled <= v.openings for v in vacancies)
    assert vacancies.filter(status="filled").exclude(filled=F("openings")).count() == 0


@pytest.mark.django_db
def test_the_last_complete_month_ipk_report_of_pekalongan_has_every_figure(
    demo: DemoSummary,
) -> None:
    from jejaring.outcomes.labour_market.figures import monthly_figures
    from jejaring.outcomes.labour_market.terms import FLOWS, SEEKERS, VACANCIES, Key, Month
    from jejaring.regions.models import Region

    region = Region.objects.get(code="33.75")
    month = Month.of(TODAY).previous()
    figures = monthly_figures(region_ids=[region.pk], month=month)
    for kind in (SEEKERS, VACANCIES):
        for flow in FLOWS:
            assert figures.get(Key(kind, flow)) > 0, (kind, flow)


@pytest.mark.django_db
def test_entrepreneurship_packages_businesses_and_grants_make_the_indicators(
    demo: DemoSummary,
) -> None:
    from jejaring.enterprise import indicators
    from jejaring.enterprise.models import (
        Business,
        BusinessFollowUpAnswer,
        GrantProposal,
        GroupMember,
        SupportCase,
    )
    from jejaring.regions.models import Region

    region = Region.objects.get(code="33.75")
    packages = SupportCase.objects.filter(region=region, kind=SupportCase.Kind.TRAINING)
    villages = {case.description.split("Kelurahan ")[1].split(" (")[0] for case in packages}
    assert len(villages) == 27
    alumni = Business.objects.filter(region=region, enrolment__isnull=False)
    assert alumni.filter(stage=Business.Stage.CLOSED, closed_on__lte=TODAY).exists()
    answers = BusinessFollowUpAnswer.objects.filter(is_current=True, follow_up__business__in=alumni)
    for months in (12, 24):
        assert answers.filter(follow_up__months_after=months, operating=True).exists()
        assert answers.filter(follow_up__months_after=months, operating=False).exists()
    assert not answers.filter(follow_up__due_on__gt=TODAY).exists()
    assert not answers.filter(recorded_at__date__gt=TODAY).exists()
    proposals = GrantProposal.objects.filter(region=region)
    statuses = set(proposals.values_list("status", flat=True))
    assert {"accounted", "disbursed", "reported", "selected", "submitted"} <= statuses
    unaccounted = proposals.get(status="disbursed")
    assert unaccounted.disbursed_on is not None and (TODAY - unaccounted.disbursed_on).days > 365
    for proposal in proposals.select_related("rule"):
        size = GroupMember.objects.filter(group=proposal.group_id).count()
        assert proposal.rule.min_members <= size <= proposal.rule.max_members
        assert all(
            proposal.rule.min_age <= m.age_when_checked <= proposal.rule.max_age
            for m in GroupMember.objects.filter(group=proposal.group_id)
        )
    table = indicators.cohort_table(region_ids=[region.pk], year_from=2020, year_to=2025)
    total = table.total
    assert total.counts["started"] and total.counts["jobs"]
    assert total.survival_12_percent and total.survival_24_percent
    assert 0 < total.survival_24_percent < 100
    assert total.counts["grants_disbursed"] == 3 and total.counts["grants_accounted"] == 1

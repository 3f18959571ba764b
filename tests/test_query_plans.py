"""No list or dashboard page walks the whole person, enrolment or follow-up table (issue 16,
item 4), on a seeded PostgreSQL database.

The test cast (conftest.build_cast) and a few records behind every page are created once
for this module, with a few thousand people, enrolments and follow-ups in Kota Pekalongan,
Kabupaten Kudus and a third regency, and the tables are ANALYZEd. Each
page is opened by the role that uses it, and every read of the page that names one of
those tables is EXPLAINed with sequential scans switched off
(jejaring.core.tests.query_plans): a sequential scan left in the plan is a query no index
serves, which on a province's database reads millions of rows on every request.

Pages covered (HTML, by role; API lists under /api/):

- office staff: home, audit trail, import jobs, lockouts; people (list, name search);
  batches (list, detail with participants, selection, attendance), institutions (list,
  detail), programs, instructors, identity inbox; assessment sessions (list, detail with
  candidates), schemes, training and competency certificates; companies (list, detail),
  cooperation agreements, internship programs, formations, internship agreements; rounds
  (list, detail with applicants, results review), referrals; the outcomes dashboard, its
  drill-down, annual report, follow-ups, indicator definitions; industry needs, meetings,
  the gap, plans (list, detail), instructor gap; the BPJS dashboard, cover list, incidents,
  premium report, a batch's cover. API: persons, batches, a batch's enrolments, sessions,
  certificates, competency certificates, companies, agreements, internship programs,
  formations, internship agreements, rounds, a round's results, referrals, indicators,
  follow-ups, needs, meetings, gap, plans, instructor gap, coverages, incidents.
- provincial viewer: home, the outcomes dashboard, the indicators API (the person and
  batch lists, the drill-down and the annual report answer a viewer 404).
- operator: home, people, batches, a batch's participants, selection and attendance,
  follow-ups; API: persons, batches, a batch's enrolments, follow-ups.
- trainee: home, own data, own registrations, results, applications, follow-ups, cover;
  the open batches and public vacancies. API: own registrations, results, applications,
  cover.
- company HR: home, formations, rankings, referrals, confirmations, interns,
  internship agreements. API: referrals, formations, internship agreements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from jejaring.core.tests.query_plans import BIG_TABLES, describe, seq_scans_of_page

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

#: People (each with one graduated enrolment and one follow-up) added per region.
PEOPLE_PER_REGION = 1500


def _seed_bulk(region: Any, institution: Any, offset: int) -> list[Any]:
    """PEOPLE_PER_REGION people of `region`, each graduated from one of three batches of
    `institution` and with a follow-up point; returns the batches."""
    from jejaring.outcomes import summaries
    from jejaring.outcomes.models import FollowUp
    from jejaring.trainees.models import Person
    from jejaring.trainees.nik import format_nik
    from jejaring.trainees.tests.factories import PersonFactory
    from jejaring.training.models import Enrolment
    from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

    program = ProgramFactory(institution=institution)
    batches = [
        BatchFactory(program=program, year=2023, start_date=date(2023, 5, 1), end_date=day)
        for day in (date(2023, 6, 30), date(2023, 7, 31), date(2023, 8, 31))
    ]
    born = date(1980, 1, 1)
    people = Person.objects.bulk_create(
        [
            PersonFactory.build(
                region=region,
                full_name=f"Peserta Uji {region.code} {n:05d}",
                birth_date=born + timedelta(days=n),
                sex="M" if n % 2 else "F",
                nik=format_nik(
                    district_code=f"{region.code}.99",
                    birth_date=born + timedelta(days=n),
                    sex="M" if n % 2 else "F",
                    serial=offset + 1,
                ),
            )
            for n in range(PEOPLE_PER_REGION)
        ],
        batch_size=1000,
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            EnrolmentFactory.build(
                batch=batches[n % 3],
                person=person,
                status=Enrolment.Status.GRADUATED,
                graduated_on=batches[n % 3].end_date,
            )
            for n, person in enumerate(people)
        ],
        batch_size=1000,
    )
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                region=region,
                enrolment=enrolment,
                person=enrolment.person,
                institution=institution,
                months_after=6,
                due_on=enrolment.graduated_on + timedelta(days=183),
            )
            for enrolment in enrolments
        ],
        batch_size=1000,
    )
    summaries.refresh(enrolment_ids=[enrolment.pk for enrolment in enrolments])
    return batches


def _seed_pages(cast: Any, batch: Any) -> None:
    """A few records behind each page of region A, for the cast's users."""
    from jejaring.assessment.tests.factories import CandidateFactory, TrainingCertificateFactory
    from jejaring.employers.tests.factories import AgreementFactory, FormationFactory
    from jejaring.internships.tests.factories import InternshipProgramFactory
    from jejaring.outcomes.tests.factories import FollowUpFactory, graduate
    from jejaring.placement.models import AllocationRound
    from jejaring.placement.tests.factories import InternshipAgreementFactory, ReferralFactory
    from jejaring.planning.tests.factories import MeetingFactory, NeedFactory, PlanLineFactory
    from jejaring.social_security.tests.factories import CoverageFactory, IncidentFactory
    from jejaring.training.models import Enrolment
    from jejaring.training.tests.factories import EnrolmentFactory

    region = cast.region_a
    enrolments = list(Enrolment.objects.filter(batch=batch).select_related("person")[:5])
    for enrolment in enrolments:
        CandidateFactory(session__region=region, enrolment=enrolment, person=enrolment.person)
        TrainingCertificateFactory(region=region, enrolment=enrolment)
        CoverageFactory(enrolment=enrolment)
    formation = FormationFactory(company=cast.company_a)
    for enrolment in enrolments:
        ReferralFactory(formation=formation, person=enrolment.person)
    InternshipAgreementFactory(referral__formation__company=cast.company_a)
    IncidentFactory(coverage__enrolment__batch=batch)
    AgreementFactory(company=cast.company_a)
    InternshipProgramFactory(company=cast.company_a)
    AllocationRound.objects.create(region=region, name="Putaran Uji", seed=7)
    NeedFactory(region=region)
    MeetingFactory(region=region)
    PlanLineFactory(plan__region=region)
    EnrolmentFactory(batch=batch, person=cast.person_1)
    FollowUpFactory(region=region, enrolment=graduate(region=region, person=cast.person_1))


@pytest.fixture(scope="module")
def seeded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The cast and the seed, committed for the module and flushed after it."""
    from conftest import build_cast
    from jejaring.regions.tests.factories import RegionFactory
    from jejaring.training.tests.factories import InstitutionFactory

    with django_db_blocker.unblock(), transaction.atomic():
        cast = build_cast()
        third = RegionFactory(code="33.20", name="Kabupaten Batang")
        batches = _seed_bulk(cast.region_a, cast.lpks, offset=0)
        _seed_bulk(cast.region_b, InstitutionFactory(region=cast.region_b), offset=1)
        _seed_bulk(third, InstitutionFactory(region=third), offset=2)
        _seed_pages(cast, batches[0])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    yield cast
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


# --- The pages ---------------------------------------------------------------------------


def _first(model_path: str, **lookup: Any) -> int:
    from django.apps import apps

    model = apps.get_model(model_path)
    pk = model._default_manager.filter(**lookup).order_by("pk").values_list("pk", flat=True)[:1]
    assert pk, f"the seed has no {model_path} {lookup}"
    return int(pk[0])


def _page(name: str, query: str = "", **args: Callable[[], int]) -> Callable[[], str]:
    def url() -> str:
        return reverse(name, kwargs={key: get() for key, get in args.items()}) + query

    url.__name__ = name + query
    return url


PEKALONGAN = {"region__code": "33.75"}


def _batch() -> int:
    from django.db.models import Count

    from jejaring.training.models import Batch

    return int(
        Batch.objects.filter(**PEKALONGAN)
        .annotate(n=Count("enrolments"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)[0]
    )


def _round() -> int:
    return _first("placement.AllocationRound", **PEKALONGAN)


STAFF_PAGES = [
    _page("core:home"),
    _page("core:audit"),
    _page("imports:job_list"),
    _page("accounts:lockouts"),
    _page("trainees:person_list"),
    _page("trainees:person_list", "?q=peserta+uji"),
    _page("training:batch_list"),
    _page("training:batch_detail", batch_id=_batch),
    _page("training:batch_selection", batch_id=_batch),
    _page("training:batch_attendance", batch_id=_batch),
    _page("training:institution_list"),
    _page(
        "training:institution_detail",
        institution_id=lambda: _first("training.TrainingInstitution", **PEKALONGAN),
    ),
    _page("training:program_list"),
    _page("training:instructor_list"),
    _page("training:identity_inbox"),
    _page("assessment:session_list"),
    _page(
        "assessment:session_detail",
        assessment_session_id=lambda: _first("assessment.AssessmentSession", **PEKALONGAN),
    ),
    _page("assessment:scheme_list"),
    _page("assessment:certificate_list"),
    _page("assessment:competency_list"),
    _page("employers:company_list"),
    _page("employers:company_detail", company_id=lambda: _first("employers.Company", **PEKALONGAN)),
    _page("employers:agreement_list"),
    _page("internships:internship_program_list"),
    _page("formations:formation_list"),
    _page("internship_agreements:internship_agreement_list"),
    _page("placement:round_list"),
    _page("placement:round_detail", round_id=_round),
    _page("placement:round_review", round_id=_round),
    _page("placement:referral_list"),
    _page("outcomes:dashboard"),
    _page("outcomes:drill_down"),
    _page("outcomes:annual_report", report_year=lambda: 2023),
    _page("outcomes:follow_up_list"),
    _page("outcomes:follow_up_list", "?tampil=all"),
    _page("outcomes:definition_list"),
    _page("planning:need_list"),
    _page("planning:meeting_list"),
    _page("planning:gap"),
    _page("planning:plan_list"),
    _page(
        "planning:plan_detail",
        training_plan_id=lambda: _first("planning.TrainingPlan", **PEKALONGAN),
    ),
    _page("planning:instructor_gap"),
    _page("social_security:dashboard"),
    _page("social_security:coverage_list"),
    _page("social_security:incident_list"),
    _page("social_security:premium_report"),
    _page("social_security:batch_cover", batch_id=_batch),
    _page("api:list_persons"),
    _page("api:list_batches"),
    _page("api:batch_enrolments", batch_id=_batch),
    _page("api:list_sessions"),
    _page("api:list_certificates"),
    _page("api:list_competency"),
    _page("api:list_companies"),
    _page("api:list_agreements"),
    _page("api:list_internship_programs"),
    _page("api:list_formations"),
    _page("api:list_internship_agreements"),
    _page("api:list_rounds"),
    _page("api:list_results", round_id=_round),
    _page("api:list_referrals"),
    _page("api:get_indicators"),
    _page("api:list_follow_ups"),
    _page("api:list_needs"),
    _page("api:list_meetings"),
    _page("api:get_gap", "?year=2027"),
    _page("api:list_plans"),
    _page("api:instructor_gap"),
    _page("api:list_coverages"),
    _page("api:list_incidents"),
]

VIEWER_PAGES = [
    _page("core:home"),
    _page("outcomes:dashboard"),
    _page("api:get_indicators"),
]
OPERATOR_PAGES = [
    _page("core:home"),
    _page("trainees:person_list"),
    _page("training:batch_list"),
    _page("training:batch_detail", batch_id=_batch),
    _page("training:batch_selection", batch_id=_batch),
    _page("training:batch_attendance", batch_id=_batch),
    _page("outcomes:follow_up_list", "?tampil=all"),
    _page("api:list_persons"),
    _page("api:list_batches"),
    _page("api:batch_enrolments", batch_id=_batch),
    _page("api:list_follow_ups"),
]
TRAINEE_PAGES = [
    _page("core:home"),
    _page("trainees:my_data"),
    _page("my_training:enrolments"),
    _page("assessment:my_results"),
    _page("placement:my_applications"),
    _page("outcomes:my_follow_ups"),
    _page("social_security:my_cover"),
    _page("registration:batch_list"),
    _page("employers:public_formation_list"),
    _page("api:my_enrolments"),
    _page("api:my_results"),
    _page("api:list_my_applications"),
    _page("api:my_coverages"),
]
HR_PAGES = [
    _page("core:home"),
    _page("formations:formation_list"),
    _page("placement:company_rankings"),
    _page("placement:referral_list"),
    _page("outcomes:company_confirmations"),
    _page("social_security:company_interns"),
    _page("internship_agreements:internship_agreement_list"),
    _page("api:list_referrals"),
    _page("api:list_formations"),
    _page("api:list_internship_agreements"),
]

ROLES = {
    "staff": ("staf.a", STAFF_PAGES),
    "viewer": ("pemantau", VIEWER_PAGES),
    "operator": ("operator.lpks", OPERATOR_PAGES),
    "trainee": ("peserta1", TRAINEE_PAGES),
    "hr": ("hrd.a", HR_PAGES),
}

CASES = [
    pytest.param(username, page, id=f"{role}-{page.__name__}")
    for role, (username, pages) in ROLES.items()
    for page in pages
]


@pytest.mark.parametrize(("username", "page"), CASES)
def test_the_page_reads_no_big_table_from_end_to_end(
    seeded: Any, client: Any, username: str, page: Callable[[], str]
) -> None:
    from jejaring.accounts.models import User

    cache.clear()
    client.force_login(User.objects.get(username=username))
    url = page()
    # The cold request: it also computes what a warm one reads from the cache.
    scans = seq_scans_of_page(client, url)
    assert not scans, f"{url} as {username}:\n{describe(scans)}"


def test_the_seed_is_big_enough_to_matter(seeded: Any) -> None:
    with connection.cursor() as cursor:
        for table in BIG_TABLES:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - our own names
            assert cursor.fetchone()[0] >= 3 * PEOPLE_PER_REGION, table

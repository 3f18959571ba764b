"""Assessment's list pages make as many queries for 200 rows as for 10 (issue 16, item 4;
see jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from datetime import date
from itertools import count

from django.urls import reverse

from jejaring.assessment.models import Candidate, CompetencyCertificate
from jejaring.assessment.tests.factories import (
    CandidateFactory,
    LspFactory,
    SchemeFactory,
    SessionFactory,
    TrainingCertificateFactory,
)
from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.training.models import CompetencyUnit, SchemeUnit
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

_numbers = count()


def test_the_scheme_list_makes_as_many_queries_for_200_schemes_as_for_10(client, cast):
    def add(n):
        for scheme in SchemeFactory.create_batch(n):
            for position in range(2):
                unit = CompetencyUnit.objects.create(
                    code=f"U.{next(_numbers):06d}", title="Unit kompetensi"
                )
                SchemeUnit.objects.create(scheme=scheme, unit=unit, position=position)

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("assessment:scheme_list"), add_rows=add)


def _sessions(cast):
    def add(n):
        for session in SessionFactory.create_batch(
            n, region=cast.region_a, institution=cast.lpks, assessors=[cast.assessor]
        ):
            CandidateFactory(session=session, enrolment__batch__program__institution=cast.lpks)

    return add


def test_the_session_list_makes_as_many_queries_for_200_sessions_as_for_10(client, cast):
    client.force_login(cast.operator)
    assert_same_queries(client, reverse("assessment:session_list"), add_rows=_sessions(cast))


def test_the_session_api_list_makes_as_many_queries_for_200_sessions_as_for_10(client, cast):
    client.force_login(cast.operator)
    assert_same_queries(client, reverse("api:list_sessions"), add_rows=_sessions(cast))


def test_a_session_s_page_makes_as_many_queries_for_200_candidates_as_for_10(client, cast):
    session = SessionFactory(region=cast.region_a, institution=cast.lpks)
    batch = BatchFactory(program=ProgramFactory(institution=cast.lpks))
    client.force_login(cast.operator)
    assert_same_queries(
        client,
        reverse("assessment:session_detail", args=[session.pk]),
        add_rows=lambda n: CandidateFactory.create_batch(
            n, session=session, enrolment__batch=batch
        ),
    )


def _certificates(cast):
    batch = BatchFactory(program=ProgramFactory(institution=cast.lpks))
    return lambda n: TrainingCertificateFactory.create_batch(
        n, region=cast.region_a, enrolment__batch=batch
    )


def test_the_certificate_list_makes_as_many_queries_for_200_certificates_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(
        client, reverse("assessment:certificate_list"), add_rows=_certificates(cast)
    )


def test_the_certificate_api_list_makes_as_many_queries_for_200_certificates_as_for_10(
    client, cast
):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_certificates"), add_rows=_certificates(cast))


def test_the_competency_list_makes_as_many_queries_for_200_certificates_as_for_10(client, cast):
    lsp = LspFactory()
    scheme = SchemeFactory()
    batch = BatchFactory(program=ProgramFactory(institution=cast.lpks))

    def add(n):
        for candidate in CandidateFactory.create_batch(
            n,
            session__region=cast.region_a,
            session__scheme=scheme,
            enrolment__batch=batch,
            result=Candidate.Result.COMPETENT,
        ):
            CompetencyCertificate.objects.create(
                region=cast.region_a,
                person=candidate.person,
                candidate=candidate,
                scheme=scheme,
                lsp=lsp,
                registration_number=f"REG-{next(_numbers):06d}",
                issued_on=date(2026, 4, 20),
                valid_until=date(2029, 4, 20),
            )

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("assessment:competency_list"), add_rows=add)


def _own_results(cast):
    program = ProgramFactory(institution=cast.lpks)
    scheme = SchemeFactory()
    for position in range(3):
        unit = CompetencyUnit.objects.create(code=f"U.{next(_numbers):06d}", title="Unit")
        SchemeUnit.objects.create(scheme=scheme, unit=unit, position=position)

    def add(n):
        for batch in BatchFactory.create_batch(n, program=program):
            enrolment = EnrolmentFactory(
                batch=batch,
                person=cast.person_1,
                status="graduated",
                graduated_on=date(2026, 4, 10),
            )
            CandidateFactory(
                session__region=cast.region_a,
                session__scheme=scheme,
                enrolment=enrolment,
                person=cast.person_1,
                result=Candidate.Result.COMPETENT,
            )

    return add


def test_a_trainee_s_results_make_as_many_queries_for_200_results_as_for_10(client, cast):
    client.force_login(cast.trainee_1)
    assert_same_queries(client, reverse("assessment:my_results"), add_rows=_own_results(cast))


def test_a_trainee_s_results_api_makes_as_many_queries_for_200_results_as_for_10(client, cast):
    client.force_login(cast.trainee_1)
    assert_same_queries(client, reverse("api:my_results"), add_rows=_own_results(cast))

"""Assessors see only the sessions assigned to them; operators their institution's;
trainees their own results and certificates."""

from django.db.models import Exists, OuterRef, Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.assessment.models import (
    AssessmentSession,
    Candidate,
    CompetencyCertificate,
    SessionAssessor,
    TrainingCertificate,
)
from jejaring.core.policies import Policy, register

_STAFF = frozenset({Role.OFFICE_STAFF, Role.OPERATOR})


@register(AssessmentSession)
class SessionPolicy(Policy):
    actions = {
        "view": _STAFF | {Role.ASSESSOR},
        "change": _STAFF,
        "record_results": frozenset({Role.ASSESSOR}),
    }

    def operator_q(self, scope: ActorScope) -> Q:
        return Q(institution_id__in=scope.institution_ids)

    def assessor_q(self, scope: ActorScope) -> Q:
        return Q(
            Exists(
                SessionAssessor.objects.filter(
                    session=OuterRef("pk"), assessor_id__in=scope.assessor_ids
                )
            )
        )


@register(Candidate)
class CandidatePolicy(Policy):
    actions = {
        "view": _STAFF | {Role.ASSESSOR, Role.TRAINEE},
        "change": _STAFF,
        "record_results": frozenset({Role.ASSESSOR}),
    }

    def operator_q(self, scope: ActorScope) -> Q:
        return Q(session__institution_id__in=scope.institution_ids)

    def assessor_q(self, scope: ActorScope) -> Q:
        return Q(
            Exists(
                SessionAssessor.objects.filter(
                    session=OuterRef("session_id"), assessor_id__in=scope.assessor_ids
                )
            )
        )

    def person_q(self, scope: ActorScope) -> Q:
        return Q(person_id=scope.person_id)


@register(TrainingCertificate)
class TrainingCertificatePolicy(Policy):
    actions = {
        "view": _STAFF | {Role.TRAINEE},
        "issue": _STAFF,
        "revoke": _STAFF,
    }

    def operator_q(self, scope: ActorScope) -> Q:
        return Q(institution_id__in=scope.institution_ids)

    def person_q(self, scope: ActorScope) -> Q:
        return Q(enrolment__person_id=scope.person_id)


@register(CompetencyCertificate)
class CompetencyCertificatePolicy(Policy):
    actions = {"view": _STAFF | {Role.TRAINEE}, "change": _STAFF}

    def operator_q(self, scope: ActorScope) -> Q:
        return Q(candidate__session__institution_id__in=scope.institution_ids)

    def person_q(self, scope: ActorScope) -> Q:
        return Q(person_id=scope.person_id)

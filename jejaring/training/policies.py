"""Office staff see their region's training; operators only their own institution;
trainees their own enrolments."""

from django.db.models import Exists, OuterRef, Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.training.models import (
    Batch,
    Enrolment,
    IdentityReview,
    Instructor,
    Program,
    TrainingInstitution,
)

_STAFF = frozenset({Role.OFFICE_STAFF, Role.OPERATOR})


@register(TrainingInstitution)
class InstitutionPolicy(Policy):
    actions = {"view": _STAFF, "change": _STAFF, "create": frozenset({Role.OFFICE_STAFF})}

    def operator_q(self, scope: ActorScope) -> Q:
        return Q(pk__in=scope.institution_ids)


class _InstitutionOwned(Policy):
    actions = {"view": _STAFF, "change": _STAFF, "create": _STAFF}

    def operator_q(self, scope: ActorScope) -> Q:
        return Q(institution_id__in=scope.institution_ids)


@register(Program)
class ProgramPolicy(_InstitutionOwned):
    pass


@register(Instructor)
class InstructorPolicy(_InstitutionOwned):
    pass


@register(Batch)
class BatchPolicy(_InstitutionOwned):
    actions = {
        "view": _STAFF | {Role.TRAINEE},
        "change": _STAFF,
        "create": _STAFF,
        "select": _STAFF,
        "take_attendance": _STAFF,
    }

    def person_q(self, scope: ActorScope) -> Q:
        own = Enrolment.objects.filter(batch=OuterRef("pk")).filter(_own_enrolment(scope))
        return Q(Exists(own))


@register(Enrolment)
class EnrolmentPolicy(_InstitutionOwned):
    actions = {
        "view": _STAFF | {Role.TRAINEE},
        "change": _STAFF,
        "create": _STAFF,
        "withdraw": frozenset({Role.TRAINEE}),
    }

    def person_q(self, scope: ActorScope) -> Q:
        return _own_enrolment(scope)


def _own_enrolment(scope: ActorScope) -> Q:
    """The person's enrolments, and the registrations the account submitted itself (which
    show only what was typed until the identity is verified)."""
    return Q(person_id=scope.person_id or 0) | Q(applicant_user_id=scope.user_id or 0)


@register(IdentityReview)
class IdentityReviewPolicy(Policy):
    """Office staff of the deciding region."""

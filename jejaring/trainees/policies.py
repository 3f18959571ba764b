"""People are visible to the office that registered them and to every office,
institution, company or assessor they have dealings with — and to themselves."""

from django.db.models import Exists, OuterRef, Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.trainees.models import Person


@register(Person)
class PersonPolicy(Policy):
    actions = {
        "view": frozenset(
            {Role.OFFICE_STAFF, Role.OPERATOR, Role.ASSESSOR, Role.COMPANY_HR, Role.TRAINEE}
        ),
        "change": frozenset({Role.OFFICE_STAFF, Role.OPERATOR, Role.TRAINEE}),
        # Reading the full NIK: those who register and verify people, and the person.
        "reveal_nik": frozenset({Role.OFFICE_STAFF, Role.OPERATOR, Role.TRAINEE}),
        "export": frozenset({Role.OFFICE_STAFF, Role.TRAINEE}),
    }

    def office_q(self, scope: ActorScope) -> Q:
        from jejaring.training.models import Enrolment

        enrolled_here = Enrolment.objects.filter(
            person=OuterRef("pk"), region_id__in=scope.office_region_ids
        )
        return Q(region_id__in=scope.office_region_ids) | Q(Exists(enrolled_here))

    def operator_q(self, scope: ActorScope) -> Q:
        from jejaring.training.models import Enrolment

        return Q(
            Exists(
                Enrolment.objects.filter(
                    person=OuterRef("pk"), institution_id__in=scope.institution_ids
                )
            )
        )

    def assessor_q(self, scope: ActorScope) -> Q:
        from jejaring.assessment.models import Candidate

        return Q(
            Exists(
                Candidate.objects.filter(
                    person=OuterRef("pk"), session__assessors__in=scope.assessor_ids
                )
            )
        )

    def company_q(self, scope: ActorScope) -> Q:
        from jejaring.placement.models import Referral

        return Q(
            Exists(Referral.objects.filter(person=OuterRef("pk"), company_id__in=scope.company_ids))
        )

    def person_q(self, scope: ActorScope) -> Q:
        return Q(pk=scope.person_id)

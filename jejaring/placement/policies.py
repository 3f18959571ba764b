"""Rounds are run by office staff; applicants see their own applications; company HR
sees the candidates referred to their company."""

from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.placement.models import AllocationRound, Application, InternshipAgreement, Referral


@register(AllocationRound)
class RoundPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF}),
        "change": frozenset({Role.OFFICE_STAFF}),
        "run": frozenset({Role.OFFICE_STAFF}),
        "publish": frozenset({Role.OFFICE_STAFF}),
    }


@register(Application)
class ApplicationPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF, Role.TRAINEE}),
        "change": frozenset({Role.TRAINEE}),
    }

    def person_q(self, scope: ActorScope) -> Q:
        return Q(person_id=scope.person_id)


@register(Referral)
class ReferralPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR, Role.TRAINEE}),
        "change": frozenset({Role.OFFICE_STAFF}),
        "record_outcome": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR}),
        "decline": frozenset({Role.TRAINEE}),
    }

    def company_q(self, scope: ActorScope) -> Q:
        return Q(company_id__in=scope.company_ids)

    def person_q(self, scope: ActorScope) -> Q:
        return Q(person_id=scope.person_id)


@register(InternshipAgreement)
class InternshipAgreementPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR, Role.TRAINEE}),
        "change": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR}),
        "ratify": frozenset({Role.OFFICE_STAFF}),
    }

    def company_q(self, scope: ActorScope) -> Q:
        return Q(referral__company_id__in=scope.company_ids)

    def person_q(self, scope: ActorScope) -> Q:
        return Q(referral__person_id=scope.person_id)

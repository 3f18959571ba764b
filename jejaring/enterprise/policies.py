"""Office staff see and decide their region's entrepreneurship records. A person sees
their own businesses and support, and the groups (with their proposals) they belong to;
they may record their own business idea and, as a member, a group's report."""

from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.enterprise.models import (
    Business,
    BusinessFollowUp,
    EnterpriseGroup,
    GrantProposal,
    GrantRule,
    GroupMember,
    SupportCase,
)

_STAFF = frozenset({Role.OFFICE_STAFF})
_BOTH = frozenset({Role.OFFICE_STAFF, Role.TRAINEE})
_NOTHING = Q(pk__in=[])


def _own(scope: ActorScope, column: str) -> Q:
    if scope.person_id is None:
        return _NOTHING
    return Q(**{column: scope.person_id})


def _member_of(scope: ActorScope, column: str) -> Q:
    if scope.person_id is None:
        return _NOTHING
    groups = GroupMember.objects.filter(person_id=scope.person_id).values("group_id")
    return Q(**{f"{column}__in": groups})


@register(Business)
class BusinessPolicy(Policy):
    actions = {"view": _BOTH, "change": _BOTH}

    def person_q(self, scope: ActorScope) -> Q:
        return _own(scope, "person_id")


@register(EnterpriseGroup)
class EnterpriseGroupPolicy(Policy):
    actions = {"view": _BOTH, "change": _STAFF}

    def person_q(self, scope: ActorScope) -> Q:
        return _member_of(scope, "id")


@register(GrantProposal)
class GrantProposalPolicy(Policy):
    actions = {"view": _BOTH, "change": _STAFF, "report": _BOTH}

    def person_q(self, scope: ActorScope) -> Q:
        return _member_of(scope, "group_id")


@register(SupportCase)
class SupportCasePolicy(Policy):
    actions = {"view": _BOTH, "change": _STAFF}

    def person_q(self, scope: ActorScope) -> Q:
        return _own(scope, "person_id") | _member_of(scope, "group_id")


@register(BusinessFollowUp)
class BusinessFollowUpPolicy(Policy):
    actions = {"view": _BOTH, "change": _STAFF}

    def person_q(self, scope: ActorScope) -> Q:
        return _own(scope, "business__person_id")


@register(GrantRule)
class GrantRulePolicy(Policy):
    pass

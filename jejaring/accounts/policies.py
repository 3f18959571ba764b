"""Office staff manage the accounts of their region; everyone sees their own."""

from django.db.models import Q

from jejaring.accounts.models import Membership
from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register


@register(Membership)
class MembershipPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF}),
        "change": frozenset({Role.OFFICE_STAFF}),
    }

    def company_q(self, scope: ActorScope) -> Q:
        # Company HR may see (and later invite) their own company's accounts.
        return Q(role=Role.COMPANY_HR, target_id__in=scope.company_ids)

"""Office staff see their region's companies; company HR only their own company."""

from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.employers.models import (
    Agreement,
    Company,
    Formation,
    NetworkPartner,
)

_BOTH = frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR})


@register(Company)
class CompanyPolicy(Policy):
    actions = {"view": _BOTH, "change": _BOTH, "create": frozenset({Role.OFFICE_STAFF})}

    def company_q(self, scope: ActorScope) -> Q:
        return Q(pk__in=scope.company_ids)


class CompanyOwnedPolicy(Policy):
    """A record of one company: office staff of its region, company HR of that company."""

    actions = {"view": _BOTH, "change": _BOTH, "create": _BOTH}

    def company_q(self, scope: ActorScope) -> Q:
        return Q(company_id__in=scope.company_ids)


@register(Agreement)
class AgreementPolicy(CompanyOwnedPolicy):
    actions = {
        "view": _BOTH,
        "change": frozenset({Role.OFFICE_STAFF}),
        "create": frozenset({Role.OFFICE_STAFF}),
    }


@register(Formation)
class FormationPolicy(CompanyOwnedPolicy):
    pass


@register(NetworkPartner)
class NetworkPartnerPolicy(Policy):
    pass

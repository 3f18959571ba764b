"""Office staff see their region's vacancies and employer reports; company HR only their own
company's vacancies. Reviewing (publish, return, reject) and verifying public reports are
office decisions (the policy action "office")."""

from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.vacancies.models import EmployerReport, Vacancy

_BOTH = frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR})


@register(Vacancy)
class VacancyPolicy(Policy):
    actions = {"view": _BOTH, "change": _BOTH, "create": _BOTH}

    def company_q(self, scope: ActorScope) -> Q:
        return Q(company_id__in=scope.company_ids)


@register(EmployerReport)
class EmployerReportPolicy(Policy):
    pass

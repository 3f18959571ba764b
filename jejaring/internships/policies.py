"""Office staff see their region's internship programs; company HR their company's."""

from jejaring.accounts.scope import Role
from jejaring.core.policies import register
from jejaring.employers.policies import CompanyOwnedPolicy
from jejaring.internships.models import InternshipProgram

_BOTH = frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR})


@register(InternshipProgram)
class InternshipProgramPolicy(CompanyOwnedPolicy):
    actions = {
        "view": _BOTH,
        "change": _BOTH,
        "create": _BOTH,
        "decide": frozenset({Role.OFFICE_STAFF}),
    }

"""Office staff see and decide their region's job-seeker cards; the holder sees their
own card (and writes their own reports). Nobody else sees a card."""

from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.jobseekers.models import (
    CardCounter,
    JobSeekerCard,
    JobSeekerReport,
    JobSeekerSettings,
)

_STAFF = frozenset({Role.OFFICE_STAFF})
_STAFF_AND_HOLDER = frozenset({Role.OFFICE_STAFF, Role.TRAINEE})


@register(JobSeekerCard)
class JobSeekerCardPolicy(Policy):
    actions = {
        "view": _STAFF_AND_HOLDER,
        "change": _STAFF,
        "report": _STAFF_AND_HOLDER,
        "close_hired": _STAFF_AND_HOLDER,
        "download": _STAFF_AND_HOLDER,
    }

    def person_q(self, scope: ActorScope) -> Q:
        if scope.person_id is None:
            return Q(pk__in=[])
        return Q(person_id=scope.person_id)


@register(JobSeekerReport)
class JobSeekerReportPolicy(Policy):
    pass


@register(CardCounter)
class CardCounterPolicy(Policy):
    pass


@register(JobSeekerSettings)
class JobSeekerSettingsPolicy(Policy):
    pass

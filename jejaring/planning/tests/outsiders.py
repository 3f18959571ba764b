"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from typing import Any

from jejaring.planning.tests.factories import (
    InstructorNeedFactory,
    MeetingFactory,
    NeedFactory,
    PlanFactory,
    PlanLineFactory,
)

OUTSIDERS = {
    "industry_need_id": lambda cast: NeedFactory(region=cast.region_b).pk,
    "coordination_meeting_id": lambda cast: MeetingFactory(region=cast.region_b).pk,
    "training_plan_id": lambda cast: PlanFactory(region=cast.region_b).pk,
    "plan_line_id": lambda cast: PlanLineFactory(plan=PlanFactory(region=cast.region_b)).pk,
    "instructor_need_id": lambda cast: InstructorNeedFactory(region=cast.region_b).pk,
}
EXEMPT_PARAMETERS: dict[str, Any] = {}

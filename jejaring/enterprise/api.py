"""API routes of the entrepreneurship path at /api/enterprise/, scoped like the pages
(`selectors`, through each model's policy): office staff read their region's businesses,
groups and grant proposals; a person reads their own businesses and the groups (with
proposals) they belong to. Another region's record is a 404."""

from datetime import date, datetime

from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from jejaring.accounts.scope import scope_of
from jejaring.core.schemas import ErrorOut, Pages
from jejaring.enterprise import selectors
from jejaring.enterprise.models import Business, EnterpriseGroup, GrantProposal

router = Router(tags=["enterprise"])


class BusinessOut(Schema):
    id: int
    region_id: int
    person_id: int
    person_name: str
    enrolment_id: int | None
    group_id: int | None
    name: str
    kind: str
    kbli_code: str
    stage: str
    started_on: date | None
    closed_on: date | None
    nib: str
    members: int
    workers: int
    revenue_band: str
    place_regency_code: str
    place_district_code: str
    place_village_code: str

    @staticmethod
    def resolve_person_name(obj: Business) -> str:
        return obj.person.full_name


class FollowUpOut(Schema):
    id: int
    months_after: int
    due_on: date
    answered: bool
    operating: bool | None
    workers: int | None
    revenue_band: str | None


class BusinessDetailOut(BusinessOut):
    idea: str
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_follow_ups(obj: Business) -> list[dict[str, object]]:
        points = []
        for follow_up in selectors.follow_ups_of(business=obj):
            current = next((a for a in follow_up.answers.all() if a.is_current), None)
            points.append(
                {
                    "id": follow_up.pk,
                    "months_after": follow_up.months_after,
                    "due_on": follow_up.due_on,
                    "answered": current is not None,
                    "operating": current.operating if current else None,
                    "workers": current.workers if current else None,
                    "revenue_band": current.revenue_band if current else None,
                }
            )
        return points


class GroupOut(Schema):
    id: int
    region_id: int
    name: str
    scheme: str
    kind: str
    kbli_code: str
    place_regency_code: str
    place_district_code: str
    place_village_code: str
    created_at: datetime
    member_count: int


class MemberOut(Schema):
    person_id: int
    person_name: str
    role: str
    joined_on: date
    age_when_checked: int


class GroupDetailOut(GroupOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_member_count(obj: EnterpriseGroup) -> int:
        return obj.members.count()

    @staticmethod
    def resolve_members(obj: EnterpriseGroup) -> list[dict[str, object]]:
        return [
            {
                "person_id": m.person_id,
                "person_name": m.person.full_name,
                "role": m.role,
                "joined_on": m.joined_on,
                "age_when_checked": m.age_when_checked,
            }
            for m in obj.members.select_related("person").order_by("role", "id")
        ]


class ProposalOut(Schema):
    id: int
    region_id: int
    group_id: int
    group_name: str
    scheme: str
    status: str
    proposed_on: date
    decided_at: datetime | None
    disbursed_on: date | None
    disbursed_amount: int | None
    reported_at: datetime | None
    checked_at: datetime | None
    planned_total: int

    @staticmethod
    def resolve_group_name(obj: GrantProposal) -> str:
        return obj.group.name


class LineOut(Schema):
    category: str
    description: str
    planned: int
    spent: int | None


class ProposalDetailOut(ProposalOut):
    business_plan: str
    status_note: str
    lines: list[LineOut]

    @staticmethod
    def resolve_planned_total(obj: GrantProposal) -> int:
        return sum(line.planned for line in obj.lines.all())


@router.get("/businesses", response=list[BusinessOut], summary="Businesses, newest first")
@paginate(Pages, page_size=50)
def list_businesses(
    request: HttpRequest, stage: Business.Stage | None = None
) -> QuerySet[Business]:
    return selectors.business_list_for(actor=request.user, stage=stage.value if stage else "")


@router.get(
    "/businesses/mine",
    response=list[BusinessOut],
    summary="The signed-in person's own businesses (empty for staff without a person record)",
)
def my_businesses(request: HttpRequest) -> QuerySet[Business]:
    person_id = scope_of(request.user).person_id
    businesses = selectors.business_list_for(actor=request.user)
    return businesses.none() if person_id is None else businesses.filter(person_id=person_id)


@router.get(
    "/businesses/{int:business_id}",
    response={200: BusinessDetailOut, 404: ErrorOut},
    summary="One business with its follow-up points and their current answers",
)
def get_business(request: HttpRequest, business_id: int) -> Business:
    return selectors.business_get_for(actor=request.user, business_id=business_id)


@router.get("/groups", response=list[GroupOut], summary="Business groups, newest first")
@paginate(Pages, page_size=50)
def list_groups(request: HttpRequest) -> QuerySet[EnterpriseGroup]:
    return selectors.group_list_for(actor=request.user).annotate(member_count=Count("members"))


@router.get(
    "/groups/{int:enterprise_group_id}",
    response={200: GroupDetailOut, 404: ErrorOut},
    summary="One group with its members",
)
def get_group(request: HttpRequest, enterprise_group_id: int) -> EnterpriseGroup:
    return selectors.group_get_for(actor=request.user, enterprise_group_id=enterprise_group_id)


def _proposals(request: HttpRequest, status: str = "") -> QuerySet[GrantProposal]:
    return selectors.proposal_list_for(actor=request.user, status=status).annotate(
        planned_total=Sum("lines__planned", default=0)
    )


@router.get("/proposals", response=list[ProposalOut], summary="Grant proposals, newest first")
@paginate(Pages, page_size=50)
def list_proposals(
    request: HttpRequest, status: GrantProposal.Status | None = None
) -> QuerySet[GrantProposal]:
    return _proposals(request, status.value if status else "")


@router.get(
    "/proposals/{int:grant_proposal_id}",
    response={200: ProposalDetailOut, 404: ErrorOut},
    summary="One grant proposal with its budget lines (planned and spent)",
)
def get_proposal(request: HttpRequest, grant_proposal_id: int) -> GrantProposal:
    return selectors.proposal_get_for(actor=request.user, grant_proposal_id=grant_proposal_id)

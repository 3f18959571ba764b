"""Outcome indicators, the tracer and published statistics over the API (mounted at
/api/outcomes/). Indicators are aggregates: office staff and viewers read those of the
regions they may see; follow-up records are for office staff, operators and the alumnus."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from jejaring.accounts.scope import Role, scope_of
from jejaring.core.errors import NotFound, PermissionDenied, ValidationError
from jejaring.core.pagination import SeekPages
from jejaring.core.params import DbId
from jejaring.core.schemas import ErrorOut, json_body
from jejaring.outcomes import indicators, selectors, services
from jejaring.outcomes.disclosure import ShownFraction, ShownRow, shown_tables
from jejaring.outcomes.indicators import Dimension
from jejaring.outcomes.labour_market import report
from jejaring.outcomes.labour_market.terms import Month
from jejaring.outcomes.models import FollowUp, OutcomeStatus

router = Router(tags=["outcomes"])


class FractionOut(Schema):
    numerator: int | None = Field(description="null when withheld")
    denominator: int | None = Field(description="null when withheld")
    percent: str | None


def _fraction(value: ShownFraction) -> FractionOut:
    percent = value.percent
    return FractionOut(
        numerator=value.numerator,
        denominator=value.denominator,
        percent=str(percent) if percent is not None else None,
    )


class RowOut(Schema):
    """A group's figures; a count is null when withheld to protect identities."""

    key: str | None
    label: str
    graduates: int | None
    answered: int | None
    absorbed: int | None
    self_employed: int | None
    absorption: FractionOut
    absorption_of_answered: FractionOut
    entrepreneurship: FractionOut
    waiting: dict[str, int | None]
    median_days_to_first_job: float | None


class IndicatorsOut(Schema):
    definition: str
    window_months: int
    dimension: str
    #: True when counts from 1 to 4, and those that would reveal them, are null.
    protected: bool
    rows: list[RowOut]
    total: RowOut


class IndicatorQuery(Schema):
    year_from: int | None = Field(None, ge=2000, le=2100)
    year_to: int | None = Field(None, ge=2000, le=2100)
    dimension: Dimension = Dimension.YEAR
    region: DbId | None = None
    institution: DbId | None = None
    vocation: DbId | None = None


def _row(row: ShownRow) -> RowOut:
    return RowOut(
        key=None if row.key is None else str(row.key),
        label=row.label,
        graduates=row.graduates,
        answered=row.answered,
        absorbed=row.absorbed,
        self_employed=row.self_employed,
        absorption=_fraction(row.absorption),
        absorption_of_answered=_fraction(row.absorption_of_answered),
        entrepreneurship=_fraction(row.entrepreneurship),
        waiting=row.waiting,
        median_days_to_first_job=row.median_days_to_first_job,
    )


@router.get(
    "/indicators",
    response={200: IndicatorsOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Graduate outcome indicators of the regions the caller may see",
)
def get_indicators(request: HttpRequest, query: Query[IndicatorQuery]) -> IndicatorsOut:
    scope = scope_of(request.user)
    if not scope.is_superuser and not scope.roles & {Role.OFFICE_STAFF, Role.VIEWER}:
        raise PermissionDenied(_("Hanya staf dinas dan pemantau."))
    year_to = query.year_to or timezone.localdate().year
    year_from = query.year_from or year_to - 6
    if year_from > year_to or year_to - year_from > 30:
        raise ValidationError(_("Rentang tahun tidak valid."), code="invalid_years")
    filters = selectors.filters_for(
        actor=request.user,
        region_ids={query.region} if query.region else None,
        year_from=year_from,
        year_to=year_to,
        institution_id=query.institution,
        vocation_id=query.vocation,
    )
    region = None
    if len(filters.region_ids) == 1:
        region = (
            selectors.indicator_regions_for(actor=request.user)
            .filter(pk=next(iter(filters.region_ids)))
            .first()
        )
    definition = selectors.definition_for(region=region)
    protect = not selectors.exact_figures_for(actor=request.user, filters=filters)
    (table,) = shown_tables(
        [
            indicators.graduate_table(
                filters=filters, definition=definition, dimension=query.dimension
            )
        ],
        protect=protect,
    )
    return IndicatorsOut(
        definition=definition.describe(),
        window_months=definition.window_months,
        dimension=query.dimension.value,
        protected=protect,
        rows=[_row(row) for row in table.rows],
        total=_row(table.total),
    )


class AnswerOut(Schema):
    status: str
    source: str
    employer_name: str
    started_on: date | None
    is_current: bool


class FollowUpOut(Schema):
    id: int
    person_name: str
    months_after: int
    due_on: date
    batch_code: str
    current: AnswerOut | None

    @staticmethod
    def resolve_person_name(obj: FollowUp) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_batch_code(obj: FollowUp) -> str:
        return obj.enrolment.batch.code

    @staticmethod
    def resolve_current(obj: FollowUp) -> Any:
        return next((a for a in obj.answers.all() if a.is_current), None)


class FollowUpFilter(Schema):
    due_by: date | None = None
    unanswered: bool = False


@router.get("/follow-ups", response=list[FollowUpOut], summary="Follow-up points")
@paginate(SeekPages, ordering=selectors.FOLLOW_UP_LIST_ORDER, page_size=50)
def list_follow_ups(request: HttpRequest, filters: Query[FollowUpFilter]) -> QuerySet[FollowUp]:
    return selectors.follow_up_list_for(
        actor=request.user, due_by=filters.due_by, unanswered_only=filters.unanswered
    ).prefetch_related("answers")


@router.get(
    "/follow-ups/{int:follow_up_id}",
    response={200: FollowUpOut, 404: ErrorOut},
    summary="One follow-up point",
)
def get_follow_up(request: HttpRequest, follow_up_id: int) -> FollowUp:
    return selectors.follow_up_get_for(actor=request.user, follow_up_id=follow_up_id)


class AnswerIn(Schema):
    status: OutcomeStatus
    company_id: int | None = None
    employer_name: str = Field("", max_length=200)
    via_referral: bool = False
    business_kind: str = Field("", max_length=200)
    business_registration: str = Field("", max_length=20)
    started_on: date | None = None
    monthly_income: int | None = Field(None, ge=0, le=1_000_000_000)


@router.post(
    "/follow-ups/{int:follow_up_id}/answers",
    response={201: AnswerOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record an answer (becomes the current one; the history is kept)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": AnswerIn.model_json_schema()}},
        }
    },
)
def post_answer(request: HttpRequest, follow_up_id: int) -> Status:
    # The record is looked up before the body is read, so that another region's id is a
    # 404 whatever was sent; the body is then validated by hand against AnswerIn.
    follow_up = selectors.follow_up_get_for(actor=request.user, follow_up_id=follow_up_id)
    payload = json_body(request, AnswerIn, message=_("Isi jawaban penelusuran tidak valid."))
    answer = services.follow_up_answer_record(
        actor=request.user,
        follow_up=follow_up,
        data=services.AnswerData(**{**payload.dict(), "status": payload.status.value}),
    )
    return Status(201, answer)


class PublishedOut(Schema):
    year: int
    published_at: Any
    payload: dict[str, Any]


@router.get(
    "/public/{slug:public_region_slug}",
    auth=None,
    response={200: list[PublishedOut], 404: ErrorOut},
    summary=(
        "A region's published statistics (public; counts from 1 to 4, and those that "
        "would reveal them, are null)"
    ),
)
def public_statistics(request: HttpRequest, public_region_slug: str) -> list[PublishedOut]:
    region = selectors.public_regions().filter(slug=public_region_slug).first()
    if region is None:
        raise NotFound(_("Wilayah tidak ditemukan."))
    latest: dict[int, Any] = {}
    for published in selectors.published_for_region(region=region):
        latest.setdefault(published.year, published)
    return [
        PublishedOut(year=year, published_at=item.published_at, payload=item.payload)
        for year, item in sorted(latest.items(), reverse=True)
    ]


# --- the monthly labour-market information report (IPK) ------------------------------


class IpkLineOut(Schema):
    label: str
    cells: list[int | str | None] = Field(
        description="a count; null when withheld to protect identities; '–' when not applicable"
    )


class IpkTableOut(Schema):
    slug: str
    title: str
    row_heading: str
    columns: list[str]
    rows: list[IpkLineOut]
    total: IpkLineOut | None


class IpkOut(Schema):
    month: str
    area: str
    area_label: str
    #: True when counts of job seekers from 1 to 4, and those that would reveal them, are null.
    protected: bool
    tables: list[IpkTableOut]


class IpkQuery(Schema):
    month: str = Field(..., pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    area: str = Field("", max_length=20, description="a region id, prov-<province code>, or semua")


@router.get(
    "/ipk",
    response={200: IpkOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="The monthly labour-market information report (IPK) of an area",
)
def get_ipk(request: HttpRequest, query: Query[IpkQuery]) -> IpkOut:
    scope = scope_of(request.user)
    if not scope.is_superuser and not scope.roles & {Role.OFFICE_STAFF, Role.VIEWER}:
        raise PermissionDenied(_("Hanya staf dinas dan pemantau."))
    try:
        month = Month.parse(query.month)
    except ValueError:
        raise ValidationError(_("Bulan tidak valid."), code="invalid_month") from None
    area = report.area_for(actor=request.user, value=query.area)
    result = report.ipk_report_for(actor=request.user, month=month, area=area)

    def line(item: Any) -> IpkLineOut:
        return IpkLineOut(label=item.label, cells=list(item.cells))

    return IpkOut(
        month=str(month),
        area=area.value,
        area_label=area.label,
        protected=result.protected,
        tables=[
            IpkTableOut(
                slug=table.slug,
                title=table.title,
                row_heading=table.row_heading,
                columns=table.columns,
                rows=[line(row) for row in table.rows],
                total=line(table.total) if table.total else None,
            )
            for table in result.tables.office_tables()
        ],
    )

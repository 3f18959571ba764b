from datetime import date
from decimal import Decimal

import pytest

from jejaring.social_security import audit_actions
from jejaring.social_security.models import ContributionRate, Coverage
from jejaring.social_security.selectors import premium_report_for
from jejaring.training.tests.factories import EnrolmentFactory


@pytest.fixture
def rates(db):
    ContributionRate.objects.create(
        category="bpu",
        valid_from=date(2015, 7, 1),
        jkk_pct=Decimal("1"),
        jkm_monthly=6_800,
        min_declared_income=1_000_000,
    )
    ContributionRate.objects.create(
        category="bpu",
        valid_from=date(2026, 7, 1),
        jkk_pct=Decimal("1.2"),
        jkm_monthly=7_500,
        min_declared_income=1_000_000,
    )


def covered(region, start, end, income=1_000_000, status=Coverage.Status.ACTIVE):
    enrolment = EnrolmentFactory(region=region, batch__region=region)
    return Coverage.objects.create(
        region=region,
        person=enrolment.person,
        kind=Coverage.Kind.TRAINEE,
        enrolment=enrolment,
        payer=Coverage.Payer.OFFICE,
        kpj_number="99887766554",
        declared_income=income,
        cover_start=start,
        cover_end=end,
        status=status,
    )


def test_the_report_total_is_the_sum_of_its_lines_at_each_months_rate(cast, rates):
    covered(cast.region_a, date(2026, 6, 1), date(2026, 7, 31))
    covered(cast.region_a, date(2026, 6, 16), date(2026, 7, 15), income=2_500_000)
    covered(cast.region_b, date(2026, 6, 1), date(2026, 7, 31))

    june = premium_report_for(actor=cast.staff_a, month=date(2026, 6, 1))
    july = premium_report_for(actor=cast.staff_a, month=date(2026, 7, 1))

    assert len(june.lines) == len(july.lines) == 2
    for report in (june, july):
        assert report.total == sum(line.premium.total for line in report.lines)
    # June at 1 % + Rp 6.800: 16.800 whole, and 15/30 of 25.000 + 6.800 = 15.900
    assert june.total == 16_800 + 15_900
    # July at 1,2 % + Rp 7.500: 19.500 whole, and 15/31 of 30.000 + 7.500 = 14.516 + 3.629
    assert july.total == 19_500 + 14_516 + 3_629


def test_cover_still_to_register_is_not_billed(cast, rates):
    covered(cast.region_a, date(2026, 6, 1), date(2026, 6, 30), status=Coverage.Status.TO_REGISTER)
    assert premium_report_for(actor=cast.staff_a, month=date(2026, 6, 1)).lines == []


def test_the_report_takes_the_same_queries_however_many_people(cast, rates):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            premium_report_for(actor=cast.staff_a, month=date(2026, 6, 1))
        return len(context)

    covered(cast.region_a, date(2026, 6, 1), date(2026, 6, 30))
    queries()  # the actor's scope is loaded once and then cached on the user
    one = queries()
    for _ in range(3):
        covered(cast.region_a, date(2026, 6, 1), date(2026, 6, 30))
    assert queries() == one


def test_the_xlsx_for_the_insurer_has_full_niks_a_matching_total_and_is_audited(cast, rates):
    import io

    from openpyxl import load_workbook

    from jejaring.core.models import AuditEvent
    from jejaring.social_security.exports import premium_report_xlsx

    first = covered(cast.region_a, date(2026, 6, 1), date(2026, 6, 30))
    covered(cast.region_a, date(2026, 6, 16), date(2026, 6, 30))
    report = premium_report_for(actor=cast.staff_a, month=date(2026, 6, 1))
    sheet = load_workbook(io.BytesIO(premium_report_xlsx(actor=cast.staff_a, report=report))).active
    values = list(sheet.iter_rows(values_only=True))
    niks = [row[0] for row in values[1:-1]]
    assert first.person.nik in niks
    assert values[-1][-1] == sum(row[-1] for row in values[1:-1]) == report.total
    assert AuditEvent.objects.filter(action=audit_actions.PREMIUM_REPORT_EXPORT).exists()

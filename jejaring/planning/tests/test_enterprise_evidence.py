"""A kelurahan entrepreneurship line of a plan cites how the alumni's businesses fared:
started, and still operating at the 12- and 24-month follow-ups."""

from datetime import date

import pytest

from jejaring.enterprise.models import BusinessFollowUp, BusinessFollowUpAnswer
from jejaring.enterprise.tests.factories import BusinessFactory
from jejaring.outcomes.tests.factories import graduate
from jejaring.planning.models import PlanLine
from jejaring.planning.tests.factories import PlanFactory, PlanLineFactory

pytestmark = pytest.mark.django_db


def test_a_kelurahan_line_shows_business_survival_and_a_blk_line_does_not(client, cast):
    enrolments = [graduate(region=cast.region_a, graduated_on=date(2024, 6, 28)) for _ in range(8)]
    for number, enrolment in enumerate(enrolments[:6]):
        business = BusinessFactory(
            region=cast.region_a,
            person=enrolment.person,
            enrolment=enrolment,
            stage="operating",
            started_on=date(2024, 9, 1),
        )
        point = BusinessFollowUp.objects.create(
            region=cast.region_a, business=business, months_after=12, due_on=date(2025, 9, 1)
        )
        BusinessFollowUpAnswer.objects.create(
            follow_up=point, operating=number < 5, revenue_band="1to5", source="link"
        )
    plan = PlanFactory(region=cast.region_a, year=2026)
    PlanLineFactory(
        plan=plan,
        channel=PlanLine.Channel.KELURAHAN,
        vocation=None,
        title="Kewirausahaan dua hari di 27 kelurahan",
    )
    client.force_login(cast.staff_a)
    text = " ".join(client.get(f"/perencanaan/rencana/{plan.pk}/").content.decode().split())
    assert "Hasil wirausaha lulusan 2021–2025" in text
    assert "usaha dimulai 6 dari 8 lulusan; bertahan 12 bulan 5 dari 6" in text

    other = PlanFactory(region=cast.region_a, year=2026, title="Tanpa kelurahan")
    PlanLineFactory(plan=other, channel=PlanLine.Channel.BLK)
    assert "Hasil wirausaha" not in client.get(f"/perencanaan/rencana/{other.pk}/").content.decode()

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


def test_the_gap_shows_graduates_who_started_a_business_and_the_entrepreneurship_packages(
    client, cast
):
    from jejaring.training.models import Enrolment
    from jejaring.training.tests.factories import BatchFactory

    batch = BatchFactory(
        region=cast.region_a, program__institution__region=cast.region_a, year=2027, capacity=16
    )
    for person, started in ((cast.person_1, date(2027, 6, 1)), (cast.person_2, None)):
        enrolment = Enrolment.objects.create(
            region=cast.region_a,
            batch=batch,
            institution=batch.institution,
            person=person,
            status=Enrolment.Status.GRADUATED,
            source="operator",
            graduated_on="2027-04-01",
        )
        # One graduate runs a business; the other has only an idea (not started).
        BusinessFactory(
            region=cast.region_a,
            person=person,
            enrolment=enrolment,
            stage="operating" if started else "idea",
            started_on=started,
        )
    PlanLineFactory(
        plan=PlanFactory(region=cast.region_a, year=2027),
        channel=PlanLine.Channel.KELURAHAN,
        vocation=None,
        packages=27,
        people_per_package=20,
    )
    client.force_login(cast.staff_a)
    response = client.get("/perencanaan/kesenjangan/", {"tahun": 2027})
    analysis = response.context["analysis"]
    [row] = [r for r in analysis.rows if r.graduates]
    assert (row.graduates, row.self_employed) == (2, 1)
    assert analysis.entrepreneurship_planned == 540
    assert "Berwirausaha" in response.content.decode()

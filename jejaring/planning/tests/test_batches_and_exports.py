"""An approved plan line creates its planned batches through the training services, and
the plan exports to XLSX and PDF with the same totals as the page."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from jejaring.core.errors import InvalidTransition, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.planning import audit_actions, services
from jejaring.planning.models import PlanLineBatch
from jejaring.planning.tests.factories import (
    EnvelopeFactory,
    PlanFactory,
    PlanLineFactory,
    another_staff,
)
from jejaring.training.models import Batch
from jejaring.training.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=1_000_000_000)
    plan = PlanFactory(region=cast.region_a, year=2027)
    program = ProgramFactory(region=cast.region_a, institution=cast.lpks, duration_days=20)
    line = PlanLineFactory(
        plan=plan,
        channel="lpks",
        institution=cast.lpks,
        program=program,
        vocation=program.vocation,
        packages=3,
        people_per_package=20,
    )
    PlanLineFactory(
        plan=plan,
        channel="kelurahan",
        vocation=None,
        packages=27,
        people_per_package=20,
        cost_per_package=7_500_000,
    )
    services.plan_submit(actor=cast.staff_a, plan=plan)
    services.plan_approve(actor=another_staff(cast.region_a), plan=plan)
    line.refresh_from_db()
    return line


def test_an_approved_line_creates_one_batch_per_package_once(cast, approved):
    batches = services.plan_line_create_batches(
        actor=cast.staff_a, line=approved, start_date=date(2027, 2, 1)
    )
    assert len(batches) == 3
    stored = Batch.objects.filter(plan_link__plan_line=approved).order_by("start_date")
    assert [b.capacity for b in stored] == [20, 20, 20]
    assert {b.program_id for b in stored} == {approved.program_id}
    assert stored[0].start_date == date(2027, 2, 1)
    with pytest.raises(InvalidTransition):
        services.plan_line_create_batches(
            actor=cast.staff_a, line=approved, start_date=date(2027, 2, 1)
        )
    assert Batch.objects.filter(plan_link__plan_line=approved).count() == 3


def test_the_plan_s_audit_event_names_the_line_and_the_batches_it_became(cast, approved):
    batches = services.plan_line_create_batches(
        actor=cast.staff_a, line=approved, start_date=date(2027, 2, 1)
    )
    event = AuditEvent.objects.get(action=audit_actions.PLAN_LINE_BATCHES)
    assert event.changes["plan_line"] == [None, approved.pk]
    assert event.changes["batch_ids"] == [None, [batch.pk for batch in batches]]


def test_deleting_a_line_keeps_the_batches_it_became(cast, approved):
    services.plan_line_create_batches(
        actor=cast.staff_a, line=approved, start_date=date(2027, 2, 1)
    )
    approved.delete()
    assert Batch.objects.count() == 3
    assert not PlanLineBatch.objects.exists()


def test_a_draft_line_creates_no_batch(cast):
    line = PlanLineFactory(plan=PlanFactory(region=cast.region_a))
    with pytest.raises(InvalidTransition):
        services.plan_line_create_batches(
            actor=cast.staff_a, line=line, start_date=date(2027, 2, 1)
        )
    assert not Batch.objects.exists()


def test_a_line_without_a_program_creates_no_batch(cast, approved):
    kelurahan = approved.plan.lines.get(channel="kelurahan")
    with pytest.raises(ValidationError):
        services.plan_line_create_batches(
            actor=cast.staff_a, line=kelurahan, start_date=date(2027, 2, 1)
        )


def test_the_xlsx_opens_and_its_totals_match_the_plan(client, cast, approved):
    client.force_login(cast.staff_a)
    url = reverse("planning:plan_xlsx", kwargs={"training_plan_id": approved.plan_id})
    response = client.get(url)
    assert response.status_code == 200
    book = openpyxl.load_workbook(BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    total = rows[-1]
    assert total[0] == "Jumlah"
    assert total[6] == 3 * 20 + 27 * 20
    assert total[9] == 3 * 50_000_000 + 27 * 7_500_000
    envelope = list(book.worksheets[1].iter_rows(values_only=True))[1]
    assert envelope[1:3] == (total[9], 1_000_000_000)


def test_the_pdf_is_a_pdf_and_outsiders_get_none(client, cast, approved):
    url = reverse("planning:plan_pdf", kwargs={"training_plan_id": approved.plan_id})
    client.force_login(cast.staff_a)
    assert client.get(url).content.startswith(b"%PDF")
    client.force_login(cast.staff_b)
    assert client.get(url).status_code == 404

"""Support given to a whole group (a start-up kit, mentoring) is recorded from the group's
page by its office, listed there and audited; nobody else can record it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from jejaring.core.models import AuditEvent
from jejaring.enterprise.models import SupportCase
from jejaring.enterprise.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db

KIT = {
    "kind": SupportCase.Kind.STARTUP_KIT,
    "started_on": "2026-11-20",
    "amount": "7500000",
    "description": "Dua mesin jahit dan satu mesin obras",
}


def _url(group):
    return reverse("enterprise:group_support", kwargs={"enterprise_group_id": group.pk})


def test_the_office_records_a_start_up_kit_for_the_group_and_sees_it_on_its_page(cast, client):
    group = GroupFactory(region=cast.region_a)
    client.force_login(cast.staff_a)
    page = client.get(
        reverse("enterprise:group_detail", kwargs={"enterprise_group_id": group.pk})
    ).content.decode()
    assert _url(group) in page
    response = client.post(_url(group), KIT)
    case = SupportCase.objects.get()
    assert response.status_code == 302
    assert case.group == group and case.person is None
    assert (case.amount, case.started_on) == (7_500_000, date(2026, 11, 20))
    assert AuditEvent.objects.filter(
        region=cast.region_a, action__startswith="enterprise."
    ).exists()
    page = client.get(
        reverse("enterprise:group_detail", kwargs={"enterprise_group_id": group.pk})
    ).content.decode()
    assert "Rp 7.500.000" in page


def test_bad_support_input_changes_nothing(cast, client):
    group = GroupFactory(region=cast.region_a)
    client.force_login(cast.staff_a)
    client.post(_url(group), {**KIT, "amount": "-5"})
    client.post(_url(group), {**KIT, "started_on": "2999-01-01"})
    assert not SupportCase.objects.exists()


def test_another_region_s_staff_and_a_trainee_cannot_record_it(cast, client):
    group = GroupFactory(region=cast.region_a)
    client.force_login(cast.staff_b)
    assert client.post(_url(group), KIT).status_code == 404
    client.force_login(cast.trainee_1)
    assert client.post(_url(group), KIT).status_code == 404
    assert not SupportCase.objects.exists()

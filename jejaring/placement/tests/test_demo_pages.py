"""The demo's past rounds read through the placement pages: rounds with seats and outcomes
per formation, the applicant's explanation, company HR's referred candidates. The demo is
loaded once for this module and flushed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from jejaring.demo.loader import DemoSummary, load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoSummary]:
    with django_db_blocker.unblock():
        summary = load_demo()
    yield summary
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
def test_demo_rounds_show_seats_outcomes_and_explanations(demo: DemoSummary, client: Any) -> None:
    from jejaring.accounts.models import User
    from jejaring.placement.models import AllocationResult, AllocationRound, Referral

    staff = User.objects.get(username="staf.pekalongan")
    client.force_login(staff)
    rounds = client.get(reverse("placement:round_list")).content.decode()
    assert "Penyaluran Lulusan Tahap I 2020" in rounds
    published = AllocationRound.objects.filter(
        region__code="33.75", status=AllocationRound.Status.PUBLISHED
    ).order_by("created_at")
    detail = client.get(
        reverse("placement:round_detail", kwargs={"round_id": published[1].pk})
    ).content.decode()
    assert "Diangkat sebagai pekerja" in detail or "Mulai bekerja/magang" in detail

    explained = (
        AllocationResult.objects.filter(round__in=published)
        .exclude(explanation=[])
        .select_related("application")
        .first()
    )
    assert explained is not None
    page = client.get(
        reverse(
            "placement:application_detail",
            kwargs={"application_id": explained.application_id},
        )
    ).content.decode()
    assert "Mengapa tidak pada pilihan yang lebih tinggi" in page

    person = User.objects.get(username="peserta").person
    client.force_login(person.user)
    mine = client.get(reverse("placement:my_applications")).content.decode()
    assert person.applications.first().round.name in mine

    hr = User.objects.get(username="hrd.garmen")
    client.force_login(hr)
    referred = client.get(reverse("placement:referral_list")).content.decode()
    from jejaring.accounts.scope import scope_of

    company_referral = (
        Referral.objects.filter(company_id__in=scope_of(hr).company_ids)
        .order_by("-referred_at", "-pk")
        .first()
    )
    assert company_referral is not None
    assert company_referral.person.full_name in referred

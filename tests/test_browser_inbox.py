"""The home inbox on a phone (360 × 740), in a real browser: each role signs in, finds
real work under "Perlu tindakan" and reaches the page where it is done in one tap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID", has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def _sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"{live_server.url}/beranda/")


def _office_work(cast):
    from jejaring.internships.models import InternshipProgram
    from jejaring.internships.tests.factories import InternshipProgramFactory

    program = InternshipProgramFactory(
        company=cast.company_a,
        status=InternshipProgram.Status.SUBMITTED,
        decision_due_on=timezone.localdate() - timedelta(days=1),
    )
    return reverse("internships:internship_program_detail", args=[program.pk])


def _operator_work(cast):
    from jejaring.training.models import Batch
    from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

    today = timezone.localdate()
    batch = BatchFactory(
        program__institution=cast.lpks,
        status=Batch.Status.SELECTION,
        start_date=today + timedelta(days=10),
        end_date=today + timedelta(days=40),
    )
    EnrolmentFactory(batch=batch)
    return reverse("training:batch_selection", args=[batch.pk])


def _assessor_work(cast):
    from jejaring.assessment.tests.factories import CandidateFactory, SessionFactory

    session = SessionFactory(
        region=cast.region_a,
        date=timezone.localdate() - timedelta(days=1),
        assessors=[cast.assessor],
    )
    CandidateFactory(session=session)
    return reverse("assessment:session_detail", args=[session.pk])


def _hr_work(cast):
    from jejaring.employers.tests.factories import FormationFactory
    from jejaring.placement.tests.factories import ReferralFactory

    referral = ReferralFactory(formation=FormationFactory(company=cast.company_a))
    return reverse("placement:referral_detail", args=[referral.pk])


def _trainee_work(cast):
    from jejaring.employers.tests.factories import FormationFactory
    from jejaring.placement.tests.factories import ReferralFactory

    referral = ReferralFactory(
        formation=FormationFactory(company=cast.company_a), person=cast.person_1
    )
    return reverse("placement:referral_detail", args=[referral.pk])


def _viewer_work(cast):
    # Neither watched region has published last year's public statistics.
    return reverse("outcomes:dashboard")


@pytest.mark.parametrize(
    ("username", "work"),
    [
        ("staf.a", _office_work),
        ("pemantau", _viewer_work),
        ("operator.lpks", _operator_work),
        ("asesor", _assessor_work),
        ("hrd.a", _hr_work),
        ("peserta1", _trainee_work),
    ],
)
def test_each_role_reaches_its_first_inbox_item_in_one_tap_on_a_phone(
    page, live_server, cast, username, work
):
    target = work(cast)
    _sign_in(page, live_server, username)
    inbox = page.get_by_role("region", name="Perlu tindakan")
    first = inbox.locator("a.inbox-item").first
    first.wait_for()
    box = first.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] <= PHONE["width"]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0

    first.tap()
    page.wait_for_url(f"{live_server.url}{target}")
    assert page.locator("h1").first.is_visible()


def test_a_user_with_nothing_to_do_sees_the_empty_state(page, live_server, cast):
    _sign_in(page, live_server, "hrd.b")
    inbox = page.get_by_role("region", name="Perlu tindakan")
    assert "Tidak ada yang perlu ditindaklanjuti" in inbox.inner_text()

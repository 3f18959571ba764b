"""Issue 3 in a real browser, for an institution's operator on a phone: select applicants
by the batch's criteria, then take a session's attendance with big touch targets; neither
page scrolls sideways."""

import os
from datetime import date

import pytest

from jejaring.trainees.models import Education
from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory
from tests.test_browser_roles import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("JEJARING_SCREENSHOTS", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_an_operator_selects_and_takes_attendance_on_a_phone(browser, live_server, cast):
    selecting = BatchFactory(
        program__institution=cast.lpks,
        name="Menjahit Angkatan 2",
        status=Batch.Status.SELECTION,
        capacity=2,
        min_age=18,
        max_age=35,
        min_education=Education.SMP,
    )
    fits = EnrolmentFactory(
        batch=selecting, person__full_name="Ayu Lestari", person__birth_date=date(2000, 5, 1)
    )
    EnrolmentFactory(
        batch=selecting,
        person__full_name="Budi Santoso",
        person__birth_date=date(1970, 5, 1),
        person__education=Education.SD,
    )
    running = BatchFactory(
        program__institution=cast.lpks, name="Las Angkatan 1", status=Batch.Status.RUNNING
    )
    session = BatchSession.objects.create(batch=running, date=date(2026, 3, 2))
    participants = EnrolmentFactory.create_batch(3, batch=running, status=Enrolment.Status.TRAINING)

    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    sign_in(page, live_server, "operator.lpks")
    page.goto(f"{live_server.url}/pelatihan/paket/{selecting.pk}/seleksi/")
    ayu = page.get_by_test_id("candidate").filter(has_text="Ayu Lestari")
    budi = page.get_by_test_id("candidate").filter(has_text="Budi Santoso")
    assert ayu.locator(".criterion-bad").count() == 0
    assert budi.locator(".criterion-bad").count() == 2
    _shot(page, "training-selection-phone")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.get_by_label("Pilih semua di halaman ini").check()
    assert page.locator("input[name=enrolments]:checked").count() == 2
    page.get_by_label("Pilih semua di halaman ini").uncheck()
    ayu.get_by_role("button", name="Terima").click()
    page.get_by_text("1 pendaftar: Diterima").wait_for()
    assert page.get_by_test_id("quota").inner_text() == "1 / 2"
    fits.refresh_from_db()
    assert fits.status == Enrolment.Status.ACCEPTED

    page.goto(f"{live_server.url}/pelatihan/sesi/{session.pk}/kehadiran/")
    first, second, third = participants
    page.get_by_role("group", name=second.person.full_name).get_by_text("Tidak hadir").click()
    page.get_by_role("group", name=third.person.full_name).get_by_text("Izin/sakit").click()
    height = page.locator(".attendance-choice").first.bounding_box()["height"]
    assert height >= 44
    _shot(page, "training-attendance-phone")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.get_by_role("button", name="Simpan kehadiran").click()
    page.get_by_text("Kehadiran tersimpan").wait_for()
    marks = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    assert marks == {first.pk: "present", second.pk: "absent", third.pk: "excused"}

    for name, path in (
        ("training-batch-list-phone", "/pelatihan/"),
        ("training-batch-detail-phone", f"/pelatihan/paket/{running.pk}/"),
        ("training-attendance-summary-phone", f"/pelatihan/paket/{running.pk}/kehadiran/"),
    ):
        page.goto(live_server.url + path)
        _shot(page, name)
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()

"""Select all on a bulk list in a real browser: on the BPJS cover list (whose boxes sit
outside the bulk form), "Pilih semua di halaman ini" ticks every row box visibly, clearing
one row clears it, and the change reaches exactly the rows shown."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.social_security.models import Coverage
from jejaring.social_security.tests.factories import CoverageFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory
from tests.test_browser_roles import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()


def test_office_staff_select_a_whole_page_of_cover_and_register_it(browser, live_server, cast):
    batch = BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        start_date=TODAY + timedelta(days=5),
        end_date=TODAY + timedelta(days=60),
        status=Batch.Status.SELECTION,
    )
    covers = [
        CoverageFactory(
            enrolment=EnrolmentFactory(batch=batch, status=Enrolment.Status.ACCEPTED),
            status="to_register",
        )
        for _ in range(3)
    ]
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    sign_in(page, live_server, "staf.a")
    page.goto(f"{live_server.url}/bpjs/kepesertaan/")
    select_all = page.get_by_label("Pilih semua di halaman ini")
    select_all.check()
    assert page.locator("input[name=coverage]:checked").count() == 3
    page.locator("input[name=coverage]").first.uncheck()
    assert not select_all.is_checked()
    select_all.check()
    page.get_by_label("Untuk peserta yang dipilih").select_option("registered")
    page.get_by_role("button", name="Ubah status peserta terpilih").click()
    page.get_by_text("Status kepesertaan 3 peserta").wait_for()
    page.get_by_role("button", name="Ubah status menjadi “Terdaftar”").click()
    page.get_by_text("Status 3 peserta diubah menjadi “Terdaftar”.").wait_for()
    statuses = Coverage.objects.filter(pk__in=[c.pk for c in covers])
    assert set(statuses.values_list("status", flat=True)) == {"registered"}
    context.close()

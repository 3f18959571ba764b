"""The public verification page on a 360-px phone (Debian's chromium, headless): the code
printed under a document's QR code, typed as people type it, finds the document; the page
shows the masked name and the verdict, and is never wider than the screen."""

import pytest

from jejaring.assessment.tests.factories import TrainingCertificateFactory
from jejaring.core.documents import code_for, format_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_a_code_typed_on_a_phone_shows_the_certificate_with_a_masked_name(
    browser, live_server, cast
):
    from jejaring.core.tests.test_limits import clear_limits

    clear_limits()
    certificate = TrainingCertificateFactory(region=cast.region_a)
    person = certificate.enrolment.person
    code = format_code(code_for(certificate))
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/verifikasi/")
    page.get_by_label("Nomor dokumen atau kode verifikasi").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Periksa").click()
    page.wait_for_url(f"{live_server.url}/verifikasi/{code}/")
    text = page.locator("main").inner_text()
    assert "SAH" in text
    assert certificate.number in text
    assert person.full_name not in text
    assert person.full_name.split()[0][:3] in text
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()
    clear_limits()

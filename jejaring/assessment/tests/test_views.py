"""The assessment pages as each role uses them."""

from datetime import date
from urllib.parse import quote

import pytest
from django.urls import reverse

from jejaring.assessment import services
from jejaring.assessment.models import (
    AssessmentSession,
    Candidate,
    TrainingCertificate,
    UnitAssessment,
)
from jejaring.assessment.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _results_post(world, result="K", note=""):
    data = {}
    for unit in world.units:
        data[f"result_{unit.pk}"] = result
        data[f"note_{unit.pk}"] = note
    return data


def test_the_assessor_sees_only_their_sessions(client, cast, world):
    SessionFactory(region=cast.region_a, scheme=world.scheme, date=date(2026, 7, 1))
    client.force_login(cast.assessor_user)
    response = client.get(reverse("assessment:session_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("/uji-kompetensi/") >= 1
    assert reverse("assessment:session_detail", args=[world.session.pk]) in html
    assert "1 Juli 2026" not in html


def test_the_assessor_records_results_on_the_candidate_page(client, cast, world):
    client.force_login(cast.assessor_user)
    url = reverse("assessment:candidate_detail", args=[world.candidate_1.pk])
    page = client.get(url)
    assert "Simpan hasil" in page.content.decode()
    response = client.post(
        reverse("assessment:candidate_results", args=[world.candidate_1.pk]),
        _results_post(world),
    )
    assert response.status_code == 302
    world.candidate_1.refresh_from_db()
    assert world.candidate_1.result == Candidate.Result.COMPETENT
    assert "Kompeten" in client.get(url).content.decode()


def test_a_bk_without_note_shows_the_error_and_saves_nothing(client, cast, world):
    client.force_login(cast.assessor_user)
    response = client.post(
        reverse("assessment:candidate_results", args=[world.candidate_1.pk]),
        _results_post(world, result="BK"),
    )
    assert response.status_code == 422
    assert "catatan bukti" in response.content.decode()
    assert not UnitAssessment.objects.exists()


def test_the_operator_sees_the_candidate_but_cannot_record_results(client, cast, world):
    client.force_login(cast.operator)
    page = client.get(reverse("assessment:candidate_detail", args=[world.candidate_1.pk]))
    assert page.status_code == 200
    assert "Simpan hasil" not in page.content.decode()
    response = client.post(
        reverse("assessment:candidate_results", args=[world.candidate_1.pk]),
        _results_post(world),
    )
    assert response.status_code == 404


def test_the_trainee_fills_in_the_self_assessment(client, cast, world):
    client.force_login(cast.trainee_1)
    url = reverse("assessment:candidate_application", args=[world.candidate_1.pk])
    assert client.get(url).status_code == 200
    data = {f"claim_{u.pk}": "K" for u in world.units}
    assert client.post(url, data).status_code == 302
    assert world.candidate_1.apl02.count() == 3
    other = reverse("assessment:candidate_application", args=[world.candidate_2.pk])
    assert client.get(other).status_code == 404


def test_the_operator_issues_certificates_and_the_pdf_downloads(client, cast, world):
    client.force_login(cast.operator)
    response = client.post(reverse("assessment:certificate_list"), {"batch": world.batch.pk})
    assert response.status_code == 302
    certificate = TrainingCertificate.objects.get(enrolment=world.enrolment_1)
    listing = client.get(reverse("assessment:certificate_list")).content.decode()
    assert certificate.number in listing
    pdf = client.get(reverse("assessment:certificate_download", args=[certificate.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_printed_urls_are_absolute_from_the_public_base_url(rf, cast, world, settings):
    from jejaring.core.documents import format_code, verification_of

    settings.PUBLIC_BASE_URL = "https://jejaring.pekalongankota.go.id"
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    printed = verification_of(certificate, rf.get("/"))
    assert printed.url == (
        f"https://jejaring.pekalongankota.go.id/verifikasi/{format_code(printed.code)}/"
    )
    assert printed.qr.startswith("<svg")


def test_the_trainee_downloads_only_their_own_certificate(client, cast, world):
    issued = services.training_certificates_issue(actor=cast.operator, batch=world.batch)
    mine = next(c for c in issued if c.enrolment_id == world.enrolment_1.pk)
    theirs = next(c for c in issued if c.enrolment_id == world.enrolment_2.pk)
    client.force_login(cast.trainee_1)
    page = client.get(reverse("assessment:my_results")).content.decode()
    assert mine.number in page
    assert theirs.number not in page
    assert client.get(reverse("assessment:certificate_download", args=[mine.pk])).status_code == 200
    assert (
        client.get(reverse("assessment:certificate_download", args=[theirs.pk])).status_code == 404
    )


def test_staff_revoke_with_a_reason_and_the_public_page_shows_it(client, cast, world):
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    client.force_login(cast.staff_a)
    url = reverse("assessment:certificate_revoke", args=[certificate.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Salah cetak nama", "confirm": "1"}).status_code == 302
    client.logout()
    page = client.get(reverse("verify:detail", args=[certificate.verification_token]))
    assert "DICABUT" in page.content.decode()


def test_the_public_page_needs_no_login_and_shows_no_nik(client, cast, world):
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    person = certificate.enrolment.person
    response = client.get(reverse("verify:detail", args=[certificate.verification_token]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "SAH" in html
    assert person.nik not in html
    assert person.full_name not in html
    assert certificate.number in html


def test_an_unknown_code_is_a_clean_404_page(client):
    response = client.get(reverse("verify:detail", args=["tidak-ada"]))
    assert response.status_code == 404
    assert "Dokumen tidak ditemukan" in response.content.decode()


def test_the_lookup_form_redirects_to_the_code(client):
    response = client.get(reverse("verify:lookup"), {"code": " ABC123 "})
    assert response.status_code == 302
    assert response["Location"] == reverse("verify:detail", args=["abc123"])


def test_the_printed_certificate_number_finds_the_certificate_typed_or_in_the_address(
    client, cast, world
):
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    assert "/" in certificate.number
    typed = client.get(reverse("verify:lookup"), {"code": f" {certificate.number.lower()} "})
    assert typed.status_code == 302
    assert typed["Location"] == f"/verifikasi/{certificate.number}/"
    page = client.get(typed["Location"])
    assert page.status_code == 200
    assert "SAH" in page.content.decode()
    assert certificate.number in page.content.decode()


@pytest.mark.parametrize("code", ["/", "../", "BLK-1/2026/9999", "x/\x00", "ñ😀/" * 30])
def test_a_code_with_slashes_that_matches_nothing_is_a_clean_404_page(client, code):
    followed = client.get(reverse("verify:lookup"), {"code": code}, follow=True)
    # A NUL byte in the query is refused as a bad request before any lookup.
    assert followed.status_code in ((400,) if "\x00" in code else (200, 404))
    direct = client.get(f"/verifikasi/{quote(code)}/")
    assert direct.status_code == 404
    assert "Dokumen tidak ditemukan" in direct.content.decode()


def test_the_session_list_needs_a_constant_number_of_queries(
    client, cast, world, django_assert_max_num_queries
):
    for n in range(10):
        SessionFactory(
            region=cast.region_a,
            scheme=world.scheme,
            institution=cast.lpks,
            date=date(2026, 5, n + 1),
        )
    client.force_login(cast.operator)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("assessment:session_list")).status_code == 200


def test_the_certificate_list_needs_a_constant_number_of_queries(
    client, cast, world, django_assert_max_num_queries
):
    services.training_certificates_issue(actor=cast.operator, batch=world.batch)
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("assessment:certificate_list")).status_code == 200


def test_the_expiring_page_lists_certificates_near_expiry(client, cast, world):
    AssessmentSession.objects.filter(pk=world.session.pk).update(date=date(2019, 12, 1))
    candidate = services.unit_results_record(
        actor=cast.assessor_user,
        candidate=world.candidate_1,
        results={u.pk: ("K", "") for u in world.units},
    )
    services.competency_certificate_record(
        actor=cast.operator,
        candidate=candidate,
        registration_number="JHT 777",
        issued_on=date(2020, 1, 1),
        valid_until=date.today().replace(year=date.today().year + 10),
    )
    client.force_login(cast.staff_a)
    assert "JHT 777" in client.get(reverse("assessment:competency_list")).content.decode()
    soon = client.get(reverse("assessment:competency_list"), {"segera": "1"})
    assert "JHT 777" not in soon.content.decode()


def test_a_company_user_cannot_open_the_assessment_pages(client, cast):
    client.force_login(cast.hr_a)
    for name in ["session_list", "certificate_list", "scheme_list", "competency_list"]:
        assert client.get(reverse(f"assessment:{name}")).status_code == 404


def test_office_staff_add_a_scheme_with_units_one_per_line(client, cast, world):
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("assessment:scheme_list"),
        {
            "code": "SKM-TB-2",
            "name": "Juru Masak",
            "kind": "occupation",
            "vocation": world.scheme.vocation_id,
            "units": "I.55HDR00.001.1 | Menyiapkan bahan\nI.55HDR00.002.1 | Memasak",
        },
    )
    assert response.status_code == 302
    assert "I.55HDR00.002.1" in client.get(reverse("assessment:scheme_list")).content.decode()


def test_the_pdf_shows_the_number_and_the_code_that_opens_the_verification_page(
    client, cast, world, tmp_path, pdftotext
):
    import subprocess

    from jejaring.core.documents import code_for, format_code

    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    client.force_login(cast.operator)
    response = client.get(reverse("assessment:certificate_download", args=[certificate.pk]))
    words = format_code(code_for(certificate))
    pdf = tmp_path / "sertifikat.pdf"
    pdf.write_bytes(response.content)
    # A fixed tool on a file this test wrote: no untrusted input reaches the command.
    text = subprocess.run(  # noqa: S603
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert certificate.number in text
    assert certificate.enrolment.person.full_name in text
    assert words in text
    assert f"http://testserver/verifikasi/{words}/" in "".join(text.split())
    client.logout()
    page = client.get(f"/verifikasi/{words}/")
    assert page.status_code == 200
    assert certificate.number in page.content.decode()


def test_the_assessor_marks_an_absent_candidate_and_the_session_can_then_complete(
    client, cast, world
):
    client.force_login(cast.assessor_user)
    client.post(
        reverse("assessment:candidate_results", args=[world.candidate_1.pk]),
        _results_post(world),
    )
    response = client.post(reverse("assessment:candidate_absent", args=[world.candidate_2.pk]))
    assert response.status_code == 302
    world.candidate_2.refresh_from_db()
    assert world.candidate_2.status == Candidate.Status.ABSENT
    client.force_login(cast.operator)
    url = reverse("assessment:session_status", args=[world.session.pk])
    assert client.post(url, {"status": "completed"}).status_code == 302
    world.session.refresh_from_db()
    assert world.session.status == "completed"


def test_a_session_with_candidates_pending_cannot_complete(client, cast, world):
    client.force_login(cast.assessor_user)
    client.post(
        reverse("assessment:candidate_results", args=[world.candidate_1.pk]),
        {f"result_{world.units[0].pk}": "K"},
    )
    client.force_login(cast.operator)
    url = reverse("assessment:session_status", args=[world.session.pk])
    client.post(url, {"status": "completed"})
    world.session.refresh_from_db()
    assert world.session.status == "ongoing"
    page = client.get(reverse("assessment:session_detail", args=[world.session.pk]))
    assert "Masih ada asesi yang belum dinilai" in page.content.decode()


def test_the_session_page_needs_a_constant_number_of_queries(
    client, cast, world, django_assert_max_num_queries
):
    client.force_login(cast.operator)
    with django_assert_max_num_queries(14):
        assert (
            client.get(reverse("assessment:session_detail", args=[world.session.pk])).status_code
            == 200
        )


def test_the_trainee_page_shows_results_per_unit(client, cast, world):
    services.unit_results_record(
        actor=cast.assessor_user,
        candidate=world.candidate_1,
        results={u.pk: ("K", "") for u in world.units},
    )
    client.force_login(cast.trainee_1)
    html = client.get(reverse("assessment:my_results")).content.decode()
    assert "C.141000.003.01" in html
    assert "Kompeten" in html


def test_lookups_by_printed_number_are_limited_per_address_but_qr_tokens_are_not(
    client, cast, world
):
    from jejaring.assessment.selectors import NUMBER_LOOKUPS
    from jejaring.core.tests.test_limits import clear_limits

    clear_limits()
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    for serial in range(NUMBER_LOOKUPS.count):
        client.get(f"/verifikasi/{quote(f'BLK-1/2026/{serial:04d}')}/")
    walked = client.get(f"/verifikasi/{quote(certificate.number)}/")
    assert walked.status_code == 429
    assert "Terlalu banyak pencarian" in walked.content.decode()
    assert "SAH" not in walked.content.decode()
    by_token = client.get(f"/verifikasi/{certificate.verification_token}/")
    assert by_token.status_code == 200
    elsewhere = client.get(f"/verifikasi/{quote(certificate.number)}/", REMOTE_ADDR="10.9.8.7")
    assert elsewhere.status_code == 200
    clear_limits()

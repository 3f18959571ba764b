from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from jejaring.core.models import AuditEvent, ImportJob
from jejaring.core.spreadsheets import Sheet, xlsx_bytes
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.social_security import audit_actions
from jejaring.social_security.models import Coverage, CoverageOverride, Incident
from jejaring.social_security.tests.factories import CoverageFactory, IncidentFactory, bpu_rate
from jejaring.social_security.tests.outsiders import _coverage_of_region_b
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

TODAY = timezone.localdate()
# The batch below starts in five days: starting it now needs a reason of its own.
EARLY = "Jadwal instruktur maju."


@pytest.fixture
def batch(cast):
    return BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        start_date=TODAY + timedelta(days=5),
        end_date=TODAY + timedelta(days=60),
        status=Batch.Status.SELECTION,
    )


def accepted(batch, person):
    return EnrolmentFactory(batch=batch, person=person, status=Enrolment.Status.ACCEPTED)


def cover_of(enrolment):
    return Coverage.objects.get(enrolment=enrolment)


def test_the_list_of_a_batch_is_built_once_however_often_the_button_is_pressed(client, cast, batch):
    # Enrolments made by the factory bypass the accepted event, as an import would.
    accepted(batch, cast.person_1)
    accepted(batch, cast.person_2)
    client.force_login(cast.staff_a)
    for _ in range(2):
        response = client.post(f"/bpjs/paket/{batch.pk}/susun/", follow=True)
    assert response.status_code == 200
    covers = Coverage.objects.filter(enrolment__batch=batch)
    assert covers.count() == 2
    assert {(c.payer, c.status, c.cover_start, c.cover_end) for c in covers} == {
        (Coverage.Payer.OFFICE, Coverage.Status.TO_REGISTER, batch.start_date, batch.end_date)
    }


def test_starting_a_batch_with_an_uncovered_participant_is_refused_naming_them(client, cast, batch):
    accepted(batch, cast.person_1)
    client.force_login(cast.staff_a)
    response = client.post(
        f"/bpjs/paket/{batch.pk}/mulai/", {"override_reason": "", "early_start_reason": EARLY}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "Paket belum dapat dimulai" in text
    assert "belum memiliki perlindungan BPJS Ketenagakerjaan aktif" in text
    assert cast.person_1.full_name in text
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION


def test_an_override_with_a_reason_starts_the_batch_and_is_audited(client, cast, batch):
    accepted(batch, cast.person_1)
    client.force_login(cast.staff_a)
    response = client.post(
        f"/bpjs/paket/{batch.pk}/mulai/",
        {
            "override_reason": "Kartu KPJ terbit besok; peserta sudah didaftarkan.",
            "early_start_reason": EARLY,
        },
    )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == Batch.Status.RUNNING
    override = CoverageOverride.objects.get(batch=batch)
    assert override.decided_by == cast.staff_a
    assert AuditEvent.objects.filter(action=audit_actions.COVER_OVERRIDE).exists()


def test_a_fully_covered_batch_starts_without_a_reason(client, cast, batch):
    enrolment = accepted(batch, cast.person_1)
    CoverageFactory(
        enrolment=enrolment,
        status=Coverage.Status.ACTIVE,
        kpj_number="12345678901",
        cover_start=batch.start_date,
        cover_end=batch.end_date,
    )
    client.force_login(cast.staff_a)
    response = client.post(
        f"/bpjs/paket/{batch.pk}/mulai/", {"override_reason": "", "early_start_reason": EARLY}
    )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == Batch.Status.RUNNING


def test_staff_mark_a_list_registered_then_active_once_each_has_a_card_number(client, cast, batch):
    one = CoverageFactory(enrolment=accepted(batch, cast.person_1), status="to_register")
    two = CoverageFactory(enrolment=accepted(batch, cast.person_2), status="to_register")
    client.force_login(cast.staff_a)
    client.post(
        "/bpjs/kepesertaan/status/",
        {"status": "registered", "coverage": [one.pk, two.pk], "confirm": "1"},
    )
    assert set(Coverage.objects.values_list("status", flat=True)) == {"registered"}
    response = client.post(
        "/bpjs/kepesertaan/status/",
        {"status": "active", "coverage": [one.pk], "confirm": "1"},
        follow=True,
    )
    assert "Nomor KPJ belum ada" in response.content.decode()
    assert Coverage.objects.get(pk=one.pk).status == "registered"
    response = client.post(f"/bpjs/kepesertaan/{one.pk}/", {"kpj_number": "23456789012"})
    assert response.status_code == 302
    one.refresh_from_db()
    assert (one.status, one.kpj_number) == ("active", "23456789012")
    assert AuditEvent.objects.filter(action=audit_actions.COVERAGE_STATUS).count() == 2


def test_a_bulk_change_with_another_regions_cover_changes_nothing(client, cast, batch):
    own = CoverageFactory(enrolment=accepted(batch, cast.person_1), status="to_register")
    other = Coverage.objects.get(pk=_coverage_of_region_b(cast))
    client.force_login(cast.staff_a)
    response = client.post(
        "/bpjs/kepesertaan/status/",
        {"status": "registered", "coverage": [own.pk, other.pk], "confirm": "1"},
        follow=True,
    )
    assert "Kepesertaan tidak ditemukan" in response.content.decode()
    assert Coverage.objects.get(pk=own.pk).status == "to_register"


def test_the_dashboard_warns_of_a_batch_starting_soon_with_uncovered_participants(
    client, cast, batch, settings
):
    accepted(batch, cast.person_1)
    later = BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        code="LATER-1",
        start_date=TODAY + timedelta(days=40),
        end_date=TODAY + timedelta(days=80),
        status=Batch.Status.OPEN,
    )
    accepted(later, cast.person_2)
    client.force_login(cast.staff_a)
    response = client.get("/bpjs/")
    warnings = response.context["warnings"]
    assert [w.batch_id for w in warnings] == [batch.pk]
    assert warnings[0].uncovered == [cast.person_1.full_name]
    settings.BPJS_WARNING_DAYS = 45
    warnings = client.get("/bpjs/").context["warnings"]
    assert [w.batch_id for w in warnings] == [batch.pk, later.pk]


def test_the_dashboard_warns_of_an_internship_without_active_cover(client, cast):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP)
    ReferralFactory(
        formation=formation,
        person=cast.person_1,
        status=Referral.Status.STARTED,
        started_on=TODAY + timedelta(days=2),
    )
    client.force_login(cast.staff_a)
    warnings = client.get("/bpjs/").context["warnings"]
    assert [(w.kind, w.uncovered) for w in warnings] == [("internship", [cast.person_1.full_name])]


def test_building_the_internship_list_covers_started_interns_paid_by_the_company(client, cast):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP)
    referral = ReferralFactory(
        formation=formation,
        person=cast.person_1,
        status=Referral.Status.STARTED,
        started_on=TODAY,
        ended_on=TODAY + timedelta(days=90),
    )
    client.force_login(cast.staff_a)
    client.post("/bpjs/magang/susun/")
    client.post("/bpjs/magang/susun/")
    cover = Coverage.objects.get(referral=referral)
    assert (cover.payer, cover.payer_company, cover.cover_end) == (
        Coverage.Payer.COMPANY,
        cast.company_a,
        TODAY + timedelta(days=90),
    )


def test_the_registration_export_has_full_niks_and_is_audited(client, cast, batch):
    CoverageFactory(enrolment=accepted(batch, cast.person_1), status="to_register")
    client.force_login(cast.staff_a)
    response = client.get("/bpjs/ekspor-pendaftaran/")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("NIK", "Nama", "Tanggal lahir")
    assert rows[1][0] == cast.person_1.nik
    assert AuditEvent.objects.filter(action=audit_actions.REGISTRATIONS_EXPORT).exists()


def _upload(rows):
    data = xlsx_bytes([Sheet(title="KPJ", headers=["NIK", "Nama", "Nomor KPJ"], rows=rows)])
    return SimpleUploadedFile("balikan.xlsx", data)


def test_the_insurers_file_activates_cover_after_confirmation(
    client, cast, batch, django_capture_on_commit_callbacks
):
    one = CoverageFactory(enrolment=accepted(batch, cast.person_1))
    client.force_login(cast.staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/bpjs/impor-kpj/", {"file": _upload([[cast.person_1.nik, "x", "34567890123"]])}
        )
    job = ImportJob.objects.get()
    assert response["Location"] == f"/impor/{job.pk}/"
    assert job.status == ImportJob.Status.VALIDATED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/impor/{job.pk}/impor/")
    one.refresh_from_db()
    assert (one.status, one.kpj_number) == ("active", "34567890123")


def test_an_insurers_file_with_bad_rows_lists_each_and_writes_nothing(
    client, cast, batch, django_capture_on_commit_callbacks
):
    one = CoverageFactory(enrolment=accepted(batch, cast.person_1))
    client.force_login(cast.staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/bpjs/impor-kpj/",
            {
                "file": _upload(
                    [
                        [cast.person_1.nik, "x", "34567890123"],
                        ["3375010101010001", "y", "45678901234"],
                        [cast.person_2.nik, "z", "12"],
                    ]
                )
            },
        )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REJECTED
    assert sorted({e["row"] for e in job.errors}) == [3, 4]
    one.refresh_from_db()
    assert (one.status, one.kpj_number) == ("registered", "")


def test_the_import_template_has_the_columns_read(client, cast):
    client.force_login(cast.staff_a)
    response = client.get("/bpjs/impor-kpj/templat/")
    header = next(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert header == ("NIK", "Nomor KPJ", "Nama")


def test_the_premium_report_page_and_its_workbook_agree(client, cast, batch):
    bpu_rate()
    CoverageFactory(
        enrolment=accepted(batch, cast.person_1),
        cover_start=date(2026, 3, 1),
        cover_end=date(2026, 3, 31),
    )
    CoverageFactory(
        enrolment=accepted(batch, cast.person_2),
        cover_start=date(2026, 3, 17),
        cover_end=date(2026, 3, 31),
    )
    client.force_login(cast.staff_a)
    response = client.get("/bpjs/iuran/", {"month": "2026-03", "payer": "office"})
    report = response.context["report"]
    assert sorted(line.premium.total for line in report.lines) == [8_129, 16_800]
    assert report.total == 24_929
    response = client.get("/bpjs/iuran/", {"month": "2026-03", "payer": "office", "format": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[-1][-1] == 24_929


@pytest.mark.parametrize(("language", "expected"), [("id", "JKK 0,24 %"), ("en", "JKK 0.24 %")])
def test_the_tariff_reads_as_a_percentage_without_trailing_zeros(client, cast, language, expected):
    bpu_rate()  # stored as 1.000: "1 %", never "1,000 %"
    bpu_rate(valid_from=date(2026, 6, 1), jkk_pct="0.240")
    client.force_login(cast.staff_a)
    client.cookies["jejaring_language"] = language
    page = client.get("/bpjs/iuran/", {"month": "2026-03", "payer": "office"}).content.decode()
    assert "JKK 1 %" in page
    assert "1,000" not in page and "1.000 %" not in page
    page = client.get("/bpjs/iuran/", {"month": "2026-07", "payer": "office"}).content.decode()
    assert expected in page


def test_a_bad_month_gets_a_clear_message(client, cast):
    client.force_login(cast.staff_a)
    response = client.get("/bpjs/iuran/", {"month": "2026-13", "payer": "office"})
    assert response.status_code == 200
    assert response.context["report"] is None
    assert response.context["form"].errors


def test_company_hr_records_an_incident_of_their_intern_and_staff_are_emailed(
    client, cast, django_capture_on_commit_callbacks
):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP)
    referral = ReferralFactory(formation=formation, person=cast.person_1, status="started")
    cover = Coverage.objects.create(
        region=cast.region_a,
        person=cast.person_1,
        kind=Coverage.Kind.INTERN,
        referral=referral,
        payer=Coverage.Payer.COMPANY,
        payer_company=cast.company_a,
        kpj_number="12345678901",
        declared_income=1_000_000,
        cover_start=TODAY - timedelta(days=10),
        cover_end=TODAY + timedelta(days=80),
        status=Coverage.Status.ACTIVE,
    )
    cast.staff_a.email = "staf@disnaker.example"
    cast.staff_a.save()
    client.force_login(cast.hr_a)
    data = {
        "coverage": cover.pk,
        "kind": "accident",
        "occurred_at": f"{TODAY:%Y-%m-%d}T09:15",
        "place": "Lantai produksi",
        "description": "Kaki tertimpa gulungan kain.",
        "injury": "Memar",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/bpjs/kejadian/baru/", data)
    incident = Incident.objects.get()
    assert response["Location"] == f"/bpjs/kejadian/{incident.pk}/"
    assert [m.to for m in mail.outbox] == [["staf@disnaker.example"]]
    # The other company's HR cannot see it, nor choose the intern.
    client.force_login(cast.hr_b)
    assert client.get(f"/bpjs/kejadian/{incident.pk}/").status_code == 404
    response = client.post("/bpjs/kejadian/baru/", data)
    assert response.status_code == 200
    assert Incident.objects.count() == 1


def test_staff_follow_a_claim_to_paid_and_a_final_claim_cannot_change(client, cast):
    incident = IncidentFactory(coverage__enrolment__batch__region=cast.region_a)
    client.force_login(cast.staff_a)
    url = f"/bpjs/kejadian/{incident.pk}/"
    response = client.post(url, {"claim_status": "paid", "claim_number": ""})
    assert "tidak dapat diubah" in response.content.decode()
    for status in ("submitted", "in_process", "paid"):
        client.post(url, {"claim_status": status, "claim_number": "JKK/1"})
    incident.refresh_from_db()
    assert (incident.claim_status, incident.claim_number) == ("paid", "JKK/1")
    assert client.get(url).context["form"] is None
    assert AuditEvent.objects.filter(action=audit_actions.INCIDENT_CLAIM).count() == 3


def test_a_trainee_sees_their_own_card_number_only(client, cast, batch):
    CoverageFactory(
        enrolment=accepted(batch, cast.person_1), status="active", kpj_number="56789012345"
    )
    CoverageFactory(
        enrolment=accepted(batch, cast.person_2), status="active", kpj_number="67890123456"
    )
    client.force_login(cast.trainee_1)
    text = client.get("/bpjs/saya/").content.decode()
    assert "56789012345" in text
    assert "67890123456" not in text
    assert client.get("/bpjs/").status_code == 404


def test_company_hr_see_only_their_interns_cover(client, cast):
    for company, person in ((cast.company_a, cast.person_1), (cast.company_b, cast.person_2)):
        formation = FormationFactory(company=company, kind=Formation.Kind.INTERNSHIP)
        referral = ReferralFactory(
            formation=formation, person=person, status="started", started_on=TODAY
        )
        client.force_login(cast.staff_a)
    from jejaring.social_security import services

    services.coverage_list_build_internships(actor=cast.staff_a)
    client.force_login(cast.hr_a)
    coverages = list(client.get("/bpjs/magang/").context["coverages"])
    assert [c.person for c in coverages] == [cast.person_1]
    assert referral  # the last one belongs to company B


@pytest.mark.parametrize(
    "url",
    [
        "/bpjs/",
        "/bpjs/kepesertaan/",
        "/bpjs/kejadian/",
        "/bpjs/kejadian/baru/",
        "/bpjs/iuran/",
        "/bpjs/impor-kpj/",
        "/bpjs/ekspor-pendaftaran/",
    ],
)
def test_every_staff_page_opens(client, cast, url):
    client.force_login(cast.staff_a)
    assert client.get(url).status_code == 200


def test_the_dashboard_takes_a_fixed_number_of_queries(
    client, cast, batch, django_assert_max_num_queries
):
    for person in (cast.person_1, cast.person_2):
        CoverageFactory(enrolment=accepted(batch, person))
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(20):
        client.get("/bpjs/")


def test_the_cover_list_takes_the_same_queries_however_many_people(client, cast, batch):
    CoverageFactory(enrolment=accepted(batch, cast.person_1))
    client.force_login(cast.staff_a)
    client.get("/bpjs/kepesertaan/")  # warm the session and scope caches
    with CaptureQueriesContext(connection) as one:
        client.get("/bpjs/kepesertaan/")
    CoverageFactory(enrolment=accepted(batch, cast.person_2))
    for _ in range(3):
        CoverageFactory(enrolment__batch=batch)
    with CaptureQueriesContext(connection) as five:
        response = client.get("/bpjs/kepesertaan/")
    assert len(response.context["page_obj"].rows) == 5
    assert len(five) == len(one)


def test_a_person_reads_their_cover_but_cannot_activate_it(client, cast, batch):
    cover = CoverageFactory(enrolment=accepted(batch, cast.person_1))
    client.force_login(cast.trainee_1)
    assert client.get(f"/bpjs/kepesertaan/{cover.pk}/").status_code == 200
    response = client.post(f"/bpjs/kepesertaan/{cover.pk}/", {"kpj_number": "12345678901"})
    assert response.status_code == 404
    cover.refresh_from_db()
    assert cover.status == Coverage.Status.REGISTERED


def test_the_registration_export_of_one_batch_leaves_out_the_others(client, cast, batch):
    CoverageFactory(enrolment=accepted(batch, cast.person_1), status="to_register")
    CoverageFactory(enrolment__batch__region=cast.region_a, status="to_register")
    client.force_login(cast.staff_a)
    response = client.get(f"/bpjs/ekspor-pendaftaran/?paket={batch.pk}")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [cast.person_1.nik]

"""The training staff pages as office staff and operators use them: who sees what, bad
input changing nothing, and selection and attendance walked through the pages."""

from datetime import date
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jejaring.core import gates
from jejaring.core.gates import GateProblem
from jejaring.core.models import AuditEvent
from jejaring.trainees.models import Education
from jejaring.training import audit_actions as actions
from jejaring.training.models import (
    Attendance,
    Batch,
    BatchSession,
    CompetencyUnit,
    Enrolment,
    EnrolmentDocument,
    FundingSource,
    Instructor,
    InstructorCredential,
    Program,
    TrainingInstitution,
)
from jejaring.training.tests.factories import (
    BatchFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgramFactory,
    VocationFactory,
)

pytestmark = pytest.mark.django_db


def _batch(cast, **kwargs):
    return BatchFactory(program__institution=cast.lpks, **kwargs)


# --- who sees what ---------------------------------------------------------------------


def test_an_operator_sees_only_their_own_institution_s_batches(client, cast):
    own = _batch(cast, name="Menjahit LPKS")
    blk = InstitutionFactory(region=cast.region_a, name="BLK Kota Pekalongan")
    other = BatchFactory(program__institution=blk, name="Las BLK")
    client.force_login(cast.operator)
    page = client.get(reverse("training:batch_list")).content.decode()
    assert own.name in page
    assert other.name not in page
    assert client.get(reverse("training:batch_detail", args=[other.pk])).status_code == 404
    client.force_login(cast.staff_a)
    page = client.get(reverse("training:batch_list")).content.decode()
    assert own.name in page and other.name in page


def test_office_staff_of_another_region_and_company_hr_get_404(client, cast):
    batch = _batch(cast)
    client.force_login(cast.staff_b)
    assert client.get(reverse("training:batch_detail", args=[batch.pk])).status_code == 404
    assert client.get(reverse("training:batch_selection", args=[batch.pk])).status_code == 404
    client.force_login(cast.hr_a)
    assert client.get(reverse("training:batch_list")).status_code == 404
    assert client.get(reverse("training:institution_list")).status_code == 404


def test_the_batch_list_filters_by_status_year_and_funding_source(client, cast):
    _batch(cast, name="Paket APBD terbuka", status=Batch.Status.OPEN)
    _batch(cast, name="Paket DBHCHT", funding_source=FundingSource.DBHCHT)
    _batch(cast, name="Paket lama", year=2024)
    client.force_login(cast.staff_a)
    url = reverse("training:batch_list")
    page = client.get(url, {"funding_source": "dbhcht"}).content.decode()
    assert "Paket DBHCHT" in page and "Paket APBD terbuka" not in page
    page = client.get(url, {"status": "open"}).content.decode()
    assert "Paket APBD terbuka" in page and "Paket DBHCHT" not in page
    page = client.get(url, {"year": "2024"}).content.decode()
    assert "Paket lama" in page and "Paket DBHCHT" not in page
    # A nonsense filter is ignored rather than an error.
    assert client.get(url, {"year": "abc", "status": "x"}).status_code == 200


def test_the_batch_list_exports_to_xlsx_with_the_same_filters(client, cast):
    _batch(cast, code="PKT-DBH", funding_source=FundingSource.DBHCHT)
    _batch(cast, code="PKT-APBD")
    client.force_login(cast.operator)
    response = client.get(reverse("training:batch_list_export"), {"funding_source": "dbhcht"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == ["PKT-DBH"]


# --- institutions, programs, instructors ----------------------------------------------


def test_office_staff_register_an_institution_and_the_write_is_audited(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("training:institution_create"),
        {"kind": "lpks", "name": "LPKS Batik Jaya", "phone": "0285 123456", "is_active": "on"},
    )
    institution = TrainingInstitution.objects.get(name="LPKS Batik Jaya")
    assert response.status_code == 302
    assert institution.region == cast.region_a
    assert AuditEvent.objects.filter(action=actions.INSTITUTION_CREATE).exists()
    page = client.get(reverse("training:institution_detail", args=[institution.pk]))
    assert "LPKS Batik Jaya" in page.content.decode()


def test_a_duplicate_or_empty_institution_changes_nothing(client, cast):
    client.force_login(cast.staff_a)
    before = TrainingInstitution.objects.count()
    url = reverse("training:institution_create")
    duplicate = client.post(url, {"kind": "lpks", "name": cast.lpks.name})
    assert duplicate.status_code == 200
    assert "sudah terdaftar" in duplicate.content.decode()
    assert client.post(url, {"kind": "lpks", "name": "  "}).status_code == 200
    assert client.post(url, {"kind": "bengkel", "name": "X"}).status_code == 200
    assert TrainingInstitution.objects.count() == before


def test_operators_may_not_register_institutions_but_may_edit_their_own(client, cast):
    client.force_login(cast.operator)
    assert client.get(reverse("training:institution_create")).status_code == 404
    url = reverse("training:institution_edit", args=[cast.lpks.pk])
    response = client.post(url, {"kind": "lpks", "name": cast.lpks.name, "phone": "0285777"})
    assert response.status_code == 302
    cast.lpks.refresh_from_db()
    assert cast.lpks.phone == "0285777"
    other = InstitutionFactory(region=cast.region_a)
    edit_other = reverse("training:institution_edit", args=[other.pk])
    assert client.get(edit_other).status_code == 404


def test_an_operator_adds_a_program_with_its_completion_rule_and_units(client, cast):
    unit = CompetencyUnit.objects.create(code="C.141000.001.01", title="Menjahit dengan mesin")
    vocation = VocationFactory()
    client.force_login(cast.operator)
    response = client.post(
        reverse("training:program_create"),
        {
            "institution": cast.lpks.pk,
            "vocation": vocation.pk,
            "code": "JHT-01",
            "name": "Menjahit Pakaian",
            "hours_jp": 240,
            "duration_days": 28,
            "default_capacity": 20,
            "min_attendance_pct": 85,
            "units": [unit.pk],
            "status": "active",
        },
    )
    assert response.status_code == 302
    program = Program.objects.get(code="JHT-01")
    assert program.min_attendance_pct == 85
    assert list(program.units.all()) == [unit]
    page = client.get(reverse("training:program_list")).content.decode()
    assert "Menjahit Pakaian" in page and "85 %" in page


def test_a_program_at_another_institution_or_with_bad_numbers_is_refused(client, cast):
    blk = InstitutionFactory(region=cast.region_a)
    vocation = VocationFactory()
    client.force_login(cast.operator)
    values = {
        "vocation": vocation.pk,
        "code": "X-1",
        "name": "Las",
        "hours_jp": 240,
        "duration_days": 28,
        "default_capacity": 16,
        "min_attendance_pct": 80,
        "status": "active",
    }
    url = reverse("training:program_create")
    assert client.post(url, {**values, "institution": blk.pk}).status_code == 200
    assert client.post(url, {**values, "institution": cast.lpks.pk, "hours_jp": 0}).status_code
    assert client.post(url, {**values, "institution": cast.lpks.pk, "min_attendance_pct": 101})
    assert not Program.objects.filter(code="X-1").exists()


def test_an_instructor_with_credentials_is_recorded(client, cast):
    client.force_login(cast.operator)
    response = client.post(
        reverse("training:instructor_create"),
        {"full_name": "Sri Wahyuni", "institution": cast.lpks.pk, "status": "active"},
    )
    assert response.status_code == 302
    instructor = Instructor.objects.get(full_name="Sri Wahyuni")
    assert instructor.region == cast.region_a
    add = reverse("training:credential_add", args=[instructor.pk])
    bad = client.post(
        add, {"title": "Metodologi", "issued_on": "2025-05-01", "valid_until": "2024-01-01"}
    )
    assert bad.status_code == 422
    assert not InstructorCredential.objects.exists()
    client.post(add, {"title": "Metodologi Pelatihan Berbasis Kompetensi", "number": "MP-7"})
    page = client.get(reverse("training:instructor_detail", args=[instructor.pk]))
    assert "MP-7" in page.content.decode()


def test_an_operator_must_choose_their_institution_for_an_instructor(client, cast):
    client.force_login(cast.operator)
    response = client.post(
        reverse("training:instructor_create"), {"full_name": "Tanpa Lembaga", "status": "active"}
    )
    assert response.status_code == 200
    assert not Instructor.objects.filter(full_name="Tanpa Lembaga").exists()


# --- batches ---------------------------------------------------------------------------


def _batch_form(program, **overrides):
    values = {
        "program": program.pk,
        "code": "LPKS-JHT-01",
        "name": "Menjahit Angkatan 1",
        "year": 2026,
        "funding_source": "dbhcht",
        "start_date": "2026-03-02",
        "end_date": "2026-04-10",
        "min_age": 18,
        "max_age": 35,
        "min_education": "smp",
        "residents_only": "on",
    }
    values.update(overrides)
    return values


def test_an_operator_creates_a_batch_with_the_program_s_capacity_and_criteria(client, cast):
    program = ProgramFactory(institution=cast.lpks, default_capacity=20)
    instructor = Instructor.objects.create(
        region=cast.region_a, institution=cast.lpks, full_name="Sri"
    )
    client.force_login(cast.operator)
    response = client.post(
        reverse("training:batch_create"), _batch_form(program, instructors=[instructor.pk])
    )
    batch = Batch.objects.get(code="LPKS-JHT-01")
    assert response.status_code == 302
    assert batch.capacity == 20
    assert batch.status == Batch.Status.PLANNED
    assert (batch.min_age, batch.max_age, batch.min_education) == (18, 35, "smp")
    assert list(batch.instructors.all()) == [instructor]


def test_a_batch_ending_before_it_starts_or_with_a_reversed_age_range_is_not_created(client, cast):
    program = ProgramFactory(institution=cast.lpks)
    client.force_login(cast.operator)
    url = reverse("training:batch_create")
    assert client.post(url, _batch_form(program, end_date="2026-01-01")).status_code == 200
    assert client.post(url, _batch_form(program, min_age=40, max_age=20)).status_code == 200
    assert client.post(url, _batch_form(program, funding_source="hibah")).status_code == 200
    assert not Batch.objects.exists()


def test_editing_a_batch_keeps_the_quota_above_those_accepted(client, cast):
    batch = _batch(cast, status=Batch.Status.SELECTION, capacity=3)
    EnrolmentFactory.create_batch(2, batch=batch, status=Enrolment.Status.ACCEPTED)
    client.force_login(cast.operator)
    url = reverse("training:batch_edit", args=[batch.pk])
    form = _batch_form(batch.program, code=batch.code, capacity=1)
    response = client.post(url, form)
    assert "sudah diterima" in response.content.decode()
    batch.refresh_from_db()
    assert batch.capacity == 3
    client.post(url, {**form, "capacity": 2, "name": "Nama baru"})
    batch.refresh_from_db()
    assert (batch.capacity, batch.name) == (2, "Nama baru")
    assert AuditEvent.objects.filter(action=actions.BATCH_UPDATE).exists()


def test_status_moves_on_through_the_page_and_cancelling_needs_a_reason(client, cast):
    batch = _batch(cast)
    client.force_login(cast.operator)
    url = reverse("training:batch_status", args=[batch.pk])
    client.post(url, {"status": "open"})
    batch.refresh_from_db()
    assert batch.status == Batch.Status.OPEN
    response = client.post(url, {"status": "finished"})
    batch.refresh_from_db()
    assert batch.status == Batch.Status.OPEN
    assert response.status_code == 302
    assert client.post(url, {"status": "cancelled", "reason": " "}).status_code == 422
    batch.refresh_from_db()
    assert batch.status == Batch.Status.OPEN
    client.post(url, {"status": "cancelled", "reason": "Dana ditunda", "confirm": "1"})
    batch.refresh_from_db()
    assert (batch.status, batch.status_reason) == ("cancelled", "Dana ditunda")


def _blocking_gate(**kwargs):
    return [GateProblem(gate="training.batch.start", code="no_cover", message="Belum BPJS")]


def test_a_refused_start_shows_why_and_only_office_staff_may_override(client, cast, monkeypatch):
    monkeypatch.setattr(gates, "_checks", {"training.batch.start": [_blocking_gate]})
    monkeypatch.setattr(gates, "_overrides", {})
    batch = _batch(cast, status=Batch.Status.SELECTION)
    url = reverse("training:batch_status", args=[batch.pk])
    client.force_login(cast.operator)
    refused = client.post(url, {"status": "running"})
    assert refused.status_code == 409
    assert "Belum BPJS" in refused.content.decode()
    assert "override_reason" not in refused.content.decode()
    client.force_login(cast.staff_a)
    offered = client.post(url, {"status": "running"})
    assert 'name="override_reason"' in offered.content.decode()
    empty = client.post(url, {"status": "running", "override_reason": "  "})
    assert empty.status_code == 409
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION
    client.post(url, {"status": "running", "override_reason": "BPJS menyusul pekan ini"})
    batch.refresh_from_db()
    assert batch.status == Batch.Status.RUNNING


def test_sessions_are_generated_from_the_batch_page(client, cast):
    batch = _batch(cast, start_date=date(2026, 3, 2), end_date=date(2026, 3, 8))
    client.force_login(cast.operator)
    client.post(reverse("training:batch_sessions", args=[batch.pk]))
    assert BatchSession.objects.filter(batch=batch).count() == 5


def test_the_batch_page_links_to_selection_export_and_import(client, cast):
    batch = _batch(cast, status=Batch.Status.OPEN)
    client.force_login(cast.operator)
    page = client.get(reverse("training:batch_detail", args=[batch.pk])).content.decode()
    assert reverse("training:batch_selection", args=[batch.pk]) in page
    assert reverse("training_export:batch_export", kwargs={"batch_id": batch.pk}) in page


# --- selection -------------------------------------------------------------------------


def _selection_batch(cast):
    return _batch(
        cast,
        status=Batch.Status.SELECTION,
        capacity=2,
        start_date=date(2026, 3, 2),
        min_age=18,
        max_age=30,
        min_education=Education.SMA,
        residents_only=True,
    )


def test_the_selection_page_shows_who_meets_which_criterion(client, cast):
    batch = _selection_batch(cast)
    EnrolmentFactory(
        batch=batch,
        person__full_name="Ayu Lestari",
        person__birth_date=date(2000, 1, 1),
        person__education=Education.SMK,
        person__domicile_regency_code=cast.region_a.code,
    )
    EnrolmentFactory(
        batch=batch,
        person__full_name="Budi Santoso",
        person__birth_date=date(1980, 1, 1),
        person__education=Education.SD,
        person__domicile_regency_code="33.19",
    )
    client.force_login(cast.operator)
    page = client.get(reverse("training:batch_selection", args=[batch.pk])).content.decode()
    ayu, budi = page.split("Ayu Lestari")[1].split("Budi Santoso")
    assert ayu.count("criterion-ok") == 3 and "criterion-bad" not in ayu
    assert budi.count("criterion-bad") == 3
    assert "0 / 2" in page


def test_accepting_one_and_rejecting_many_with_a_reason_emails_each(
    client, cast, django_capture_on_commit_callbacks
):
    batch = _selection_batch(cast)
    first, second, third = (
        EnrolmentFactory(batch=batch, person__email=f"p{n}@contoh.id") for n in range(3)
    )
    client.force_login(cast.operator)
    url = reverse("training:batch_selection", args=[batch.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"single": f"accepted:{first.pk}"})
    first.refresh_from_db()
    assert first.status == Enrolment.Status.ACCEPTED
    assert len(mail.outbox) == 1
    refused = client.post(url, {"decision": "rejected", "enrolments": [second.pk, third.pk]})
    assert refused.status_code == 422
    assert "Alasan penolakan wajib diisi" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "decision": "rejected",
                "enrolments": [second.pk, third.pk],
                "reason": "Kuota penuh",
                "confirm": "1",
            },
        )
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("rejected", "rejected")
    assert len(mail.outbox) == 3


def test_accepting_beyond_the_quota_or_another_batch_s_enrolment_changes_nothing(client, cast):
    batch = _selection_batch(cast)
    applicants = EnrolmentFactory.create_batch(3, batch=batch)
    stranger = EnrolmentFactory(batch=_batch(cast, status=Batch.Status.SELECTION))
    client.force_login(cast.operator)
    url = reverse("training:batch_selection", args=[batch.pk])
    full = client.post(
        url, {"decision": "accepted", "enrolments": [a.pk for a in applicants], "confirm": "1"}
    )
    assert full.status_code == 422
    assert "Kuota paket tidak cukup" in full.content.decode()
    foreign = client.post(url, {"decision": "accepted", "enrolments": [stranger.pk]})
    assert foreign.status_code == 422
    bogus = client.post(url, {"decision": "graduated", "enrolments": [applicants[0].pk]})
    assert bogus.status_code == 422
    assert not Enrolment.objects.filter(status=Enrolment.Status.ACCEPTED).exists()


# --- attendance ------------------------------------------------------------------------


def _running_batch(cast, participants=2):
    batch = _batch(cast, status=Batch.Status.RUNNING)
    sessions = [BatchSession.objects.create(batch=batch, date=date(2026, 3, d)) for d in (2, 3)]
    enrolments = EnrolmentFactory.create_batch(
        participants, batch=batch, status=Enrolment.Status.TRAINING
    )
    return batch, sessions, enrolments


def test_attendance_of_a_session_is_taken_in_one_form(client, cast):
    _, sessions, (ayu, budi) = _running_batch(cast)
    client.force_login(cast.operator)
    url = reverse("training:session_attendance", args=[sessions[0].pk])
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 2 * len(Attendance.Status.values)
    client.post(url, {f"p{ayu.pk}": "present", f"p{budi.pk}": "excused"})
    marks = dict(
        Attendance.objects.filter(session=sessions[0]).values_list("enrolment_id", "status")
    )
    assert marks == {ayu.pk: "present", budi.pk: "excused"}


def test_an_unknown_attendance_value_or_a_missing_person_changes_nothing(client, cast):
    _, sessions, (ayu, budi) = _running_batch(cast)
    client.force_login(cast.operator)
    url = reverse("training:session_attendance", args=[sessions[0].pk])
    assert client.post(url, {f"p{ayu.pk}": "present", f"p{budi.pk}": "asleep"}).status_code == 422
    assert client.post(url, {f"p{ayu.pk}": "present"}).status_code == 422
    assert not Attendance.objects.exists()


def test_finishing_the_batch_applies_the_completion_rule_shown_in_the_summary(client, cast):
    batch, sessions, (ayu, budi) = _running_batch(cast)
    client.force_login(cast.operator)
    for session in sessions:
        client.post(
            reverse("training:session_attendance", args=[session.pk]),
            {f"p{ayu.pk}": "present", f"p{budi.pk}": "absent"},
        )
    summary = client.get(reverse("training:batch_attendance", args=[batch.pk])).content.decode()
    assert ">100 %<" in summary and ">0 %<" in summary
    client.post(
        reverse("training:batch_status", args=[batch.pk]), {"status": "finished", "confirm": "1"}
    )
    ayu.refresh_from_db()
    budi.refresh_from_db()
    assert ayu.status == Enrolment.Status.GRADUATED
    assert budi.status == Enrolment.Status.DROPPED_OUT


def test_a_drop_out_is_recorded_with_a_reason(client, cast):
    _, _sessions, (ayu, _budi) = _running_batch(cast)
    client.force_login(cast.operator)
    url = reverse("training:enrolment_drop_out", args=[ayu.pk])
    assert client.post(url, {"reason": " "}).status_code == 200
    ayu.refresh_from_db()
    assert ayu.status == Enrolment.Status.TRAINING
    client.post(url, {"reason": "Diterima bekerja"})
    ayu.refresh_from_db()
    assert (ayu.status, ayu.status_reason) == ("dropped_out", "Diterima bekerja")


def test_pages_render_for_both_roles(client, cast):
    batch, sessions, _enrolments = _running_batch(cast)
    Instructor.objects.create(region=cast.region_a, institution=cast.lpks, full_name="Sri")
    for user in (cast.operator, cast.staff_a):
        client.force_login(user)
        for name, args in (
            ("training:batch_list", []),
            ("training:batch_create", []),
            ("training:batch_detail", [batch.pk]),
            ("training:batch_edit", [batch.pk]),
            ("training:batch_attendance", [batch.pk]),
            ("training:batch_selection", [batch.pk]),
            ("training:session_attendance", [sessions[0].pk]),
            ("training:institution_list", []),
            ("training:institution_detail", [cast.lpks.pk]),
            ("training:program_list", []),
            ("training:program_create", []),
            ("training:program_edit", [batch.program_id]),
            ("training:instructor_list", []),
            ("training:instructor_create", []),
        ):
            assert client.get(reverse(name, args=args)).status_code == 200, (user, name)


def test_the_batch_list_takes_the_same_queries_for_many_batches(
    client, cast, django_assert_max_num_queries
):
    _batch(cast)
    client.force_login(cast.staff_a)
    url = reverse("training:batch_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _n in range(10):
        _batch(cast)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_attendance_of_a_finished_batch_cannot_be_changed(client, cast):
    batch, sessions, (ayu, budi) = _running_batch(cast)
    Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.FINISHED)
    client.force_login(cast.operator)
    url = reverse("training:session_attendance", args=[sessions[0].pk])
    response = client.post(url, {f"p{ayu.pk}": "present", f"p{budi.pk}": "present"})
    assert response.status_code == 409
    assert not Attendance.objects.exists()
    assert not AuditEvent.objects.filter(action=actions.ATTENDANCE_RECORD).exists()


def test_a_selection_error_is_listed_once_above_the_applicants(client, cast):
    batch = _selection_batch(cast)
    enrolment = EnrolmentFactory(batch=batch)
    client.force_login(cast.operator)
    url = reverse("training:batch_selection", args=[batch.pk])
    page = client.post(url, {"single": f"rejected:{enrolment.pk}"}).content.decode()
    assert page.count('name="reason"') == 1
    assert "Alasan penolakan wajib diisi" in page
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.APPLIED


def test_a_session_gets_its_topic_hours_and_one_of_the_batch_s_instructors(client, cast):
    batch, sessions, _enrolments = _running_batch(cast)
    sri = Instructor.objects.create(region=cast.region_a, institution=cast.lpks, full_name="Sri")
    other = Instructor.objects.create(region=cast.region_a, institution=cast.lpks, full_name="Lain")
    batch.instructors.add(sri)
    client.force_login(cast.operator)
    url = reverse("training:session_edit", args=[sessions[0].pk])
    values = {"date": "2026-03-02", "starts_at": "08:00", "ends_at": "12:00", "topic": "K3"}
    assert client.post(url, {**values, "instructor": other.pk}).status_code == 200
    assert client.post(url, {**values, "date": "2026-05-01"}).status_code == 200
    assert client.post(url, {**values, "date": "2026-03-03", "starts_at": ""}).status_code == 200
    sessions[0].refresh_from_db()
    assert (sessions[0].topic, sessions[0].instructor) == ("", None)
    client.post(url, {**values, "instructor": sri.pk})
    sessions[0].refresh_from_db()
    assert (sessions[0].topic, sessions[0].instructor) == ("K3", sri)
    page = client.get(reverse("training:batch_detail", args=[batch.pk])).content.decode()
    assert "08.00–12.00 · K3" in page


def test_editing_a_program_and_an_instructor_keeps_their_institution(client, cast):
    program = ProgramFactory(institution=cast.lpks, min_attendance_pct=80)
    instructor = Instructor.objects.create(
        region=cast.region_a, institution=cast.lpks, full_name="Sri"
    )
    client.force_login(cast.operator)
    response = client.post(
        reverse("training:program_edit", args=[program.pk]),
        {
            "institution": InstitutionFactory(region=cast.region_a).pk,
            "vocation": program.vocation_id,
            "code": program.code,
            "name": "Menjahit Lanjutan",
            "hours_jp": 300,
            "duration_days": 35,
            "default_capacity": 20,
            "min_attendance_pct": 90,
            "status": "active",
        },
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.name, program.min_attendance_pct) == ("Menjahit Lanjutan", 90)
    assert program.institution == cast.lpks
    client.post(
        reverse("training:instructor_edit", args=[instructor.pk]),
        {"full_name": "Sri Wahyuni", "institution": cast.lpks.pk, "status": "inactive"},
    )
    instructor.refresh_from_db()
    assert (instructor.full_name, instructor.status) == ("Sri Wahyuni", "inactive")
    assert AuditEvent.objects.filter(action=actions.PROGRAM_UPDATE).exists()
    assert AuditEvent.objects.filter(action=actions.INSTRUCTOR_UPDATE).exists()


def test_the_menu_offers_batches_to_operators_and_own_training_to_trainees(client, cast):
    client.force_login(cast.operator)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("training:batch_list") in page
    client.force_login(cast.trainee_1)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("training:batch_list") not in page
    assert reverse("my_training:enrolments") in page


def test_staff_open_an_applicant_s_document_and_each_opening_is_audited(client, cast):
    batch = _selection_batch(cast)
    enrolment = EnrolmentFactory(batch=batch)
    document = EnrolmentDocument(enrolment=enrolment, kind=EnrolmentDocument.Kind.DIPLOMA)
    document.file.save("ijazah.pdf", ContentFile(b"%PDF-1.4 ijazah"), save=True)
    client.force_login(cast.operator)
    page = client.get(reverse("training:batch_selection", args=[batch.pk])).content.decode()
    url = reverse("training:enrolment_document", args=[document.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 ijazah"
    assert AuditEvent.objects.filter(action=actions.ENROLMENT_DOCUMENT_VIEW).count() == 1
    client.force_login(cast.staff_b)
    assert client.get(url).status_code == 404


def test_the_selection_and_attendance_pages_take_the_same_queries_for_more_people(
    client, cast, django_assert_max_num_queries
):
    batch = _selection_batch(cast)
    EnrolmentFactory(batch=batch)
    running, sessions, _enrolments = _running_batch(cast, participants=1)
    client.force_login(cast.operator)
    pages = [
        reverse("training:batch_selection", args=[batch.pk]),
        reverse("training:session_attendance", args=[sessions[0].pk]),
        reverse("training:batch_attendance", args=[running.pk]),
    ]
    counts = []
    for url in pages:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    EnrolmentFactory.create_batch(10, batch=batch)
    EnrolmentFactory.create_batch(10, batch=running, status=Enrolment.Status.TRAINING)
    for url, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)

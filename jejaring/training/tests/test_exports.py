import io

import openpyxl
import pytest
from django.urls import reverse

from jejaring.core.models import AuditEvent
from jejaring.training import audit_actions as actions
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory


@pytest.fixture
def batch(cast):
    program = ProgramFactory(institution=cast.lpks, region=cast.region_a)
    batch = BatchFactory(program=program, code="PKT-01")
    EnrolmentFactory(batch=batch, person__full_name='=HYPERLINK("http://x")')
    EnrolmentFactory(batch=batch, person__full_name="Siti Aminah")
    return batch


def test_staff_download_the_participant_list_with_masked_niks(client, cast, batch):
    client.force_login(cast.staff_a)
    response = client.get(reverse("training_export:batch_export", args=[batch.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("No.", "NIK", "Nama lengkap")
    names = [row[2] for row in rows[1:]]
    assert "Siti Aminah" in names
    assert all("••••••••" in row[1] for row in rows[1:])
    assert AuditEvent.objects.filter(action=actions.BATCH_EXPORT_PARTICIPANTS).count() == 1


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, cast, batch):
    client.force_login(cast.staff_a)
    response = client.get(reverse("training_export:batch_export", args=[batch.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    assert {(c.value, c.data_type) for c in cells if c.value.startswith("=")} == {
        ('=HYPERLINK("http://x")', "s")
    }


def test_staff_of_another_region_get_a_404(client, cast, batch):
    client.force_login(cast.staff_b)
    assert client.get(reverse("training_export:batch_export", args=[batch.pk])).status_code == 404


def test_the_participant_list_keeps_its_address_under_the_import_pages(batch):
    url = f"/impor/ekspor/paket/{batch.pk}/"
    assert reverse("training_export:batch_export", args=[batch.pk]) == url


def test_attendance_is_a_number_with_a_percent_format(client, cast, batch):
    batch.enrolments.update(attendance_pct="87.50")
    client.force_login(cast.staff_a)
    response = client.get(reverse("training_export:batch_export", args=[batch.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=5)
    assert (cell.value, cell.data_type, cell.number_format) == (87.5, "n", '0.0" %"')

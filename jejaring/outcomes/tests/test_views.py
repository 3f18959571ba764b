"""Outcome pages for each role: the dashboard and its drill-down, the tracer, the
personal link, the report and exports, and the public statistics page."""

import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from jejaring.outcomes import services
from jejaring.outcomes.models import FollowUpAnswer, PublishedStatistics
from jejaring.outcomes.tests.factories import (
    FollowUpAnswerFactory,
    FollowUpFactory,
    IndicatorDefinitionFactory,
    graduate,
)

pytestmark = pytest.mark.django_db

YEARS = "year_from=2024&year_to=2024"


@pytest.fixture
def cohort(cast):
    """Seven 2024 graduates of region A, three employed within a year."""
    enrolments = [graduate(region=cast.region_a) for _ in range(7)]
    for number, enrolment in enumerate(enrolments):
        follow_up = FollowUpFactory(region=cast.region_a, enrolment=enrolment)
        if number < 3:
            FollowUpAnswerFactory(follow_up=follow_up, started_on=date(2024, 9, 1))
        elif number < 6:
            FollowUpAnswerFactory(follow_up=follow_up, status="not_working", started_on=None)
    return enrolments


def test_office_staff_see_absorption_with_its_parts_and_definition(client, cast, cohort):
    client.force_login(cast.staff_a)
    response = client.get(f"/capaian/?{YEARS}")
    assert response.status_code == 200
    text = response.content.decode()
    assert "42,9 %" in text  # 3 of 7, with the Indonesian decimal comma
    assert "terserap: 3 dari 7 lulusan" in text
    assert "Definisi:" in text


def test_drill_down_lists_the_people_counted(client, cast, cohort):
    client.force_login(cast.staff_a)
    response = client.get(f"/capaian/rincian/?{YEARS}&ukuran=absorbed&dimension=year&kunci=2024")
    assert response.status_code == 200
    names = {e.person.full_name for e in cohort[:3]}
    assert all(name in response.content.decode() for name in names)
    assert cohort[4].person.full_name not in response.content.decode()


def test_a_viewer_sees_aggregates_but_never_the_people(client, cast, cohort):
    client.force_login(cast.viewer)
    assert client.get(f"/capaian/?{YEARS}").status_code == 200
    assert client.get(f"/capaian/rincian/?{YEARS}&ukuran=absorbed").status_code == 404
    assert client.get("/capaian/penelusuran/").status_code == 404


@pytest.mark.parametrize("actor", ["operator", "hr_a", "trainee_1", "assessor_user"])
def test_other_roles_have_no_dashboard(client, cast, actor):
    client.force_login(getattr(cast, actor))
    assert client.get("/capaian/").status_code == 404


def test_staff_of_another_region_do_not_count_region_a(client, cast, cohort):
    client.force_login(cast.staff_b)
    response = client.get(f"/capaian/?{YEARS}")
    assert "terserap: 0 dari 0 lulusan" in response.content.decode()
    response = client.get(f"/capaian/?{YEARS}&region={cast.region_a.pk}")
    assert response.status_code in (400, 404)


def test_the_dashboard_exports_xlsx_whose_rows_match_the_page(client, cast, cohort):
    client.force_login(cast.staff_a)
    response = client.get(f"/capaian/?{YEARS}&format=xlsx")
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("2024", 7, 6, 3)


def test_the_annual_report_is_a_pdf(client, cast, cohort):
    client.force_login(cast.staff_a)
    response = client.get("/capaian/laporan/2024/")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_staff_record_a_phone_answer_and_bad_input_is_shown_next_to_the_field(client, cast, cohort):
    follow_up = cohort[6].follow_ups.get()
    client.force_login(cast.staff_a)
    url = f"/capaian/penelusuran/{follow_up.pk}/"
    response = client.post(url, {"status": "employed", "employer_name": "Toko"})
    assert response.status_code == 200
    assert "Isi tanggal mulai" in response.content.decode()
    assert not follow_up.answers.exists()
    response = client.post(
        url, {"status": "employed", "employer_name": "Toko", "started_on": "2024-10-01"}
    )
    assert response.status_code == 302
    assert follow_up.answers.get().status == "employed"


def test_an_alumnus_answers_through_the_personal_link_and_the_dashboard_changes(
    client, cast, cohort
):
    follow_up = cohort[6].follow_ups.get()
    client.force_login(cast.staff_a)
    page = client.post(f"/capaian/penelusuran/{follow_up.pk}/tautan/", {"kirim": "whatsapp"})
    link = re.search(r"/capaian/jawab/[^/\s\"<]+/", page.content.decode()).group(0)
    client.logout()
    form = client.get(link)
    assert form.status_code == 200
    done = client.post(
        link, {"status": "employed", "employer_name": "Hotel", "started_on": "2024-11-01"}
    )
    assert "Terima kasih" in done.content.decode()
    client.force_login(cast.staff_a)
    assert "terserap: 4 dari 7 lulusan" in client.get(f"/capaian/?{YEARS}").content.decode()


def test_a_broken_link_says_so_without_a_form(client):
    response = client.get("/capaian/jawab/not-a-token/")
    assert response.status_code == 404
    assert "Tautan tidak berlaku" in response.content.decode()


def test_the_follow_up_list_shows_who_is_due_in_few_queries(
    client, cast, cohort, django_assert_max_num_queries
):
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(15):
        response = client.get("/capaian/penelusuran/?tampil=all")
    assert cohort[6].person.full_name in response.content.decode()


def test_an_operator_sees_only_their_institution_s_follow_ups(client, cast, cohort):
    client.force_login(cast.operator)
    response = client.get("/capaian/penelusuran/?tampil=all")
    assert response.status_code == 200
    assert cohort[0].person.full_name not in response.content.decode()


def test_the_public_page_never_shows_a_count_below_five(client, cast, cohort):
    definition = IndicatorDefinitionFactory(region=cast.region_a, is_default=True)
    client.force_login(cast.staff_a)
    response = client.post("/capaian/terbitkan/", {"tahun": "2024"})
    assert response.status_code == 302
    payload = PublishedStatistics.objects.get().payload
    assert payload["total"]["graduates"] == 7
    assert payload["total"]["absorbed"] is None  # 3 people: withheld
    assert payload["total"]["absorption_percent"] is None
    client.logout()
    page = client.get(f"/capaian/statistik/{cast.region_a.slug}/").content.decode()
    assert 'class="withheld"' in page
    numbers = {int(n) for n in re.findall(r'class="num">(\d+)<', page)}
    assert all(n == 0 or n >= 5 for n in numbers)
    assert definition.name  # the published snapshot used the region's default definition


def test_the_trainee_sees_and_answers_their_own_follow_up(client, cast):
    enrolment = graduate(region=cast.region_a, person=cast.person_1)
    follow_up = FollowUpFactory(region=cast.region_a, enrolment=enrolment)
    client.force_login(cast.trainee_1)
    assert follow_up.enrolment.batch.program.name in client.get("/capaian/saya/").content.decode()
    client.post(
        f"/capaian/penelusuran/{follow_up.pk}/",
        {"status": "self_employed", "business_kind": "Jahit", "started_on": "2024-08-01"},
    )
    assert follow_up.answers.get().source == FollowUpAnswer.Source.SELF
    other = FollowUpFactory(region=cast.region_a)
    assert client.get(f"/capaian/penelusuran/{other.pk}/").status_code == 404


def test_definitions_are_edited_by_office_staff_and_duplicates_refused(client, cast):
    client.force_login(cast.staff_a)
    data = {"name": "Magang dihitung", "window_months": "6", "internship_counts_as_absorbed": "on"}
    assert client.post("/capaian/definisi/", data).status_code == 302
    again = client.post("/capaian/definisi/", data)
    assert "sudah dipakai" in again.content.decode()
    services.tracer_settings_for(region=cast.region_a)


def test_company_hr_confirm_from_their_page_and_another_company_gets_404(client, cast):
    from jejaring.placement.tests.factories import ReferralFactory

    enrolment = graduate(region=cast.region_a, person=cast.person_2)
    FollowUpFactory(region=cast.region_a, enrolment=enrolment)
    referral = ReferralFactory(
        formation__company=cast.company_a, person=cast.person_2, status="hired"
    )
    client.force_login(cast.hr_a)
    assert cast.person_2.full_name in client.get("/capaian/konfirmasi/").content.decode()
    client.post(f"/capaian/konfirmasi/{referral.pk}/", {"started_on": "2024-09-01"})
    assert FollowUpAnswer.objects.get().source == FollowUpAnswer.Source.COMPANY
    client.force_login(cast.hr_b)
    assert (
        client.post(f"/capaian/konfirmasi/{referral.pk}/", {"started_on": "2024-09-01"}).status_code
        == 404
    )

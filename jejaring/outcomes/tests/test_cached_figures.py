"""Home figures and the outcomes dashboard are computed once per version of the data and
then read from the cache (issue 16): a write bumps the version, the figures show when
they were computed, and nobody reads a cached figure of a region they cannot see."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jejaring.outcomes import services
from jejaring.outcomes.tests.factories import FollowUpAnswerFactory, FollowUpFactory, graduate
from jejaring.trainees import services as trainee_services

pytestmark = pytest.mark.django_db

YEARS = "year_from=2024&year_to=2024"
# A woman born 1 January 1995 in Pekalongan Barat: day 01 + 40 = 41.
WOMAN_NIK = "3375014101950001"


def _registered(page: str) -> int:
    return int(re.search(r'card-number">(\d+)</p><p class="card-label">orang terdaftar', page)[1])


@pytest.fixture
def cohort(cast):
    """Four 2024 graduates of region A with a follow-up each, one of them employed."""
    follow_ups = [
        FollowUpFactory(region=cast.region_a, enrolment=graduate(region=cast.region_a))
        for _ in range(4)
    ]
    FollowUpAnswerFactory(follow_up=follow_ups[0], started_on=date(2024, 9, 1))
    return follow_ups


def test_a_registration_bumps_the_version_and_the_next_home_page_counts_the_person(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.staff_a)
    before = _registered(client.get("/beranda/").content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        trainee_services.person_register(
            actor=cast.staff_a,
            region=cast.region_a,
            data=trainee_services.PersonData(
                nik=WOMAN_NIK, full_name="Siti Rahmawati", education="smk"
            ),
            source=trainee_services.RegisterSource.OFFICE,
        )
    assert _registered(client.get("/beranda/").content.decode()) == before + 1


def test_a_second_home_page_at_the_same_version_reads_its_figures_from_the_cache(client, cast):
    client.force_login(cast.staff_a)
    with CaptureQueriesContext(connection) as first:
        client.get("/beranda/")
    with CaptureQueriesContext(connection) as second:
        page = client.get("/beranda/").content.decode()
    assert len(second) <= len(first) - 5
    assert "per " in page  # each cached figure says when it was computed


def test_staff_of_another_region_never_get_a_cached_home_figure_of_a_region_they_cannot_see(
    client, cast
):
    for _ in range(3):
        graduate(region=cast.region_a)
    client.force_login(cast.staff_a)
    seen_by_a = _registered(client.get("/beranda/").content.decode())
    client.force_login(cast.staff_b)
    seen_by_b = _registered(client.get("/beranda/").content.decode())
    assert (seen_by_a, seen_by_b) == (5, 0)  # the cast's two trainees and three graduates


def test_a_second_dashboard_at_the_same_version_runs_no_report_query(client, cast, cohort):
    client.force_login(cast.staff_a)
    with CaptureQueriesContext(connection) as first:
        client.get(f"/capaian/?{YEARS}")
    with CaptureQueriesContext(connection) as second:
        page = client.get(f"/capaian/?{YEARS}").content.decode()
    assert len(second) <= len(first) - 4
    assert "terserap: 1 dari 4 lulusan" in page
    assert re.search(r'class="help as-of">per \d', page)


def test_an_answer_recorded_bumps_the_version_and_the_next_dashboard_shows_it(
    client, cast, cohort, django_capture_on_commit_callbacks
):
    client.force_login(cast.staff_a)
    assert "terserap: 1 dari 4 lulusan" in client.get(f"/capaian/?{YEARS}").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_up_answer_record(
            actor=cast.staff_a,
            follow_up=cohort[1],
            data=services.AnswerData(
                status="employed", employer_name="Hotel", started_on=date(2024, 10, 1)
            ),
        )
    assert "terserap: 2 dari 4 lulusan" in client.get(f"/capaian/?{YEARS}").content.decode()


def test_staff_of_another_region_never_get_a_cached_dashboard_of_a_region_they_cannot_see(
    client, cast, cohort
):
    client.force_login(cast.staff_a)
    assert "terserap: 1 dari 4 lulusan" in client.get(f"/capaian/?{YEARS}").content.decode()
    client.force_login(cast.staff_b)
    page = client.get(f"/capaian/?{YEARS}").content.decode()
    assert "dari 4 lulusan" not in page
    # Asking for region A by name gives region B's staff nothing of it either.
    asked = client.get(f"/capaian/?{YEARS}&region={cast.region_a.pk}")
    assert "dari 4 lulusan" not in asked.content.decode()


def test_a_viewer_reads_the_withheld_figures_not_the_counts_cached_for_office_staff(
    client, cast, cohort
):
    client.force_login(cast.staff_a)
    assert "terserap: 1 dari 4 lulusan" in client.get(f"/capaian/?{YEARS}").content.decode()
    client.force_login(cast.viewer)
    page = client.get(f"/capaian/?{YEARS}&region={cast.region_a.pk}").content.decode()
    assert "dari 4 lulusan" not in page


def test_a_business_started_bumps_the_version_and_the_next_dashboard_counts_it(
    client, cast, cohort, django_capture_on_commit_callbacks
):
    from jejaring.enterprise.models import BusinessKind
    from jejaring.enterprise.services import businesses

    client.force_login(cast.staff_a)
    enrolment = cohort[1].enrolment
    with django_capture_on_commit_callbacks(execute=True):
        business = businesses.business_create(
            actor=cast.staff_a,
            person=enrolment.person,
            data=businesses.BusinessData(
                name="Batik Tulis Rahma", kind=BusinessKind.values[0], enrolment_id=enrolment.pk
            ),
        )
    # An idea is not a business started; the dashboard is now cached at this version.
    assert 'ukuran=started">0</a>' in client.get(f"/capaian/?{YEARS}").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        businesses.business_stage_change(
            actor=cast.staff_a, business=business, to="operating", on=date(2024, 11, 1)
        )
    assert 'ukuran=started">1</a>' in client.get(f"/capaian/?{YEARS}").content.decode()

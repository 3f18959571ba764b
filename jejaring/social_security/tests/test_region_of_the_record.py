"""Role checks take the record's region: someone who is office staff in region B and
holds another role in region A (operator, company HR, or is a trainee there) may not act
as office staff on region A's records. Incident mail links to the record instead of
quoting it; the insurer's return never tells whether a card number is another region's."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from jejaring.accounts.scope import Role
from jejaring.accounts.tests.factories import MembershipFactory, UserFactory
from jejaring.core.errors import Conflict, NotFound, PermissionDenied
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.social_security import audit_actions, services
from jejaring.social_security.models import Coverage, CoverageOverride, Incident
from jejaring.social_security.tests.factories import CoverageFactory, IncidentFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.services import batch_change_status
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

TODAY = timezone.localdate()


def staff_of_b_and(cast, role, **links):
    """A user who is office staff in region B and holds `role` in region A."""
    user = UserFactory(username=f"staf.b.{role}")
    MembershipFactory(user=user, region=cast.region_b, role=Role.OFFICE_STAFF)
    MembershipFactory(user=user, region=cast.region_a, role=role, **links)
    return user


@pytest.fixture
def operator_here_staff_there(cast):
    return staff_of_b_and(cast, Role.OPERATOR, institution=cast.lpks)


@pytest.fixture
def hr_here_staff_there(cast):
    return staff_of_b_and(cast, Role.COMPANY_HR, company=cast.company_a)


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


@pytest.fixture
def intern_cover(cast):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP)
    referral = ReferralFactory(formation=formation, person=cast.person_1, status="started")
    return Coverage.objects.create(
        region=cast.region_a,
        person=cast.person_1,
        kind=Coverage.Kind.INTERN,
        referral=referral,
        payer=Coverage.Payer.COMPANY,
        payer_company=cast.company_a,
        declared_income=1_000_000,
        cover_start=TODAY - timedelta(days=10),
        cover_end=TODAY + timedelta(days=80),
        status=Coverage.Status.TO_REGISTER,
    )


def uncovered(batch, person):
    return EnrolmentFactory(batch=batch, person=person, status=Enrolment.Status.ACCEPTED)


# --- the coverage gate and the batch list ---------------------------------------------


def test_an_operator_who_is_staff_elsewhere_cannot_override_the_cover_gate_of_their_batch(
    cast, batch, operator_here_staff_there
):
    uncovered(batch, cast.person_1)
    # Training refuses the override itself (only the batch's own office may override);
    # the gate's handler would refuse it too.
    with pytest.raises(Conflict) as refused:
        batch_change_status(
            actor=operator_here_staff_there,
            batch=batch,
            status=Batch.Status.RUNNING,
            override_reason="Kartu menyusul.",
            early_start_reason="Jadwal maju.",
        )
    assert refused.value.code == "batch_start_blocked"
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION
    assert not CoverageOverride.objects.exists()


def test_the_batch_cover_pages_are_a_404_for_an_operator_who_is_staff_elsewhere(
    client, cast, batch, operator_here_staff_there
):
    uncovered(batch, cast.person_1)
    client.force_login(operator_here_staff_there)
    assert client.get(f"/bpjs/paket/{batch.pk}/").status_code == 404
    response = client.post(f"/bpjs/paket/{batch.pk}/mulai/", {"override_reason": "Menyusul."})
    assert response.status_code == 404
    assert client.post(f"/bpjs/paket/{batch.pk}/susun/").status_code == 404
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION
    assert not Coverage.objects.exists()


def test_an_operator_who_is_staff_elsewhere_cannot_build_their_batchs_cover_list(
    cast, batch, operator_here_staff_there
):
    uncovered(batch, cast.person_1)
    with pytest.raises(PermissionDenied):
        services.coverage_list_build_for_batch(actor=operator_here_staff_there, batch=batch)
    assert not Coverage.objects.exists()
    assert services.coverage_list_build_for_batch(actor=cast.staff_a, batch=batch) == 1


# --- cover and claims that company HR can see ----------------------------------------


def test_hr_who_are_staff_elsewhere_cannot_change_the_status_of_their_interns_cover(
    cast, intern_cover, hr_here_staff_there
):
    with pytest.raises(NotFound):
        services.coverage_change_status(
            actor=hr_here_staff_there, coverage_ids=[intern_cover.pk], status="registered"
        )
    intern_cover.refresh_from_db()
    assert intern_cover.status == Coverage.Status.TO_REGISTER


def test_hr_who_are_staff_elsewhere_cannot_move_the_claim_of_their_interns_incident(
    cast, intern_cover, hr_here_staff_there
):
    incident = IncidentFactory(coverage=intern_cover)
    with pytest.raises(NotFound):
        services.incident_claim_update(
            actor=hr_here_staff_there, incident=incident, claim_status="submitted"
        )
    incident.refresh_from_db()
    assert incident.claim_status == Incident.ClaimStatus.REPORTED


def test_hr_who_are_staff_elsewhere_still_report_an_incident_of_their_own_intern(
    cast, intern_cover, hr_here_staff_there
):
    incident = services.incident_record(
        actor=hr_here_staff_there,
        coverage=intern_cover,
        kind=Incident.Kind.ACCIDENT,
        occurred_at=timezone.now(),
        place="Lantai produksi",
        description="Terpeleset.",
    )
    assert incident.region_id == cast.region_a.pk


def test_hr_who_are_staff_elsewhere_cannot_record_an_incident_on_a_trainees_cover(
    cast, batch, hr_here_staff_there
):
    cover = CoverageFactory(enrolment=uncovered(batch, cast.person_2))
    with pytest.raises(PermissionDenied):
        services.incident_record(
            actor=hr_here_staff_there,
            coverage=cover,
            kind=Incident.Kind.ACCIDENT,
            occurred_at=timezone.now(),
            place="Bengkel",
            description="Tergores.",
        )
    assert not Incident.objects.exists()


def test_a_trainee_who_is_staff_elsewhere_cannot_record_an_incident_on_their_own_cover(
    client, cast, batch
):
    MembershipFactory(user=cast.trainee_1, region=cast.region_b, role=Role.OFFICE_STAFF)
    cover = CoverageFactory(
        enrolment=uncovered(batch, cast.person_1),
        status=Coverage.Status.ACTIVE,
        kpj_number="12345678901",
        cover_start=TODAY - timedelta(days=3),
        cover_end=TODAY + timedelta(days=60),
    )
    client.force_login(cast.trainee_1)
    response = client.post(
        "/bpjs/kejadian/baru/",
        {
            "coverage": cover.pk,
            "kind": "accident",
            "occurred_at": f"{TODAY:%Y-%m-%d}T09:15",
            "place": "Bengkel",
            "description": "Tergores.",
            "injury": "",
        },
    )
    assert response.status_code == 200
    assert not Incident.objects.exists()


# --- incident mail ---------------------------------------------------------------------


def test_incident_mail_links_to_the_record_and_quotes_nothing_the_reporter_wrote(
    cast, intern_cover, django_capture_on_commit_callbacks
):
    cast.staff_a.email = "staf.a@disnaker.example"
    cast.staff_a.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        incident = services.incident_record(
            actor=cast.hr_a,
            coverage=intern_cover,
            kind=Incident.Kind.ACCIDENT,
            occurred_at=timezone.now(),
            place="Gudang <script>",
            description="Klik http://phish.example untuk klaim; tangan patah.",
            injury="Patah tulang",
            base_url="https://jejaring.example/",
        )
    [message] = mail.outbox
    assert message.to == ["staf.a@disnaker.example"]
    assert f"https://jejaring.example/bpjs/kejadian/{incident.pk}/" in message.body
    assert cast.region_a.name in message.body
    for typed in ("phish", "patah", "Patah", "Gudang", cast.person_1.full_name):
        assert typed not in message.body
        assert typed not in message.subject


def test_the_claim_mail_to_the_reporter_links_to_the_record_only(
    cast, intern_cover, django_capture_on_commit_callbacks
):
    cast.hr_a.email = "hrd@garmen.example"
    cast.hr_a.save(update_fields=["email"])
    incident = IncidentFactory(coverage=intern_cover, reported_by=cast.hr_a, place="Gudang")
    with django_capture_on_commit_callbacks(execute=True):
        services.incident_claim_update(
            actor=cast.staff_a, incident=incident, claim_status="submitted"
        )
    [message] = mail.outbox
    assert f"/bpjs/kejadian/{incident.pk}/" in message.body
    assert "Gudang" not in message.body
    assert cast.person_1.full_name not in message.body


# --- the insurer's return ----------------------------------------------------------------


def _registered(region, person=None):
    extra = {"person": person} if person else {}
    enrolment = EnrolmentFactory(region=region, batch__region=region, **extra)
    return CoverageFactory(enrolment=enrolment, status=Coverage.Status.REGISTERED)


def test_a_card_number_held_in_another_region_reads_like_one_nobody_holds(cast):
    _registered(cast.region_a, cast.person_1)
    _registered(cast.region_a, cast.person_2)
    theirs = _registered(cast.region_b)
    theirs.kpj_number, theirs.status = "33333333333", Coverage.Status.ACTIVE
    theirs.save()
    _waiting, errors = services.insurer_return_check(
        actor=cast.staff_a,
        rows=[(2, cast.person_1.nik, "33333333333"), (3, cast.person_2.nik, "44444444444")],
    )
    assert errors == []


def test_a_clash_with_another_regions_card_number_goes_to_that_regions_audit_trail(cast):
    mine = _registered(cast.region_a, cast.person_1)
    theirs = _registered(cast.region_b)
    theirs.kpj_number, theirs.status = "33333333333", Coverage.Status.ACTIVE
    theirs.save()
    assert (
        services.coverage_apply_insurer_return(
            actor=cast.staff_a, rows=[(2, cast.person_1.nik, "33333333333")]
        )
        == 1
    )
    mine.refresh_from_db()
    assert (mine.status, mine.kpj_number) == (Coverage.Status.ACTIVE, "33333333333")
    clash = AuditEvent.objects.get(action=audit_actions.KPJ_CONFLICT)
    assert clash.region == cast.region_b
    assert clash.changes["coverages"] == [theirs.pk]
    assert not AuditEvent.objects.filter(
        region=cast.region_a, action=audit_actions.KPJ_CONFLICT
    ).exists()


def test_hr_who_are_staff_elsewhere_cannot_activate_their_interns_cover_from_a_file(
    cast, intern_cover, hr_here_staff_there
):
    intern_cover.status = Coverage.Status.REGISTERED
    intern_cover.save()
    _waiting, errors = services.insurer_return_check(
        actor=hr_here_staff_there, rows=[(2, cast.person_1.nik, "55555555555")]
    )
    assert [(e.row, e.column) for e in errors] == [(2, "nik")]
    assert Referral.objects.get().status == "started"


# --- the office's lists and exports ------------------------------------------------------


def test_the_offices_exports_leave_out_the_interns_a_user_sees_as_hr_elsewhere(
    client, cast, intern_cover, hr_here_staff_there
):
    from io import BytesIO

    from openpyxl import load_workbook

    from jejaring.social_security.tests.factories import bpu_rate

    bpu_rate()
    intern_cover.status, intern_cover.kpj_number = Coverage.Status.ACTIVE, "12345678901"
    intern_cover.save()
    client.force_login(hr_here_staff_there)
    registrations = client.get("/bpjs/ekspor-pendaftaran/", {"status": "to_register"})
    rows = list(load_workbook(BytesIO(registrations.content)).active.iter_rows(values_only=True))
    assert all(cast.person_1.nik not in row for row in rows)
    month = f"{TODAY:%Y-%m}"
    report = client.get("/bpjs/iuran/", {"month": month, "payer": "company"}).context["report"]
    assert report.lines == []
    dashboard = client.get("/bpjs/")
    assert list(dashboard.context["interns"]) == []
    assert dashboard.context["warnings"] == []

"""Enrolment lists, status changes and the daily timer."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from jejaring.core.errors import InvalidTransition, PermissionDenied, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.social_security import audit_actions, services
from jejaring.social_security.models import Coverage
from jejaring.social_security.tests.factories import CoverageFactory, IncidentFactory
from jejaring.training.models import Batch
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

TODAY = date(2026, 11, 23)


def _intern(cast, person, status=Referral.Status.ACCEPTED):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP)
    return ReferralFactory(formation=formation, person=person, status=status)


def test_an_accepted_intern_with_an_agreement_is_listed_for_its_period(cast):
    referral = _intern(cast, cast.person_1)
    InternshipAgreement.objects.create(
        region=cast.region_a,
        referral=referral,
        number="PKM/1",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 5, 31),
        rights_and_duties="-",
    )
    _intern(cast, cast.person_2)  # no agreement and no start yet: nothing to cover
    assert services.coverage_list_build_internships(actor=cast.staff_a) == 1
    assert services.coverage_list_build_internships(actor=cast.staff_a) == 0
    cover = Coverage.objects.get()
    assert (cover.cover_start, cover.cover_end, cover.payer_company) == (
        date(2026, 12, 1),
        date(2027, 5, 31),
        cast.company_a,
    )


def test_another_regions_staff_do_not_build_this_regions_list(cast):
    referral = _intern(cast, cast.person_1, Referral.Status.STARTED)
    referral.started_on = TODAY
    referral.save()
    assert services.coverage_list_build_internships(actor=cast.staff_b) == 0
    with pytest.raises(PermissionDenied):
        services.coverage_list_build_internships(actor=cast.hr_a)


def test_a_moved_batch_moves_the_cover_not_yet_sent_to_the_insurer(cast):
    batch = BatchFactory(
        region=cast.region_a, start_date=date(2026, 3, 2), end_date=date(2026, 4, 30)
    )
    waiting = CoverageFactory(
        enrolment=EnrolmentFactory(batch=batch, status="accepted"), status="to_register"
    )
    sent = CoverageFactory(
        enrolment=EnrolmentFactory(batch=batch, status="accepted"), status="registered"
    )
    batch.start_date, batch.end_date = date(2026, 3, 9), date(2026, 5, 8)
    batch.save()
    services.coverage_list_build_for_batch(actor=cast.staff_a, batch=batch)
    waiting.refresh_from_db()
    sent.refresh_from_db()
    assert (waiting.cover_start, waiting.cover_end) == (date(2026, 3, 9), date(2026, 5, 8))
    assert (sent.cover_start, sent.cover_end) == (date(2026, 3, 2), date(2026, 4, 30))


def test_a_status_change_the_rules_do_not_allow_changes_nothing(cast):
    ended = CoverageFactory(
        enrolment__batch__region=cast.region_a, status="ended", kpj_number="12345678901"
    )
    fresh = CoverageFactory(enrolment__batch__region=cast.region_a, status="to_register")
    with pytest.raises(InvalidTransition) as error:
        services.coverage_change_status(
            actor=cast.staff_a, coverage_ids=[ended.pk, fresh.pk], status="registered"
        )
    assert ended.person.full_name in str(error.value.message)
    assert Coverage.objects.get(pk=fresh.pk).status == "to_register"
    with pytest.raises(ValidationError):
        services.coverage_change_status(actor=cast.staff_a, coverage_ids=[], status="registered")


def test_the_daily_command_ends_cover_after_its_end_and_is_safe_to_rerun(cast):
    over = CoverageFactory(
        enrolment__batch__region=cast.region_a,
        status="active",
        kpj_number="12345678901",
        cover_end=TODAY - timedelta(days=1),
    )
    never_sent = CoverageFactory(
        enrolment__batch__region=cast.region_a,
        status="to_register",
        cover_end=TODAY - timedelta(days=1),
    )
    running = CoverageFactory(
        enrolment__batch__region=cast.region_a,
        status="active",
        kpj_number="12345678902",
        cover_end=TODAY,
    )
    out = StringIO()
    call_command("bpjs_daily", "--today", TODAY.isoformat(), stdout=out)
    assert "2 cover ended or cancelled" in out.getvalue()
    statuses = dict(Coverage.objects.values_list("pk", "status"))
    assert statuses == {over.pk: "ended", never_sent.pk: "cancelled", running.pk: "active"}
    assert AuditEvent.objects.filter(action=audit_actions.COVERAGE_END_EXPIRED).count() == 1
    out = StringIO()
    call_command("bpjs_daily", "--today", TODAY.isoformat(), stdout=out)
    assert "0 cover ended or cancelled" in out.getvalue()


def test_the_daily_command_lists_participants_of_open_batches(cast):
    batch = BatchFactory(
        region=cast.region_a,
        status=Batch.Status.SELECTION,
        start_date=TODAY + timedelta(days=7),
        end_date=TODAY + timedelta(days=50),
    )
    EnrolmentFactory(batch=batch, person=cast.person_1, status="accepted")
    out = StringIO()
    call_command("bpjs_daily", "--today", TODAY.isoformat(), stdout=out)
    assert Coverage.objects.filter(enrolment__batch=batch, status="to_register").count() == 1
    call_command("bpjs_daily", "--batch", str(batch.pk), stdout=out)
    assert Coverage.objects.count() == 1


def test_a_claim_cannot_skip_back(cast):
    incident = IncidentFactory(
        coverage__enrolment__batch__region=cast.region_a, claim_status="paid"
    )
    with pytest.raises(InvalidTransition):
        services.incident_claim_update(
            actor=cast.staff_a, incident=incident, claim_status="submitted"
        )
    with pytest.raises(PermissionDenied):
        services.incident_claim_update(actor=cast.hr_a, incident=incident, claim_status="rejected")


def test_the_reporter_is_emailed_when_the_claim_moves(cast, django_capture_on_commit_callbacks):
    from django.core import mail

    cast.hr_a.email = "hrd@garmen.example"
    cast.hr_a.save()
    incident = IncidentFactory(
        coverage__enrolment__batch__region=cast.region_a, reported_by=cast.hr_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.incident_claim_update(
            actor=cast.staff_a, incident=incident, claim_status="submitted"
        )
    [message] = mail.outbox
    assert message.to == ["hrd@garmen.example"] and "Klaim diajukan" in message.subject


def test_a_withdrawn_participant_or_a_cancelled_batch_leaves_the_list_to_register(cast):
    batch = BatchFactory(region=cast.region_a, status=Batch.Status.SELECTION)
    gone = CoverageFactory(
        enrolment=EnrolmentFactory(batch=batch, status="withdrawn"), status="to_register"
    )
    stays = CoverageFactory(
        enrolment=EnrolmentFactory(batch=batch, status="accepted"), status="to_register"
    )
    services.coverage_list_build_for_batch(actor=cast.staff_a, batch=batch)
    assert Coverage.objects.get(pk=gone.pk).status == "cancelled"
    assert Coverage.objects.get(pk=stays.pk).status == "to_register"
    batch.status, batch.status_reason = Batch.Status.CANCELLED, "Instruktur tidak tersedia"
    batch.save()
    services.coverage_list_build_for_batch(actor=cast.staff_a, batch=batch)
    assert Coverage.objects.get(pk=stays.pk).status == "cancelled"

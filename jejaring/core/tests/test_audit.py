"""The audit trail is written in the same transaction as the write it describes."""

import pytest
from django.db import transaction

from jejaring.core import audit
from jejaring.core.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_audit_event_outside_a_transaction_is_a_programming_error(cast):
    with pytest.raises(audit.AuditOutsideTransaction):
        audit.record(actor=cast.staff_a, action="x.y", target=cast.person_1)


def test_a_rolled_back_write_leaves_no_audit_event(cast):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        audit.record(actor=cast.staff_a, action="x.y", target=cast.person_1)
        raise Boom
    assert AuditEvent.objects.count() == 0


def test_an_event_takes_the_region_of_its_target(cast):
    with transaction.atomic():
        event = audit.record(actor=cast.staff_a, action="x.y", target=cast.person_1)
    assert event.region == cast.region_a
    assert event.actor_label == cast.staff_a.full_name
    assert event.target_label == cast.person_1.full_name


def test_a_diff_lists_only_changed_fields_and_hides_masked_values():
    changes = audit.diff(
        {"full_name": "A", "phone": "+62811", "email": "a@b.id"},
        {"full_name": "B", "phone": "+62812", "email": "a@b.id"},
        masked=["phone"],
    )
    assert changes == {"full_name": ["A", "B"], "phone": ["•••", "•••"]}

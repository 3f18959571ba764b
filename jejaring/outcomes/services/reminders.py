"""Tell alumni that a follow-up point of the tracer is due (jejaring.notices).

Run daily (`manage.py follow_up_reminders`). Each due, unanswered point is announced once
(the notification's key). An alumnus with an account is sent to their follow-up page;
one without an account gets the personal answer link (issued here when none was issued
before: a point whose link office staff already sent is theirs to follow up), so the
WhatsApp text office staff send for a person without email opens the short form
directly.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jejaring.core import audit
from jejaring.notices.models import Notification
from jejaring.notices.services import Recipient, notify
from jejaring.outcomes import audit_actions
from jejaring.outcomes.models import FollowUp
from jejaring.outcomes.services.answers import follow_up_link_token

#: Points due longer ago than this are left to office staff (a first run on old data
#: must not message every alumnus of past years).
REMIND_WITHIN_DAYS = 60


def reminder_key(follow_up: FollowUp) -> str:
    return f"tracer_due:{follow_up.pk}"


def follow_ups_due_remind(*, today: date | None = None) -> int:
    """Notify the alumnus of every follow-up point due by `today` (within
    REMIND_WITHIN_DAYS), unanswered and not announced yet; returns how many were told."""
    today = today or timezone.localdate()
    due = list(
        FollowUp.objects.filter(
            due_on__lte=today,
            due_on__gt=today - timedelta(days=REMIND_WITHIN_DAYS),
            answered=False,
        )
        .select_related("person", "enrolment__batch__program")
        .order_by("pk")
    )
    announced = set(
        Notification.objects.filter(key__in=[reminder_key(f) for f in due]).values_list(
            "key", flat=True
        )
    )
    told = 0
    with transaction.atomic():
        for follow_up in due:
            if reminder_key(follow_up) in announced:
                continue
            link = _link(follow_up)
            if not link:
                continue
            told += len(
                notify(
                    kind="tracer_due",
                    region_id=follow_up.region_id,
                    recipients=[Recipient.of_person(follow_up.person)],
                    link=link,
                    params={
                        "months": follow_up.months_after,
                        "program": follow_up.enrolment.batch.program.name,
                    },
                    key=reminder_key(follow_up),
                )
            )
    return told


def _link(follow_up: FollowUp) -> str:
    if follow_up.person.user_id:
        return reverse("outcomes:follow_up_detail", kwargs={"follow_up_id": follow_up.pk})
    if follow_up.link_sent_at is not None or not (follow_up.person.email or follow_up.person.phone):
        return ""
    follow_up.link_nonce = FollowUp._meta.get_field("link_nonce").get_default()
    follow_up.link_sent_at = timezone.now()
    follow_up.save(update_fields=["link_nonce", "link_sent_at"])
    audit.record(
        actor=None,
        action=audit_actions.FOLLOW_UP_LINK_ISSUE,
        target=follow_up,
        changes={"by": "reminder"},
    )
    return reverse("outcomes:answer_link", args=[follow_up_link_token(follow_up=follow_up)])

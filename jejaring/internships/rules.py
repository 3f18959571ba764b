"""The rules of domestic internship (Permenaker 6/2020), read from dated configuration:
the rule set in force on a day and the one duration rule that formations and agreements
share. The numbers come from the `InternshipRuleSet` in force, never from constants here;
the rules that depend on referrals are in `jejaring.placement.internship_rules`.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from jejaring.core.dates import months_needed
from jejaring.core.errors import NotFound, ValidationError
from jejaring.internships.models import InternshipRuleSet


def internship_rules_on(day: date) -> InternshipRuleSet:
    """The rule set in force on `day`: the latest one valid from that day or earlier."""
    # Rule sets are deployment-wide configuration, not region-owned records.
    rules = InternshipRuleSet.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if rules is None:
        raise NotFound(
            _("Belum ada aturan pemagangan yang berlaku pada tanggal %(day)s.")
            % {"day": day.isoformat()},
            code="internship_rules_missing",
        )
    return rules


def check_internship_period(*, starts_on: date, ends_on: date, field: str = "ends_on") -> None:
    """The one duration rule of an internship, for formations and agreements alike.

    `ends_on` is the internship's last day, so the period runs to the day after it: 15
    January to 14 January of the next year is 12 months, 15 January to 15 January a year
    and a day. The end must come after the start (a same-day internship is refused) and the
    period may not need more months than the rule set in force on `starts_on` allows."""
    if ends_on <= starts_on:
        raise ValidationError(
            _("Tanggal selesai harus setelah tanggal mulai."), code="invalid_dates", field=field
        )
    rules = internship_rules_on(starts_on)
    if months_needed(starts_on, ends_on + timedelta(days=1)) > rules.max_duration_months:
        raise ValidationError(
            _("Pemagangan paling lama %(months)d bulan (%(basis)s).")
            % {"months": rules.max_duration_months, "basis": rules.legal_basis},
            code="internship_too_long",
            field=field,
        )

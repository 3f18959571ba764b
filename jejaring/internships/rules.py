"""The rules of domestic internship (Permenaker 6/2020), read from dated configuration.

Placement calls `internship_rule_problems` to decide whether a person may be referred to
an internship formation and to explain a refusal; the numbers come from the
`InternshipRuleSet` in force on the day, never from constants here.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from jejaring.core.errors import NotFound
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

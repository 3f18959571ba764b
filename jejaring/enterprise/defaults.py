"""The grant rules every region starts with, so an office can form its first TKM group
without waiting for an administrator. They are ordinary dated `GrantRule` rows: an
administrator who learns of other figures adds a newer row (its own `valid_from`) and
the new figures apply from that day; proposals keep the row they were made under.

TKM Pemula (Kemnaker's starter scheme under PP 33/2013):

- group of 10 to 15 members: the ministry's groups are "about 10" unemployed people, so
  10 is the floor; 15 leaves room for a kelurahan package's whole class to apply as one
  group while keeping at least about Rp 1.3 million of tools and materials per member;
- members aged 17 to 55 on the day they join;
- Rp 20,000,000 per group;
- 60 % of the budget for tools (the rest materials) ± 5 points, i.e. 55–65 %.

TKM Lanjutan (follow-on for businesses that hire) ships no row: its amount varies by
year's budget, and an office using it adds the figures it was given."""

from __future__ import annotations

from datetime import date
from typing import Any

from jejaring.enterprise.models import GrantRule, GrantScheme
from jejaring.regions.models import Region

#: The day the defaults apply from: the year of PP 33/2013, so that back-dated proposals
#: of recent years find a rule too.
DEFAULTS_VALID_FROM = date(2013, 1, 1)

DEFAULT_RULES: dict[str, dict[str, Any]] = {
    GrantScheme.TKM_PEMULA: {
        "min_members": 10,
        "max_members": 15,
        "min_age": 17,
        "max_age": 55,
        "amount": 20_000_000,
        "tools_percent": 60,
        "tolerance_percent": 5,
        "source": "PP 33/2013; TKM Pemula, bawaan Jejaring (sesuaikan dengan juknis)",
    },
}


def default_grant_rules_ensure(*, region: Region) -> list[GrantRule]:
    """Create the region's default rule rows that are missing (idempotent). Configuration
    seeding, not a user action: nothing to audit, like a data migration."""
    return [
        GrantRule.objects.get_or_create(
            region=region, scheme=scheme, valid_from=DEFAULTS_VALID_FROM, defaults=figures
        )[0]
        for scheme, figures in DEFAULT_RULES.items()
    ]


def on_region_saved(sender: type[Region], instance: Region, created: bool, **kwargs: Any) -> None:
    """A new region gets the default rules (fixture loading, `raw`, is left alone)."""
    if created and not kwargs.get("raw"):
        default_grant_rules_ensure(region=instance)

"""Seed the domestic-internship rule set of Permenaker 6/2020, in force from 2020, so a
fresh deployment can check internships without the demo. Administrators add a newer
rule set (with its own `valid_from`) when the regulation changes."""

from datetime import date
from decimal import Decimal

from django.db import migrations

VALID_FROM = date(2020, 1, 1)


def seed(apps, schema_editor):
    InternshipRuleSet = apps.get_model("employers", "InternshipRuleSet")
    InternshipRuleSet.objects.get_or_create(
        valid_from=VALID_FROM,
        defaults={
            "legal_basis": "Permenaker 6/2020",
            "max_intern_pct_of_workforce": Decimal("20.00"),
            "max_duration_months": 12,
            "theory_min_pct": 10,
            "theory_max_pct": 25,
            "min_age": 17,
            "parental_consent_below_age": 18,
            "decision_working_days": 3,
        },
    )


def unseed(apps, schema_editor):
    InternshipRuleSet = apps.get_model("employers", "InternshipRuleSet")
    InternshipRuleSet.objects.filter(
        valid_from=VALID_FROM, legal_basis="Permenaker 6/2020"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("employers", "0002_initial")]

    operations = [migrations.RunPython(seed, unseed)]

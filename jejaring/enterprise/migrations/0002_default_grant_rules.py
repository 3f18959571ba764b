"""Give every existing region the default TKM Pemula grant rule (new regions get it when
they are created: `jejaring.enterprise.defaults`). The figures are frozen here, as a data
migration must be; see that module for why they are what they are."""

from datetime import date

from django.db import migrations

VALID_FROM = date(2013, 1, 1)
FIGURES = {
    "min_members": 10,
    "max_members": 15,
    "min_age": 17,
    "max_age": 55,
    "amount": 20_000_000,
    "tools_percent": 60,
    "tolerance_percent": 5,
    "source": "PP 33/2013; TKM Pemula, bawaan Jejaring (sesuaikan dengan juknis)",
}


def seed(apps, schema_editor):
    Region = apps.get_model("regions", "Region")
    GrantRule = apps.get_model("enterprise", "GrantRule")
    for region in Region.objects.all():
        GrantRule.objects.get_or_create(
            region=region, scheme="tkm_pemula", valid_from=VALID_FROM, defaults=FIGURES
        )


def unseed(apps, schema_editor):
    GrantRule = apps.get_model("enterprise", "GrantRule")
    GrantProposal = apps.get_model("enterprise", "GrantProposal")
    GrantRule.objects.filter(scheme="tkm_pemula", valid_from=VALID_FROM).exclude(
        pk__in=GrantProposal.objects.values("rule_id")
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("enterprise", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]

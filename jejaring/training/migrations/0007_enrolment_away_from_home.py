"""Enrolment.away_from_home: the enrolments through which an office sees a person of
another region, held in a small partial index (issue 16)."""

from typing import Any

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def mark_away(apps: Any, schema_editor: Any) -> None:
    Enrolment = apps.get_model("training", "Enrolment")
    Person = apps.get_model("trainees", "Person")
    elsewhere = Person.objects.filter(pk=OuterRef("person_id")).exclude(
        region_id=OuterRef("region_id")
    )
    Enrolment.objects.filter(Exists(elsewhere)).update(away_from_home=True)


class Migration(migrations.Migration):
    dependencies = [
        ("trainees", "0003_person_list_indexes"),
        ("training", "0006_enrolment_dealings_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="away_from_home",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_away, migrations.RunPython.noop, elidable=True),
        migrations.RemoveIndex(model_name="enrolment", name="enrolment_dealings"),
        migrations.AddIndex(
            model_name="enrolment",
            index=models.Index(
                condition=models.Q(("away_from_home", True), ("identity", "confirmed")),
                fields=["region", "person"],
                name="enrolment_away_dealings",
            ),
        ),
    ]

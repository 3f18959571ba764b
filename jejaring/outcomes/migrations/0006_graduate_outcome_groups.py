"""Every graduate gets a GraduateOutcome row with their groups and waiting times, so that
reports scan one table (docs/performance.md, "Outcome indicators").

The columns are added as nullable, filled from the enrolments (rows are created for
graduates that had none: they have no current answers yet), then made required.
"""

import django.db.models.deletion
from django.db import migrations, models

from jejaring.core.dates import age_on
from jejaring.outcomes import maths

REQUIRED = [
    ("graduated_on", models.DateField),
    ("graduation_year", models.PositiveSmallIntegerField),
    ("batch_year", models.PositiveSmallIntegerField),
    ("age", models.PositiveSmallIntegerField),
]
TEXT = [("institution_kind", 16), ("funding_source", 10), ("sex", 1)]
FOREIGN = [
    ("institution", "training.traininginstitution"),
    ("program", "training.program"),
    ("vocation", "training.vocation"),
]
WAITS = ["employed", "internship", "self_employed"]


def fill(apps, schema_editor):
    Enrolment = apps.get_model("training", "Enrolment")
    GraduateOutcome = apps.get_model("outcomes", "GraduateOutcome")
    GraduateOutcome.objects.exclude(enrolment__status="graduated").delete()
    existing = {row.enrolment_id: row for row in GraduateOutcome.objects.all()}
    graduates = Enrolment.objects.filter(status="graduated", graduated_on__isnull=False)
    rows = []
    for e in graduates.select_related("batch__program", "institution", "person").iterator():
        row = existing.get(e.pk) or GraduateOutcome(enrolment_id=e.pk)
        row.region_id = e.region_id
        row.graduated_on = e.graduated_on
        row.graduation_year = e.graduated_on.year
        row.institution_id = e.institution_id
        row.institution_kind = e.institution.kind
        row.program_id = e.batch.program_id
        row.vocation_id = e.batch.program.vocation_id
        row.funding_source = e.batch.funding_source
        row.batch_year = e.batch.year
        row.sex = e.person.sex
        row.age = max(age_on(e.person.birth_date, e.graduated_on), 0)
        for kind in WAITS:
            start = getattr(row, f"first_{kind}_on", None)
            setattr(row, f"{kind}_months", None if start is None else maths.months_needed(e.graduated_on, start))
            setattr(row, f"{kind}_days", None if start is None else (start - e.graduated_on).days)
        rows.append(row)
    fields = [
        "region", "graduated_on", "graduation_year", "institution", "institution_kind",
        "program", "vocation", "funding_source", "batch_year", "sex", "age",
        *[f"{kind}_{unit}" for kind in WAITS for unit in ("months", "days")],
    ]
    GraduateOutcome.objects.bulk_create(
        rows, batch_size=2000, update_conflicts=True, unique_fields=["enrolment"],
        update_fields=fields,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0005_graduate_first_company"),
        ("training", "0001_initial"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name="graduateoutcome",
                name=f"{kind}_{unit}",
                field=field(null=True, blank=True),
            )
            for kind in WAITS
            for unit, field in (
                ("months", models.PositiveSmallIntegerField),
                ("days", models.IntegerField),
            )
        ],
        *[
            migrations.AddField(
                model_name="graduateoutcome", name=name, field=field(null=True)
            )
            for name, field in REQUIRED
        ],
        *[
            migrations.AddField(
                model_name="graduateoutcome",
                name=name,
                field=models.CharField(max_length=length, default=""),
                preserve_default=False,
            )
            for name, length in TEXT
        ],
        *[
            migrations.AddField(
                model_name="graduateoutcome",
                name=name,
                field=models.ForeignKey(
                    null=True,
                    db_index=False,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to=to,
                ),
            )
            for name, to in FOREIGN
        ],
        migrations.RunPython(fill, migrations.RunPython.noop),
        *[
            migrations.AlterField(model_name="graduateoutcome", name=name, field=field())
            for name, field in REQUIRED
        ],
        *[
            migrations.AlterField(
                model_name="graduateoutcome",
                name=name,
                field=models.ForeignKey(
                    db_index=False,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to=to,
                ),
            )
            for name, to in FOREIGN
        ],
        migrations.AddIndex(
            model_name="graduateoutcome",
            index=models.Index(fields=["region", "graduated_on"], name="graduate_outcome_region_day"),
        ),
        migrations.AddIndex(
            model_name="graduateoutcome",
            index=models.Index(fields=["program"], name="graduate_outcome_program"),
        ),
        migrations.AddIndex(
            model_name="graduateoutcome",
            index=models.Index(fields=["institution"], name="graduate_outcome_institution"),
        ),
    ]

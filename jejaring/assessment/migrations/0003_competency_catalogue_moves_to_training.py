"""The competency catalogue (LSPs, competency units, schemes and their units) now belongs
to `jejaring.training`: removed from this app's state only (the tables stay, owned by
training), and sessions, candidates' unit results, test sites, assessors and competency
certificates point at the moved models (same tables, same columns)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0006_need_units_from_training_catalogue"),
        ("assessment", "0002_initial"),
        ("training", "0004_competency_catalogue_from_assessment"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="assessor",
                    name="lsp",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assessors",
                        to="training.certificationbody",
                    ),
                ),
                migrations.AlterField(
                    model_name="competencycertificate",
                    name="lsp",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="training.certificationbody",
                    ),
                ),
                migrations.AlterField(
                    model_name="testsite",
                    name="lsp",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sites",
                        to="training.certificationbody",
                    ),
                ),
                migrations.RemoveField(
                    model_name="scheme",
                    name="lsp",
                ),
                migrations.AlterField(
                    model_name="assessmentsession",
                    name="lsp",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="training.certificationbody",
                    ),
                ),
                migrations.RemoveField(
                    model_name="schemeunit",
                    name="unit",
                ),
                migrations.AlterField(
                    model_name="selfassessment",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="training.competencyunit",
                    ),
                ),
                migrations.AlterField(
                    model_name="unitassessment",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="training.competencyunit",
                    ),
                ),
                migrations.RemoveField(
                    model_name="scheme",
                    name="units",
                ),
                migrations.RemoveField(
                    model_name="scheme",
                    name="vocation",
                ),
                migrations.RemoveField(
                    model_name="schemeunit",
                    name="scheme",
                ),
                migrations.AlterField(
                    model_name="assessmentsession",
                    name="scheme",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="training.scheme",
                    ),
                ),
                migrations.AlterField(
                    model_name="competencycertificate",
                    name="scheme",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="training.scheme",
                    ),
                ),
                migrations.DeleteModel(
                    name="CertificationBody",
                ),
                migrations.DeleteModel(
                    name="CompetencyUnit",
                ),
                migrations.DeleteModel(
                    name="SchemeUnit",
                ),
                migrations.DeleteModel(
                    name="Scheme",
                ),
            ],
        ),
    ]

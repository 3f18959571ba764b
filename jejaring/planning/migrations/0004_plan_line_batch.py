import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The link between a batch and the plan line it realises moves up into planning
    (ADR 0005): this creates the table, 0005 fills it from training_batch.plan_line_id and
    training 0003 drops that column."""

    dependencies = [
        ("planning", "0003_plan_submitted_by"),
        ("training", "0002_identity_verification"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlanLineBatch",
            fields=[
                (
                    "batch",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="plan_link",
                        serialize=False,
                        to="training.batch",
                        verbose_name="paket pelatihan",
                    ),
                ),
                (
                    "plan_line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="batch_links",
                        to="planning.planline",
                        verbose_name="baris rencana",
                    ),
                ),
            ],
            options={
                "verbose_name": "paket dari baris rencana",
                "verbose_name_plural": "paket dari baris rencana",
            },
        ),
    ]

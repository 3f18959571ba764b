"""Internship rule sets and programs now belong to `jejaring.internships`: removed from
this app's state only (their tables stay, owned by internships), and the formation's
program foreign key points at the moved model (same table, same column)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0003_seed_permenaker_6_2020"),
        ("internships", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="formation",
                    name="internship_program",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="formations",
                        to="internships.internshipprogram",
                    ),
                ),
                migrations.DeleteModel(name="InternshipProgram"),
                migrations.DeleteModel(name="InternshipRuleSet"),
            ],
        ),
    ]

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The link between an internship formation and its program moves up into internships
    (ADR 0005): this creates the table, 0003 fills it from
    employers_formation.internship_program_id and employers 0005 drops that column."""

    dependencies = [
        ("employers", "0004_internship_models_move_to_internships"),
        ("internships", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProgramFormation",
            fields=[
                (
                    "formation",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="program_link",
                        serialize=False,
                        to="employers.formation",
                        verbose_name="formasi",
                    ),
                ),
                (
                    "program",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="formation_links",
                        to="internships.internshipprogram",
                        verbose_name="program pemagangan",
                    ),
                ),
            ],
            options={
                "verbose_name": "formasi program pemagangan",
                "verbose_name_plural": "formasi program pemagangan",
            },
        ),
    ]

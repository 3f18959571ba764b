from django.db import migrations


class Migration(migrations.Migration):
    """A formation's internship program is now internships.ProgramFormation (ADR 0005);
    internships 0003 has copied the column there, and copies it back when unapplied after
    this. The check that only an internship names a program goes with the column: the
    formation services (placement) link a program to internship formations only."""

    dependencies = [
        ("employers", "0004_internship_models_move_to_internships"),
        ("internships", "0003_program_formation_from_employers"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="formation",
            name="formation_program_only_for_internship",
        ),
        migrations.RemoveField(
            model_name="formation",
            name="internship_program",
        ),
    ]

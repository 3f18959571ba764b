from django.db import migrations


class Migration(migrations.Migration):
    """A batch's plan line is now planning.PlanLineBatch (ADR 0005); planning 0005 has
    copied the column there, and copies it back when unapplied after this."""

    dependencies = [
        ("planning", "0005_plan_line_batch_from_training"),
        ("training", "0002_identity_verification"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="batch",
            name="plan_line",
        ),
    ]

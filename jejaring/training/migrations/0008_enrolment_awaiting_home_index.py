"""A partial index on the enrolments waiting for the person's home office to confirm the
identity: the office's list and its home-page inbox item read a handful of rows through it
instead of probing every person of the region (186 ms on a million people)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("training", "0007_enrolment_away_from_home")]

    operations = [
        migrations.AddIndex(
            model_name="enrolment",
            index=models.Index(
                condition=models.Q(("identity", "awaiting_home")),
                fields=["person", "identity_checked_at"],
                name="enrolment_awaiting_home",
            ),
        ),
    ]

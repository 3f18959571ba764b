"""FollowUp.answered: whether a point has a current answer other than "unknown", kept by
outcomes.summaries so that response rates need no subquery per point."""

from django.db import migrations, models
from django.db.models import Exists, OuterRef


def fill(apps, schema_editor):
    FollowUp = apps.get_model("outcomes", "FollowUp")
    FollowUpAnswer = apps.get_model("outcomes", "FollowUpAnswer")
    known = FollowUpAnswer.objects.filter(follow_up=OuterRef("pk"), is_current=True).exclude(
        status="unknown"
    )
    FollowUp.objects.filter(Exists(known)).update(answered=True)


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0006_graduate_outcome_groups")]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="answered",
            field=models.BooleanField(default=False, editable=False, verbose_name="terjawab"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

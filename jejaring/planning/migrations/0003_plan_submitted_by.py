import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def submitters_from_the_audit_trail(apps, schema_editor):
    """Plans submitted before the field existed take their submitter from the latest
    ``planning.plan.submit`` audit event, so that person cannot approve them either."""
    TrainingPlan = apps.get_model("planning", "TrainingPlan")
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    plan_type = ContentType.objects.filter(app_label="planning", model="trainingplan").first()
    if plan_type is None:
        return
    plans = TrainingPlan.objects.filter(submitted_at__isnull=False, submitted_by__isnull=True)
    for plan in plans.iterator():
        actor_id = (
            AuditEvent.objects.filter(
                action="planning.plan.submit", target_type=plan_type, target_id=str(plan.pk)
            )
            .order_by("-pk")
            .values_list("actor_id", flat=True)
            .first()
        )
        if actor_id is not None:
            TrainingPlan.objects.filter(pk=plan.pk).update(submitted_by_id=actor_id)


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0002_initial"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="trainingplan",
            name="submitted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(submitters_from_the_audit_trail, migrations.RunPython.noop),
    ]

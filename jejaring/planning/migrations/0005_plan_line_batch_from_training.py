from django.db import migrations
from django.db.models import OuterRef, Subquery


def links_from_batches(apps, schema_editor):
    """Every batch that names its plan line gets a link row naming the same line."""
    Batch = apps.get_model("training", "Batch")
    PlanLineBatch = apps.get_model("planning", "PlanLineBatch")
    linked = Batch.objects.filter(plan_line__isnull=False).order_by("pk")
    PlanLineBatch.objects.bulk_create(
        [
            PlanLineBatch(batch_id=batch_id, plan_line_id=plan_line_id)
            for batch_id, plan_line_id in linked.values_list("pk", "plan_line_id").iterator()
        ],
        batch_size=1000,
    )


def batches_from_links(apps, schema_editor):
    """Back to the batch's own column (training 0003 unapplied has restored it, empty)."""
    Batch = apps.get_model("training", "Batch")
    PlanLineBatch = apps.get_model("planning", "PlanLineBatch")
    line_of = PlanLineBatch.objects.filter(batch_id=OuterRef("pk")).values("plan_line_id")
    Batch.objects.filter(pk__in=PlanLineBatch.objects.values("batch_id")).update(
        plan_line_id=Subquery(line_of[:1])
    )


class Migration(migrations.Migration):
    """Kept apart from 0004 so that, on PostgreSQL, no table is created or dropped in the
    transaction that moves the rows."""

    dependencies = [
        ("planning", "0004_plan_line_batch"),
    ]

    operations = [
        migrations.RunPython(links_from_batches, batches_from_links, elidable=False),
    ]

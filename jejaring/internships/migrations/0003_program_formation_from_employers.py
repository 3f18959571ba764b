from django.db import migrations
from django.db.models import OuterRef, Subquery


def links_from_formations(apps, schema_editor):
    """Every formation that names its program gets a link row naming the same program."""
    Formation = apps.get_model("employers", "Formation")
    ProgramFormation = apps.get_model("internships", "ProgramFormation")
    linked = Formation.objects.filter(internship_program__isnull=False).order_by("pk")
    ProgramFormation.objects.bulk_create(
        [
            ProgramFormation(formation_id=formation_id, program_id=program_id)
            for formation_id, program_id in linked.values_list(
                "pk", "internship_program_id"
            ).iterator()
        ],
        batch_size=1000,
    )


def formations_from_links(apps, schema_editor):
    """Back to the formation's own column (employers 0005 unapplied has restored it,
    empty)."""
    Formation = apps.get_model("employers", "Formation")
    ProgramFormation = apps.get_model("internships", "ProgramFormation")
    program_of = ProgramFormation.objects.filter(formation_id=OuterRef("pk")).values(
        "program_id"
    )
    Formation.objects.filter(pk__in=ProgramFormation.objects.values("formation_id")).update(
        internship_program_id=Subquery(program_of[:1])
    )


class Migration(migrations.Migration):
    """Kept apart from 0002 so that, on PostgreSQL, no table is created or dropped in the
    transaction that moves the rows."""

    dependencies = [
        ("internships", "0002_program_formation"),
    ]

    operations = [
        migrations.RunPython(links_from_formations, formations_from_links, elidable=False),
    ]

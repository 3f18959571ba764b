"""An industry need's competency units are training's now (the catalogue moved from
assessment with its tables kept): state only, the link table is unchanged."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0005_plan_line_batch_from_training'),
        ('training', '0004_competency_catalogue_from_assessment'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='industryneed',
                    name='units',
                    field=models.ManyToManyField(blank=True, related_name='+', to='training.competencyunit'),
                ),
            ],
        ),
    ]

"""The internship rule sets and programs move here from employers with their tables kept:
the models are created in the state only (their tables, `employers_internship*`, stay as
they are), and their content types are relabelled so that audit events and permissions
about them keep pointing at them."""

import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


MOVED = ("internshipprogram", "internshipruleset")


def relabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="internships", model=model).exists():
            ContentType.objects.using(db).filter(app_label="employers", model=model).update(
                app_label="internships"
            )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="employers", model=model).exists():
            ContentType.objects.using(db).filter(app_label="internships", model=model).update(
                app_label="employers"
            )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('employers', '0003_seed_permenaker_6_2020'),
        ('regions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='InternshipRuleSet',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('valid_from', models.DateField(unique=True, verbose_name='berlaku mulai')),
                        ('legal_basis', models.CharField(max_length=200, verbose_name='dasar hukum')),
                        ('max_intern_pct_of_workforce', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='peserta magang maks. (% tenaga kerja)')),
                        ('max_duration_months', models.PositiveSmallIntegerField(verbose_name='lama maksimal (bulan)')),
                        ('theory_min_pct', models.PositiveSmallIntegerField(verbose_name='teori minimal (%)')),
                        ('theory_max_pct', models.PositiveSmallIntegerField(verbose_name='teori maksimal (%)')),
                        ('min_age', models.PositiveSmallIntegerField(verbose_name='usia minimal')),
                        ('parental_consent_below_age', models.PositiveSmallIntegerField(verbose_name='perlu izin orang tua di bawah usia')),
                        ('decision_working_days', models.PositiveSmallIntegerField(verbose_name='batas keputusan dinas (hari kerja)')),
                    ],
                    options={
                        'verbose_name': 'aturan pemagangan',
                        'verbose_name_plural': 'aturan pemagangan',
                        'db_table': 'employers_internshipruleset',
                        'ordering': ['-valid_from'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('theory_max_pct__lte', 100), ('theory_min_pct__lte', models.F('theory_max_pct'))), name='internship_rules_theory_range'), models.CheckConstraint(condition=models.Q(('parental_consent_below_age__gte', models.F('min_age'))), name='internship_rules_consent_age')],
                    },
                ),
                migrations.CreateModel(
                    name='InternshipProgram',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='nama program')),
                        ('description', models.TextField(verbose_name='uraian program')),
                        ('facilities', models.TextField(verbose_name='sarana dan prasarana')),
                        ('supervisors', models.TextField(verbose_name='pembimbing')),
                        ('plan', models.TextField(verbose_name='rencana pelaksanaan')),
                        ('duration_months', models.PositiveSmallIntegerField(verbose_name='lama (bulan)')),
                        ('theory_pct', models.PositiveSmallIntegerField(verbose_name='porsi teori (%)')),
                        ('draft_agreement', models.FileField(blank=True, upload_to='internship-programs/%Y/', verbose_name='rancangan perjanjian')),
                        ('status', models.CharField(choices=[('draft', 'Konsep'), ('submitted', 'Diajukan'), ('approved', 'Disetujui'), ('returned', 'Dikembalikan untuk perbaikan'), ('rejected', 'Ditolak')], default='draft', max_length=10, verbose_name='status')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='diajukan pada')),
                        ('decision_due_on', models.DateField(blank=True, null=True, verbose_name='batas keputusan')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='diputuskan pada')),
                        ('decision_note', models.TextField(blank=True, verbose_name='catatan keputusan')),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='internship_programs', to='employers.company')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='wilayah')),
                    ],
                    options={
                        'verbose_name': 'program pemagangan',
                        'verbose_name_plural': 'program pemagangan',
                        'db_table': 'employers_internshipprogram',
                        'indexes': [models.Index(fields=['region', 'status', 'decision_due_on'], name='intern_prog_due')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('theory_pct__lte', 100)), name='internship_program_theory_pct'), models.CheckConstraint(condition=models.Q(('status', 'draft'), ('submitted_at__isnull', False), _connector='OR'), name='internship_program_submitted_at')],
                    },
                ),
            ],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]

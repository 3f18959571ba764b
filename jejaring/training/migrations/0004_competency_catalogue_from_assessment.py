"""The competency catalogue (LSPs, competency units, schemes and their units) moves here
from assessment with its tables kept: the models are created in the state only (their
tables, `assessment_*`, stay as they are), programs and instructor credentials point at
them (same columns), and their content types are relabelled so that audit events and
permissions about them keep pointing at them."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

MOVED = ("certificationbody", "competencyunit", "scheme", "schemeunit")


def relabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="training", model=model).exists():
            ContentType.objects.using(db).filter(app_label="assessment", model=model).update(
                app_label="training"
            )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="assessment", model=model).exists():
            ContentType.objects.using(db).filter(app_label="training", model=model).update(
                app_label="assessment"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("training", "0003_remove_batch_plan_line"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CertificationBody",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(max_length=200, unique=True, verbose_name="nama"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("p1", "LSP P1 (pihak pertama)"),
                                    ("p2", "LSP P2 (pihak kedua)"),
                                    ("p3", "LSP P3 (pihak ketiga)"),
                                ],
                                max_length=2,
                                verbose_name="jenis",
                            ),
                        ),
                        (
                            "license_number",
                            models.CharField(
                                blank=True, max_length=80, verbose_name="nomor lisensi BNSP"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "LSP",
                        "verbose_name_plural": "LSP",
                        "db_table": "assessment_certificationbody",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="CompetencyUnit",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "code",
                            models.CharField(max_length=40, unique=True, verbose_name="kode unit"),
                        ),
                        ("title", models.CharField(max_length=300, verbose_name="judul unit")),
                        (
                            "title_en",
                            models.CharField(
                                blank=True, max_length=300, verbose_name="judul (Inggris)"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "unit kompetensi",
                        "verbose_name_plural": "unit kompetensi",
                        "db_table": "assessment_competencyunit",
                        "ordering": ["code"],
                    },
                ),
                migrations.AlterField(
                    model_name="instructorcredential",
                    name="unit",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="training.competencyunit",
                    ),
                ),
                migrations.AlterField(
                    model_name="program",
                    name="units",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="programs",
                        to="training.competencyunit",
                        verbose_name="unit kompetensi",
                    ),
                ),
                migrations.CreateModel(
                    name="Scheme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "code",
                            models.CharField(max_length=60, unique=True, verbose_name="kode skema"),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="nama skema")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("kkni", "Kualifikasi KKNI"),
                                    ("occupation", "Okupasi"),
                                    ("cluster", "Klaster"),
                                ],
                                max_length=10,
                                verbose_name="jenis",
                            ),
                        ),
                        (
                            "kkni_level",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(9),
                                ],
                                verbose_name="jenjang KKNI",
                            ),
                        ),
                        (
                            "lsp",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="schemes",
                                to="training.certificationbody",
                            ),
                        ),
                        (
                            "vocation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="schemes",
                                to="training.vocation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "skema sertifikasi",
                        "verbose_name_plural": "skema sertifikasi",
                        "db_table": "assessment_scheme",
                        "ordering": ["name"],
                    },
                ),
                migrations.AlterField(
                    model_name="program",
                    name="scheme",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="programs",
                        to="training.scheme",
                        verbose_name="skema sertifikasi",
                    ),
                ),
                migrations.CreateModel(
                    name="SchemeUnit",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "position",
                            models.PositiveSmallIntegerField(default=0, verbose_name="urutan"),
                        ),
                        (
                            "scheme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="scheme_units",
                                to="training.scheme",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="training.competencyunit",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "assessment_schemeunit",
                        "ordering": ["position"],
                    },
                ),
                migrations.AddField(
                    model_name="scheme",
                    name="units",
                    field=models.ManyToManyField(
                        related_name="schemes",
                        through="training.SchemeUnit",
                        to="training.competencyunit",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="schemeunit",
                    constraint=models.UniqueConstraint(
                        fields=("scheme", "unit"), name="scheme_unit_once"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="scheme",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("kkni_level__isnull", True),
                            models.Q(("kkni_level__gte", 1), ("kkni_level__lte", 9)),
                            _connector="OR",
                        ),
                        name="scheme_kkni_level",
                    ),
                ),
            ],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]

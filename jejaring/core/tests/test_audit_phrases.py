"""Every audit action reads as an Indonesian phrase (English in the catalogue), and the
audit page shows changes as "label: before → after" with personal data masked (issue 18)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.urls import reverse

from jejaring.core import audit
from jejaring.core.audit_display import phrase_of
from jejaring.core.discovery import app_modules
from jejaring.core.models import AuditEvent, ImportJob
from jejaring.placement.audit_actions import referral_outcome
from jejaring.placement.models import Referral
from jejaring.social_security import audit_actions as social_security_actions
from jejaring.training import audit_actions as training_actions
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

APPS = Path(settings.BASE_DIR) / "jejaring"
#: Functions that build an action name at run time, with every name they can build.
BUILDERS = {
    "referral_outcome": lambda: [referral_outcome(s) for s in Referral.Status.values],
    "_action": lambda: [  # jejaring.core.admin: admin.<app>.<model>.<verb>
        f"admin.{model._meta.app_label}.{model._meta.model_name}.{verb}"
        for model in admin.site._registry
        for verb in ("create", "update", "delete")
    ],
}
#: f-string action names, by their fixed start, with every name they can build.
TEMPLATES = {"import_job.done.": lambda: [f"import_job.done.{k}" for k in ImportJob.Kind.values]}


def _declared_actions() -> set[str]:
    """The names in every app's audit_actions module (the registry of stored names)."""
    return {
        value
        for module in app_modules("audit_actions")
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, str)
    }


def _recorded_actions() -> set[str]:
    """The action of every `audit.record`/`record_many` call in the code, each expanded to
    the names it can write; a form this test does not know fails it."""
    names: set[str] = set()
    for path in sorted(APPS.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            action = next((k.value for k in node.keywords if k.arg == "action"), None)
            if called not in ("record", "record_many") or action is None:
                continue
            where = f"{path.relative_to(APPS)}:{node.lineno}"
            if isinstance(action, ast.Constant):
                names.add(action.value)
            elif isinstance(action, ast.JoinedStr):
                start = action.values[0]
                assert isinstance(start, ast.Constant), where
                assert start.value in TEMPLATES, f"{where}: unknown action template"
                names.update(TEMPLATES[start.value]())
            elif isinstance(action, ast.Call):
                builder = getattr(action.func, "attr", getattr(action.func, "id", ""))
                assert builder in BUILDERS, f"{where}: unknown action builder {builder}"
                names.update(BUILDERS[builder]())
            else:  # a constant of an audit_actions module, or a variable holding one
                assert isinstance(action, ast.Attribute | ast.Name), where
    return names


def test_every_audit_action_has_a_phrase():
    actions = _declared_actions() | _recorded_actions()
    assert len(actions) > 100
    missing = sorted(a for a in actions if phrase_of(a) is None)
    assert not missing, f"audit actions with no phrase in any audit_phrases.py: {missing}"


def test_an_unknown_action_has_no_phrase():
    assert phrase_of("no.such.action") is None
    assert phrase_of("placement.referral.no_such_status") is None


def _page(client, user, language="id"):
    client.force_login(user)
    if language != "id":
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client.get(reverse("core:audit")).content.decode()


def test_an_export_reads_as_a_sentence_in_both_languages(client, cast):
    batch = BatchFactory(program__institution=cast.lpks)
    with transaction.atomic():
        audit.record(
            actor=cast.staff_a,
            action=training_actions.BATCH_EXPORT_PARTICIPANTS,
            target=batch,
            region=cast.region_a,
            changes={"rows": 1200},
        )
    assert "Mengekspor 1.200 baris data peserta (XLSX)" in _page(client, cast.staff_a)
    assert "Exported 1,200 rows of participant data (XLSX)" in _page(client, cast.staff_a, "en")


def test_a_premium_report_export_names_its_month_and_people(client, cast):
    with transaction.atomic():
        audit.record(
            actor=cast.staff_a,
            action=social_security_actions.PREMIUM_REPORT_EXPORT,
            region=cast.region_a,
            changes={"month": [None, "2026-05-01"], "people": [None, 37]},
        )
    html = _page(client, cast.staff_a)
    assert "Mengekspor laporan iuran BPJS bulan Mei 2026, 37 orang (XLSX)" in html


def test_a_status_change_shows_field_label_and_choice_labels(client, cast):
    enrolment = EnrolmentFactory(batch__program__institution=cast.lpks, person=cast.person_1)
    with transaction.atomic():
        audit.record(
            actor=cast.staff_a,
            action=training_actions.ENROLMENT_WITHDRAWN,
            target=enrolment,
            region=cast.region_a,
            changes={"status": [Enrolment.Status.APPLIED, Enrolment.Status.WITHDRAWN]},
        )
    html = _page(client, cast.staff_a)
    applied, withdrawn = Enrolment.Status.APPLIED.label, Enrolment.Status.WITHDRAWN.label
    assert f"<strong>Status</strong>: {applied} → {withdrawn}" in html
    assert "Mencatat peserta mengundurkan diri" in html
    assert "training.enrolment.withdrawn" not in html


def test_the_audit_page_never_shows_a_full_nik(client, cast):
    nik = "3375014101950001"
    with transaction.atomic():
        event = audit.record(
            actor=cast.staff_a, action="trainees.person.update", target=cast.person_1
        )
    # An older row written before masking, and a label that happens to carry a NIK.
    AuditEvent.objects.filter(pk=event.pk).update(
        changes={"nik": ["3375014101950002", nik], "full_name": ["Siti", "Siti Aminah"]},
        target_label=f"Siti Aminah ({nik})",
    )
    html = _page(client, cast.staff_a)
    assert nik not in html and "3375014101950002" not in html
    assert "3375••••••••0001" in html
    assert "Siti → Siti Aminah" in html


def test_an_unknown_action_still_shows_its_stored_name(client, cast):
    with transaction.atomic():
        audit.record(actor=cast.staff_a, action="test.read", target=cast.person_1)
    assert "<code>test.read</code>" in _page(client, cast.staff_a)

"""The layers between apps hold for foreign keys too: no table points at an app above it.

The layer order is read from `.importlinter` (the same contract `lint-imports` checks in
CI), so the import rule and the foreign-key rule cannot drift apart."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

ROOT = Path(__file__).resolve().parent.parent

#: Foreign keys allowed to point up, each with its reason (docs/adr/0005-app-layers.md).
#: No Python import follows from any of them; the list may only shrink.
ALLOWED_UPWARD = {
    # core's audit trail and import jobs name the user and the tenant they belong to.
    "core.AuditEvent.actor": "Django's user model, which every app may reference",
    "core.AuditEvent.region": "the tenant an audited write belongs to",
    "core.ImportJob.created_by": "Django's user model, which every app may reference",
    "core.ImportJob.region": "the tenant an import belongs to",
}


def layer_ranks() -> dict[str, int]:
    """App label -> its layer, 0 at the bottom; apps sharing a layer share a rank."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    lines = [
        line.strip()
        for line in config["importlinter:contract:layers"]["layers"].splitlines()
        if line.strip()
    ]
    ranks: dict[str, int] = {}
    for rank, line in enumerate(reversed(lines)):
        for module in line.split("|"):
            ranks[module.strip().removeprefix("jejaring.")] = rank
    return ranks


def relations() -> list[tuple[str, str, str]]:
    """(field, source app, target app) of every relation a Jejaring model declares."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("jejaring."):
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if field.auto_created or not field.is_relation or field.related_model is None:
                continue
            if not isinstance(field, models.ForeignKey | models.ManyToManyField):
                continue  # generic relations are declared downward by the app above
            target = field.related_model
            assert isinstance(target, type)
            found.append(
                (
                    f"{model._meta.app_label}.{model.__name__}.{field.name}",
                    model._meta.app_label,
                    target._meta.app_label,
                )
            )
    return found


def test_the_layer_order_names_every_installed_jejaring_app():
    installed = {c.label for c in apps.get_app_configs() if c.name.startswith("jejaring.")}
    assert installed == set(layer_ranks())


@pytest.mark.parametrize(("field", "source", "target"), relations())
def test_no_foreign_key_points_at_an_app_above_or_beside_its_own(field, source, target):
    ranks = layer_ranks()
    if target not in ranks or source == target or field in ALLOWED_UPWARD:
        return  # Django's own apps are below everything; a table may point within its app.
    assert ranks[target] < ranks[source], (
        f"{field} points at {target}, which is not below {source} in .importlinter"
    )


def test_every_allowed_upward_foreign_key_still_exists():
    # An exception that no longer matches a field must be removed, not kept "just in case".
    assert set(ALLOWED_UPWARD) <= {field for field, _source, _target in relations()}

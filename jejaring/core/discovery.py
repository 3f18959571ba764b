"""Finding what each installed Jejaring app contributes, by module name: its menu
(`nav.py`), home-page cards and panels (`home.py`), trainee-page sections
(`trainee_pages.py`). A lower app learns about higher ones this way, without importing
them (docs/adr/0005-app-layers.md)."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from django.apps import apps


def app_modules(name: str) -> list[ModuleType]:
    """The module `<app>.<name>` of every installed Jejaring app that has one, in the
    order of INSTALLED_APPS. An import error inside such a module is raised, not hidden."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jejaring."):
            continue
        try:
            found.append(import_module(f"{config.name}.{name}"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{name}":
                raise
    return found

"""Base classes for every page form: subclass ``jejaring.core.forms.Form`` or
``jejaring.core.forms.ModelForm`` instead of Django's, and ``{{ form }}`` renders with
templates/partials/form.html (an error summary on top, then each field with its label,
widget, errors and help text from templates/partials/field.html, hidden fields included).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django.forms
from django import forms
from django.conf import settings
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template.backends.django import DjangoTemplates as DjangoTemplatesBackend
from django.utils.functional import cached_property


class FormRenderer(DjangoTemplates):
    """Finds the project's templates/ first, then Django's own form and widget templates.

    Django's default renderer looks only in django/forms/templates and in apps, so it
    cannot see templates/partials/. Setting ``FORM_RENDERER =
    "jejaring.core.forms.FormRenderer"`` makes every form, Django's own auth forms
    included, render ``{{ form }}`` and ``{{ field.as_field_group }}`` with our partials.
    """

    form_template_name = "partials/form.html"
    field_template_name = "partials/field.html"

    @cached_property
    def engine(self) -> DjangoTemplatesBackend:
        backends: list[dict[str, Any]] = settings.TEMPLATES
        project_dirs = [directory for backend in backends for directory in backend.get("DIRS", [])]
        django_forms_dir = Path(django.forms.__file__).parent / "templates"
        return DjangoTemplatesBackend(
            {
                "APP_DIRS": True,
                "DIRS": [*project_dirs, django_forms_dir],
                "NAME": "jejaring_forms",
                "OPTIONS": {},
            }
        )


# One instance for all forms, so the template engine and its cache are built once.
form_renderer = FormRenderer()


class AccessibleFormMixin:
    """Renders the form with our templates and ties each input to its help text and errors.

    Django 5.2's BoundField already gives an input with errors ``aria-invalid="true"`` and
    ``aria-describedby="<auto_id>_helptext <auto_id>_error"`` when it renders the widget,
    which also covers errors added after validation (``form.add_error`` from a service's
    ApplicationError). The attributes are therefore not copied onto ``widget.attrs`` in
    ``__init__``: that would need the errors, i.e. validating the form before a subclass
    has finished setting it up. partials/field.html gives the help and error elements
    exactly those ids; a widget that sets its own ``aria-describedby`` keeps it.
    """

    default_renderer: BaseRenderer | type[BaseRenderer] | None = form_renderer
    template_name = "partials/form.html"
    required_css_class = "required"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Labels sit above their inputs; a trailing colon only adds noise.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    pass


def add_service_error(form: forms.BaseForm, error: Any) -> None:
    """Show a service's refusal (an `ApplicationError`) on the form: beside the field it
    names, if the form has that field, otherwise at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))

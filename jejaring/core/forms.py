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
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template.backends.django import DjangoTemplates as DjangoTemplatesBackend
from django.utils.functional import cached_property

from jejaring.core.params import parse_id


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


def _integer_key(field: forms.ModelChoiceField) -> bool:
    """Whether the field's choices are looked up by an integer column (the id, usually)."""
    if field.queryset is None:
        return False
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    return isinstance(key, models.IntegerField)


class BoundedChoiceMixin:
    """For a model choice field: a submitted value that cannot be an id (not ASCII digits,
    or past the bigint range) is an invalid choice, refused before any query. Django would
    query with it, and SQLite answers an integer past 64 bits with an OverflowError (a
    500); PostgreSQL, with a search for nothing."""

    def _refuse_non_ids(self, values: Any, message: str) -> None:
        if not _integer_key(self):  # type: ignore[arg-type]
            return
        for value in values:
            if not isinstance(value, models.Model) and parse_id(value) is None:
                raise ValidationError(
                    self.error_messages[message],  # type: ignore[attr-defined]
                    code=message,
                    params={"pk": value, "value": value},
                )


class BoundedModelChoiceMixin(BoundedChoiceMixin):
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values:  # type: ignore[attr-defined]
            self._refuse_non_ids([value], "invalid_choice")
        return super().to_python(value)  # type: ignore[misc]


class BoundedModelMultipleChoiceMixin(BoundedChoiceMixin):
    def _check_values(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            self._refuse_non_ids(value, "invalid_pk_value")
        return super()._check_values(value)  # type: ignore[misc]


#: Each model choice field class with the check in front, made once per class.
_BOUNDED: dict[type[Any], type[Any]] = {}


def _bounded_class(field_class: type[Any]) -> type[Any]:
    """`field_class` with the bounded-id check in front of its own lookups."""
    if field_class not in _BOUNDED:
        mixin = (
            BoundedModelMultipleChoiceMixin
            if issubclass(field_class, forms.ModelMultipleChoiceField)
            else BoundedModelChoiceMixin
        )
        _BOUNDED[field_class] = type(f"Bounded{field_class.__name__}", (mixin, field_class), {})
    return _BOUNDED[field_class]


def bound_model_choices(form: forms.BaseForm) -> None:
    """Give every model choice field of `form` the bounded-id check (BoundedChoiceMixin):
    declared fields, a ModelForm's foreign keys and the project's own subclasses alike, so
    no form can forget it."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, BoundedChoiceMixin):
            field.__class__ = _bounded_class(type(field))


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
        bound_model_choices(self)  # type: ignore[arg-type]


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    pass


def add_service_error(form: forms.BaseForm, error: Any) -> None:
    """Show a service's refusal (an `ApplicationError`) on the form: beside the field it
    names, if the form has that field, otherwise at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))

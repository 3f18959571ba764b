"""The audit trail in words, at display time and in the reader's language.

Stored events keep their action names and raw `changes` (jejaring.core.audit); this module
turns one into "Mengekspor 120 baris data peserta (XLSX)" and lines of "label: before →
after". Each app says what its actions mean in its own `audit_phrases.py` (found through
jejaring.core.discovery, so the core imports no app):

- `PHRASES`: action name -> a lazy phrase, or a `Phrase` that reads some of the changes;
- `FAMILIES`: action-name prefix -> function of the rest of the name (for names built at
  run time, such as `placement.referral.<status>`);
- `LABELS`: change key -> lazy label, for keys that are not fields of the target's model.

Rendering reads no database: labels and choices come from the target's model class.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from jejaring.core.audit import SENSITIVE_FIELDS
from jejaring.core.discovery import app_modules
from jejaring.core.masking import mask_nik
from jejaring.core.numbers import format_number

#: What the audit trail stores instead of a sensitive value (audit.diff).
STORED_MASK = "•••"
#: Longest list shown in full in a change line; longer ones end in "… (+n)".
LIST_SHOWN = 5
#: A 16-digit run anywhere in a shown value: a NIK, masked whatever field it sits in.
_NIK_RUN = re.compile(r"(?<!\d)\d{16}(?!\d)")
#: A date stored as ISO text, shown in the reader's date format.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Change keys that hold a month (stored as its first day).
MONTH_KEYS = frozenset({"month"})


@dataclass(frozen=True)
class Phrase:
    """A phrase that reads values out of the event's changes.

    `text` is formatted with `%(key)s` of each key in `uses` (the value after the change);
    when one is missing, `fallback` is shown instead. Keys in `uses` are not repeated as
    change lines. Keys in `lists` hold a plain list, not a `[before, after]` pair.
    """

    text: Any
    uses: tuple[str, ...] = ()
    fallback: Any = None
    lists: tuple[str, ...] = ()
    #: Values for keys that older events did not record (e.g. the format of an export
    #: from before there was a choice).
    defaults: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class ChangeLine:
    label: str
    before: str | None
    after: str


@dataclass(frozen=True)
class Entry:
    """One event as the audit page shows it."""

    event: Any
    phrase: str
    known: bool
    target_label: str
    changes: list[ChangeLine] = field(default_factory=list)


@dataclass(frozen=True)
class _Registry:
    phrases: Mapping[str, Any]
    families: Mapping[str, Callable[[str], Any]]
    labels: Mapping[str, Any]


@cache
def registry() -> _Registry:
    phrases: dict[str, Any] = {}
    families: dict[str, Callable[[str], Any]] = {}
    labels: dict[str, Any] = {}
    for module in app_modules("audit_phrases"):
        phrases.update(getattr(module, "PHRASES", {}))
        families.update(getattr(module, "FAMILIES", {}))
        labels.update(getattr(module, "LABELS", {}))
    return _Registry(phrases=phrases, families=families, labels=labels)


def phrase_of(action: str) -> Phrase | None:
    """The phrase of an action name, or None when no app gave it one."""
    found = registry().phrases.get(action)
    if found is None:
        for prefix, build in sorted(registry().families.items(), key=lambda kv: -len(kv[0])):
            if action.startswith(prefix):
                found = build(action[len(prefix) :])
                break
    if found is None:
        return None
    return found if isinstance(found, Phrase) else Phrase(text=found)


def describe(event: Any) -> Entry:
    """The event in words: its phrase, its target and its changes, personal data masked."""
    model = event.target_type.model_class() if event.target_type_id else None
    changes = event.changes if isinstance(event.changes, dict) else {}
    phrase = phrase_of(event.action)
    lists = set(phrase.lists) if phrase else set()
    if phrase is None:
        text, used = event.action, set[str]()
    else:
        text, used = _phrase_text(phrase, changes, model)
    lines = [
        _line(key, value, model, is_list=key in lists)
        for key, value in changes.items()
        if key not in used
    ]
    return Entry(
        event=event,
        phrase=text,
        known=phrase is not None,
        target_label=_mask_runs(event.target_label),
        changes=lines,
    )


def describe_all(events: Iterable[Any]) -> list[Entry]:
    return [describe(event) for event in events]


def _phrase_text(phrase: Phrase, changes: Mapping[str, Any], model: Any) -> tuple[str, set[str]]:
    if not phrase.uses:
        return str(phrase.text), set()
    fallback = str(phrase.fallback if phrase.fallback is not None else phrase.text)
    values: dict[str, Any] = {}
    for key in phrase.uses:
        raw: Any = changes.get(key, dict(phrase.defaults).get(key))
        value = raw[1] if _is_pair(raw) and key not in phrase.lists else raw
        if value is None:
            return fallback, set()
        counted = isinstance(value, int) and not isinstance(value, bool)
        values[key] = _Count(value) if counted else _shown(key, value, model)
    try:
        return str(phrase.text % values), set(phrase.uses)
    except (KeyError, TypeError, ValueError):  # a stored value of another shape
        return fallback, set()


class _Count(int):
    """A count for a plural phrase (ngettext_lazy picks the form by its value) that prints
    in the reader's number style. (Ids and years in change lines stay ungrouped.)"""

    def __str__(self) -> str:
        return format_number(int(self))


def _is_pair(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2


def _line(key: str, value: Any, model: Any, *, is_list: bool) -> ChangeLine:
    label = _label(key, model)
    if key in SENSITIVE_FIELDS:
        return ChangeLine(label=label, before=None, after=_hidden(key, value))
    if _is_pair(value) and not is_list:
        before, after = value
        if _empty(before):
            return ChangeLine(label=label, before=None, after=_shown(key, after, model))
        return ChangeLine(
            label=label, before=_shown(key, before, model), after=_shown(key, after, model)
        )
    return ChangeLine(label=label, before=None, after=_shown(key, value, model))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _hidden(key: str, value: Any) -> str:
    """A sensitive field's change: stored masked; an older row's raw NIK is masked here."""
    after = value[1] if _is_pair(value) else value
    if key == "nik" and isinstance(after, str) and after and after != STORED_MASK:
        return mask_nik(after)
    return _("diubah (disembunyikan)")


def _label(key: str, model: Any) -> str:
    field = _field(model, key)
    if field is not None:
        return capfirst(str(field.verbose_name))
    known = registry().labels.get(key)
    if known is not None:
        return capfirst(str(known))
    return capfirst(key.replace("_", " "))


def _field(model: Any, key: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _shown(key: str, value: Any, model: Any) -> str:
    if _empty(value):
        return "—"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, list):
        items = [_shown(key, item, model) for item in value[:LIST_SHOWN]]
        more = len(value) - LIST_SHOWN
        return ", ".join(items) + (f" … (+{more})" if more > 0 else "")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_shown(str(k), v, model)}" for k, v in value.items())
    field = _field(model, key)
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, float):
        return format_number(value, None)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return _date(key, value)
    return _mask_runs(str(value))


def _date(key: str, value: str) -> str:
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is None:
        return value
    return date_format(day, "YEAR_MONTH_FORMAT" if key in MONTH_KEYS else "DATE_FORMAT")


def _mask_runs(text: str) -> str:
    return _NIK_RUN.sub(lambda match: mask_nik(match.group()), text)

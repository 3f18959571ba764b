"""The translation catalogues are complete, and the committed .mo files match their .po.

A fresh machine has no gettext tools, so the compiled .mo files are committed; these tests
fail when a .po was edited (or makemessages run) without compilemessages afterwards.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["id", "en"]
BASE_DIR = Path(settings.BASE_DIR)
#: Every catalogue: the project's (locale/) and each app's own (jejaring/<app>/locale/),
#: as "<locale dir>/<language>" relative to the project root.
CATALOGUES = [
    f"{directory.relative_to(BASE_DIR)}/{language}"
    for directory in [LOCALE_DIR, *sorted(BASE_DIR.glob("jejaring/*/locale"))]
    for language in LANGUAGES
]
PLACEHOLDER = re.compile(r"%\((\w+)\)")
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # 0 for a non-plural entry
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        """The msgid as the .mo file stores it (context, EOT, msgid)."""
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"


def parse_po(path: Path) -> list[Entry]:
    """Every entry of a .po file except obsolete (#~) ones; the header is the first entry."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal current, target
        if current.line:
            entries.append(current)
        current, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if target is not None:
                flush()
            continue
        if line.startswith("#"):
            if target is not None:
                flush()
            if line.startswith("#,"):
                current.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            assert target is not None, f"{path}:{number}: continuation line without a keyword"
            value = ast.literal_eval(line)
        else:
            match = KEYWORD.match(line)
            assert match, f"{path}:{number}: cannot parse {raw!r}"
            keyword, index, quoted = match.groups()
            if keyword == "msgid" and target is not None and target[0] == "msgstr":
                flush()
            target = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else (keyword, 0)
            current.line = current.line or number
            value = ast.literal_eval(quoted)
            if target[0] == "msgstr":
                current.msgstr[target[1]] = ""
            else:
                setattr(current, keyword, "")
        if target[0] == "msgstr":
            current.msgstr[target[1]] += value
        else:
            setattr(current, target[0], getattr(current, target[0]) + value)
    flush()
    return entries


def po_path(catalogue: str) -> Path:
    return BASE_DIR / catalogue / "LC_MESSAGES" / "django.po"


def messages(language: str) -> list[Entry]:
    entries = parse_po(po_path(language))
    assert entries and entries[0].msgid == "", "the catalogue has no header entry"
    return entries[1:]


def where(language: str, entry: Entry) -> str:
    return f"{language}/LC_MESSAGES/django.po:{entry.line} {entry.msgid!r}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_catalogue_exists_and_has_messages(language):
    assert po_path(language).is_file()
    assert messages(language)


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_message_is_translated_in_every_plural_form(language):
    header = parse_po(po_path(language))[0].msgstr[0]
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", header).group(1))
    problems = []
    for entry in messages(language):
        forms = nplurals if entry.msgid_plural is not None else 1
        if sorted(entry.msgstr) != list(range(forms)):
            problems.append(f"{where(language, entry)}: msgstr forms {sorted(entry.msgstr)}")
        elif not all(entry.msgstr.values()):
            problems.append(f"{where(language, entry)}: empty msgstr")
    assert problems == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_no_message_is_fuzzy(language):
    fuzzy = [where(language, entry) for entry in messages(language) if "fuzzy" in entry.flags]
    assert fuzzy == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_the_named_placeholders(language):
    problems = []
    for entry in messages(language):
        known = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for index, text in entry.msgstr.items():
            source = entry.msgid if index == 0 or entry.msgid_plural is None else entry.msgid_plural
            used = set(PLACEHOLDER.findall(text))
            if not set(PLACEHOLDER.findall(source)) <= used or not used <= known:
                problems.append(f"{where(language, entry)}: msgstr[{index}] = {text!r}")
    assert problems == []


@pytest.mark.parametrize("language", CATALOGUES)
def test_the_compiled_catalogue_matches_the_po_file(language):
    mo = po_path(language).with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run manage.py compilemessages"
    with mo.open("rb") as handle:
        # _catalog is the only way to tell a missing message from one translated as itself
        # (every Indonesian msgstr equals its msgid).
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for entry in messages(language):
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                expected[(entry.key, index)] = text
    stale = [
        f"{key!r}: .po has {text!r}, .mo has {compiled.get(key)!r}"
        for key, text in expected.items()
        if compiled.get(key) != text
    ]
    extra = [repr(key) for key in compiled if key != "" and key not in expected]
    assert stale == [], "stale .mo: run manage.py compilemessages"
    assert extra == [], "the .mo has messages the .po no longer has: run compilemessages"


def test_english_is_used_when_chosen():
    with translation.override("en"):
        assert translation.gettext("Beranda") == "Home"
    with translation.override("id"):
        assert translation.gettext("Beranda") == "Beranda"

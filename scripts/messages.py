#!/usr/bin/env python3
"""Keep the translation catalogues complete: extract, fill and compile, in one command.

    .venv/bin/python scripts/messages.py APP [--en translations.json] [--todo todo.json]
    .venv/bin/python scripts/messages.py root [...]

APP is an app label with its own catalogue in `jejaring/APP/locale/` (created if missing);
`root` is the project catalogue in `locale/`, which covers config/, templates/ and every
app without a catalogue of its own. The command

1. runs `makemessages` for Indonesian and English (gettext's xgettext must be installed;
   only developers need it — the compiled .mo files are committed);
2. fills every Indonesian entry with its msgid (the source language is Indonesian);
3. fills English entries from `--en`, a JSON object mapping msgid to its translation (a
   list of two strings for a plural entry), and drops the fuzzy flags makemessages guessed;
4. writes the English entries still untranslated to `--todo` as such a JSON object, with
   empty values, and prints how many there are;
5. compiles both catalogues to .mo.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import polib  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("id", "en")


def app_dirs_with_catalogues() -> list[Path]:
    return sorted(path.parent for path in (ROOT / "jejaring").glob("*/locale") if path.is_dir())


def extract(target: Path) -> None:
    (target / "locale").mkdir(exist_ok=True)
    ignore = ["tests/*", ".venv/*", "data/*", "node_modules/*", "static/*", "bench/*"]
    if target == ROOT:
        ignore += [str(path.relative_to(ROOT)) + "/*" for path in app_dirs_with_catalogues()]
    # -P: the app directory must not shadow the standard library (an app's selectors.py
    # would hide the `selectors` module that subprocess needs).
    command = [sys.executable, "-P", "-m", "django", "makemessages", "--no-obsolete"]
    for language in LANGUAGES:
        command += ["-l", language]
    for pattern in ignore:
        command += ["--ignore", pattern]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(command, cwd=target, env=env, check=True)  # noqa: S603


def fill(target: Path, english: dict[str, object]) -> list[polib.POEntry]:
    """Fill the catalogues of `target`; return the English entries left untranslated."""
    missing: list[polib.POEntry] = []
    for language in LANGUAGES:
        path = target / "locale" / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path), wrapwidth=79)
        catalogue.metadata["Language"] = language
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        catalogue.metadata["Plural-Forms"] = (
            "nplurals=1; plural=0;" if language == "id" else "nplurals=2; plural=(n != 1);"
        )
        for entry in catalogue:
            if language == "id":
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: entry.msgid}
                else:
                    entry.msgstr = entry.msgid
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
                continue
            given = english.get(entry.msgid)
            if given:
                if entry.msgid_plural:
                    singular, plural = given if isinstance(given, list) else (given, given)
                    entry.msgstr_plural = {0: singular, 1: plural}
                else:
                    entry.msgstr = str(given)
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            elif "fuzzy" in entry.flags:
                # A guess from a similar message is not a translation.
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
                entry.msgstr = ""
                entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
            translated = (
                all(entry.msgstr_plural.get(i) for i in (0, 1))
                if entry.msgid_plural
                else bool(entry.msgstr)
            )
            if not translated:
                missing.append(entry)
        catalogue.save(str(path))
        catalogue.save_as_mofile(str(path.with_suffix(".mo")))
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="an app label (e.g. training) or 'root'")
    parser.add_argument("--en", type=Path, help="JSON: msgid -> English translation")
    parser.add_argument("--todo", type=Path, help="write untranslated English msgids here")
    parser.add_argument("--no-extract", action="store_true", help="only fill and compile")
    args = parser.parse_args()
    target = ROOT if args.target == "root" else ROOT / "jejaring" / args.target
    if not target.is_dir():
        parser.error(f"no such app: {args.target}")
    if not args.no_extract:
        extract(target)
    english = json.loads(args.en.read_text(encoding="utf-8")) if args.en else {}
    missing = fill(target, english)
    if args.todo:
        todo = {e.msgid: (["", ""] if e.msgid_plural else "") for e in missing}
        args.todo.write_text(json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"{target.relative_to(ROOT) if target != ROOT else 'locale'}: "
        f"{len(missing)} English messages untranslated"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

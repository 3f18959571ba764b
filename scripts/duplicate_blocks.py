#!/usr/bin/env python3
"""Find code copied between apps: identical blocks of six or more lines in two apps.

    python3 scripts/duplicate_blocks.py [--min-lines N] [--json] [--root DIR]

An app is a folder `jejaring/<app>/`; its Python files are read, except those under
`migrations/`, `tests/` and `locale/`. Lines are compared with their surrounding whitespace
stripped, and lines that carry no logic of their own are left out before comparing: blank
lines, comment lines, import statements (including the lines of a parenthesised import) and
lines made only of brackets, separators and quotes (`)`, `],`, `}`, the closing quotes of
a docstring ...). A block is N or more such lines in a row that occur, in the same order,
in files of two different apps; repeats inside one app are not reported.

Each repeated block is printed with its places (`path:first-last`, the lines of the files
as they are); the exit status is 1 when there is at least one, else 0. `--json` prints the
same as a JSON list. Standard library only, so it runs without the project's environment.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MIN_LINES = 6
SKIPPED_FOLDERS = frozenset({"migrations", "tests", "locale", "__pycache__"})
BRACKETS_ONLY = frozenset("()[]{},;:\"'")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the file
    text: str  # stripped


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the root, with forward slashes
    app: str
    lines: tuple[Line, ...]  # the compared lines only


@dataclass(frozen=True)
class Place:
    path: str
    first: int
    last: int


@dataclass(frozen=True)
class Block:
    text: tuple[str, ...]
    places: tuple[Place, ...]


def significant_lines(source: str) -> tuple[Line, ...]:
    """The lines of `source` that are compared, stripped, with their line numbers."""
    kept: list[Line] = []
    in_import = False
    for number, raw in enumerate(source.splitlines(), start=1):
        text = raw.strip()
        if in_import:
            if ")" in text:
                in_import = False
            continue
        if not text or text.startswith("#"):
            continue
        if text.startswith(("import ", "from ")) and " import " in f" {text} ":
            in_import = text.endswith("(")
            continue
        if set(text) <= BRACKETS_ONLY:
            continue
        kept.append(Line(number, text))
    return tuple(kept)


def app_files(root: Path) -> Iterator[SourceFile]:
    package = root / "jejaring"
    for app_dir in sorted(p for p in package.iterdir() if p.is_dir()):
        if app_dir.name in SKIPPED_FOLDERS:
            continue
        for path in sorted(app_dir.rglob("*.py")):
            relative = path.relative_to(app_dir)
            if SKIPPED_FOLDERS.intersection(relative.parts[:-1]):
                continue
            lines = significant_lines(path.read_text(encoding="utf-8"))
            yield SourceFile(path.relative_to(root).as_posix(), app_dir.name, lines)


def find_blocks(files: Sequence[SourceFile], min_lines: int = DEFAULT_MIN_LINES) -> list[Block]:
    """Maximal runs of at least `min_lines` compared lines shared by files of two apps,
    grouped by their text so a block copied into three apps is one entry with three places."""
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for f, source in enumerate(files):
        texts = [line.text for line in source.lines]
        for i in range(len(texts) - min_lines + 1):
            windows[tuple(texts[i : i + min_lines])].append((f, i))

    # Every start of a window that also occurs in another app, per pair of files.
    shared: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for starts in windows.values():
        for a, (fa, ia) in enumerate(starts):
            for fb, ib in starts[a + 1 :]:
                if files[fa].app != files[fb].app:
                    shared[(fa, fb)].add((ia, ib))

    grouped: dict[tuple[str, ...], set[Place]] = defaultdict(set)
    for (fa, fb), pairs in shared.items():
        for ia, ib in pairs:
            if (ia - 1, ib - 1) in pairs:
                continue  # not the start of a maximal run
            length = 1
            while (ia + length, ib + length) in pairs:
                length += 1
            count = length + min_lines - 1
            lines_a = files[fa].lines[ia : ia + count]
            lines_b = files[fb].lines[ib : ib + count]
            text = tuple(line.text for line in lines_a)
            for source, lines in ((files[fa], lines_a), (files[fb], lines_b)):
                grouped[text].add(Place(source.path, lines[0].number, lines[-1].number))

    blocks = [
        Block(text, tuple(sorted(places, key=lambda p: (p.path, p.first))))
        for text, places in grouped.items()
    ]
    return sorted(blocks, key=lambda b: (b.places[0].path, b.places[0].first, -len(b.text)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--min-lines",
        type=int,
        default=DEFAULT_MIN_LINES,
        help=f"shortest block reported, in compared lines (default {DEFAULT_MIN_LINES})",
    )
    parser.add_argument("--json", action="store_true", help="print the blocks as JSON")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the project folder holding jejaring/ (default: this script's parent's parent)",
    )
    args = parser.parse_args(argv)
    if args.min_lines < 1:
        parser.error("--min-lines must be at least 1")

    blocks = find_blocks(list(app_files(args.root)), args.min_lines)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "lines": len(block.text),
                        "places": [
                            {"path": p.path, "first": p.first, "last": p.last} for p in block.places
                        ],
                        "text": list(block.text),
                    }
                    for block in blocks
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for block in blocks:
            print(f"{len(block.text)} lines in {len(block.places)} places:")
            for place in block.places:
                print(f"  {place.path}:{place.first}-{place.last}")
            for text in block.text:
                print(f"    | {text}")
            print()
        noun = "block" if len(blocks) == 1 else "blocks"
        print(f"{len(blocks)} repeated {noun} across apps.", file=sys.stderr)
    return 1 if blocks else 0


if __name__ == "__main__":
    sys.exit(main())

"""House check: numbers reach a reader only through jejaring.core.numbers (the ``number``
and ``percent`` filters in templates), so that "42,1 %" in Indonesian and "42.1 %" in
English are the only ways a page, a PDF or a message writes a share.

Fails on a template using ``floatformat`` (it ignores the grouping and knows nothing of
percentages) or printing a value straight before a percent sign, and on Python code
that groups thousands by hand or formats a percentage by hand. Each rule is tried on
made-up text first, then on the project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: The one module allowed to format numbers by hand.
FORMATTER = Path("jejaring/core/numbers.py")
#: Stored text whose percentages are whole numbers from the internship rules ("20–40 %");
#: its msgid belongs to the agreement's document and says the sign itself.
ALLOWED_TEMPLATES = frozenset(
    {Path("jejaring/placement/templates/placement/internship_agreement_terms.txt")}
)

TEMPLATE_RULES = (
    (re.compile(r"\|\s*floatformat"), "floatformat: use |number:N or |percent"),
    (re.compile(r"\}\}\s*(?:&nbsp;|&#160;)?%(?!\})"), "a value followed by %: use |percent"),
)
PYTHON_RULES = (
    (re.compile(r"\{[^{}\"'\n]*:[<>^=]?[+-]?\d*,[^{}\"'\n]*\}"), "thousands grouped by hand"),
    (
        re.compile(r"""\.replace\(\s*(["']),\1\s*,\s*(["'])\.\2\s*\)"""),
        "separators swapped by hand",
    ),
    (re.compile(r"\d*f\}\s*%"), "a percentage formatted by hand"),
    (re.compile(r"%\.?\d*f\s*%%"), "a percentage formatted by hand"),
    # "%(pct)s%%" in a message: any number, written by str(); "%(n)d %%" is a whole one.
    (re.compile(r"%\(\w+\)s\s*%%"), "a percentage formatted by hand"),
)


def template_problems(text: str) -> list[str]:
    return [why for rule, why in TEMPLATE_RULES if rule.search(text)]


def python_problems(text: str) -> list[str]:
    return [why for rule, why in PYTHON_RULES if rule.search(text)]


@pytest.mark.parametrize(
    "text",
    [
        "{{ row.pct|floatformat:0 }}",
        "{{ value }}%",
        "{{ value }} %",
        "{% blocktranslate %}hadir minimal {{ pct }}%{% endblocktranslate %}",
    ],
)
def test_a_template_formatting_a_number_by_hand_is_caught(text):
    assert template_problems(text)


@pytest.mark.parametrize(
    "text",
    ["{{ share|percent }}", "{{ n|number }}", "{% if x %}%{% endif %}", "{{ a }} {% b %}"],
)
def test_a_template_using_the_filters_passes(text):
    assert not template_problems(text)


@pytest.mark.parametrize(
    "text",
    [
        'f"{value:,}".replace(",", ".")',
        'f"{total:,.2f}"',
        'f"{100 * a / b:.1f} %"',
        'f"{share:.1f}%"',
        '"%.1f%%" % share',
        '"(minimal %(pct)s%%)."',
    ],
)
def test_python_formatting_a_number_by_hand_is_caught(text):
    assert python_problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "format_percent(share)",
        'f"{seconds:.1f} s"',
        'f"{{\\"formation\\": {fid}, "',
        '"Porsi teori %(min)d–%(max)d %%"',
    ],
)
def test_python_using_the_formatter_passes(text):
    assert not python_problems(text)


def _files(pattern: str, tops: tuple[str, ...]) -> list[Path]:
    found = []
    for top in tops:
        for path in (ROOT / top).rglob(pattern):
            relative = path.relative_to(ROOT)
            if {"tests", "migrations", "__pycache__", "node_modules"} & set(relative.parts):
                continue
            found.append(relative)
    return sorted(found)


def test_no_template_of_the_project_formats_a_number_by_hand():
    problems = [
        f"{path}: {why}"
        for pattern in ("*.html", "*.txt")
        for path in _files(pattern, ("jejaring", "templates"))
        if path not in ALLOWED_TEMPLATES
        for why in template_problems((ROOT / path).read_text(encoding="utf-8"))
    ]
    assert problems == []


def test_no_python_module_formats_a_number_by_hand():
    problems = [
        f"{path}: {why}"
        for path in _files("*.py", ("jejaring", "config"))
        if path != FORMATTER
        for why in python_problems((ROOT / path).read_text(encoding="utf-8"))
    ]
    assert problems == []

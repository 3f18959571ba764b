"""Gates: checks one app asks before a step that another app may veto.

A gate is how two areas meet without importing each other's internals: training asks
the gate "training.batch.start" before a batch starts running, and social security
answers with the participants who lack active cover. The asking service decides what to
do with the answer (refuse with a clear message, or accept an audited override).

    gates.register("training.batch.start", batch_cover_gaps)   # in AppConfig.ready()
    problems = gates.check("training.batch.start", obj=batch)  # in the service

Known gate names (add yours here with its contract):

- ``training.batch.start`` — obj is a Batch about to become RUNNING.
- ``placement.internship.start`` — obj is an Internship about to start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class GateProblem:
    """One reason a step may not happen yet, in words for the person who asked."""

    gate: str
    code: str
    message: str | Promise
    #: Who or what the problem is about, for lists on pages (e.g. a person's masked name).
    subjects: tuple[str, ...] = field(default_factory=tuple)
    #: Whether office staff may let the step happen anyway, with a reason (audited).
    overridable: bool = True


Check = Callable[..., list[GateProblem]]

_gates: dict[str, list[Check]] = {}


def register(name: str, check: Check) -> None:
    """Add a check to a gate; registering the same function twice is a no-op."""
    checks = _gates.setdefault(name, [])
    if check not in checks:
        checks.append(check)


def check(name: str, **kwargs: Any) -> list[GateProblem]:
    """Every problem the registered checks find; an empty list lets the step happen."""
    problems: list[GateProblem] = []
    for gate_check in _gates.get(name, []):
        problems.extend(gate_check(**kwargs))
    return problems

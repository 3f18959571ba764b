"""Gates and events: how one area asks or tells another without importing its internals.

A *gate* is a check before a step that another area may veto. Training asks the gate
``training.batch.start`` before a batch starts running; social security answers with the
participants who lack active cover. The asking service decides what to do with the
answer: refuse with a clear message, or — when office staff give a reason — let the step
happen and call ``record_override`` so the vetoing area can keep its own record (the
asking service audits the override as well).

An *event* tells other areas that something happened, inside the same transaction, so
that what they create in response is committed or rolled back together with it.

    # in the answering app's AppConfig.ready():
    gates.register("training.batch.start", batch_cover_gaps, on_override=cover_override)
    gates.subscribe("training.enrolment.accepted", create_cover_for_enrolment)

    # in the asking service, inside transaction.atomic():
    problems = gates.check("training.batch.start", obj=batch, actor=actor)
    gates.record_override("training.batch.start", actor=actor, obj=batch, reason=reason,
                          problems=problems)
    gates.emit("training.enrolment.accepted", actor=actor, obj=enrolment)

Known gates (check(obj=..., actor=...)); `actor` is who asks, when known, and is used
only to decide which page a problem may link to (a link the actor may open):

- ``training.batch.start`` — obj is a Batch about to become RUNNING.
- ``placement.internship.start`` — obj is a Referral to an internship about to start.

Known events (emit(actor=..., obj=...)):

- ``training.enrolment.accepted`` — obj is an Enrolment just accepted into its batch.
- ``training.batch.status_changed`` — obj is a Batch whose status just changed.
- ``training.program.updated`` — obj is a Program just changed (its vocation may differ).
- ``training.institution.updated`` — obj is a TrainingInstitution just changed (its kind
  may differ).
- ``placement.referral.started`` — obj is a Referral whose person just started work or an
  internship.
- ``placement.referral.status_changed`` — obj is a Referral whose status just changed;
  `before` is its previous status.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    #: Where the asker can go to clear the problem (e.g. the batch's BPJS cover page),
    #: and the words of that link; empty unless the asking actor may open that page.
    link: str = ""
    link_label: str | Promise = ""


Check = Callable[..., list[GateProblem]]
Handler = Callable[..., None]

_checks: dict[str, list[Check]] = {}
_overrides: dict[str, list[Handler]] = {}
_subscribers: dict[str, list[Handler]] = {}


def _add(registry: dict[str, list[Any]], name: str, function: Any) -> None:
    functions = registry.setdefault(name, [])
    if function not in functions:
        functions.append(function)


def register(name: str, check: Check, *, on_override: Handler | None = None) -> None:
    """Add a check to a gate (and what to do when it is overridden); registering the same
    functions twice is a no-op."""
    _add(_checks, name, check)
    if on_override is not None:
        _add(_overrides, name, on_override)


def check(name: str, **kwargs: Any) -> list[GateProblem]:
    """Every problem the registered checks find; an empty list lets the step happen."""
    problems: list[GateProblem] = []
    for gate_check in _checks.get(name, []):
        problems.extend(gate_check(**kwargs))
    return problems


def record_override(
    name: str, *, actor: Any, obj: Any, reason: str, problems: Sequence[GateProblem]
) -> None:
    """Tell the checking areas that `actor` let the step happen despite `problems`."""
    for handler in _overrides.get(name, []):
        handler(actor=actor, obj=obj, reason=reason, problems=list(problems))


def subscribe(event: str, handler: Handler) -> None:
    _add(_subscribers, event, handler)


def emit(event: str, **kwargs: Any) -> None:
    """Call every subscriber now, in the caller's transaction."""
    for handler in _subscribers.get(event, []):
        handler(**kwargs)

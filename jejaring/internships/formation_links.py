"""Which approved program an internship formation runs under (`ProgramFormation`).

Employers' formations do not know their program (ADR 0005); the formation services in
placement read and set it through these functions, inside their own transaction and audit
event. Readers use the formation's `program_link`, so a queryset that selects
`program_link` (or `program_link__program`) answers without a query per formation."""

from __future__ import annotations

from jejaring.employers.models import Formation
from jejaring.internships.models import InternshipProgram, ProgramFormation


def program_id_of(formation: Formation) -> int | None:
    """The id of the formation's program, or None (a job, or an internship not linked)."""
    try:
        return formation.program_link.program_id
    except ProgramFormation.DoesNotExist:
        return None


def program_of(formation: Formation) -> InternshipProgram | None:
    """The formation's program, or None."""
    try:
        return formation.program_link.program
    except ProgramFormation.DoesNotExist:
        return None


def formation_program_set(*, formation: Formation, program_id: int | None) -> None:
    """Link the formation to the program, or unlink it (None). The caller holds the
    transaction, has checked the program, and records the change in its audit event."""
    if program_id is None:
        ProgramFormation.objects.filter(formation=formation).delete()
        formation.program_link = None
        return
    link, _created = ProgramFormation.objects.update_or_create(
        formation=formation, defaults={"program_id": program_id}
    )
    formation.program_link = link

"""The internship programs section of a company's page (added in InternshipsConfig.ready)."""

from __future__ import annotations

from typing import Any

from jejaring.employers.models import Company
from jejaring.internships.selectors import internship_program_list_for


def programs_section(*, actor: Any, company: Company) -> dict[str, Any]:
    return {"programs": internship_program_list_for(actor=actor, company_id=company.pk)}

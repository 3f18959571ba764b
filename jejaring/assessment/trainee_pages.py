"""What assessment adds to a trainee's own training pages (found by
`jejaring.training.trainee_sections`): the training certificate of each enrolment, and
the trainee's competency assessments after their enrolments."""

from __future__ import annotations

from typing import Any

from jejaring.accounts.scope import scope_of
from jejaring.assessment import selectors
from jejaring.training.trainee_sections import TraineeSection


def certificates_by_enrolment(actor: Any) -> dict[int, Any]:
    """The signed-in person's training certificates by enrolment id."""
    return {
        certificate.enrolment_id: certificate
        for certificate in selectors.training_certificate_list_for(actor=actor).filter(
            enrolment__person_id=scope_of(actor).person_id or 0
        )
    }


def assessments(actor: Any) -> dict[str, Any]:
    return {"assessments": selectors.own_candidates_for(actor=actor)}


SECTIONS = [
    TraineeSection(
        per_enrolment=certificates_by_enrolment,
        list_item_template="assessment/trainee/_enrolment_certificate.html",
        detail_template="assessment/trainee/_enrolment_certificate_detail.html",
        list_context=assessments,
        list_template="assessment/trainee/_assessments.html",
    )
]

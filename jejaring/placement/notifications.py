"""Who hears of what in placement (jejaring.notices): every applicant and every company
when a round is published, the candidate when the company answers a referral, and both
sides when an internship agreement is ready to sign. Each function runs inside the
service's transaction; mail goes after commit."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jejaring.core.scope import Role
from jejaring.employers.models import Company
from jejaring.notices.services import Recipient, notify, notify_many, role_holders
from jejaring.placement.models import (
    AllocationResult,
    AllocationRound,
    InternshipAgreement,
    Referral,
)


def company_hr(company_id: int) -> list[Recipient]:
    holders = role_holders(role=Role.COMPANY_HR, model=Company, ids=[company_id])
    return [Recipient.of_user(user) for user in holders.get(company_id, [])]


def round_published(rnd: AllocationRound) -> None:
    """Each applicant of the round learns their result (placed or not, with the link to
    the explanation); each company with candidates learns how many it received. A
    constant number of queries, whatever the round's size."""
    results = AllocationResult.objects.filter(round=rnd).values_list(
        "application_id",
        "formation__title",
        "formation__company_id",
        "formation__company__name",
        "application__person__user_id",
        "application__person__email",
        "application__person__phone",
        "application__person__full_name",
    )
    rows: list[tuple[str, Recipient, str, dict[str, Any]]] = []
    per_company: dict[int, tuple[str, int]] = {}
    for app_id, title, company_id, company, user_id, email, phone, name in results.iterator():
        recipient = Recipient(user_id=user_id, email=email, phone=phone, name=name)
        link = reverse("placement:application_detail", kwargs={"application_id": app_id})
        if company_id is None:
            rows.append(("allocation_not_placed", recipient, link, {"round": rnd.name}))
            continue
        params = {"round": rnd.name, "formation": title, "company": company}
        rows.append(("allocation_placed", recipient, link, params))
        per_company[company_id] = (company, per_company.get(company_id, ("", 0))[1] + 1)
    holders = role_holders(role=Role.COMPANY_HR, model=Company, ids=per_company)
    link = reverse("placement:referral_list")
    rows += [
        (
            "allocation_company",
            Recipient.of_user(user),
            link,
            {"round": rnd.name, "company": name, "count": count},
        )
        for company_id, (name, count) in per_company.items()
        for user in holders.get(company_id, [])
    ]
    notify_many(region_id=rnd.region_id, rows=rows)


def referral_answered(referral: Referral) -> None:
    """The candidate hears that the company accepted or rejected them."""
    if referral.status not in (Referral.Status.ACCEPTED, Referral.Status.REJECTED):
        return
    notify(
        kind=f"referral_{referral.status}",
        region_id=referral.region_id,
        recipients=[Recipient.of_person(referral.person)],
        link=reverse("placement:referral_detail", kwargs={"referral_id": referral.pk}),
        params={"company": referral.company.name, "formation": referral.formation.title},
    )


def agreement_ready(agreement: InternshipAgreement, *, actor: Any) -> None:
    """The intern and the company's HR (but not whoever drew it up) hear that the
    agreement is ready to sign."""
    referral = agreement.referral
    notify(
        kind="agreement_ready",
        region_id=agreement.region_id,
        recipients=[Recipient.of_person(referral.person), *company_hr(referral.company_id)],
        link=reverse(
            "internship_agreements:internship_agreement_detail",
            kwargs={"internship_agreement_id": agreement.pk},
        ),
        params={
            "number": agreement.number,
            "formation": referral.formation.title,
            "company": referral.company.name,
        },
        exclude_user=actor,
    )

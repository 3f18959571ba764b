"""One login per role, all with the demo password."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from jejaring.accounts.models import Membership, User
from jejaring.accounts.scope import Role
from jejaring.assessment.models import Candidate
from jejaring.demo.loader.common import Ctx, at
from jejaring.placement.models import Referral
from jejaring.trainees.models import Person

DEMO_PASSWORD = "jejaring-demo-2026"  # noqa: S105 - printed on purpose for the demo


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    description: str


def demo_logins() -> list[DemoLogin]:
    """The accounts the demo creates, in the order the command prints them."""
    return [
        DemoLogin(
            "staf.pekalongan",
            str(Role.OFFICE_STAFF.label),
            "Disperinaker Kota Pekalongan: semua data wilayahnya",
        ),
        DemoLogin("operator.blk", str(Role.OPERATOR.label), "UPTD BLK Kota Pekalongan"),
        DemoLogin("operator.lpks", str(Role.OPERATOR.label), "LPK Busana Batik Nusantara"),
        DemoLogin("asesor", str(Role.ASSESSOR.label), "Agus Riyanto, LSP P2 BLK Kota Pekalongan"),
        DemoLogin(
            "hrd.transmart",
            str(Role.COMPANY_HR.label),
            "PT Trans Ritel Indonesia (Transmart Pekalongan)",
        ),
        DemoLogin("hrd.garmen", str(Role.COMPANY_HR.label), "CV Batik Garmen Sejahtera"),
        DemoLogin(
            "peserta",
            str(Role.TRAINEE.label),
            "Lulusan 2024: kompeten, bersertifikat, disalurkan dan diangkat",
        ),
        DemoLogin(
            "pemantau.jateng",
            str(Role.VIEWER.label),
            "Provinsi Jawa Tengah: Kota Pekalongan dan Kabupaten Kudus",
        ),
        DemoLogin(
            "staf.kudus", str(Role.OFFICE_STAFF.label), "Disnakerperinkop UKM Kabupaten Kudus"
        ),
        DemoLogin("admin", "Superuser", "Admin Django (/admin/)"),
    ]


def load_accounts(ctx: Ctx) -> dict[str, User]:
    password = make_password(DEMO_PASSWORD)  # hashed once, shared by the demo accounts
    joined = at(ctx.today.replace(day=2), 8)
    pkl, kds = ctx.regions["33.75"], ctx.regions["33.19"]
    lead_assessor = ctx.assessors["33.75"][0]
    person = _trainee_login_person(ctx)
    names = {
        "staf.pekalongan": ctx.person_name("F"),
        "operator.blk": ctx.person_name("M"),
        "operator.lpks": ctx.person_name("F"),
        "asesor": lead_assessor.full_name,
        "hrd.transmart": ctx.person_name("F"),
        "hrd.garmen": ctx.person_name("M"),
        "peserta": person.full_name,
        "pemantau.jateng": "Pemantau Disnakertrans Provinsi Jawa Tengah",
        "staf.kudus": ctx.person_name("M"),
        "admin": "Administrator Jejaring",
    }
    users = {
        username: User(
            username=username,
            full_name=full_name,
            password=password,
            email=f"{username}@demo.jejaring.example",
            date_joined=joined,
            is_staff=username == "admin",
            is_superuser=username == "admin",
        )
        for username, full_name in names.items()
    }
    User.objects.bulk_create(users.values())
    lead_assessor.user = users["asesor"]
    lead_assessor.save(update_fields=["user"])
    person.user = users["peserta"]
    person.save(update_fields=["user"])
    Membership.objects.bulk_create(
        [
            Membership(user=users["staf.pekalongan"], region=pkl, role=Role.OFFICE_STAFF),
            Membership(
                user=users["operator.blk"],
                region=pkl,
                role=Role.OPERATOR,
                target=ctx.institutions["blk-pkl"],
            ),
            Membership(
                user=users["operator.lpks"],
                region=pkl,
                role=Role.OPERATOR,
                target=ctx.institutions["lpks-busana"],
            ),
            Membership(user=users["asesor"], region=pkl, role=Role.ASSESSOR, target=lead_assessor),
            Membership(
                user=users["hrd.transmart"],
                region=pkl,
                role=Role.COMPANY_HR,
                target=ctx.companies["transmart"],
            ),
            Membership(
                user=users["hrd.garmen"],
                region=pkl,
                role=Role.COMPANY_HR,
                target=ctx.companies["batik-garmen"],
            ),
            Membership(user=users["pemantau.jateng"], region=pkl, role=Role.VIEWER),
            Membership(user=users["pemantau.jateng"], region=kds, role=Role.VIEWER),
            Membership(user=users["staf.kudus"], region=kds, role=Role.OFFICE_STAFF),
        ]
    )
    return users


def _trainee_login_person(ctx: Ctx) -> Person:
    """A 2024 graduate who is competent, holds a training certificate, applied in a round
    and was hired through the referral (first such one, so the choice is deterministic)."""
    for referral in ctx.referrals:
        enrolment = ctx.referral_enrolment[id(referral)]
        candidate = ctx.candidates.get(enrolment.pk)
        if (
            referral.status == Referral.Status.HIRED
            and enrolment.graduated_on.year == 2024
            and enrolment.region.code == "33.75"
            and candidate is not None
            and candidate.result == Candidate.Result.COMPETENT
            and enrolment.pk in ctx.certificates
            and referral.application_id is not None
            and not referral.company.accepts_all_vocations
        ):
            return referral.person
    raise RuntimeError("no 2024 graduate fits the trainee login")

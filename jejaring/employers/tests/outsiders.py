"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from datetime import date


def _company(cast):
    from jejaring.employers.tests.factories import CompanyFactory

    return CompanyFactory(region=cast.region_b)


def _agreement(cast):
    from jejaring.employers.tests.factories import AgreementFactory

    return AgreementFactory(company=_company(cast)).pk


def _formation(cast):
    from jejaring.employers.tests.factories import FormationFactory

    return FormationFactory(company=_company(cast)).pk


def _internship_program(cast):
    from jejaring.employers.tests.factories import InternshipProgramFactory

    return InternshipProgramFactory(company=_company(cast)).pk


def _internship_agreement(cast):
    from jejaring.employers.tests.factories import InternshipAgreementFactory

    return InternshipAgreementFactory(
        referral__formation__company=_company(cast), starts_on=date(2026, 12, 1)
    ).pk


def _contact(cast):
    from jejaring.employers.models import CompanyContact

    return CompanyContact.objects.create(company=_company(cast), full_name="Kontak Kudus").pk


OUTSIDERS = {
    "company_id": lambda cast: _company(cast).pk,
    "company_contact_id": _contact,
    "agreement_id": _agreement,
    "formation_id": _formation,
    "internship_program_id": _internship_program,
    "internship_agreement_id": _internship_agreement,
}
EXEMPT_PARAMETERS = {
    "formation_region_slug": "public list of open formations: published by design, by region",
    "public_formation_id": "public page of an open formation: published by design, no contacts",
}

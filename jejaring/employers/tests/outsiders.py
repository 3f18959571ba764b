"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""


def _company(cast):
    from jejaring.employers.tests.factories import CompanyFactory

    return CompanyFactory(region=cast.region_b)


def _agreement(cast):
    from jejaring.employers.tests.factories import AgreementFactory

    return AgreementFactory(company=_company(cast)).pk


def _formation(cast):
    from jejaring.employers.tests.factories import FormationFactory

    return FormationFactory(company=_company(cast)).pk


def _contact(cast):
    from jejaring.employers.models import CompanyContact

    return CompanyContact.objects.create(company=_company(cast), full_name="Kontak Kudus").pk


OUTSIDERS = {
    "company_id": lambda cast: _company(cast).pk,
    "company_contact_id": _contact,
    "agreement_id": _agreement,
    "formation_id": _formation,
}
EXEMPT_PARAMETERS = {
    "formation_region_slug": "public list of open formations: published by design, by region",
    "public_formation_id": "public page of an open formation: published by design, no contacts",
}

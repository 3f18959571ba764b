"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""


def _company(cast):
    from jejaring.employers.tests.factories import CompanyFactory

    return CompanyFactory(region=cast.region_b)


def _internship_program(cast):
    from jejaring.internships.tests.factories import InternshipProgramFactory

    return InternshipProgramFactory(company=_company(cast)).pk


OUTSIDERS = {"internship_program_id": _internship_program}

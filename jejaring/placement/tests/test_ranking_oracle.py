"""The company ranking upload is no oracle: company HR get one and the same answer for
every NIK that is not an eligible applicant to their formation (never applied, found
ineligible, of another region, or no such person), never a competency result."""

from io import BytesIO

import pytest

from jejaring.accounts.scope import Role
from jejaring.accounts.tests.factories import MembershipFactory, UserFactory
from jejaring.core.errors import ValidationError
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import services
from jejaring.placement.models import ApplicationChoice, CompanyRanking
from jejaring.placement.tests.factories import graduate
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db

NOBODY = "3375010101900009"


def _csv(rows):
    data = BytesIO(("Peringkat,NIK\n" + "".join(f"{n},{nik}\n" for n, nik in rows)).encode())
    data.name = "peringkat.csv"
    return data


@pytest.fixture
def closed(cast):
    """A closed round with one formation of company A: an eligible applicant, one found
    not competent after applying, a graduate who never applied and a person of region B."""
    garment = VocationFactory(code="menjahit", name="Menjahit")
    formation = FormationFactory(company=cast.company_a, quota=2, accepts_all_vocations=False)
    formation.vocations.add(garment)
    rnd = services.round_create(
        actor=cast.staff_a, region=cast.region_a, name="Tahap I", formation_ids=[formation.pk]
    )
    people = {}
    for name in ("eligible", "failed", "bystander"):
        person = graduate(region=cast.region_a, vocation=garment, score="80")
        person.user = UserFactory()
        person.save()
        people[name] = person
    people["elsewhere"] = graduate(region=cast.region_b, vocation=garment, score="80")
    for name in ("eligible", "failed"):
        services.application_submit(actor=people[name].user, rnd=rnd, formation_ids=[formation.pk])
    services.round_close(actor=cast.staff_a, rnd=rnd)
    # A retake recorded after applying turned the result to BK.
    ApplicationChoice.objects.filter(application__person=people["failed"]).update(
        eligible=False, ineligible_reason="not_competent"
    )
    return rnd.formations.get(), people


def _errors(actor, round_formation, rows):
    with pytest.raises(ValidationError) as refused:
        services.ranking_upload(actor=actor, round_formation=round_formation, file=_csv(rows))
    return refused.value.detail["errors"]


def test_hr_get_one_neutral_answer_for_every_nik_they_may_not_rank(cast, closed):
    rf, people = closed
    errors = _errors(
        cast.hr_a,
        rf,
        [
            (1, people["eligible"].nik),
            (2, people["failed"].nik),
            (3, people["bystander"].nik),
            (4, people["elsewhere"].nik),
            (5, NOBODY),
        ],
    )
    assert [e["row"] for e in errors] == [3, 4, 5, 6]
    assert len({str(e["message"]) for e in errors}) == 1
    message = str(errors[0]["message"])
    assert "Kompeten" not in message and "syarat" not in message
    assert not CompanyRanking.objects.exists()


def test_hr_who_are_office_staff_elsewhere_get_the_same_neutral_answer(cast, closed):
    rf, people = closed
    user = UserFactory(username="hrd.a.staf.b")
    MembershipFactory(user=user, region=cast.region_a, role=Role.COMPANY_HR, company=cast.company_a)
    MembershipFactory(user=user, region=cast.region_b, role=Role.OFFICE_STAFF)
    failed = _errors(user, rf, [(1, people["failed"].nik)])
    nobody = _errors(user, rf, [(1, NOBODY)])
    assert failed == nobody


def test_office_staff_of_the_region_still_see_why_an_applicant_cannot_be_ranked(cast, closed):
    rf, people = closed
    [error] = _errors(cast.staff_a, rf, [(1, people["failed"].nik)])
    assert "tidak memenuhi syarat" in str(error["message"])


def test_hr_rank_their_eligible_applicants(cast, closed):
    rf, people = closed
    assert (
        services.ranking_upload(
            actor=cast.hr_a, round_formation=rf, file=_csv([(1, people["eligible"].nik)])
        )
        == 1
    )
    assert CompanyRanking.objects.get().person == people["eligible"]

from datetime import date, timedelta

import pytest

from jejaring.core.errors import InvalidTransition, NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.enterprise import kbli, services
from jejaring.enterprise.models import Business, BusinessFollowUp
from jejaring.jobseekers.tests.factories import CardFactory
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def _idea(**overrides):
    values = {"name": "Keripik Batik Rasa", "kind": "food", "kbli_code": "10792"}
    values.update(overrides)
    return services.BusinessData(**values)


def test_kbli_codes_are_five_digits_of_a_known_division_with_an_optional_section_letter():
    assert kbli.normalise("10792") == "10792"
    assert kbli.normalise("C 10792") == "10792"
    assert kbli.normalise("A 10792") is None  # division 10 is in section C
    assert kbli.normalise("1079") is None
    assert kbli.normalise("04123") is None  # there is no division 04
    assert kbli.division_of("47111").section == "G"


def test_a_graduate_records_their_own_idea_linked_to_their_training_and_card(cast):
    enrolment = EnrolmentFactory(
        person=cast.person_1,
        batch__program__institution__region=cast.region_a,
        status=Enrolment.Status.GRADUATED,
        graduated_on=date(2025, 4, 10),
    )
    card = CardFactory(person=cast.person_1, region=cast.region_a)
    business = services.business_create(actor=cast.trainee_1, person=cast.person_1, data=_idea())
    assert business.stage == Business.Stage.IDEA
    assert business.enrolment == enrolment
    assert business.jobseeker_card == card
    assert business.place_regency_code == "33.75"
    assert AuditEvent.objects.filter(action="enterprise.business.create").count() == 1


def test_a_trainee_cannot_record_a_business_for_someone_else(cast):
    with pytest.raises(NotFound):
        services.business_create(actor=cast.trainee_1, person=cast.person_2, data=_idea())


def test_staff_record_for_people_of_their_region_only(cast):
    assert services.business_create(actor=cast.staff_a, person=cast.person_2, data=_idea())
    stranger = PersonFactory(region=cast.region_b)
    with pytest.raises(NotFound):
        services.business_create(actor=cast.staff_a, person=stranger, data=_idea())


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("nib", "12345", "invalid_nib"),
        ("kbli_code", "99999x", "invalid_kbli"),
        ("place_district_code", "33.19.01", "unknown_district"),
        ("kind", "mining", "invalid_kind"),
        ("name", " ", "name_required"),
    ],
)
def test_bad_fields_are_refused_with_a_clear_error_and_nothing_written(cast, field, value, code):
    with pytest.raises(ValidationError) as error:
        services.business_create(
            actor=cast.staff_a, person=cast.person_1, data=_idea(**{field: value})
        )
    assert error.value.code == code
    assert not Business.objects.exists()


def test_a_thirteen_digit_nib_is_kept(cast):
    business = services.business_create(
        actor=cast.staff_a, person=cast.person_1, data=_idea(nib="9120 1234 5678 9")
    )
    assert business.nib == "9120123456789"


def test_starting_a_business_schedules_follow_ups_at_6_12_and_24_months(cast):
    business = services.business_create(actor=cast.staff_a, person=cast.person_1, data=_idea())
    started = date.today() - timedelta(days=10)
    services.business_stage_change(
        actor=cast.trainee_1, business=business, to=Business.Stage.OPERATING, on=started
    )
    points = BusinessFollowUp.objects.filter(business=business).order_by("months_after")
    assert [p.months_after for p in points] == [6, 12, 24]
    business.refresh_from_db()
    assert business.started_on == started


def test_a_closed_idea_cannot_jump_back_to_an_idea(cast):
    business = services.business_create(actor=cast.staff_a, person=cast.person_1, data=_idea())
    services.business_stage_change(actor=cast.staff_a, business=business, to="closed")
    with pytest.raises(InvalidTransition):
        services.business_stage_change(actor=cast.staff_a, business=business, to="idea")

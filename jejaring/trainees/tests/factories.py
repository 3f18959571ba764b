from datetime import date, timedelta

import factory
from django.utils import timezone

from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.models import Education, Person, Sex
from jejaring.trainees.nik import format_nik


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    region = factory.SubFactory(RegionFactory)
    full_name = factory.Faker("name", locale="id_ID")
    sex = factory.Iterator([Sex.MALE, Sex.FEMALE])
    # Adults born 1975–2003 whatever the sequence number: a long test session creates
    # thousands of people, and a birth date in the future has no valid NIK.
    birth_date = factory.Sequence(
        lambda n: date(1975, 1, 1) + timedelta(days=(37 * n) % (28 * 365))
    )
    nik = factory.LazyAttributeSequence(
        lambda o, n: format_nik(
            district_code="33.75.01", birth_date=o.birth_date, sex=o.sex, serial=n % 9999 + 1
        )
    )
    education = Education.SMK
    phone = factory.Sequence(lambda n: f"+62812{n:07d}")
    # The cast's people have been seen with their KTP; tests of unverified records say so.
    verified_at = factory.LazyFunction(timezone.now)

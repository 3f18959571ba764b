from datetime import date, timedelta

import factory

from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.models import Education, Person, Sex


def nik_for(*, district: str, birth_date: date, sex: str, serial: int) -> str:
    """A valid NIK: district code without dots, DDMMYY (+40 on the day for women), serial."""
    day = birth_date.day + (40 if sex == Sex.FEMALE else 0)
    return f"{district.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    region = factory.SubFactory(RegionFactory)
    full_name = factory.Faker("name", locale="id_ID")
    sex = factory.Iterator([Sex.MALE, Sex.FEMALE])
    birth_date = factory.Sequence(lambda n: date(1995, 1, 1) + timedelta(days=37 * n))
    nik = factory.LazyAttributeSequence(
        lambda o, n: nik_for(
            district="33.75.01", birth_date=o.birth_date, sex=o.sex, serial=n % 9999 + 1
        )
    )
    education = Education.SMK
    phone = factory.Sequence(lambda n: f"+62812{n:07d}")

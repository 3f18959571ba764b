import factory

from jejaring.regions.models import Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "33.75"
    kind = Region.Kind.KOTA
    name = factory.LazyAttribute(lambda o: f"Wilayah {o.code}")
    slug = factory.LazyAttribute(lambda o: "wilayah-" + o.code.replace(".", "-"))
    province_code = factory.LazyAttribute(lambda o: o.code[:2])
    province_name = "Jawa Tengah"
    office_name = factory.LazyAttribute(lambda o: f"Dinas Tenaga Kerja {o.name}")
    office_short_name = "Disnaker"

import factory

from jejaring.accounts.models import Membership, User
from jejaring.accounts.scope import Role
from jejaring.regions.tests.factories import RegionFactory

PASSWORD = "kata-sandi-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    full_name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    role = Role.OFFICE_STAFF

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # Tests name the role's target the way people say it: institution=, company=,
        # assessor= (the model stores one generic target).
        for link in ("institution", "company", "assessor"):
            if link in kwargs:
                kwargs["target"] = kwargs.pop(link)
        return kwargs

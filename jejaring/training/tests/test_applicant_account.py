"""An account that has only submitted a registration (identity not verified yet)."""

import pytest
from django.urls import reverse

from jejaring.accounts.tests.factories import UserFactory
from jejaring.core.context_processors import NavEntry
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def _entries():
    from importlib import import_module

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("jejaring."):
            continue
        try:
            module = import_module(f"{config.name}.nav")
        except ModuleNotFoundError:
            continue
        yield from (e for e in getattr(module, "ENTRIES", []) if isinstance(e, NavEntry))


def test_a_registrants_account_opens_every_menu_page_and_sees_only_its_registration(cast, client):
    account = UserFactory(username="pendaftar")
    mine = EnrolmentFactory(
        batch__program__institution=cast.lpks,
        person=cast.person_1,
        identity=Enrolment.Identity.UNVERIFIED,
        applicant={"full_name": "Nama Ketikan"},
        applicant_user=account,
    )
    client.force_login(account)
    for entry in _entries():
        response = client.get(reverse(entry.url_name))
        assert response.status_code < 500, entry.url_name
    page = client.get(reverse("my_training:enrolments")).content.decode()
    assert mine.batch.name in page
    # Nothing of the person's record: not their name, not their person page.
    assert cast.person_1.full_name not in page
    assert client.get(reverse("trainees:my_data")).status_code == 404

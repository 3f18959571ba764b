"""The Django admin is a superuser's repair tool: every model is there, every list page
renders, personal data stays masked, and every write through it is audited."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from jejaring.accounts.tests.factories import UserFactory
from jejaring.core.models import AuditEvent
from jejaring.trainees.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def jejaring_models():
    return [m for m in apps.get_models() if m.__module__.startswith("jejaring.")]


def test_every_jejaring_model_is_in_the_admin():
    missing = [m.__name__ for m in jejaring_models() if not admin.site.is_registered(m)]
    assert missing == []


def test_every_list_page_renders_for_a_superuser(client, superuser, cast):
    client.force_login(superuser)
    failures = []
    for model in jejaring_models():
        opts = model._meta
        response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if response.status_code != 200:
            failures.append((opts.label, response.status_code))
    assert failures == []


def test_staff_who_are_not_superusers_are_kept_out(client, cast):
    staff = UserFactory(username="staf.admin", is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("admin:trainees_person_changelist"))
    assert response.status_code in (302, 403)


def test_the_person_list_shows_the_nik_masked(client, superuser, cast):
    client.force_login(superuser)
    html = client.get(reverse("admin:trainees_person_changelist")).content.decode()
    assert cast.person_1.nik not in html
    assert cast.person_1.masked_nik in html


def test_a_change_through_the_admin_is_audited_with_the_phone_masked(client, superuser, cast):
    person = PersonFactory(region=cast.region_a, phone="+6281200000001")
    client.force_login(superuser)
    url = reverse("admin:trainees_person_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update({"full_name": "Nama Baru", "phone": "+6281200000002", "region": cast.region_a.pk})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action="admin.trainees.person.update")
    assert event.changes["full_name"] == [person.full_name, "Nama Baru"]
    assert event.changes["phone"] == ["•••", "•••"]


def test_the_audit_trail_cannot_be_edited_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:core_auditevent_add")).status_code == 403

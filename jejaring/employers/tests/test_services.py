"""Services of the employers area: companies, HR invitations, agreements, formations
under the internship rules, internship programs and internship agreements."""

from datetime import date

import pytest
from django.core import mail

from jejaring.accounts.models import Membership
from jejaring.accounts.scope import Role, scope_of
from jejaring.core.errors import Conflict, NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.employers import audit_actions, services
from jejaring.employers.models import Agreement
from jejaring.employers.tests.helpers import pdf

pytestmark = pytest.mark.django_db


# --- companies and HR ----------------------------------------------------------------


def test_office_staff_register_a_company_and_the_write_is_audited(cast):
    company = services.company_create(
        actor=cast.staff_a,
        region=cast.region_a,
        name="  PT  Batik Jaya ",
        sector="Industri batik",
        kbli_code="c13134",
        workforce_size=80,
    )
    assert company.name == "PT Batik Jaya" and company.kbli_code == "C13134"
    assert AuditEvent.objects.filter(action=audit_actions.COMPANY_CREATE, region=cast.region_a)


def test_a_duplicate_name_or_a_bad_kbli_code_changes_nothing(cast):
    with pytest.raises(Conflict):
        services.company_create(
            actor=cast.staff_a, region=cast.region_a, name="pt garmen sejahtera"
        )
    with pytest.raises(ValidationError) as raised:
        services.company_create(actor=cast.staff_a, region=cast.region_a, name="X", kbli_code="??")
    assert raised.value.field == "kbli_code"


def test_staff_of_another_region_cannot_register_a_company_here(cast):
    with pytest.raises(NotFound):
        services.company_create(actor=cast.staff_b, region=cast.region_a, name="PT Lain")


def test_company_hr_update_their_workforce_but_not_the_name(cast):
    services.company_update(actor=cast.hr_a, company=cast.company_a, workforce_size=300)
    cast.company_a.refresh_from_db()
    assert cast.company_a.workforce_size == 300
    with pytest.raises(ValidationError) as raised:
        services.company_update(actor=cast.hr_a, company=cast.company_a, name="PT Baru")
    assert raised.value.code == "field_not_editable"


def test_company_hr_cannot_touch_another_company(cast):
    with pytest.raises(NotFound):
        services.company_update(actor=cast.hr_a, company=cast.company_b, workforce_size=1)


def test_a_new_primary_contact_replaces_the_old_one(cast):
    first = services.contact_save(
        actor=cast.hr_a, company=cast.company_a, full_name="Sari", is_primary=True
    )
    services.contact_save(
        actor=cast.hr_a, company=cast.company_a, full_name="Dewi", is_primary=True
    )
    first.refresh_from_db()
    assert not first.is_primary
    assert cast.company_a.contacts.get(is_primary=True).full_name == "Dewi"


def test_an_invited_hr_account_gets_a_link_and_sees_only_its_company(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.company_hr_invite(
            actor=cast.staff_a, company=cast.company_b, email="HRD@Hotel.example", full_name="Rina"
        )
    assert user.email == "hrd@hotel.example" and len(mail.outbox) == 1
    assert scope_of(user).company_ids == {cast.company_b.pk}
    with pytest.raises(Conflict):
        services.company_hr_invite(
            actor=cast.staff_a, company=cast.company_b, email="hrd@hotel.example", full_name="R"
        )


def test_an_existing_account_only_gains_the_hr_membership(cast):
    services.company_hr_invite(
        actor=cast.staff_a, company=cast.company_b, email=cast.hr_a.email, full_name="x"
    )
    assert Membership.objects.filter(
        user=cast.hr_a, company=cast.company_b, role=Role.COMPANY_HR
    ).exists()
    assert len(mail.outbox) == 0


def test_company_hr_may_not_invite_accounts(cast):
    with pytest.raises(NotFound):
        services.company_hr_invite(
            actor=cast.hr_a, company=cast.company_a, email="a@b.example", full_name="A"
        )


# --- agreements ----------------------------------------------------------------------


def _agreement_data(**overrides):
    values = {
        "kind": "pks",
        "number": "560/1/PKS/2026",
        "title": "Kerja sama pemagangan",
        "valid_from": date(2026, 1, 1),
        "valid_until": date(2028, 12, 31),
    }
    values.update(overrides)
    return services.AgreementData(**values)


def test_an_agreement_is_recorded_with_its_document(cast):
    agreement = services.agreement_create(
        actor=cast.staff_a, company=cast.company_a, data=_agreement_data(), document=pdf()
    )
    assert agreement.document.name.endswith(".pdf")
    assert agreement.status == Agreement.Status.ACTIVE


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (pdf(content=b""), "empty_document"),
        (pdf(content=b"%PDF-" + b"x" * (5 * 1024 * 1024)), "document_too_large"),
        (pdf(name="virus.exe"), "document_type"),
        (pdf(content=b"MZ not a pdf at all"), "document_content"),
    ],
)
def test_a_bad_document_is_refused_and_nothing_is_written(cast, upload, code):
    with pytest.raises(ValidationError) as raised:
        services.agreement_create(
            actor=cast.staff_a, company=cast.company_a, data=_agreement_data(), document=upload
        )
    assert raised.value.code == code
    assert not Agreement.objects.exists()


def test_an_agreement_ending_before_it_starts_is_refused(cast):
    with pytest.raises(ValidationError) as raised:
        services.agreement_create(
            actor=cast.staff_a,
            company=cast.company_a,
            data=_agreement_data(valid_until=date(2025, 1, 1)),
        )
    assert raised.value.code == "invalid_dates"


def test_agreements_show_their_expiry_by_date(cast):
    from jejaring.employers import selectors
    from jejaring.employers.tests.factories import AgreementFactory

    day = date(2026, 11, 23)
    AgreementFactory(company=cast.company_a, valid_until=date(2025, 12, 31))
    AgreementFactory(company=cast.company_a, valid_until=date(2027, 1, 15))
    AgreementFactory(company=cast.company_a, valid_until=date(2028, 1, 15))
    AgreementFactory(company=cast.company_a, valid_from=date(2027, 1, 1))
    rows = selectors.agreement_list_for(actor=cast.staff_a, today=day)
    assert sorted(a.expiry for a in rows) == ["expired", "expiring", "not_yet", "valid"]


# --- formations ----------------------------------------------------------------------


# --- internship programs -------------------------------------------------------------


# --- internship agreements -----------------------------------------------------------

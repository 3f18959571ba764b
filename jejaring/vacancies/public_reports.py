"""Vacancies reported through the public form by employers without an account, and the
office's verification of who sent them.

A submission is what the sender typed, nothing more: it never looks a company up, so the
answer is the same whether the company is registered or not. The office then verifies the
employer — linking the report to a company of its region, or registering a new one through
`employers.services.company_create` (the one way to create a company) — and the vacancies
move on to the normal check; or it rejects the report, and its vacancies with it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejaring.core import audit, versions
from jejaring.core.errors import InvalidTransition, NotFound, ValidationError
from jejaring.core.policies import policy_for
from jejaring.employers.models import Company
from jejaring.employers.services import company_create
from jejaring.regions.calendar import today_in
from jejaring.regions.models import Region
from jejaring.vacancies import audit_actions
from jejaring.vacancies.models import EmployerReport, Vacancy
from jejaring.vacancies.services import (
    VacancyData,
    _values,
    check_vacancy,
    clean_phone,
    move,
)

_SEPARATORS = re.compile(r"[\s.\-/]")


def parse_npwp(value: str) -> str:
    """An NPWP as its digits: 15 (the old form, written 01.234.567.8-901.000) or 16 (the form
    used since 2024, for persons their NIK). Raises ValueError otherwise."""
    digits = _SEPARATORS.sub("", value or "")
    if not digits.isdigit() or len(digits) not in (15, 16) or len(set(digits)) == 1:
        raise ValueError(value)
    return digits


def parse_nib(value: str) -> str:
    """An NIB (Nomor Induk Berusaha, from OSS) as its 13 digits. Raises ValueError otherwise."""
    digits = _SEPARATORS.sub("", value or "")
    if not digits.isdigit() or len(digits) != 13 or len(set(digits)) == 1:
        raise ValueError(value)
    return digits


@dataclass
class EmployerData:
    company_name: str
    address: str
    contact_name: str
    contact_phone: str
    npwp: str = ""
    nib: str = ""
    contact_email: str = ""


def check_employer(data: EmployerData) -> EmployerData:
    data.company_name = " ".join(data.company_name.split())
    data.address = str(data.address or "").strip()
    data.contact_name = " ".join(data.contact_name.split())
    data.contact_email = (data.contact_email or "").strip().lower()
    if not data.company_name or len(data.company_name) > 200:
        raise ValidationError(
            _("Nama perusahaan wajib diisi."), code="name_required", field="company_name"
        )
    if not data.address or len(data.address) > 500:
        raise ValidationError(_("Alamat wajib diisi."), code="address_required", field="address")
    if not data.contact_name or len(data.contact_name) > 200:
        raise ValidationError(
            _("Nama narahubung wajib diisi."), code="contact_required", field="contact_name"
        )
    if not (data.npwp or data.nib):
        raise ValidationError(_("Isi NPWP atau NIB perusahaan."), code="id_required", field="npwp")
    if data.npwp:
        try:
            data.npwp = parse_npwp(data.npwp)
        except ValueError:
            raise ValidationError(
                _("NPWP terdiri dari 15 atau 16 angka."), code="invalid_npwp", field="npwp"
            ) from None
    if data.nib:
        try:
            data.nib = parse_nib(data.nib)
        except ValueError:
            raise ValidationError(
                _("NIB terdiri dari 13 angka."), code="invalid_nib", field="nib"
            ) from None
    data.contact_phone = clean_phone(data.contact_phone, field="contact_phone", required=True)
    return data


def employer_report_submit(
    *,
    region: Region,
    employer: EmployerData,
    vacancy: VacancyData,
    ip_address: str | None = None,
) -> Vacancy:
    """Anyone reports a vacancy of an unregistered employer to `region`'s office; the
    vacancy waits for the office to verify the employer."""
    if not region.is_active:
        raise NotFound(_("Wilayah tidak ditemukan."))
    employer = check_employer(employer)
    vacancy.contact_name = vacancy.contact_name or employer.contact_name
    vacancy.contact_phone = vacancy.contact_phone or employer.contact_phone
    vacancy.contact_email = vacancy.contact_email or employer.contact_email
    vacancy = check_vacancy(region, vacancy, today=today_in(region))
    with transaction.atomic():
        report = EmployerReport.objects.create(
            region=region,
            company_name=employer.company_name,
            npwp=employer.npwp,
            nib=employer.nib,
            address=employer.address,
            contact_name=employer.contact_name,
            contact_phone=employer.contact_phone,
            contact_email=employer.contact_email,
        )
        created = Vacancy.objects.create(
            region=region,
            employer_report=report,
            source=Vacancy.Source.PUBLIC_FORM,
            status=Vacancy.Status.UNVERIFIED,
            **_values(vacancy),
        )
        versions.bump(region.pk, versions.EMPLOYERS)
        audit.record(
            actor=None,
            action=audit_actions.EMPLOYER_REPORT_SUBMIT,
            target=report,
            changes={"vacancy": [None, created.pk]},
            ip_address=ip_address,
        )
    return created


def _pending(actor: Any, report: EmployerReport) -> EmployerReport:
    if not policy_for(EmployerReport).can(actor, "office", report):
        raise NotFound(_("Laporan tidak ditemukan."))
    locked = EmployerReport.objects.select_for_update().get(pk=report.pk)
    if locked.status != EmployerReport.Status.PENDING:
        raise InvalidTransition(_("Laporan ini sudah diputuskan."), code="already_decided")
    return locked


def employer_report_verify(
    *, actor: Any, report: EmployerReport, company: Company | None = None
) -> Company:
    """The office confirms the employer: `company` links the report to a company of the
    report's region; without one, a company is registered from the report through the
    employers service. The report's vacancies then wait for the office's normal check."""
    with transaction.atomic():
        locked = _pending(actor, report)
        if company is None:
            company = company_create(
                actor=actor,
                region=Region.objects.get(pk=locked.region_id),
                name=locked.company_name,
                address=locked.address,
                phone=locked.contact_phone,
                email=locked.contact_email,
            )
        elif company.region_id != locked.region_id:
            raise NotFound(_("Perusahaan tidak ditemukan."))
        locked.company = company
        locked.status = EmployerReport.Status.VERIFIED
        locked.save(update_fields=["company", "status"])
        waiting = Vacancy.objects.select_for_update().filter(
            employer_report=locked, status=Vacancy.Status.UNVERIFIED
        )
        for vacancy in waiting:
            vacancy.company = company
            vacancy.save(update_fields=["company"])
            move(actor=actor, vacancy=vacancy, to=Vacancy.Status.SUBMITTED)
        audit.record(
            actor=actor,
            action=audit_actions.EMPLOYER_REPORT_VERIFY,
            target=locked,
            changes={
                "status": [EmployerReport.Status.PENDING, locked.status],
                "company": [None, company.pk],
            },
        )
    return company


def employer_report_reject(*, actor: Any, report: EmployerReport, note: str) -> EmployerReport:
    """The office could not confirm the employer (a false or abusive report): the report
    and its vacancies are rejected, with the reason kept."""
    note = str(note or "").strip()
    if not note:
        raise ValidationError(_("Tuliskan alasannya."), code="note_required", field="note")
    with transaction.atomic():
        locked = _pending(actor, report)
        locked.status = EmployerReport.Status.REJECTED
        locked.decision_note = note
        locked.save(update_fields=["status", "decision_note"])
        for vacancy in Vacancy.objects.select_for_update().filter(
            employer_report=locked, status=Vacancy.Status.UNVERIFIED
        ):
            move(actor=actor, vacancy=vacancy, to=Vacancy.Status.REJECTED, note=note)
        audit.record(
            actor=actor,
            action=audit_actions.EMPLOYER_REPORT_REJECT,
            target=locked,
            changes={"status": [EmployerReport.Status.PENDING, locked.status]},
        )
    return locked

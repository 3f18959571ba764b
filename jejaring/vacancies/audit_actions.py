"""The vacancies app's audit actions: the names stored in `AuditEvent.action`. Stored rows
keep the name they were written with, so a name never changes."""

from __future__ import annotations

VACANCY_CREATE = "vacancies.vacancy.create"
VACANCY_UPDATE = "vacancies.vacancy.update"
VACANCY_STATUS = "vacancies.vacancy.status"
VACANCY_FILL = "vacancies.vacancy.fill"
VACANCY_FORMATION = "vacancies.vacancy.formation"
VACANCY_REFER = "vacancies.vacancy.refer"
EMPLOYER_REPORT_SUBMIT = "vacancies.employer_report.submit"
EMPLOYER_REPORT_VERIFY = "vacancies.employer_report.verify"
EMPLOYER_REPORT_REJECT = "vacancies.employer_report.reject"

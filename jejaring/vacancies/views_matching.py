"""Matching pages: the office's ranked candidates for a vacancy, with the reasons of each,
and referring the chosen ones (after a confirmation) with placement's referral letter.
The vacancies suggested to a job seeker appear on the card's pages through
`jejaring.jobseekers.panels` (`jejaring.vacancies.card_panels`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from jejaring.core import bulk_select, confirm
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.params import parse_id
from jejaring.core.policies import policy_for
from jejaring.regions.calendar import today_in
from jejaring.vacancies import matches, referrals
from jejaring.vacancies.models import Vacancy
from jejaring.vacancies.views import _vacancy

#: The row field of the match list's checkboxes.
ROW_FIELD = "person"


def _office_vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    vacancy = _vacancy(request, vacancy_id)
    if not policy_for(Vacancy).can(request.user, "office", vacancy):
        raise Http404
    return vacancy


@login_required
@require_GET
def vacancy_matches(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _office_vacancy(request, vacancy_id)
    try:
        rows = matches.vacancy_matches(
            actor=request.user, vacancy=vacancy, today=today_in(vacancy.region)
        )
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "vacancies/vacancy_matches.html",
        {
            "vacancy": vacancy,
            "rows": rows,
            "referable": [row for row in rows if row.may_refer],
            "may_refer": vacancy.status == Vacancy.Status.PUBLISHED,
            "row_field": ROW_FIELD,
        },
    )


@login_required
@require_POST
def vacancy_refer(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _office_vacancy(request, vacancy_id)
    back = reverse("vacancies:vacancy_matches", kwargs={"vacancy_id": vacancy.pk})
    chosen = bulk_select.chosen(request.POST, ROW_FIELD)
    ids = [pk for pk in map(parse_id, chosen.getlist(ROW_FIELD)) if pk is not None]
    if not ids:
        messages.error(request, _("Pilih sedikitnya satu orang."))
        return redirect(back)
    if not confirm.confirmed(request):
        details = []
        if vacancy.formation_id is None:
            details.append(_("Lowongan ini dijadikan formasi kerja dan dibuka lebih dulu."))
        return confirm.ask(
            request,
            confirm.Confirmation(
                title=_("Salurkan ke lowongan ini?"),
                summary=ngettext(
                    "%(count)d orang disalurkan ke %(title)s (%(company)s), masing-masing "
                    "dengan surat pengantar.",
                    "%(count)d orang disalurkan ke %(title)s (%(company)s), masing-masing "
                    "dengan surat pengantar.",
                    len(ids),
                )
                % {"count": len(ids), "title": vacancy.title, "company": vacancy.employer_name},
                action=_("Salurkan"),
                back_url=back,
                people=len(ids),
                details=details,
                danger=False,
            ),
        )
    try:
        made = referrals.vacancy_refer(actor=request.user, vacancy=vacancy, person_ids=ids)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(back)
    messages.success(
        request,
        ngettext(
            "%(count)d orang disalurkan; surat pengantarnya ada di daftar penyaluran.",
            "%(count)d orang disalurkan; surat pengantarnya ada di daftar penyaluran.",
            len(made),
        )
        % {"count": len(made)},
    )
    return redirect(back)

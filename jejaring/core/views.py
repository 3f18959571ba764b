"""The public landing page, each role's home page and the audit page."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from jejaring.core import selectors
from jejaring.core.forms import Form
from jejaring.core.home import home_for
from jejaring.core.inbox import inbox_for
from jejaring.core.pagination import CURSOR_PARAM, DEFAULT_COUNT_CAP, seek_page
from jejaring.core.scope import Role, require_any_role, scope_of

#: When a user holds several roles, the home page shows the first of these they hold;
#: `?peran=` switches to another of theirs.
ROLE_ORDER = [
    Role.OFFICE_STAFF,
    Role.OPERATOR,
    Role.ASSESSOR,
    Role.COMPANY_HR,
    Role.TRAINEE,
    Role.VIEWER,
]


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "core/landing.html")


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    held = [role for role in ROLE_ORDER if role in scope.roles]
    if not held:
        return render(request, "core/home_none.html")
    requested = request.GET.get("peran", "")
    role = next((r for r in held if r.value == requested), held[0])
    today = timezone.localdate()
    context: dict[str, object] = {"role": role, "held_roles": held}
    context["inbox"] = inbox_for(request.user, today)
    context.update(home_for(request, role, today))
    return render(request, f"core/home_{role.value}.html", context)


class AuditFilterForm(Form):
    pelaku = forms.CharField(label=_("Pelaku"), required=False, max_length=100)
    objek = forms.ChoiceField(label=_("Jenis objek"), required=False)
    id_objek = forms.CharField(label=_("ID objek"), required=False, max_length=64)
    dari = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        objek = cast(forms.ChoiceField, self.fields["objek"])
        objek.choices = [("", _("Semua")), *selectors.audited_target_types()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("dari"), data.get("sampai")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("sampai", _("Tanggal akhir sebelum tanggal awal."))
        return data


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    form = AuditFilterForm(request.GET or None)
    filters = selectors.AuditFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.AuditFilter(
            actor_query=data["pelaku"].strip(),
            target_type=data["objek"],
            target_id=data["id_objek"].strip(),
            date_from=data["dari"],
            date_to=data["sampai"],
        )
    events = selectors.audit_event_list_for(actor=request.user, filters=filters)
    page = seek_page(
        events,
        ordering=selectors.AUDIT_LIST_ORDER,
        size=50,
        cursor=request.GET.get(CURSOR_PARAM),
        count_cap=DEFAULT_COUNT_CAP,
    )
    context = {"form": form, "page_obj": page, "entries": selectors.audit_entries(page.rows)}
    return render(request, "core/audit_list.html", context)

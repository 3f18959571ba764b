"""The "Notifikasi" pages: anyone signed in reads their own notifications and marks them
read; office staff see the messages only WhatsApp can carry (people with a phone number
and no email) with the text ready to send, and mark each sent."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jejaring.accounts.scope import Role, require_any_role
from jejaring.core.errors import ApplicationError
from jejaring.core.pagination import CURSOR_PARAM, seek_page
from jejaring.notices import selectors, services

PAGE_SIZE = 30
ORDER = ("-created_at", "-id")


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = seek_page(
        selectors.notification_list_for(actor=request.user),
        ordering=ORDER,
        size=PAGE_SIZE,
        cursor=request.GET.get(CURSOR_PARAM),
    )
    return render(request, "notices/list.html", {"page": page})


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one's own notification read and go to its page."""
    notification = services.notification_mark_read(
        actor=request.user, notification_id=notification_id
    )
    if url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect("notices:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, _("%(count)d notifikasi ditandai sudah dibaca.") % {"count": count})
    return redirect("notices:list")


@login_required
@require_GET
def whatsapp_queue(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    page = seek_page(
        selectors.whatsapp_queue_for(actor=request.user),
        ordering=("created_at", "id"),
        size=PAGE_SIZE,
        cursor=request.GET.get(CURSOR_PARAM),
    )
    base_url = request.build_absolute_uri("/")
    rows = [
        {
            "notification": n,
            "message": n.message(base_url),
            "whatsapp": n.whatsapp_url(base_url),
        }
        for n in page.rows
    ]
    return render(request, "notices/whatsapp.html", {"page": page, "rows": rows})


@login_required
@require_POST
def whatsapp_sent(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = selectors.whatsapp_get_for(actor=request.user, notification_id=notification_id)
    try:
        services.notification_whatsapp_sent(actor=request.user, notification=notification)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Ditandai terkirim lewat WhatsApp."))
    return redirect("notices:whatsapp")

"""Login with throttling (django-axes counts failures per username and client address;
a locked account sees why), and the office's list of lockouts, which it may lift."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jejaring.accounts import selectors, services
from jejaring.accounts.forms import LoginForm
from jejaring.accounts.scope import Role, require_any_role
from jejaring.core.clientip import client_address


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # Honour the account's language from the first page after login.
        language = getattr(form.get_user(), "preferred_language", "")
        if language:
            from django.conf import settings

            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
                samesite="Lax",
            )
        return response


@login_required
@require_GET
def lockout_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    return render(
        request,
        "accounts/lockout_list.html",
        {
            "lockouts": selectors.lockout_list_for(actor=request.user),
            "cooloff_minutes": selectors.cool_off_minutes(),
        },
    )


@login_required
@require_POST
def lockout_release(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    username = request.POST.get("username", "")[:255]
    address = request.POST.get("address", "")[:64] or None
    # A lockout that is not in force or not the actor's to lift is a 404 (NotFound).
    services.lockout_release(
        actor=request.user, username=username, ip_address=address, ip=client_address(request)
    )
    messages.success(request, _("Penguncian akun %(username)s dibuka.") % {"username": username})
    return redirect("accounts:lockouts")

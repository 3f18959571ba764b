"""Login with throttling (django-axes counts failures; a locked account sees why)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from jejaring.accounts.forms import LoginForm


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

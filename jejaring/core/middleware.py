"""Security headers Django 5.2 does not set itself."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ContentSecurityPolicyMiddleware:
    """Adds the Content-Security-Policy from settings to every response that lacks one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class ApplicationErrorMiddleware:
    """Turns a domain error that escaped a view into its 4xx page, never a 500.

    Views normally catch domain errors and show them on the form; this is the net under
    them. A NotFound becomes Django's 404 (the same page as a record that does not exist).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
        from django.http import Http404
        from django.shortcuts import render

        from jejaring.core.errors import ApplicationError, NotFound, PermissionDenied

        if isinstance(exception, NotFound):
            raise Http404(str(exception.message)) from exception
        if isinstance(exception, PermissionDenied):
            raise DjangoPermissionDenied(str(exception.message)) from exception
        if isinstance(exception, ApplicationError):
            return render(request, "400.html", {"error": exception}, status=exception.status)
        return None


class NulParameterMiddleware:
    """Refuses a page request whose query or form parameters hold a NUL character with the
    400 page, before any view reads them.

    PostgreSQL refuses NUL in any text (and jsonb), so a value read by hand from
    `request.POST` or `request.GET` and saved would be a 500; forms refuse it too, field by
    field. No person types one: it comes from a crafted request, so one check here covers
    every view, present and future (tests/test_hostile_input.py walks them all). The API
    applies the same rule in its parser (config.api), with its JSON error.

    A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is left unread for its view to refuse
    by its size (the public forms do, before reading) or to read through its form, whose
    fields refuse NUL themselves (an upload with its documents)."""

    API_PREFIX = "/api/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.shortcuts import render

        from jejaring.core.errors import BadParameter
        from jejaring.core.params import refuse_nul_parameters

        if not request.path.startswith(self.API_PREFIX):
            queries = [request.GET]
            length = request.META.get("CONTENT_LENGTH") or "0"
            if (
                request.method == "POST"
                and length.isascii()
                and length.isdigit()
                and int(length) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            ):
                queries.append(request.POST)
            try:
                for query in queries:
                    refuse_nul_parameters(query)
            except BadParameter as error:
                return render(request, "400.html", {"error": error}, status=error.status)
        return self.get_response(request)


class LanguageMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the user chose otherwise (language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, but many office
    computers run an English browser for staff who expect the Indonesian interface."""

    def process_request(self, request: HttpRequest) -> None:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()

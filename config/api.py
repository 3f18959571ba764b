"""The JSON API (django-ninja): OpenAPI 3 at /api/openapi.json, docs at /api/docs.

Domain errors become `{"code", "message", "detail"}` with their 4xx status; a record of
another tenant is a 404 like a record that does not exist."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import SessionAuth

from config.api_docs import VendoredSwagger
from jejaring.core.errors import ApplicationError
from jejaring.core.params import refuse_nul_parameters
from jejaring.core.schemas import refuse_nul


class NulFreeParser(Parser):
    """Ninja's parser, refusing NUL characters in every route's query, form and JSON body
    at once (the forms' CharField does the same for the HTML pages; `json_body` applies
    the same rule to the bodies routes read by hand), so no route needs its own check."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        refuse_nul(request.body)
        return super().parse_body(request)

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        refuse_nul_parameters(data)
        return super().parse_querydict(data, list_fields, request)


api = NinjaAPI(
    title="Jejaring API",
    version="1",
    description="Pelatihan, uji kompetensi, penyaluran dan keterserapan tenaga kerja.",
    auth=SessionAuth(),
    urls_namespace="api",
    docs=VendoredSwagger(),
    parser=NulFreeParser(),
)


@api.exception_handler(ApplicationError)
def _application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {"code": "invalid", "message": "Input tidak valid.", "detail": {"errors": exc.errors}},
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"code": "unauthenticated", "message": "Silakan masuk terlebih dahulu.", "detail": {}},
        status=401,
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, {"code": "http_error", "message": str(exc), "detail": {}}, status=exc.status_code
    )


api.add_router("/accounts", "jejaring.accounts.api.router")
api.add_router("/persons", "jejaring.trainees.api.router")
api.add_router("/training", "jejaring.training.api.router")
api.add_router("/assessment", "jejaring.assessment.api.router")
api.add_router("/employers", "jejaring.employers.api.router")
api.add_router("/employers", "jejaring.internships.api.router")
api.add_router("/employers", "jejaring.placement.formation_api.router")
api.add_router("/jobseekers", "jejaring.jobseekers.api.router")
api.add_router("/placement", "jejaring.placement.api.router")
api.add_router("/vacancies", "jejaring.vacancies.api.router")
api.add_router("/enterprise", "jejaring.enterprise.api.router")
api.add_router("/outcomes", "jejaring.outcomes.api.router")
api.add_router("/planning", "jejaring.planning.api.router")
api.add_router("/social-security", "jejaring.social_security.api.router")

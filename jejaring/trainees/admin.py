"""Admin for the person registry; for the platform's superusers only (see
jejaring.core.admin).

The NIK is personal data (UU 27/2022): the list shows it masked, the change form shows
it masked and read-only, and only a new person's form takes it in clear. Correcting a
NIK goes through the app's services, which audit the reveal and the change. Searching
by an exact NIK is allowed: it finds the row without showing the number.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from jejaring.core.admin import JejaringAdmin
from jejaring.trainees.models import Person, TransferRequest
from jejaring.trainees.nik import mask_nik


@admin.register(Person)
class PersonAdmin(JejaringAdmin):
    list_display = (
        "full_name",
        "masked_nik_display",
        "sex",
        "birth_date",
        "education",
        "region",
        "nik_needs_review",
    )
    list_filter = ("nik_needs_review", "sex", "education", "region")
    search_fields = ("full_name", "=nik", "=phone", "email")
    list_select_related = ("region",)
    raw_id_fields = ("user",)

    @admin.display(description=_("NIK"), ordering="nik")
    def masked_nik_display(self, obj: Person) -> str:
        return mask_nik(obj.nik)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        nik = "masked_nik_display" if obj is not None else "nik"
        return (
            (
                _("Identitas"),
                {
                    "fields": (
                        "region",
                        nik,
                        "nik_needs_review",
                        "full_name",
                        "sex",
                        "birth_date",
                        "birth_place",
                    )
                },
            ),
            (_("Pendidikan"), {"fields": ("education", "education_major", "disability")}),
            (
                _("Domisili"),
                {
                    "fields": (
                        "address",
                        "domicile_village_code",
                        "domicile_district_code",
                        "domicile_regency_code",
                    )
                },
            ),
            (_("Kontak"), {"fields": ("phone", "email")}),
            (
                _("Akun dan persetujuan"),
                {"fields": ("user", "consent_at", "consent_version", "created_at", "updated_at")},
            ),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = ("consent_at", "consent_version", "created_at", "updated_at")
        return ("masked_nik_display", *fields) if obj is not None else fields


@admin.register(TransferRequest)
class TransferRequestAdmin(JejaringAdmin):
    list_display = ("person", "region", "to_region", "status", "created_at", "decided_at")
    list_filter = ("status", "region", "to_region")
    list_select_related = ("person", "region", "to_region")
    autocomplete_fields = ("person",)
    readonly_fields = ("created_at",)

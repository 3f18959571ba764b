"""Admin for users and memberships; for the platform's superusers only (see
jejaring.core.admin). Roles are granted here or, normally, by office staff in the app."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.models import Membership, User
from jejaring.core.admin import (
    AuditedAdminMixin,
    JejaringAdmin,
    JejaringTabularInline,
    SuperuserOnlyMixin,
    record_write,
)


class MembershipInline(JejaringTabularInline):
    model = Membership
    fk_name = "user"
    fields = ("role", "region", "target_type", "target_id", "is_active", "created_at")
    readonly_fields = ("created_at",)


@admin.register(User)
class UserAdmin(SuperuserOnlyMixin, AuditedAdminMixin, DjangoUserAdmin):
    """Django's user admin plus Jejaring's full name and preferred language."""

    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Jejaring"), {"fields": ("full_name", "preferred_language")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Jejaring"), {"fields": ("full_name", "email", "preferred_language")}),
    )
    list_display = (
        "username",
        "full_name",
        "email",
        "preferred_language",
        "is_active",
        "is_superuser",
        "last_login",
    )
    list_filter = ("is_active", "is_superuser", "is_staff", "preferred_language")
    search_fields = ("username", "full_name", "first_name", "last_name", "email")
    readonly_fields = ("last_login", "date_joined")
    inlines = (MembershipInline,)
    show_full_result_count = False

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Setting a password is a write like any other: audited, in one transaction."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, id)
                if user is not None:
                    record_write(request, user, "set_password", {"password": ["•••", "•••"]})
        return response


@admin.register(Membership)
class MembershipAdmin(JejaringAdmin):
    list_display = ("user", "role", "region", "target", "is_active")
    list_filter = ("role", "is_active", "region")
    search_fields = ("user__username", "user__full_name", "user__email")
    list_select_related = ("user", "region")
    raw_id_fields = ("user",)
    readonly_fields = ("created_at",)

from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("jejaring.core.urls")),
    path("akun/", include("jejaring.accounts.urls")),
    path("orang/", include("jejaring.trainees.urls")),
    path("wilayah/", include("jejaring.regions.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

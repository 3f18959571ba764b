from django.contrib import admin
from django.urls import include, path

from config.api import api

# The admin is for platform superusers only, for every model registered in it (ours and
# those of django-axes, django-tasks-db and auth), whatever per-model permissions say.
admin.site.has_permission = lambda request: bool(  # type: ignore[method-assign]
    request.user.is_active and request.user.is_superuser
)

urlpatterns = [
    path("", include("jejaring.core.urls")),
    path("akun/", include("jejaring.accounts.urls")),
    path("notifikasi/", include("jejaring.notices.urls")),
    path("orang/", include("jejaring.trainees.urls")),
    path("wilayah/", include("jejaring.regions.urls")),
    path("pelatihan/impor/", include("jejaring.training.urls_import")),
    path("pelatihan/", include("jejaring.training.urls")),
    path("daftar/", include("jejaring.training.urls_public")),
    path("pelatihan-saya/", include("jejaring.training.urls_trainee")),
    path("impor/ekspor/", include("jejaring.training.urls_export")),
    path("impor/", include("jejaring.core.urls_imports")),
    path("uji-kompetensi/", include("jejaring.assessment.urls")),
    path("verifikasi/", include("jejaring.assessment.urls_public")),
    path("perusahaan/", include("jejaring.employers.urls")),
    path("perusahaan/", include("jejaring.internships.urls")),
    path("perusahaan/", include("jejaring.placement.urls_formations")),
    path("perusahaan/", include("jejaring.placement.urls_internship_agreements")),
    path("pencari-kerja/", include("jejaring.jobseekers.urls")),
    path("penyaluran/", include("jejaring.placement.urls")),
    path("lowongan-kerja/", include("jejaring.vacancies.urls")),
    path("lowongan/", include("jejaring.vacancies.urls_public")),
    path("wirausaha/", include("jejaring.enterprise.urls")),
    path("usaha/", include("jejaring.enterprise.urls_public")),
    path("capaian/", include("jejaring.outcomes.urls")),
    path("perencanaan/", include("jejaring.planning.urls")),
    path("bpjs/", include("jejaring.social_security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

from django.urls import path

from jejaring.social_security import views

app_name = "social_security"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kepesertaan/", views.coverage_list, name="coverage_list"),
    path("kepesertaan/status/", views.coverage_bulk_status, name="coverage_bulk_status"),
    path("kepesertaan/<int:coverage_id>/", views.coverage_detail, name="coverage_detail"),
    path("paket/<int:batch_id>/", views.batch_cover, name="batch_cover"),
    path("paket/<int:batch_id>/susun/", views.batch_list_build, name="batch_list_build"),
    path("paket/<int:batch_id>/mulai/", views.batch_start, name="batch_start"),
    path("magang/susun/", views.internship_list_build, name="internship_list_build"),
    path("ekspor-pendaftaran/", views.registrations_export, name="registrations_export"),
    path("iuran/", views.premium_report, name="premium_report"),
    path("impor-kpj/", views.insurer_import, name="insurer_import"),
    path("impor-kpj/templat/", views.insurer_template, name="insurer_template"),
    path("kejadian/", views.incident_list, name="incident_list"),
    path("kejadian/baru/", views.incident_create, name="incident_create"),
    path("kejadian/<int:incident_id>/", views.incident_detail, name="incident_detail"),
    path("magang/", views.company_interns, name="company_interns"),
    path("saya/", views.my_cover, name="my_cover"),
]

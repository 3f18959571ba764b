"""Vacancy pages for company HR and office staff, mounted at lowongan-kerja/."""

from django.urls import path

from jejaring.vacancies import views, views_matching

app_name = "vacancies"

urlpatterns = [
    path("", views.vacancy_list, name="vacancy_list"),
    path("perusahaan/<int:company_id>/baru/", views.vacancy_create, name="vacancy_create"),
    path("<int:vacancy_id>/", views.vacancy_detail, name="vacancy_detail"),
    path("<int:vacancy_id>/ubah/", views.vacancy_edit, name="vacancy_edit"),
    path("<int:vacancy_id>/ajukan/", views.vacancy_submit, name="vacancy_submit"),
    path("<int:vacancy_id>/periksa/", views.vacancy_review, name="vacancy_review"),
    path("<int:vacancy_id>/terisi/", views.vacancy_fill, name="vacancy_fill"),
    path("<int:vacancy_id>/tutup/", views.vacancy_close, name="vacancy_close"),
    path("<int:vacancy_id>/formasi/", views.vacancy_formation, name="vacancy_formation"),
    path("<int:vacancy_id>/kandidat/", views_matching.vacancy_matches, name="vacancy_matches"),
    path("<int:vacancy_id>/salurkan/", views_matching.vacancy_refer, name="vacancy_refer"),
    path("laporan-umum/", views.employer_report_list, name="employer_report_list"),
    path(
        "laporan-umum/<int:employer_report_id>/",
        views.employer_report_detail,
        name="employer_report_detail",
    ),
    path(
        "laporan-umum/<int:employer_report_id>/verifikasi/",
        views.employer_report_verify,
        name="employer_report_verify",
    ),
    path(
        "laporan-umum/<int:employer_report_id>/tolak/",
        views.employer_report_reject,
        name="employer_report_reject",
    ),
]

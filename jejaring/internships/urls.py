"""Internship program pages, mounted at perusahaan/ beside the employers pages."""

from django.urls import path

from jejaring.internships import views

app_name = "internships"

urlpatterns = [
    path(
        "<int:company_id>/program-magang/baru/",
        views.internship_program_create,
        name="internship_program_create",
    ),
    path("program-magang/", views.internship_program_list, name="internship_program_list"),
    path(
        "program-magang/<int:internship_program_id>/",
        views.internship_program_detail,
        name="internship_program_detail",
    ),
    path(
        "program-magang/<int:internship_program_id>/ubah/",
        views.internship_program_edit,
        name="internship_program_edit",
    ),
    path(
        "program-magang/<int:internship_program_id>/ajukan/",
        views.internship_program_submit,
        name="internship_program_submit",
    ),
    path(
        "program-magang/<int:internship_program_id>/putuskan/",
        views.internship_program_decide,
        name="internship_program_decide",
    ),
    path(
        "program-magang/<int:internship_program_id>/rancangan/",
        views.internship_program_document,
        name="internship_program_document",
    ),
]

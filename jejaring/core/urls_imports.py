"""Spreadsheet import jobs: upload, preview, progress and confirmation."""

from django.urls import path

from jejaring.core import views_imports

app_name = "imports"

urlpatterns: list = [
    path("", views_imports.job_list, name="job_list"),
    path("<int:import_job_id>/", views_imports.job_detail, name="job_detail"),
    path("<int:import_job_id>/impor/", views_imports.job_confirm, name="job_confirm"),
]

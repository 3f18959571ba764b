"""Spreadsheet import jobs: upload, preview, progress and confirmation; batch exports."""

from django.urls import path

from jejaring.core import views_imports

app_name = "imports"

urlpatterns: list = [
    path("ekspor/paket/<int:batch_id>/", views_imports.batch_export, name="batch_export"),
]

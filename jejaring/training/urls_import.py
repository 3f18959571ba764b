"""Importing a batch's participants from a spreadsheet; mounted at /pelatihan/impor/."""

from django.urls import path

from jejaring.training import views_import

app_name = "training_import"

urlpatterns = [
    path("paket/<int:batch_id>/", views_import.upload, name="upload"),
    path("templat-peserta.xlsx", views_import.template_xlsx, name="template"),
]

"""A batch's participant list as a spreadsheet; mounted at /impor/ekspor/ (the address it
has always had)."""

from django.urls import path

from jejaring.training import views_batches

app_name = "training_export"

urlpatterns = [
    path("paket/<int:batch_id>/", views_batches.batch_export, name="batch_export"),
]

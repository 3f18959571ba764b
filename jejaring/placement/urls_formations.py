"""Formation pages, mounted at perusahaan/ beside the employers pages (their paths did
not change when they moved to placement, which counts their seats)."""

from django.urls import path

from jejaring.placement import formation_views as views

app_name = "formations"

urlpatterns = [
    path("<int:company_id>/formasi/baru/", views.formation_create, name="formation_create"),
    path("formasi/", views.formation_list, name="formation_list"),
    path("formasi/<int:formation_id>/", views.formation_detail, name="formation_detail"),
    path("formasi/<int:formation_id>/ubah/", views.formation_edit, name="formation_edit"),
    path("formasi/<int:formation_id>/buka/", views.formation_publish, name="formation_publish"),
    path("formasi/<int:formation_id>/tutup/", views.formation_close, name="formation_close"),
    path(
        "formasi/<int:formation_id>/putaran/",
        views.formation_join_round,
        name="formation_join_round",
    ),
]

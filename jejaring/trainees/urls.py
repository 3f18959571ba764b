from django.urls import path

from jejaring.trainees import views

app_name = "trainees"

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("baru/", views.person_create, name="person_create"),
    path("saya/", views.my_data, name="my_data"),
    path("saya/ekspor/", views.my_data_export, name="my_data_export"),
    path("<int:person_id>/", views.person_detail, name="person_detail"),
    path("<int:person_id>/ubah/", views.person_edit, name="person_edit"),
    path("<int:person_id>/nik/", views.person_reveal_nik, name="person_reveal_nik"),
    path("<int:person_id>/verifikasi/", views.person_verify, name="person_verify"),
]

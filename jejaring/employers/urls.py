from django.urls import path

from jejaring.employers import views

app_name = "employers"

urlpatterns = [
    path("", views.company_list, name="company_list"),
    path("baru/", views.company_create, name="company_create"),
    path("saya/", views.my_company, name="my_company"),
    path("<int:company_id>/", views.company_detail, name="company_detail"),
    path("<int:company_id>/ubah/", views.company_edit, name="company_edit"),
    path("<int:company_id>/kontak/", views.contact_add, name="contact_add"),
    path("kontak/<int:company_contact_id>/hapus/", views.contact_delete, name="contact_delete"),
    path("<int:company_id>/undang-hrd/", views.company_hr_invite, name="company_hr_invite"),
    path("<int:company_id>/kerja-sama/baru/", views.agreement_create, name="agreement_create"),
    path("kerja-sama/", views.agreement_list, name="agreement_list"),
    path("kerja-sama/<int:agreement_id>/ubah/", views.agreement_edit, name="agreement_edit"),
    path(
        "kerja-sama/<int:agreement_id>/dokumen/",
        views.agreement_document,
        name="agreement_document",
    ),
    # Public, no login.
    path("lowongan/", views.public_formation_list, name="public_formation_list"),
    path(
        "lowongan/wilayah/<slug:formation_region_slug>/",
        views.public_region_formation_list,
        name="public_region_formation_list",
    ),
    path(
        "lowongan/<int:public_formation_id>/",
        views.public_formation_detail,
        name="public_formation_detail",
    ),
]

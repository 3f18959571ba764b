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
    path("<int:company_id>/formasi/baru/", views.formation_create, name="formation_create"),
    path(
        "<int:company_id>/program-magang/baru/",
        views.internship_program_create,
        name="internship_program_create",
    ),
    path("kerja-sama/", views.agreement_list, name="agreement_list"),
    path("kerja-sama/<int:agreement_id>/ubah/", views.agreement_edit, name="agreement_edit"),
    path(
        "kerja-sama/<int:agreement_id>/dokumen/",
        views.agreement_document,
        name="agreement_document",
    ),
    path("formasi/", views.formation_list, name="formation_list"),
    path("formasi/<int:formation_id>/", views.formation_detail, name="formation_detail"),
    path("formasi/<int:formation_id>/ubah/", views.formation_edit, name="formation_edit"),
    path("formasi/<int:formation_id>/buka/", views.formation_publish, name="formation_publish"),
    path("formasi/<int:formation_id>/tutup/", views.formation_close, name="formation_close"),
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
    path(
        "perjanjian-magang/",
        views.internship_agreement_list,
        name="internship_agreement_list",
    ),
    path(
        "penyaluran/<int:referral_id>/perjanjian-magang/",
        views.internship_agreement_create,
        name="internship_agreement_create",
    ),
    path(
        "perjanjian-magang/<int:internship_agreement_id>/",
        views.internship_agreement_detail,
        name="internship_agreement_detail",
    ),
    path(
        "perjanjian-magang/<int:internship_agreement_id>/pdf/",
        views.internship_agreement_pdf,
        name="internship_agreement_pdf",
    ),
    path(
        "perjanjian-magang/<int:internship_agreement_id>/tanda-tangan/",
        views.internship_agreement_sign,
        name="internship_agreement_sign",
    ),
    path(
        "perjanjian-magang/<int:internship_agreement_id>/sahkan/",
        views.internship_agreement_ratify,
        name="internship_agreement_ratify",
    ),
    path(
        "perjanjian-magang/<int:internship_agreement_id>/dokumen/",
        views.internship_agreement_document,
        name="internship_agreement_document",
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

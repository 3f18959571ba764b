from django.urls import path

from jejaring.training import (
    views_attendance,
    views_batches,
    views_catalogue,
    views_identity,
    views_selection,
)

app_name = "training"

urlpatterns = [
    path("", views_batches.batch_list, name="batch_list"),
    path("paket/baru/", views_batches.batch_create, name="batch_create"),
    path("paket/ekspor/", views_batches.batch_list_export, name="batch_list_export"),
    path("paket/<int:batch_id>/", views_batches.batch_detail, name="batch_detail"),
    path("paket/<int:batch_id>/ubah/", views_batches.batch_edit, name="batch_edit"),
    path("paket/<int:batch_id>/status/", views_batches.batch_status, name="batch_status"),
    path(
        "paket/<int:batch_id>/sesi/", views_batches.batch_generate_sessions, name="batch_sessions"
    ),
    path("paket/<int:batch_id>/seleksi/", views_selection.batch_selection, name="batch_selection"),
    path(
        "paket/<int:batch_id>/kehadiran/",
        views_attendance.batch_attendance,
        name="batch_attendance",
    ),
    path(
        "sesi/<int:batch_session_id>/kehadiran/",
        views_attendance.session_attendance,
        name="session_attendance",
    ),
    path("sesi/<int:batch_session_id>/ubah/", views_attendance.session_edit, name="session_edit"),
    path(
        "peserta/<int:enrolment_id>/tidak-selesai/",
        views_selection.enrolment_drop_out,
        name="enrolment_drop_out",
    ),
    path(
        "dokumen/<int:enrolment_document_id>/",
        views_selection.enrolment_document,
        name="enrolment_document",
    ),
    path("lembaga/", views_catalogue.institution_list, name="institution_list"),
    path("lembaga/baru/", views_catalogue.institution_create, name="institution_create"),
    path(
        "lembaga/<int:institution_id>/",
        views_catalogue.institution_detail,
        name="institution_detail",
    ),
    path(
        "lembaga/<int:institution_id>/ubah/",
        views_catalogue.institution_edit,
        name="institution_edit",
    ),
    path("program/", views_catalogue.program_list, name="program_list"),
    path("program/baru/", views_catalogue.program_create, name="program_create"),
    path("program/<int:program_id>/ubah/", views_catalogue.program_edit, name="program_edit"),
    path("instruktur/", views_catalogue.instructor_list, name="instructor_list"),
    path("instruktur/baru/", views_catalogue.instructor_create, name="instructor_create"),
    path(
        "instruktur/<int:instructor_id>/",
        views_catalogue.instructor_detail,
        name="instructor_detail",
    ),
    path(
        "instruktur/<int:instructor_id>/ubah/",
        views_catalogue.instructor_edit,
        name="instructor_edit",
    ),
    path(
        "instruktur/<int:instructor_id>/kompetensi/",
        views_catalogue.credential_add,
        name="credential_add",
    ),
    path(
        "pendaftar/<int:enrolment_id>/verifikasi/",
        views_identity.enrolment_verify,
        name="enrolment_verify",
    ),
    path("identitas/", views_identity.identity_inbox, name="identity_inbox"),
    path(
        "identitas/<int:enrolment_id>/konfirmasi/",
        views_identity.identity_accept,
        name="identity_accept",
    ),
    path(
        "identitas/<int:enrolment_id>/tolak/",
        views_identity.identity_decline,
        name="identity_decline",
    ),
    path(
        "identitas/tinjauan/<int:identity_review_id>/selesai/",
        views_identity.identity_review_resolve,
        name="identity_review_resolve",
    ),
    path(
        "identitas/pindah/<int:transfer_request_id>/",
        views_identity.transfer_decide,
        name="transfer_decide",
    ),
    path(
        "kompetensi/<int:instructor_credential_id>/hapus/",
        views_catalogue.credential_remove,
        name="credential_remove",
    ),
]

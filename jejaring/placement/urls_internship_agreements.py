"""Internship agreement pages, mounted at perusahaan/ beside the employers pages (an
agreement belongs to a referral, which placement keeps)."""

from django.urls import path

from jejaring.placement import formation_views as views

app_name = "internship_agreements"

urlpatterns = [
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
]

from django.urls import path

from jejaring.placement import views, views_contact

app_name = "placement"

urlpatterns = [
    path("putaran/", views.round_list, name="round_list"),
    path("putaran/baru/", views.round_create, name="round_create"),
    path("putaran/<int:round_id>/", views.round_detail, name="round_detail"),
    path("putaran/<int:round_id>/tutup/", views.round_close, name="round_close"),
    path("putaran/<int:round_id>/hitung/", views.round_allocate, name="round_allocate"),
    path("putaran/<int:round_id>/umumkan/", views.round_publish, name="round_publish"),
    path("putaran/<int:round_id>/batalkan/", views.round_cancel, name="round_cancel"),
    path("putaran/<int:round_id>/hasil/", views.round_review, name="round_review"),
    path("putaran/<int:round_id>/peringkat/", views.ranking_upload, name="ranking_upload"),
    path("perusahaan/peringkat/", views.company_rankings, name="company_rankings"),
    path("rujukan/", views.referral_list, name="referral_list"),
    path("rujukan/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("rujukan/<int:referral_id>/surat/", views.referral_letter, name="referral_letter"),
    path("rujukan/<int:referral_id>/mundur/", views.referral_decline, name="referral_decline"),
    path(
        "rujukan/<int:referral_id>/kontak/",
        views_contact.referral_contact,
        name="referral_contact",
    ),
    path("lamaran/", views.my_applications, name="my_applications"),
    path("lamaran/putaran/<int:round_id>/", views.apply, name="apply"),
    path("lamaran/<int:application_id>/", views.application_detail, name="application_detail"),
]

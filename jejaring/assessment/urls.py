from django.urls import path

from jejaring.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("baru/", views.session_create, name="session_create"),
    path("skema/", views.scheme_list, name="scheme_list"),
    path("sertifikat/", views.certificate_list, name="certificate_list"),
    path("sertifikat-kompetensi/", views.competency_list, name="competency_list"),
    path(
        "sertifikat-kompetensi/<int:competency_certificate_id>/cetak/",
        views.competency_print,
        name="competency_print",
    ),
    path("saya/", views.my_results, name="my_results"),
    path("<int:assessment_session_id>/", views.session_detail, name="session_detail"),
    path("<int:assessment_session_id>/status/", views.session_status, name="session_status"),
    path("asesi/<int:candidate_id>/", views.candidate_detail, name="candidate_detail"),
    path("asesi/<int:candidate_id>/hasil/", views.candidate_results, name="candidate_results"),
    path("asesi/<int:candidate_id>/tidak-hadir/", views.candidate_absent, name="candidate_absent"),
    path(
        "asesi/<int:candidate_id>/permohonan/",
        views.candidate_application,
        name="candidate_application",
    ),
    path("asesi/<int:candidate_id>/uji-ulang/", views.candidate_retake, name="candidate_retake"),
    path(
        "asesi/<int:candidate_id>/sertifikat-kompetensi/",
        views.competency_record,
        name="competency_record",
    ),
    path(
        "sertifikat/<int:training_certificate_id>/cabut/",
        views.certificate_revoke,
        name="certificate_revoke",
    ),
    path(
        "sertifikat/<int:training_certificate_id>/pdf/",
        views.certificate_download,
        name="certificate_download",
    ),
]

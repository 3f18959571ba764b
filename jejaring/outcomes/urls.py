from django.urls import path

from jejaring.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rincian/", views.drill_down, name="drill_down"),
    path("laporan/<int:report_year>/", views.annual_report, name="annual_report"),
    path("penelusuran/", views.follow_up_list, name="follow_up_list"),
    path("penelusuran/<int:follow_up_id>/", views.follow_up_detail, name="follow_up_detail"),
    path("penelusuran/<int:follow_up_id>/tautan/", views.follow_up_link, name="follow_up_link"),
    path("jawab/<str:answer_token>/", views.answer_link, name="answer_link"),
    path("saya/", views.my_follow_ups, name="my_follow_ups"),
    path("konfirmasi/", views.company_confirmations, name="company_confirmations"),
    path("konfirmasi/<int:referral_id>/", views.company_confirm, name="company_confirm"),
    path("definisi/", views.definition_list, name="definition_list"),
    path(
        "definisi/<int:indicator_definition_id>/",
        views.definition_edit,
        name="definition_edit",
    ),
    path("pengaturan/", views.tracer_settings, name="tracer_settings"),
    path("terbitkan/", views.publish, name="publish"),
    path("statistik/", views.public_index, name="public_index"),
    path("statistik/<slug:public_region_slug>/", views.public_region, name="public_region"),
]

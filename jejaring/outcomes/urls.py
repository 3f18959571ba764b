from django.urls import path

from jejaring.outcomes.views import dashboard, definitions, labour_market, public, tracer

app_name = "outcomes"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("rincian/", dashboard.drill_down, name="drill_down"),
    path("laporan/<int:report_year>/", dashboard.annual_report, name="annual_report"),
    path("penelusuran/", tracer.follow_up_list, name="follow_up_list"),
    path("penelusuran/<int:follow_up_id>/", tracer.follow_up_detail, name="follow_up_detail"),
    path("penelusuran/<int:follow_up_id>/tautan/", tracer.follow_up_link, name="follow_up_link"),
    path("jawab/<str:answer_token>/", tracer.answer_link, name="answer_link"),
    path("saya/", tracer.my_follow_ups, name="my_follow_ups"),
    path("konfirmasi/", tracer.company_confirmations, name="company_confirmations"),
    path("konfirmasi/<int:referral_id>/", tracer.company_confirm, name="company_confirm"),
    path("definisi/", definitions.definition_list, name="definition_list"),
    path(
        "definisi/<int:indicator_definition_id>/",
        definitions.definition_edit,
        name="definition_edit",
    ),
    path("pengaturan/", definitions.tracer_settings, name="tracer_settings"),
    path("terbitkan/", definitions.publish, name="publish"),
    path("ipk/", labour_market.ipk_report, name="ipk_report"),
    path("ipk/definisi/", labour_market.ipk_definitions, name="ipk_definitions"),
    path("statistik/", public.public_index, name="public_index"),
    path("statistik/<slug:public_region_slug>/", public.public_region, name="public_region"),
    path("statistik/<slug:public_region_slug>/ipk/", labour_market.public_ipk, name="public_ipk"),
]

"""Entrepreneurship pages, mounted at wirausaha/."""

from django.urls import path

from jejaring.enterprise import views, views_grants, views_indicators

app_name = "enterprise"

urlpatterns = [
    path("", views.business_list, name="business_list"),
    path("saya/baru/", views.own_business_create, name="own_business_create"),
    path("orang/<int:person_id>/baru/", views.business_create, name="business_create"),
    path("<int:business_id>/", views.business_detail, name="business_detail"),
    path("<int:business_id>/ubah/", views.business_edit, name="business_edit"),
    path("<int:business_id>/tahap/", views.business_stage, name="business_stage"),
    path("<int:business_id>/dukungan/", views.business_support, name="business_support"),
    path("kelompok/", views_grants.group_list, name="group_list"),
    path("kelompok/<int:enterprise_group_id>/", views_grants.group_detail, name="group_detail"),
    path(
        "kelompok/<int:enterprise_group_id>/dukungan/",
        views_grants.group_support,
        name="group_support",
    ),
    path(
        "kelompok/<int:enterprise_group_id>/usulan/",
        views_grants.proposal_create,
        name="proposal_create",
    ),
    path("usulan/<int:grant_proposal_id>/", views_grants.proposal_detail, name="proposal_detail"),
    path(
        "usulan/<int:grant_proposal_id>/tindakan/",
        views_grants.proposal_action,
        name="proposal_action",
    ),
    path(
        "usulan/<int:grant_proposal_id>/berkas/", views_grants.proposal_file, name="proposal_file"
    ),
    path(
        "usulan/<int:grant_proposal_id>/laporan/",
        views_grants.proposal_report,
        name="proposal_report",
    ),
    path("berkas/<int:report_file_id>/", views_grants.report_file, name="report_file"),
    path("dukungan/", views.support_list, name="support_list"),
    path("dukungan/<int:support_case_id>/", views.support_detail, name="support_detail"),
    path(
        "dukungan/<int:support_case_id>/foto/<int:visit_number>/",
        views.visit_photo,
        name="visit_photo",
    ),
    path("dukungan/<int:support_case_id>/surat-kur/", views.kur_letter, name="kur_letter"),
    path(
        "penelusuran/<int:business_follow_up_id>/tautan/",
        views.follow_up_link,
        name="follow_up_link",
    ),
    path("indikator/", views_indicators.indicator_page, name="indicators"),
    path("indikator/rincian/", views_indicators.indicator_drill_down, name="drill_down"),
]

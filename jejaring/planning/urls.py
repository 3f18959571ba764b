from django.urls import path

from jejaring.planning import views

app_name = "planning"

urlpatterns = [
    path("kebutuhan/", views.need_list, name="need_list"),
    path("kebutuhan/baru/", views.need_create, name="need_create"),
    path("kebutuhan/<int:industry_need_id>/", views.need_detail, name="need_detail"),
    path("kebutuhan/<int:industry_need_id>/petakan/", views.need_map, name="need_map"),
    path("kebutuhan/<int:industry_need_id>/unit/", views.need_units, name="need_units"),
    path("rapat/", views.meeting_list, name="meeting_list"),
    path("rapat/baru/", views.meeting_create, name="meeting_create"),
    path("rapat/<int:coordination_meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("kesenjangan/", views.gap, name="gap"),
    path("rencana/", views.plan_list, name="plan_list"),
    path("pagu/", views.envelope_set, name="envelope_set"),
    path("rencana/<int:training_plan_id>/", views.plan_detail, name="plan_detail"),
    path("rencana/<int:training_plan_id>/baris/", views.line_add, name="line_add"),
    path("rencana/<int:training_plan_id>/ajukan/", views.plan_submit, name="plan_submit"),
    path("rencana/<int:training_plan_id>/setujui/", views.plan_approve, name="plan_approve"),
    path("rencana/<int:training_plan_id>/kembalikan/", views.plan_return, name="plan_return"),
    path("rencana/<int:training_plan_id>/xlsx/", views.plan_export_xlsx, name="plan_xlsx"),
    path("rencana/<int:training_plan_id>/pdf/", views.plan_export_pdf, name="plan_pdf"),
    path("baris/<int:plan_line_id>/hapus/", views.line_remove, name="line_remove"),
    path("baris/<int:plan_line_id>/paket/", views.line_batches, name="line_batches"),
    path(
        "baris/<int:plan_line_id>/instruktur/",
        views.line_instructor_need,
        name="line_instructor_need",
    ),
    path("instruktur/", views.instructor_gap, name="instructor_gap"),
    path(
        "instruktur/<int:instructor_need_id>/",
        views.instructor_need_detail,
        name="instructor_need_detail",
    ),
]

from django.urls import path

from jejaring.planning.views import instructors, needs, plans

app_name = "planning"

urlpatterns = [
    path("kebutuhan/", needs.need_list, name="need_list"),
    path("kebutuhan/baru/", needs.need_create, name="need_create"),
    path("kebutuhan/<int:industry_need_id>/", needs.need_detail, name="need_detail"),
    path("kebutuhan/<int:industry_need_id>/petakan/", needs.need_map, name="need_map"),
    path("kebutuhan/<int:industry_need_id>/unit/", needs.need_units, name="need_units"),
    path("rapat/", needs.meeting_list, name="meeting_list"),
    path("rapat/baru/", needs.meeting_create, name="meeting_create"),
    path("rapat/<int:coordination_meeting_id>/", needs.meeting_detail, name="meeting_detail"),
    path("kesenjangan/", plans.gap, name="gap"),
    path("rencana/", plans.plan_list, name="plan_list"),
    path("pagu/", plans.envelope_set, name="envelope_set"),
    path("rencana/<int:training_plan_id>/", plans.plan_detail, name="plan_detail"),
    path("rencana/<int:training_plan_id>/baris/", plans.line_add, name="line_add"),
    path("rencana/<int:training_plan_id>/ajukan/", plans.plan_submit, name="plan_submit"),
    path("rencana/<int:training_plan_id>/setujui/", plans.plan_approve, name="plan_approve"),
    path("rencana/<int:training_plan_id>/kembalikan/", plans.plan_return, name="plan_return"),
    path("rencana/<int:training_plan_id>/xlsx/", plans.plan_export_xlsx, name="plan_xlsx"),
    path("rencana/<int:training_plan_id>/pdf/", plans.plan_export_pdf, name="plan_pdf"),
    path("baris/<int:plan_line_id>/hapus/", plans.line_remove, name="line_remove"),
    path("baris/<int:plan_line_id>/paket/", plans.line_batches, name="line_batches"),
    path(
        "baris/<int:plan_line_id>/instruktur/",
        plans.line_instructor_need,
        name="line_instructor_need",
    ),
    path("instruktur/", instructors.instructor_gap, name="instructor_gap"),
    path(
        "instruktur/<int:instructor_need_id>/",
        instructors.instructor_need_detail,
        name="instructor_need_detail",
    ),
]

"""A trainee's own registrations, attendance and certificates."""

from django.urls import path

from jejaring.training import views_identity, views_trainee

app_name = "my_training"

urlpatterns = [
    path("", views_trainee.enrolment_list, name="enrolments"),
    path("<int:enrolment_id>/", views_trainee.enrolment_detail, name="enrolment_detail"),
    path(
        "<int:enrolment_id>/mundur/",
        views_trainee.enrolment_withdraw_view,
        name="enrolment_withdraw",
    ),
    path(
        "<int:enrolment_id>/klaim/",
        views_identity.own_claim_decide,
        name="claim_decide",
    ),
]

"""The business owner's no-login follow-up page, mounted at usaha/."""

from django.urls import path

from jejaring.enterprise import views

app_name = "enterprise_public"

urlpatterns = [
    path("jawab/<str:business_answer_token>/", views.follow_up_answer, name="follow_up_answer"),
]

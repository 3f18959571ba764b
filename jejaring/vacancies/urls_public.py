"""Public vacancy pages, mounted at lowongan/."""

from django.urls import path

from jejaring.vacancies import views_public

app_name = "vacancies_public"

urlpatterns = [
    path("", views_public.public_list, name="list"),
    path("<int:public_vacancy_id>/", views_public.public_detail, name="detail"),
    path("lapor/", views_public.public_report, name="report"),
    path("lapor/terkirim/", views_public.report_done, name="report_done"),
]

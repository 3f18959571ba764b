from django.urls import path

from jejaring.core import views

app_name = "core"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("beranda/", views.home, name="home"),
    path("audit/", views.audit_list, name="audit"),
]

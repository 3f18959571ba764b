from django.urls import path

from jejaring.regions import views

app_name = "regions"

urlpatterns = [
    path("pilihan/", views.area_options, name="area_options"),
]

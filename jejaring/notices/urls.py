from django.urls import path

from jejaring.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("baca-semua/", views.notification_read_all, name="read_all"),
    path("<int:notification_id>/buka/", views.notification_open, name="open"),
    path("whatsapp/", views.whatsapp_queue, name="whatsapp"),
    path("whatsapp/<int:notification_id>/terkirim/", views.whatsapp_sent, name="whatsapp_sent"),
]

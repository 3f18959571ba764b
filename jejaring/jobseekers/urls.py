"""Job-seeker card pages, mounted at pencari-kerja/. The public registration's parameter
is an office's slug (`office_slug`): those pages are open to anyone for every office."""

from django.urls import path

from jejaring.jobseekers import views

app_name = "jobseekers"

urlpatterns = [
    path("", views.card_list, name="card_list"),
    path("loket/", views.card_register, name="card_register"),
    path("pengaturan/", views.settings_edit, name="settings"),
    path("saya/", views.my_cards, name="my_cards"),
    path("daftar/", views.public_offices, name="public_offices"),
    path("daftar/<slug:office_slug>/", views.public_register, name="public_register"),
    path("daftar/<slug:office_slug>/terkirim/", views.public_done, name="public_done"),
    path("<int:card_id>/", views.card_detail, name="card_detail"),
    path("<int:card_id>/ubah/", views.card_update, name="card_update"),
    path("<int:card_id>/terbitkan/", views.card_issue, name="card_issue"),
    path("<int:card_id>/tolak/", views.card_reject, name="card_reject"),
    path("<int:card_id>/lapor/", views.card_report, name="card_report"),
    path("<int:card_id>/perpanjang/", views.card_renew, name="card_renew"),
    path("<int:card_id>/bekerja/", views.card_close_hired, name="card_close_hired"),
    path("<int:card_id>/tutup/", views.card_close, name="card_close"),
    path("<int:card_id>/kartu.pdf", views.card_download, name="card_download"),
]

"""Public registration (no login). The batch parameter has a name of its own,
`open_batch_id`: these pages show any region's open batches to anyone, so the
outsider-404 walk exempts it while staff routes with `batch_id` stay covered."""

from django.urls import path

from jejaring.training import views_public

app_name = "registration"

urlpatterns = [
    path("", views_public.batch_list, name="batch_list"),
    path("<int:open_batch_id>/", views_public.batch_detail, name="batch_detail"),
    path("<int:open_batch_id>/formulir/", views_public.register, name="register"),
    path("<int:open_batch_id>/terkirim/", views_public.done, name="done"),
]

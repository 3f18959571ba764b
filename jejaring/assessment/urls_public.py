"""Public certificate verification (no login): the target of the QR code."""

from django.urls import path

from jejaring.assessment import views_public

app_name = "verify"

urlpatterns = [
    path("", views_public.lookup, name="lookup"),
    path("<str:verification_code>/", views_public.detail, name="detail"),
]

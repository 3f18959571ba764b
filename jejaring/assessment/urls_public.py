"""Public certificate verification (no login): the target of the QR code."""

from django.urls import path

from jejaring.assessment import views_public

app_name = "verify"

urlpatterns = [
    path("", views_public.lookup, name="lookup"),
    # `path`: a printed certificate number has slashes (BLK-1/2026/0007).
    path("<path:verification_code>/", views_public.detail, name="detail"),
]

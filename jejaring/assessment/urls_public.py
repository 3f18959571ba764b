"""Public certificate verification (no login): the target of the QR code."""

from django.urls import path  # noqa: F401

app_name = "verify"

urlpatterns: list = []

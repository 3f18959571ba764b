"""Spreadsheet import jobs: upload, preview, progress and confirmation."""

from django.urls import path  # noqa: F401

app_name = "imports"

urlpatterns: list = []

"""API routes of the planning app (mounted at /api/planning/)."""

from ninja import Router

router = Router(tags=["planning"])

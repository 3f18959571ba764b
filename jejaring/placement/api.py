"""API routes of the placement app (mounted at /api/placement/)."""

from ninja import Router

router = Router(tags=["placement"])

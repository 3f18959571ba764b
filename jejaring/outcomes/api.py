"""API routes of the outcomes app (mounted at /api/outcomes/)."""

from ninja import Router

router = Router(tags=["outcomes"])

"""API routes of the assessment app (mounted at /api/assessment/)."""

from ninja import Router

router = Router(tags=["assessment"])

"""API routes of the employers app (mounted at /api/employers/)."""

from ninja import Router

router = Router(tags=["employers"])

"""API routes of the social_security app (mounted at /api/social-security/)."""

from ninja import Router

router = Router(tags=["social-security"])

"""The referred candidate's contact for company HR (audited at each look)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from jejaring.core.clientip import client_address
from jejaring.placement import referrals, selectors


@login_required
@require_POST
def referral_contact(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_get_for(actor=request.user, referral_id=referral_id)
    phone, email = referrals.referral_contact_reveal(
        actor=request.user, referral=referral, ip_address=client_address(request)
    )
    context = {"referral": referral, "phone": phone, "email": email}
    if getattr(request, "htmx", False):
        return render(request, "placement/partials/referral_contact.html", context)
    return render(request, "placement/referral_contact.html", context)

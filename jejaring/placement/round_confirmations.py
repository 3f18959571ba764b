"""What closing, allocating, publishing or cancelling a round will do, counted on the
server before the office confirms it (jejaring.core.confirm). Reads only; a constant
number of queries whatever the round's size."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from jejaring.core.confirm import Confirmation
from jejaring.placement.models import AllocationResult, AllocationRound, Application, RoundFormation
from jejaring.placement.seats import seats_held

#: Each step of a round named by its action, for its button and its confirmation.
ACTIONS = {
    "close": gettext_lazy("Tutup putaran"),
    "allocate": gettext_lazy("Jalankan alokasi"),
    "publish": gettext_lazy("Umumkan hasil"),
    "cancel": gettext_lazy("Batalkan putaran"),
}

S = AllocationRound.Status
#: The statuses from which each step can be taken (the service checks again, locked).
STEP_FROM = {
    "close": (S.OPEN,),
    "allocate": (S.CLOSED, S.ALLOCATED),
    "publish": (S.ALLOCATED,),
    "cancel": (S.DRAFT, S.OPEN, S.CLOSED, S.ALLOCATED),
}


def needs_confirmation(rnd: AllocationRound, step: str) -> bool:
    """Whether `step` can be taken now, so that it must be confirmed first (a step that
    cannot be taken goes straight to the service, which refuses it)."""
    return rnd.status in STEP_FROM[step]


def _applications(rnd: AllocationRound) -> dict[str, int]:
    return Application.objects.filter(round=rnd).aggregate(
        submitted=Count("pk", filter=Q(status=Application.Status.SUBMITTED)),
        drafts=Count("pk", filter=Q(status=Application.Status.DRAFT)),
    )


def confirmation_for(rnd: AllocationRound, step: str) -> Confirmation:
    """The confirmation page's text for `step` ("close", "allocate", "publish", "cancel")
    of `rnd`, with the number of people it concerns."""
    back = reverse("placement:round_detail", kwargs={"round_id": rnd.pk})
    action = str(ACTIONS[step])
    if step == "publish":
        placed = AllocationResult.objects.filter(round=rnd).aggregate(
            placed=Count("pk", filter=Q(formation__isnull=False)),
            unplaced=Count("pk", filter=Q(formation__isnull=True)),
            companies=Count("formation__company", distinct=True),
        )
        people = placed["placed"] + placed["unplaced"]
        return Confirmation(
            title=_("Umumkan hasil putaran %(name)s?") % {"name": rnd.name},
            summary=ngettext(
                "Hasil diumumkan kepada %(count)d pelamar dan surat pengantar dibuat.",
                "Hasil diumumkan kepada %(count)d pelamar dan surat pengantar dibuat.",
                people,
            )
            % {"count": people},
            details=[
                _("%(count)d orang disalurkan ke %(companies)d perusahaan.")
                % {"count": placed["placed"], "companies": placed["companies"]},
                _("%(count)d orang tidak mendapat kursi.") % {"count": placed["unplaced"]},
            ],
            action=action,
            back_url=back,
            people=people,
        )
    counts = _applications(rnd)
    people = counts["submitted"]
    if step == "close":
        return Confirmation(
            title=_("Tutup putaran %(name)s?") % {"name": rnd.name},
            summary=ngettext(
                "Lamaran tidak dapat dikirim lagi; kelayakan %(count)d pelamar dinilai ulang.",
                "Lamaran tidak dapat dikirim lagi; kelayakan %(count)d pelamar dinilai ulang.",
                people,
            )
            % {"count": people},
            details=[
                _("%(count)d draf lamaran yang belum dikirim tidak ikut.")
                % {"count": counts["drafts"]}
            ],
            action=action,
            back_url=back,
            people=people,
        )
    if step == "allocate":
        formations = list(
            RoundFormation.objects.filter(round=rnd).values_list("formation_id", "formation__quota")
        )
        held = seats_held([fid for fid, _quota in formations], exclude_round=rnd)
        seats = sum(max(0, quota - held.get(fid, 0)) for fid, quota in formations)
        return Confirmation(
            title=_("Jalankan alokasi putaran %(name)s?") % {"name": rnd.name},
            summary=ngettext(
                "Kursi dihitung dan %(count)d pelamar dialokasikan; hasil lama diganti.",
                "Kursi dihitung dan %(count)d pelamar dialokasikan; hasil lama diganti.",
                people,
            )
            % {"count": people},
            details=[
                _("%(seats)d kursi di %(formations)d formasi.")
                % {"seats": seats, "formations": len(formations)},
                _("Belum ada yang diberi tahu sampai hasil diumumkan."),
            ],
            action=action,
            back_url=back,
            people=people,
            danger=False,
        )
    return Confirmation(
        title=_("Batalkan putaran %(name)s?") % {"name": rnd.name},
        summary=ngettext(
            "Putaran dibatalkan; lamaran %(count)d pelamar tidak diproses.",
            "Putaran dibatalkan; lamaran %(count)d pelamar tidak diproses.",
            people,
        )
        % {"count": people},
        action=action,
        back_url=back,
        people=people,
    )

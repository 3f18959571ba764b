"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py): a notification
of region B's office staff, which nobody else may open or mark."""


def _notification_of_region_b(cast):
    from jejaring.notices.models import Notification

    return Notification.objects.create(
        region=cast.region_b,
        user=cast.staff_b,
        phone="+6281234567890",
        kind="selection_accepted",
        params={"batch": "Menjahit B"},
        link="/pelatihan-saya/",
    ).pk


OUTSIDERS = {"notification_id": _notification_of_region_b}

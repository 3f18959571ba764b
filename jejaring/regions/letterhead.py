"""A region's letterhead (kop surat) and signatory, for the document kit
(jejaring.core.documents): every official paper of the office prints them."""

from __future__ import annotations

import base64
import mimetypes

from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from jejaring.core.documents import Letterhead, Signatory
from jejaring.regions.models import Region

#: The emblem printed when the office has not uploaded its own.
DEFAULT_LOGO = "/static/img/letterhead-emblem.svg"


def _data_uri(file: FieldFile) -> str:
    """An uploaded image as a data: URI: the PDF renderer reads nothing from the network
    and the media folder is not served publicly."""
    if not file:
        return ""
    try:
        with file.open("rb") as handle:
            body = handle.read()
    except OSError:
        return ""
    mime = mimetypes.guess_type(file.name or "")[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(body).decode()}"


def place_of(region: Region) -> str:
    """The place on a letter's date line: the office's city, else the region's name
    without "Kota"/"Kabupaten"."""
    if region.office_city:
        return region.office_city
    return region.name.removeprefix("Kota ").removeprefix("Kabupaten ")


def letterhead_of(region: Region) -> Letterhead:
    government = _("Pemerintah %(region)s") % {"region": region.name}
    contact = " · ".join(
        part
        for part in (
            _("Telepon %(phone)s") % {"phone": region.office_phone} if region.office_phone else "",
            region.office_email,
            region.office_website,
        )
        if part
    )
    return Letterhead(
        government=government,
        office=region.office_name,
        address=" ".join(region.office_address.split()),
        contact=contact,
        logo=_data_uri(region.letterhead_logo) or DEFAULT_LOGO,
        place=place_of(region),
    )


def signatory_of(region: Region) -> Signatory:
    """The office's signatory; a region that has not set one prints the office's head by
    title with an empty name line, to be signed by hand."""
    return Signatory(
        position=region.signatory_position
        or _("Kepala %(office)s") % {"office": region.office_name},
        name=region.signatory_name,
        rank=region.signatory_rank,
        nip=region.signatory_nip,
        signature=_data_uri(region.signature_image),
    )

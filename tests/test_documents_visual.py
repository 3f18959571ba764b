"""Visual regression of every printed document: each PDF template is rendered with
WeasyPrint from a fixed context (dates, names, code and URL pinned), rasterised with
poppler's `pdftoppm`, and compared page by page with a reviewed reference image under
`tests/reference_pdf/`. A page fails when more than `MAX_CHANGED` of its pixels differ by
more than `PIXEL_TOLERANCE` grey levels; the failure names the document, the page and the
share of changed pixels, and writes the new rendering next to the reference
(`*.actual.png`, not committed) to look at.

After a deliberate change, regenerate the references, LOOK at every page, then commit:

    JEJARING_UPDATE_PDF_REFERENCES=1 .venv/bin/python -m pytest tests/test_documents_visual.py
"""

from __future__ import annotations

import base64
import dataclasses
import io
import os
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace as NS
from typing import Any

import pytest
from django.utils import translation

from jejaring.core.documents import Verification, render_document
from jejaring.regions.letterhead import letterhead_of, signatory_of
from jejaring.regions.models import Region

REFERENCE_DIR = Path(__file__).parent / "reference_pdf"
UPDATE = os.environ.get("JEJARING_UPDATE_PDF_REFERENCES") == "1"
IN_CI = os.environ.get("CI", "").lower() == "true"
DPI = 60
#: Grey levels a pixel may move (anti-aliasing differs slightly between cairo versions).
PIXEL_TOLERANCE = 48
#: Share of a page's pixels that may move more than that.
MAX_CHANGED = 0.005
TODAY = date(2026, 12, 3)
CODE = "K7QXM2PA9CRT"
URL = "https://jejaring.pekalongankota.go.id/verifikasi/K7QX-M2PA-9CRT/"


def _region() -> Region:
    return Region(
        code="33.75",
        kind=Region.Kind.KOTA,
        name="Kota Pekalongan",
        slug="kota-pekalongan",
        province_code="33",
        province_name="Jawa Tengah",
        office_name="Dinas Perindustrian dan Tenaga Kerja Kota Pekalongan",
        office_short_name="Disperinaker",
        office_address="Jalan Mataram No. 1, Kota Pekalongan 51111",
        office_email="disperinaker@pekalongan.example",
        office_phone="+62285421000",
        office_city="Pekalongan",
        signatory_name="Dra. Sri Wahyuni, M.M.",
        signatory_position="Kepala Dinas Perindustrian dan Tenaga Kerja Kota Pekalongan",
        signatory_rank="Pembina Tingkat I",
        signatory_nip="197003121995032004",
    )


def _display(label: str) -> Any:
    return lambda: label


PERSON = NS(full_name="Siti Nurhaliza", nik="3375014101950001")
INSTITUTION = NS(name="UPTD Balai Latihan Kerja Kota Pekalongan", head_name="Agus Prasetyo, S.T.")
UNITS = [
    NS(code="C.141000.001.01", title="Mengoperasikan mesin jahit high speed"),
    NS(code="C.141000.002.01", title="Memelihara mesin jahit"),
    NS(code="C.141000.003.01", title="Menjahit komponen kemeja"),
    NS(code="C.141000.004.01", title="Memeriksa mutu hasil jahitan"),
]
PROGRAM = NS(
    name="Menjahit Pakaian dengan Mesin (Operator Garmen)",
    hours_jp=240,
    scheme=NS(name="Okupasi Operator Jahit"),
    title="",
)
COMPANY = NS(
    name="CV Batik Garmen Sejahtera",
    address="Jalan Ahmad Yani No. 176, Kota Pekalongan",
    phone="+62285420176",
)
CONTACT = NS(full_name="Saiful Utama", position="HR Supervisor", phone="+6289539061884")
FORMATION = NS(
    title="Magang Operator Jahit",
    location="Jalan Ahmad Yani No. 176, Kota Pekalongan",
    requirements="Sehat jasmani dan rohani; bersedia bekerja bergilir (shift).",
    get_kind_display=_display("Magang"),
)


def _certificate() -> dict[str, Any]:
    return {
        "certificate": NS(number="BLK-1/2026/0007", status="valid", revoked_at=None),
        "enrolment": NS(attendance_pct=Decimal("96")),
        "person": PERSON,
        "batch": NS(start_date=date(2026, 8, 24), end_date=date(2026, 10, 30)),
        "program": PROGRAM,
        "units": UNITS,
        "institution": INSTITUTION,
    }


def _competency() -> dict[str, Any]:
    return {
        "competency": NS(
            registration_number="JHT 0451 0000123 2026",
            scheme=NS(name="Okupasi Operator Jahit", kkni_level=2),
            lsp=NS(name="LSP Garmen Indonesia"),
            issued_on=date(2026, 11, 20),
            valid_until=date(2029, 11, 20),
        ),
        "person": PERSON,
        "units": UNITS,
        "valid": True,
    }


def _referral() -> dict[str, Any]:
    return {
        "referral": NS(round=NS(name="Penyaluran Lulusan Tahap II 2026")),
        "number": "560/014/Disperinaker/XII/2026",
        "person": PERSON,
        "company": COMPANY,
        "formation": FORMATION,
        "contact": CONTACT,
        "report_by": date(2026, 12, 10),
        "report_within": 5,
    }


def _agreement() -> dict[str, Any]:
    terms = (
        "Hak peserta pemagangan: uang saku, bimbingan, perlindungan JKK dan JKM, sertifikat "
        "pemagangan bila selesai.\nKewajiban peserta pemagangan: menaati perjanjian, program "
        "dan tata tertib perusahaan; mengikuti program sampai selesai.\nKewajiban "
        "penyelenggara: membimbing peserta, memberi uang saku dan alat pelindung diri, "
        "mendaftarkan peserta dalam JKK dan JKM."
    )
    return {
        "agreement": NS(
            number="PKS-MAG/014/BATIK-GARMEN/2026",
            starts_on=date(2027, 1, 4),
            ends_on=date(2027, 6, 30),
            stipend_transport=400_000,
            stipend_meals=500_000,
            stipend_incentive=300_000,
            rights_and_duties=terms,
            ratified_at=None,
            get_status_display=_display("Ditandatangani"),
        ),
        "number": "PKS-MAG/014/BATIK-GARMEN/2026",
        "person": PERSON,
        "company": COMPANY,
        "company_signer": CONTACT,
        "formation": FORMATION,
        "program": NS(title="Pemagangan Operator Jahit Garmen"),
        "stipend_total": 1_200_000,
    }


def _plan() -> dict[str, Any]:
    def line(channel: str, institution: str, title: str, packages: int, cost: int) -> NS:
        return NS(
            get_channel_display=_display(channel),
            institution=NS(name=institution) if institution else None,
            title=title,
            packages=packages,
            people_per_package=16,
            people=packages * 16,
            cost_per_package=cost,
            total_cost=packages * cost,
            get_funding_source_display=_display("DBHCHT (bagi hasil cukai hasil tembakau)"),
            evidence=NS(all=[NS(description="Operator jahit untuk pabrik garmen", quantity=40)]),
        )

    lines = [
        line("BLK", INSTITUTION.name, "Menjahit pakaian dengan mesin", 4, 95_000_000),
        line("LPKS", "LPK Busana Batik Nusantara", "Membatik tulis", 2, 75_000_000),
        line("Tempat pelatihan perusahaan", "", "Pelatihan di tempat kerja", 3, 80_000_000),
    ]
    return {
        "plan": NS(
            year=2027, title="Rencana Pelatihan Kerja 2027", get_status_display=_display("Diajukan")
        ),
        "lines": lines,
        "totals": {"packages": 9, "people": 144, "cost": 770_000_000},
        "channel_totals": [
            {
                "channel_label": "BLK",
                "institution__name": INSTITUTION.name,
                "total_packages": 4,
                "total_people": 64,
                "total_cost": 380_000_000,
            },
            {
                "channel_label": "LPKS",
                "institution__name": "LPK Busana Batik Nusantara",
                "total_packages": 2,
                "total_people": 32,
                "total_cost": 150_000_000,
            },
            {
                "channel_label": "Tempat pelatihan perusahaan",
                "institution__name": None,
                "total_packages": 3,
                "total_people": 48,
                "total_cost": 240_000_000,
            },
        ],
        "checks": [
            NS(funding_source="dbhcht", planned=770_000_000, envelope=800_000_000, missing=False)
        ],
    }


def _premium() -> dict[str, Any]:
    names = ["Ade Kusmawati", "Ajeng Agustina", "Bagus Santoso", "Citra Lestari", "Dian Purnama"]
    lines = [
        NS(
            coverage=NS(
                person=NS(full_name=name, nik=f"33750141019500{n:02d}"),
                kpj_number=f"2847560{n:04d}",
            ),
            premium=NS(
                days_covered=31 - 5 * n,
                days_in_month=31,
                jkk=8387 - 500 * n,
                jkm=5703 - 300 * n,
                total=14090 - 800 * n,
            ),
        )
        for n, name in enumerate(names)
    ]
    return {
        "report": NS(
            month=date(2026, 11, 1),
            rate=NS(valid_from=date(2015, 7, 1), jkk_pct=Decimal("1.000"), jkm_monthly=6800),
            lines=lines,
            jkk=sum(x.premium.jkk for x in lines),
            jkm=sum(x.premium.jkm for x in lines),
            total=sum(x.premium.total for x in lines),
        ),
        "payer": "Dinas",
        "company": "",
    }


def _outcomes() -> dict[str, Any]:
    def row(label: str, graduates: int, answered: int, absorbed: int) -> NS:
        return NS(
            label=label,
            graduates=graduates,
            answered=answered,
            absorbed=absorbed,
            absorption=NS(percent=Decimal(absorbed * 1000 // graduates) / 10),
            absorption_of_answered=NS(percent=Decimal(absorbed * 1000 // answered) / 10),
            self_employed=graduates // 7,
            median_days_to_first_job=140,
        )

    def table(label: str, rows: list[NS]) -> NS:
        total = row(
            "Jumlah",
            sum(r.graduates for r in rows),
            sum(r.answered for r in rows),
            sum(r.absorbed for r in rows),
        )
        return NS(dimension=NS(label=label), rows=rows, total=total)

    def fraction(numerator: int, denominator: int) -> NS:
        return NS(
            withheld=False,
            numerator=numerator,
            denominator=denominator,
            percent=Decimal(numerator * 1000 // denominator) / 10,
        )

    years = [
        row(str(y), 200 + 10 * i, 180 + 9 * i, 95 + 8 * i) for i, y in enumerate(range(2022, 2027))
    ]
    return {
        "year": 2026,
        "definition": NS(
            describe="Terserap: lulusan yang bekerja di perusahaan dalam 12 bulan setelah lulus."
        ),
        "by_year": table("Tahun lulus", years),
        "by_vocation": table(
            "Kejuruan",
            [
                row("Menjahit Garmen", 81, 72, 33),
                row("Tata Boga", 33, 29, 12),
                row("Otomotif Sepeda Motor", 61, 52, 19),
            ],
        ),
        "by_institution": table(
            "Lembaga", [row("LPK Busana Batik", 54, 46, 19), row(INSTITUTION.name, 121, 107, 45)]
        ),
        "pipeline": [
            NS(
                year=y,
                completion=fraction(195, 206),
                competency_pass=fraction(167, 195),
                referral_placement=fraction(21, 24),
                internship_to_hire=fraction(1, 3),
            )
            for y in range(2022, 2027)
        ],
        "generated": datetime(2026, 12, 3, 9, 30),
    }


#: name -> (template, context builder, verification printed?)
DOCUMENTS = {
    "training_certificate": ("assessment/pdf/training_certificate.html", _certificate, True),
    "competency_record": ("assessment/pdf/competency_record.html", _competency, True),
    "referral_letter": ("placement/pdf/referral_letter.html", _referral, True),
    "internship_agreement": ("placement/pdf/internship_agreement.html", _agreement, True),
    "training_plan": ("planning/pdf/plan.html", _plan, False),
    "premium_report": ("social_security/pdf/premium_report.html", _premium, False),
    "annual_outcomes_report": ("outcomes/pdf/annual_report.html", _outcomes, False),
}


@pytest.fixture(scope="session")
def pdftoppm() -> str:
    path = shutil.which("pdftoppm")
    if path is None:
        message = "needs pdftoppm: apt-get install poppler-utils"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def _scanned_signature() -> str:
    """A drawn scribble as a PNG data: URI, standing in for an uploaded scan."""
    from PIL import Image, ImageDraw

    image = Image.new("LA", (300, 120), (255, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(20, 90), (60, 20), (90, 95), (130, 30), (170, 80), (240, 40), (280, 60)],
        fill=(20, 255),
        width=5,
    )
    draw.line([(40, 100), (260, 85)], fill=(20, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _render(name: str) -> bytes:
    template, build, verified = DOCUMENTS[name]
    region = _region()
    signatory = signatory_of(region)
    if name == "referral_letter":  # the optional scanned signature, on one document
        signatory = dataclasses.replace(signatory, signature=_scanned_signature())
    with translation.override("id"):
        return render_document(
            template,
            build(),
            letterhead=letterhead_of(region),
            signatory=signatory,
            verification=Verification(code=CODE, url=URL) if verified else None,
            place_date=TODAY,
        )


def _pages(pdf: bytes, tool: str, workdir: Path) -> list[Path]:
    source = workdir / "document.pdf"
    source.write_bytes(pdf)
    # A fixed tool on a file this test wrote: no untrusted input reaches the command.
    subprocess.run(  # noqa: S603
        [tool, "-png", "-gray", "-r", str(DPI), str(source), str(workdir / "page")], check=True
    )
    return sorted(workdir.glob("page-*.png"))


def _changed_share(reference: Path, actual: Path) -> float:
    from PIL import Image, ImageChops

    with Image.open(reference) as ref, Image.open(actual) as act:
        ref_l, act_l = ref.convert("L"), act.convert("L")
        if ref_l.size != act_l.size:
            return 1.0
        diff = ImageChops.difference(ref_l, act_l).point(
            lambda v: 255 if v > PIXEL_TOLERANCE else 0
        )
        histogram = diff.histogram()
        return histogram[255] / (ref_l.size[0] * ref_l.size[1])


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_document_looks_like_its_reviewed_reference(name, pdftoppm, tmp_path):
    pages = _pages(_render(name), pdftoppm, tmp_path)
    assert pages, f"{name}: the PDF has no page"
    references = sorted(REFERENCE_DIR.glob(f"{name}-*.png"))
    references = [r for r in references if not r.name.endswith(".actual.png")]
    if UPDATE:
        for old in references:
            old.unlink()
        REFERENCE_DIR.mkdir(exist_ok=True)
        for number, page in enumerate(pages, start=1):
            shutil.copy(page, REFERENCE_DIR / f"{name}-{number}.png")
        return
    assert len(pages) == len(references), (
        f"{name}: {len(pages)} page(s) rendered, {len(references)} reference page(s) "
        "(see the module docstring to regenerate)"
    )
    failures = []
    for number, (page, reference) in enumerate(zip(pages, references, strict=True), start=1):
        share = _changed_share(reference, page)
        if share > MAX_CHANGED:
            shutil.copy(page, REFERENCE_DIR / f"{name}-{number}.actual.png")
            failures.append(f"page {number}: {share:.2%} of pixels differ")
    assert not failures, f"{name}: " + "; ".join(failures) + f" (limit {MAX_CHANGED:.2%})"


def test_the_comparison_notices_a_changed_page(pdftoppm, tmp_path):
    """The check itself can fail: a page with a block blacked out is not the reference."""
    from PIL import Image, ImageDraw

    [page, *_] = _pages(_render("referral_letter"), pdftoppm, tmp_path)
    altered = tmp_path / "altered.png"
    with Image.open(page) as image:
        copy = image.convert("L")
        width, height = copy.size
        ImageDraw.Draw(copy).rectangle((0, 0, width // 4, height // 4), fill=0)
        copy.save(altered)
    assert _changed_share(page, page) == 0
    assert _changed_share(page, altered) > MAX_CHANGED

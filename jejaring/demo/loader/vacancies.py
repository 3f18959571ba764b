"""A year of vacancies reported by the Kota Pekalongan companies (wajib lapor lowongan):
most published and since filled, expired or closed, some open now, a few waiting for the
office's check or returned, and a few sent through the public form by employers without an
account (two verified and linked to their company, one waiting, one rejected)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from jejaring.demo.loader.common import Ctx, at
from jejaring.vacancies import kbji
from jejaring.vacancies.models import EmployerReport, Vacancy

#: Sector of the company -> (title, KBJI code, minimum education, skills, lowest pay).
_BY_SECTOR: dict[str, list[tuple[str, str, str, str, int]]] = {
    "motor": [
        ("Mekanik Sepeda Motor", "7231", "smk", "Servis berkala, tune up, kelistrikan", 2_200_000)
    ],
    "dealer": [
        ("Mekanik Sepeda Motor", "7231", "smk", "Servis berkala dan injeksi", 2_400_000),
        (
            "Staf Administrasi Servis",
            "4110",
            "sma",
            "Microsoft Excel, pelayanan pelanggan",
            2_300_000,
        ),
    ],
    "hotel": [
        ("Pramusaji Restoran", "5131", "sma", "Table manner, bahasa Inggris dasar", 2_200_000),
        ("Resepsionis", "4224", "smk", "Front office, bahasa Inggris", 2_400_000),
        ("Juru Masak", "5120", "smk", "Masakan Indonesia, higiene dapur", 2_500_000),
        ("Room Attendant", "9112", "smp", "Tata graha kamar", 2_100_000),
    ],
    "garmen": [
        ("Operator Mesin Jahit", "8153", "smp", "Jahit high speed, obras", 2_100_000),
        ("Mekanik Mesin Jahit", "7233", "smk", "Servis mesin jahit industri", 2_700_000),
        ("Penjahit", "7533", "smp", "Menjahit pakaian jadi", 2_100_000),
    ],
    "pangkas": [("Kapster", "5141", "smp", "Potong rambut pria", 1_900_000)],
    "ritel": [
        ("Pramuniaga", "5223", "sma", "Pelayanan pelanggan, penataan barang", 2_300_000),
        ("Kasir", "5230", "sma", "Mesin kasir, ketelitian", 2_300_000),
    ],
}
#: The partner companies of Kota Pekalongan that report vacancies, by sector.
_SECTOR_OF = {
    "bengkel-sinar": "motor",
    "bengkel-rejeki": "motor",
    "bengkel-buaran": "motor",
    "mitra-motor": "dealer",
    "laksana-motor": "dealer",
    "hotel-kencana": "hotel",
    "hotel-graha": "hotel",
    "hotel-mutiara": "hotel",
    "hotel-sekar": "hotel",
    "hotel-jlamprang": "hotel",
    "batik-garmen": "garmen",
    "pesisir-busana": "garmen",
    "konveksi-setono": "garmen",
    "krapyak-garmen": "garmen",
    "jahit-medono": "garmen",
    "pangkas-gentleman": "pangkas",
    "transmart": "ritel",
}
_DISTRICTS = ["33.75.01", "33.75.02", "33.75.03", "33.75.04"]


def _vacancy(
    ctx: Ctx,
    *,
    region: Any,
    company: Any,
    template: tuple[str, str, str, str, int],
    reported: date,
    status: str,
    **extra: Any,
) -> Vacancy:
    title, code, education, skills, pay = template
    openings = ctx.rng.randint(1, 6)
    closes_on = reported + timedelta(days=ctx.rng.randint(21, 45))
    published = (
        at(reported + timedelta(days=2), 10) if status not in ("submitted", "draft") else None
    )
    filled = {
        "filled": openings,
        "expired": ctx.rng.randint(0, openings - 1),
        "closed": ctx.rng.randint(0, openings - 1),
        "published": ctx.rng.randint(0, max(openings - 1, 0)),
    }.get(status, 0)
    values: dict[str, Any] = {
        "region": region,
        "company": company,
        "source": Vacancy.Source.COMPANY,
        "title": title,
        "kbji_code": code,
        "occupation_group": kbji.major_group_of(code),
        "openings": openings,
        "filled": filled,
        "min_education": education,
        "skills": skills,
        "place_regency_code": "33.75",
        "place_district_code": ctx.pick(_DISTRICTS),
        "pay_min": pay,
        "pay_max": pay + 500_000,
        "closes_on": closes_on,
        "contact_name": ctx.person_name(ctx.pick(["M", "F"])),
        "contact_phone": ctx.phone(),
        "status": status,
        "created_at": at(reported, 8),
        "submitted_at": at(reported, 9) if status != "draft" else None,
        "published_at": published,
        "ended_at": at(closes_on + timedelta(days=1), 1)
        if status in ("filled", "expired", "closed")
        else None,
    }
    values.update(extra)
    return Vacancy(**values)


def load_vacancies(ctx: Ctx) -> None:
    today = ctx.today
    rows: list[Vacancy] = []
    pekalongan = [(key, company) for key, company in ctx.companies.items() if key in _SECTOR_OF]
    for key, company in pekalongan:
        templates = _BY_SECTOR[_SECTOR_OF[key]]
        # A year back: a vacancy every two to four months, all of it history...
        reported = today - timedelta(days=ctx.rng.randint(330, 365))
        while reported < today - timedelta(days=60):
            status = ctx.weighted([("filled", 0.5), ("expired", 0.35), ("closed", 0.15)])
            rows.append(
                _vacancy(
                    ctx,
                    region=company.region,
                    company=company,
                    template=ctx.pick(templates),
                    reported=reported,
                    status=status,
                )
            )
            reported += timedelta(days=ctx.rng.randint(60, 120))
        # ...and one open now, closing after the demo's today.
        open_day = today - timedelta(days=ctx.rng.randint(5, 20))
        rows.append(
            _vacancy(
                ctx,
                region=company.region,
                company=company,
                template=ctx.pick(templates),
                reported=open_day,
                status="published",
                closes_on=today + timedelta(days=ctx.rng.randint(30, 75)),
            )
        )
    # The last complete month has every flow of the monthly IPK report (issue 20): a
    # vacancy published in it, still open, and one that ended in it half filled.
    month_first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    key, company = pekalongan[0]
    rows.append(
        _vacancy(
            ctx,
            region=company.region,
            company=company,
            template=ctx.pick(_BY_SECTOR[_SECTOR_OF[key]]),
            reported=month_first + timedelta(days=1),
            status="published",
            closes_on=today + timedelta(days=30),
        )
    )
    ended = month_first + timedelta(days=12)
    rows.append(
        _vacancy(
            ctx,
            region=company.region,
            company=company,
            template=ctx.pick(_BY_SECTOR[_SECTOR_OF[key]]),
            reported=ended - timedelta(days=40),
            status="expired",
            closes_on=ended - timedelta(days=1),
            ended_at=at(ended, 1),
            openings=4,
            filled=2,
        )
    )
    waiting = [
        ("hotel-kencana", "submitted"),
        ("pesisir-busana", "submitted"),
        ("transmart", "returned"),
        ("bengkel-sinar", "draft"),
    ]
    for key, status in waiting:
        company = ctx.companies[key]
        rows.append(
            _vacancy(
                ctx,
                region=company.region,
                company=company,
                template=ctx.pick(_BY_SECTOR[_SECTOR_OF[key]]),
                reported=today - timedelta(days=3),
                status=status,
                closes_on=today + timedelta(days=40),
                status_note="Lengkapi kisaran gaji sesuai UMK Kota Pekalongan."
                if status == "returned"
                else "",
            )
        )
    rows.extend(_public_form(ctx))
    Vacancy.objects.bulk_create(rows)


def _public_form(ctx: Ctx) -> list[Vacancy]:
    """Reports of employers without an account, sent through the public form."""
    today = ctx.today
    specs = [
        ("rm-sari-laut", "verified", ("Juru Masak", "5120", "smp", "Masakan laut", 2_000_000), 200),
        (
            "koperasi-batik",
            "verified",
            ("Pembatik Tulis", "731", "", "Membatik tulis dan cap", 1_900_000),
            120,
        ),
        (None, "pending", ("Penjaga Toko", "5223", "sma", "Pelayanan pelanggan", 1_800_000), 4),
        (None, "rejected", ("Kerja Online Gaji Harian", "962", "", "", 9_000_000), 30),
    ]
    reports: list[tuple[EmployerReport, str, tuple[str, str, str, str, int], int]] = []
    for serial, (key, status, template, days_ago) in enumerate(specs, start=1):
        company = ctx.companies[key] if key else None
        name = (
            company.name
            if company
            else ("CV Batik Kauman Baru" if status == "pending" else "PT Sukses Cepat Online")
        )
        report = EmployerReport.objects.create(
            region=ctx.regions["33.75"],
            company_name=name,
            npwp=f"0{serial}{ctx.rng.randint(1_000_000, 9_999_999)}502000",
            nib=f"{ctx.rng.randint(10**12, 10**13 - 1)}",
            address=company.address if company else "Jl. Hayam Wuruk, Kota Pekalongan",
            contact_name=ctx.person_name(ctx.pick(["M", "F"])),
            contact_phone=ctx.phone(),
            status=status,
            company=company,
            decision_note="Nomor NIB tidak terdaftar di OSS dan telepon tidak aktif."
            if status == "rejected"
            else "",
            submitted_at=at(today - timedelta(days=days_ago), 20),
        )
        reports.append((report, status, template, days_ago))
    rows = []
    for report, status, template, days_ago in reports:
        vacancy_status = {
            "verified": "filled" if days_ago > 150 else "expired",
            "pending": "unverified",
            "rejected": "rejected",
        }[status]
        extra: dict[str, Any] = {
            "employer_report": report,
            "source": Vacancy.Source.PUBLIC_FORM,
        }
        if vacancy_status == "unverified":
            extra.update(published_at=None, closes_on=today + timedelta(days=30))
        if vacancy_status == "rejected":
            extra.update(published_at=None, status_note=report.decision_note)
        row = _vacancy(
            ctx,
            region=report.region,
            company=report.company,
            template=template,
            reported=report.submitted_at.date(),
            status=vacancy_status,
            **extra,
        )
        rows.append(row)
    return rows

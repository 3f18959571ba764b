"""Job seekers, trainees and alumni with valid NIKs from real Kemendagri district codes."""

from __future__ import annotations

from datetime import date, timedelta

from jejaring.demo.loader.common import Ctx, at
from jejaring.regions.areas import load_areas
from jejaring.trainees.models import Education, Person
from jejaring.trainees.nik import format_nik, parse_nik

# Share of women per vocation; barbering and motorcycle repair are mostly men here.
FEMALE_SHARE = {
    "otomotif-sepeda-motor": 0.08,
    "menjahit-garmen": 0.82,
    "perhotelan": 0.55,
    "pangkas-rambut": 0.15,
    "operator-komputer": 0.62,
    "tata-boga": 0.78,
    "mekanik-mesin-jahit": 0.1,
}

SMK_MAJORS = {
    "otomotif-sepeda-motor": ["Teknik dan Bisnis Sepeda Motor", "Teknik Kendaraan Ringan"],
    "menjahit-garmen": ["Tata Busana", "Desain dan Produksi Busana"],
    "perhotelan": ["Perhotelan", "Akomodasi Perhotelan"],
    "pangkas-rambut": ["Tata Kecantikan Rambut", "Teknik Pemesinan"],
    "operator-komputer": [
        "Otomatisasi dan Tata Kelola Perkantoran",
        "Akuntansi",
        "Teknik Komputer dan Jaringan",
    ],
    "tata-boga": ["Tata Boga", "Kuliner"],
}
OTHER_MAJORS = ["Teknik Pemesinan", "Bisnis Daring dan Pemasaran", "Multimedia", "Akuntansi"]
BIRTH_PLACES = {
    "33.75": [
        ("Pekalongan", 70),
        ("Kabupaten Pekalongan", 10),
        ("Batang", 7),
        ("Pemalang", 5),
        ("Tegal", 3),
        ("Jakarta", 3),
        ("Semarang", 2),
    ],
    "33.19": [("Kudus", 75), ("Jepara", 8), ("Pati", 8), ("Demak", 5), ("Semarang", 4)],
}
REGION_NAME = {"33.75": "Kota Pekalongan", "33.19": "Kabupaten Kudus"}


class PersonMaker:
    """Builds unsaved `Person` rows for one region; the NIK encodes a real district of the
    region, the birth date (+40 on the day for women) and a serial unique per prefix."""

    def __init__(self, ctx: Ctx, region_code: str, used_niks: set[str]) -> None:
        self.ctx = ctx
        self.region_code = region_code
        self.region = ctx.regions[region_code]
        areas = load_areas()
        self.areas = areas
        self.districts = areas.districts_of(region_code)
        if not self.districts:
            raise RuntimeError(f"no districts for {region_code} in the area data")
        self.villages = {code: areas.villages_of(code) for code, _ in self.districts}
        self.used = used_niks

    def make(self, *, sex: str, age_on: date, vocation_code: str, registered_on: date) -> Person:
        ctx = self.ctx
        rng = ctx.rng
        age = ctx.weighted(
            [
                (17, 8),
                (18, 16),
                (19, 14),
                (20, 11),
                (21, 9),
                (22, 8),
                (23, 7),
                (24, 6),
                (25, 5),
                (26, 4),
                (27, 3),
                (28, 3),
                (29, 2),
                (30, 2),
                (32, 1.5),
                (35, 1),
            ]
        )
        # A birthday somewhere in the year before they turn `age + 1` on `age_on`.
        latest = date(age_on.year - age, age_on.month, min(age_on.day, 28))
        birth_date = latest - timedelta(days=rng.randrange(0, 360))
        district_code, district_name = ctx.pick(self.districts)
        village_code, village_name = ctx.pick(self.villages[district_code])
        nik = self._nik(district_code, birth_date, sex)
        parsed = parse_nik(nik, areas=self.areas, today=ctx.today)
        if (parsed.birth_date, parsed.sex, parsed.needs_review) != (birth_date, sex, False):
            raise AssertionError(f"generated NIK {parsed.masked} does not round-trip")
        education, major = self._education(vocation_code, age)
        street = ctx.fake.street_name().replace("Jalan ", "Jl. ")
        registered_at = at(registered_on, rng.randint(8, 15), rng.randrange(60))
        name = ctx.person_name(sex)
        return Person(
            region=self.region,
            nik=nik,
            full_name=name,
            sex=sex,
            birth_date=birth_date,
            birth_place=ctx.weighted(BIRTH_PLACES[self.region_code]),
            education=education,
            education_major=major,
            address=(
                f"{street} No. {rng.randint(1, 120)}, RT {rng.randint(1, 9):03d}/RW "
                f"{rng.randint(1, 12):03d}, {village_name}, {district_name}, "
                f"{REGION_NAME[self.region_code]}"
            ),
            domicile_village_code=village_code,
            domicile_district_code=district_code,
            domicile_regency_code=self.region_code,
            phone=ctx.phone(),
            email=self._email(name) if ctx.chance(0.35) else "",
            disability=ctx.pick(["Tunadaksa ringan", "Tunarungu"]) if ctx.chance(0.01) else "",
            consent_at=registered_at,
            verified_at=registered_at,
            consent_version="2022.1" if registered_on.year >= 2023 else "2019.1",
            created_at=registered_at,
            updated_at=registered_at,
        )

    def _nik(self, district_code: str, birth_date: date, sex: str) -> str:
        serial = self.ctx.rng.randint(1, 40)
        nik = format_nik(district_code=district_code, birth_date=birth_date, sex=sex, serial=serial)
        while nik in self.used:
            serial += 1
            nik = format_nik(
                district_code=district_code, birth_date=birth_date, sex=sex, serial=serial
            )
        self.used.add(nik)
        return nik

    def _education(self, vocation_code: str, age: int) -> tuple[str, str]:
        ctx = self.ctx
        level = ctx.weighted(
            [
                (Education.SMK, 44),
                (Education.SMA, 36),
                (Education.SMP, 11),
                (Education.D3, 4),
                (Education.S1, 4),
                (Education.SD, 1),
            ]
        )
        if age < 20 and level in (Education.D3, Education.S1):
            level = Education.SMK
        if level == Education.SMK:
            majors = SMK_MAJORS.get(vocation_code, OTHER_MAJORS)
            return level, ctx.pick(majors if ctx.chance(0.6) else OTHER_MAJORS)
        if level == Education.SMA:
            return level, ctx.pick(["IPA", "IPS", "IPS", "Bahasa"])
        if level in (Education.D3, Education.S1):
            return level, ctx.pick(
                ["Manajemen", "Akuntansi", "Teknik Informatika", "Pendidikan Ekonomi", "Perhotelan"]
            )
        return level, ""

    def _email(self, name: str) -> str:
        local = ".".join(part.lower().strip(".") for part in name.split()[:2])
        return f"{local}{self.ctx.rng.randint(1, 999)}@example.com"


def save_persons(persons: list[Person]) -> None:
    Person.objects.bulk_create(persons, batch_size=500)

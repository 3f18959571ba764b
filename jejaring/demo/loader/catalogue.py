"""The demo's fixed tables: holidays, vocations with their units and schemes, institutions
and companies. Data only; the loaders turn them into rows.

Names of LSPs, LPKS, schemes, unit codes and companies are invented for the demo (none is
official), except PT Trans Ritel Indonesia (Transmart Pekalongan), which the news names.
KBLI codes follow KBLI 2020. Tables are kept as `|`-separated text so that each row stays
on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def _rows(text: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.split("|")]
        for line in text.strip().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


# 2026 national holidays (joint decree of the ministers); used for working-day counts.
HOLIDAYS_2026 = [
    (date.fromisoformat(day), name)
    for day, name in _rows("""
        2026-01-01 | Tahun Baru 2026 Masehi
        2026-01-16 | Isra Mikraj Nabi Muhammad SAW
        2026-02-17 | Tahun Baru Imlek 2577 Kongzili
        2026-03-19 | Hari Suci Nyepi Tahun Baru Saka 1948
        2026-03-20 | Hari Raya Idul Fitri 1447 H
        2026-03-21 | Hari Raya Idul Fitri 1447 H
        2026-04-03 | Wafat Yesus Kristus
        2026-05-01 | Hari Buruh Internasional
        2026-05-14 | Kenaikan Yesus Kristus
        2026-05-27 | Hari Raya Idul Adha 1447 H
        2026-05-31 | Hari Raya Waisak 2570 BE
        2026-06-01 | Hari Lahir Pancasila
        2026-06-16 | Tahun Baru Islam 1448 H
        2026-08-17 | Hari Kemerdekaan Republik Indonesia
        2026-08-25 | Maulid Nabi Muhammad SAW
        2026-12-25 | Hari Raya Natal
    """)
]


@dataclass(frozen=True)
class VocationSpec:
    code: str
    short: str
    name: str
    name_en: str
    unit_prefix: str
    program_name: str
    scheme_name: str
    kkni_level: int | None
    units: tuple[tuple[str, str], ...]

    @property
    def scheme_code(self) -> str:
        return f"SKM-{self.short}-{'II' if self.kkni_level else 'OKP'}-2019"


def _vocation(head: str, units: str) -> VocationSpec:
    code, short, name, name_en, prefix, program, scheme, level = _rows(head)[0]
    return VocationSpec(
        code,
        short,
        name,
        name_en,
        prefix,
        program,
        scheme,
        int(level) if level else None,
        tuple((title, title_en) for title, title_en in _rows(units)),
    )


VOCATIONS = [
    _vocation(
        "otomotif-sepeda-motor | OTO | Otomotif Sepeda Motor | Motorcycle repair | G.454050"
        " | Mekanik Sepeda Motor | Okupasi Mekanik Sepeda Motor |",
        """
        Menerapkan keselamatan dan kesehatan kerja di bengkel | Apply workshop OHS
        Melakukan servis berkala sepeda motor | Carry out periodic motorcycle service
        Memelihara dan memperbaiki engine sepeda motor | Maintain and repair engines
        Memperbaiki sistem rem | Repair brake systems
        Memperbaiki sistem kelistrikan sepeda motor | Repair motorcycle electrics
        Memelihara sistem injeksi bahan bakar (EFI) | Maintain fuel injection (EFI)
        """,
    ),
    _vocation(
        "menjahit-garmen | JHT | Menjahit Garmen | Garment sewing | C.141110"
        " | Menjahit Pakaian dengan Mesin Jahit High Speed"
        " | Kualifikasi Jenjang II Menjahit Pakaian | 2",
        """
        Menerapkan K3 di lingkungan kerja garmen | Apply OHS in garment work
        Mengoperasikan mesin jahit high speed | Operate high-speed sewing machines
        Menjahit komponen pakaian | Sew garment components
        Merakit pakaian jadi | Assemble garments
        Mengoperasikan mesin obras dan overdeck | Operate overlock and coverstitch machines
        Memeriksa mutu hasil jahitan | Inspect sewing quality
        """,
    ),
    _vocation(
        "perhotelan | HTL | Perhotelan | Hotel and hospitality | I.551100"
        " | Room Attendant (Tata Graha Hotel) | Okupasi Room Attendant |",
        """
        Bekerja dalam lingkungan sosial yang berbeda | Work in a socially diverse setting
        Menerapkan prosedur kesehatan, keselamatan dan keamanan | Follow health and safety
        Menyiapkan kamar untuk tamu | Prepare rooms for guests
        Membersihkan area umum hotel | Clean public areas
        Menyediakan layanan binatu tamu | Provide guest laundry service
        Menangani permintaan dan keluhan tamu | Handle guest requests and complaints
        """,
    ),
    _vocation(
        "pangkas-rambut | PKR | Pangkas Rambut | Barbering | S.961110"
        " | Pangkas Rambut Pria (Barber) | Okupasi Pemangkas Rambut Pria (Barber) |",
        """
        Menerapkan sanitasi dan higiene salon | Apply salon hygiene
        Melakukan konsultasi dengan pelanggan | Consult with clients
        Memangkas rambut pria dengan teknik dasar | Cut men's hair, basic techniques
        Mencukur kumis dan jenggot | Shave moustache and beard
        Menata rambut pria | Style men's hair
        """,
    ),
    _vocation(
        "operator-komputer | KOM | Operator Komputer | Computer operation | N.821900"
        " | Operator Komputer Perkantoran | Kualifikasi Jenjang II Operator Komputer | 2",
        """
        Mengoperasikan sistem operasi komputer | Operate a computer operating system
        Mengoperasikan aplikasi pengolah kata | Operate a word processor
        Mengoperasikan aplikasi lembar kerja | Operate a spreadsheet
        Mengoperasikan aplikasi presentasi | Operate presentation software
        Menggunakan internet dan surel untuk pekerjaan kantor | Use internet and e-mail at work
        """,
    ),
    _vocation(
        "mekanik-mesin-jahit | MMJ | Mekanik Mesin Jahit Garmen | Garment machine mechanic"
        " | C.331290 | Mekanik Mesin Jahit Garmen | Okupasi Mekanik Mesin Jahit Industri |",
        """
        Menerapkan K3 perawatan mesin industri | Apply OHS in machine maintenance
        Merawat mesin jahit high speed | Maintain high-speed sewing machines
        Menyetel mesin obras dan overdeck | Adjust overlock and coverstitch machines
        Mendiagnosis kerusakan mesin jahit industri | Diagnose sewing machine faults
        Mengganti suku cadang mesin jahit | Replace sewing machine parts
        """,
    ),
    _vocation(
        "tata-boga | TBG | Tata Boga | Culinary arts | I.561010"
        " | Juru Masak Dasar (Tata Boga) | Okupasi Juru Masak Muda (Commis) |",
        """
        Menerapkan higiene dan sanitasi pangan | Apply food hygiene and sanitation
        Menyiapkan bahan makanan | Prepare ingredients
        Mengolah makanan kontinental dasar | Cook basic continental dishes
        Mengolah masakan Indonesia | Cook Indonesian dishes
        Membuat kue dan roti dasar | Make basic cakes and bread
        """,
    ),
]
VOCATION_BY_CODE = {spec.code: spec for spec in VOCATIONS}

# phrase | vocation
SYNONYMS = _rows("""
    bengkel motor | otomotif-sepeda-motor
    mekanik motor | otomotif-sepeda-motor
    servis sepeda motor | otomotif-sepeda-motor
    penjahit | menjahit-garmen
    operator jahit | menjahit-garmen
    konveksi | menjahit-garmen
    room attendant | perhotelan
    housekeeping | perhotelan
    barber | pangkas-rambut
    tukang cukur | pangkas-rambut
    admin kantor | operator-komputer
    operator komputer | operator-komputer
    mekanik garmen | mekanik-mesin-jahit
    mekanik mesin jahit | mekanik-mesin-jahit
    servis mesin jahit | mekanik-mesin-jahit
    juru masak | tata-boga
    cook helper | tata-boga
""")


@dataclass(frozen=True)
class InstitutionSpec:
    key: str
    region: str
    kind: str
    name: str
    short_name: str
    registration: str
    prefix: str
    address: str
    vocations: tuple[str, ...]


# key | region | kind | name | short name | registration | certificate prefix | address | programs
INSTITUTIONS = [
    InstitutionSpec(key, region, kind, name, short, reg, prefix, address, tuple(v.split()))
    for key, region, kind, name, short, reg, prefix, address, v in _rows("""
        blk-pkl | 33.75 | blk | UPTD Balai Latihan Kerja Kota Pekalongan | UPTD BLK Kota Pekalongan | | BLK-PKL | Jl. Urip Sumoharjo, Medono, Pekalongan Barat, Kota Pekalongan | otomotif-sepeda-motor menjahit-garmen perhotelan pangkas-rambut operator-komputer tata-boga
        lpks-busana | 33.75 | lpks | LPK Busana Batik Nusantara | LPK Busana Batik | 3375/LPK/2017/021 | LPK-BBN | Jl. Kurinci, Setono, Pekalongan Timur, Kota Pekalongan | menjahit-garmen tata-boga
        lpks-cipta | 33.75 | lpks | LPK Cipta Karya Mandiri | LPK Cipta Karya | 3375/LPK/2018/034 | LPK-CKM | Jl. Dr. Sutomo, Kauman, Pekalongan Timur, Kota Pekalongan | operator-komputer perhotelan
        blk-kds | 33.19 | blk | UPTD Balai Latihan Kerja Kabupaten Kudus | UPTD BLK Kudus | | BLK-KDS | Jl. Conge Ngembalrejo, Bae, Kabupaten Kudus | menjahit-garmen otomotif-sepeda-motor operator-komputer
        lpks-kds | 33.19 | lpks | LPK Menara Terampil Kudus | LPK Menara Terampil | 3319/LPK/2019/008 | LPK-MTK | Jl. Sunan Muria, Kota Kudus, Kabupaten Kudus | tata-boga operator-komputer
    """)  # noqa: E501
]
INSTITUTION_BY_KEY = {spec.key: spec for spec in INSTITUTIONS}


@dataclass(frozen=True)
class CompanySpec:
    key: str
    region: str
    name: str
    legal_name: str
    sector: str
    kbli: str
    workforce: int
    vocations: tuple[str, ...]
    is_partner: bool


_SECTORS = {
    "motor": "Reparasi dan perawatan sepeda motor",
    "dealer": "Perdagangan dan servis sepeda motor",
    "hotel": "Hotel dan akomodasi",
    "garmen": "Industri pakaian jadi (konveksi)",
    "pangkas": "Jasa pangkas rambut",
    "ritel": "Perdagangan eceran (pasar swalayan)",
    "makan": "Rumah makan",
    "komputer": "Perdagangan eceran komputer",
    "batik": "Industri batik",
    "data": "Jasa pengolahan data",
}
_SHORT = {
    "OTO": "otomotif-sepeda-motor",
    "JHT": "menjahit-garmen",
    "HTL": "perhotelan",
    "PKR": "pangkas-rambut",
    "KOM": "operator-komputer",
    "TBG": "tata-boga",
}

# key | region | name | legal name (= name when empty) | sector | KBLI | workforce | hires | partner
COMPANIES = [
    CompanySpec(
        key,
        region,
        name,
        legal or name,
        _SECTORS[sector],
        kbli,
        int(size),
        tuple(_SHORT[v] for v in hires.split()),
        partner == "mitra",
    )
    for key, region, name, legal, sector, kbli, size, hires, partner in _rows("""
        bengkel-sinar | 33.75 | Bengkel Motor Sinar Jaya | UD Sinar Jaya Motor | motor | G 45405 | 14 | OTO | mitra
        mitra-motor | 33.75 | CV Mitra Motor Kraton | | dealer | G 45403 | 48 | OTO KOM | mitra
        laksana-motor | 33.75 | PT Laksana Motor Pantura | | dealer | G 45403 | 65 | OTO KOM | mitra
        bengkel-rejeki | 33.75 | Bengkel Sumber Rejeki Motor | UD Sumber Rejeki | motor | G 45405 | 9 | OTO | mitra
        bengkel-buaran | 33.75 | Bengkel Putra Buaran Motor | UD Putra Buaran | motor | G 45405 | 11 | OTO | mitra
        hotel-kencana | 33.75 | Hotel Kencana Pesisir | PT Kencana Pesisir Hotelindo | hotel | I 55110 | 85 | HTL TBG | mitra
        hotel-graha | 33.75 | Hotel Graha Kauman | CV Graha Kauman | hotel | I 55120 | 40 | HTL TBG | mitra
        hotel-mutiara | 33.75 | Hotel Mutiara Pantura | PT Mutiara Pantura Wisata | hotel | I 55110 | 70 | HTL TBG KOM | mitra
        hotel-sekar | 33.75 | Hotel Sekar Jagad Residence | PT Sekar Jagad Properti | hotel | I 55110 | 55 | HTL TBG | mitra
        hotel-jlamprang | 33.75 | Hotel Jlamprang Inn | CV Jlamprang Sejahtera | hotel | I 55120 | 28 | HTL | mitra
        batik-garmen | 33.75 | CV Batik Garmen Sejahtera | | garmen | C 14111 | 140 | JHT | mitra
        pesisir-busana | 33.75 | PT Pesisir Busana Indonesia | | garmen | C 14111 | 420 | JHT KOM | mitra
        konveksi-setono | 33.75 | CV Konveksi Setono Jaya | | garmen | C 14111 | 75 | JHT | mitra
        krapyak-garmen | 33.75 | PT Krapyak Garmen Mandiri | | garmen | C 14111 | 230 | JHT | mitra
        jahit-medono | 33.75 | UD Jahit Rapi Medono | | garmen | C 14111 | 24 | JHT | mitra
        pangkas-gentleman | 33.75 | Pangkas Rambut Gentleman | | pangkas | S 96111 | 10 | PKR | mitra
        transmart | 33.75 | PT Trans Ritel Indonesia (Transmart Pekalongan) | PT Trans Ritel Indonesia | ritel | G 47111 | 180 | | mitra
        rm-sari-laut | 33.75 | Rumah Makan Sari Laut Pesisir | | makan | I 56101 | 22 | TBG | -
        data-media | 33.75 | Toko Komputer Data Media | CV Data Media Pekalongan | komputer | G 47411 | 12 | KOM | -
        koperasi-batik | 33.75 | Koperasi Batik Pesisir Kota Pekalongan | | batik | C 13134 | 60 | JHT | -
        konveksi-menara | 33.19 | CV Konveksi Menara Kudus | | garmen | C 14111 | 160 | JHT | mitra
        bengkel-jati | 33.19 | Bengkel Motor Jati Jaya | UD Jati Jaya | motor | G 45405 | 12 | OTO | mitra
        hotel-kenari | 33.19 | Hotel Kenari Kudus | PT Kenari Wisata Kudus | hotel | I 55110 | 48 | TBG | mitra
        data-kudus | 33.19 | CV Data Kudus Solusi | | data | J 63111 | 18 | KOM | mitra
    """)  # noqa: E501
]

# Companies with an approved internship program: key | title | months | theory %
INTERNSHIP_PROGRAMS = [
    (key, title, int(months), int(theory))
    for key, title, months, theory in _rows("""
        batik-garmen | Pemagangan Operator Jahit Garmen | 6 | 15
        pesisir-busana | Pemagangan Operator Jahit Industri | 6 | 15
        krapyak-garmen | Pemagangan Operator Jahit dan Finishing | 6 | 20
        hotel-kencana | Pemagangan Room Attendant | 6 | 20
        hotel-sekar | Pemagangan Tata Graha dan Dapur Hotel | 6 | 20
        laksana-motor | Pemagangan Mekanik Sepeda Motor | 6 | 15
        konveksi-menara | Pemagangan Operator Jahit Garmen | 6 | 15
    """)
]

# name | kind (NetworkPartner.Kind)
NETWORK = _rows("""
    Asosiasi Pengusaha Garmen Pekalongan | association
    Asosiasi Hotel dan Restoran Kota Pekalongan | association
    Forum Jejaring Kerja Kota Pekalongan | job_network
    BKK SMK Bina Karya Pekalongan | education
""")

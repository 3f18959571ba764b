"""Issue 21 in a real browser: a graduate who was not absorbed records a business idea on
a phone, joins a TKM group, the office selects the group's proposal and records the grant,
the group hands in its report, the 12-month follow-up is answered through the no-login
link, and the dashboard's survival figure counts it."""

import re
from datetime import date, timedelta

import pytest

from jejaring.enterprise import services
from jejaring.enterprise.models import Business, GrantProposal
from jejaring.enterprise.tests.factories import GroupFactory
from jejaring.outcomes.tests.factories import graduate
from jejaring.regions.calendar import today_in
from jejaring.trainees.tests.factories import PersonFactory
from tests.test_browser_roles import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 200


def test_from_business_idea_to_grant_report_to_survival_on_the_dashboard(
    browser, live_server, cast, tmp_path
):
    today = today_in(cast.region_a)
    person = cast.person_1
    person.birth_date = today.replace(year=today.year - 30)
    person.save()
    graduate(region=cast.region_a, person=person, graduated_on=date(2024, 6, 28))
    group = GroupFactory(region=cast.region_a, name="Kelompok Jahit Kergon")
    for _ in range(9):  # the default rule: 10 to 15 members
        services.group_member_add(
            actor=cast.staff_a,
            group=group,
            person=PersonFactory(region=cast.region_a, birth_date=person.birth_date),
        )

    # The graduate records a business idea on a phone.
    phone = browser.new_context(viewport=PHONE, locale="id-ID")
    trainee = phone.new_page()
    sign_in(trainee, live_server, "peserta1")
    trainee.goto(f"{live_server.url}/wirausaha/saya/baru/")
    trainee.get_by_label("Nama usaha").fill("Jahit Permak Nadine")
    trainee.get_by_label("Bidang usaha").select_option("creative")
    trainee.get_by_label("Gagasan usaha").fill("Jahit dan permak pakaian di rumah")
    trainee.get_by_label("Pelatihan asal").select_option(index=1)
    trainee.get_by_role("button", name="Simpan").click()
    trainee.get_by_role("heading", name=re.compile("Jahit Permak Nadine")).wait_for()
    assert trainee.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    business = Business.objects.get(person=person)
    assert business.enrolment is not None

    # The office adds them to the group as its chair, proposes, selects and disburses.
    office = browser.new_context(viewport=DESKTOP, locale="id-ID")
    staff = office.new_page()
    sign_in(staff, live_server, "staf.a")
    staff.goto(f"{live_server.url}/wirausaha/kelompok/{group.pk}/")
    staff.get_by_label("Nomor data orang").fill(str(person.pk))
    staff.get_by_label("Ketua kelompok").check()
    staff.get_by_role("button", name="Tambah anggota").click()
    staff.get_by_role("cell", name=person.full_name).wait_for()
    staff.get_by_label("Rencana usaha").fill("Jasa jahit dan permak bersama")
    staff.get_by_label("Peralatan").fill("Mesin jahit dan obras; 12000000")
    staff.get_by_label("Bahan").fill("Kain, benang dan kancing; 8000000")
    staff.get_by_role("button", name="Simpan usulan").click()
    staff.wait_for_url(re.compile(r"/wirausaha/usulan/\d+/$"))
    for action in ("submit", "select"):
        staff.locator("select[name=action]").select_option(action)
        staff.get_by_role("button", name="Simpan", exact=True).click()
        staff.locator(".badge").filter(
            has_text="Diajukan" if action == "submit" else "Terpilih"
        ).wait_for()
    staff.get_by_label("Dana disalurkan (Rp)").fill("20000000")
    staff.get_by_label("Tanggal penyaluran").fill(today.isoformat())
    staff.get_by_role("button", name="Catat penyaluran dana").click()
    staff.locator(".badge").filter(has_text="Dana disalurkan").wait_for()
    proposal = GrantProposal.objects.get(group=group)

    # The group's chair uploads a receipt and hands in the report, on the phone.
    receipt = tmp_path / "nota.png"
    receipt.write_bytes(PNG)
    trainee.goto(f"{live_server.url}/wirausaha/usulan/{proposal.pk}/")
    trainee.get_by_label("Jenis berkas").select_option("receipt")
    trainee.get_by_label("Berkas (JPG, PNG atau PDF)").set_input_files(str(receipt))
    trainee.get_by_role("button", name="Unggah").click()
    trainee.get_by_role("link", name=re.compile(r"\.png$")).wait_for()
    trainee.get_by_label("Realisasi Mesin jahit dan obras").fill("11900000")
    trainee.get_by_label("Realisasi Kain, benang dan kancing").fill("8000000")
    trainee.get_by_role("button", name="Serahkan laporan penggunaan").click()
    trainee.locator(".badge").filter(has_text="Laporan diserahkan").wait_for()

    # The business started; the office sends the 12-month follow-up link.
    staff.goto(f"{live_server.url}/capaian/?year_from=2024&year_to=2024")
    assert (
        "0 / 0" in staff.locator("section[aria-labelledby=enterprise-heading] tbody").inner_text()
    )
    staff.goto(f"{live_server.url}/wirausaha/{business.pk}/")
    staff.get_by_label("Tahap baru").select_option("operating")
    staff.get_by_label("Tanggal").fill((today - timedelta(days=400)).isoformat())
    staff.get_by_role("button", name="Simpan tahap").click()
    staff.get_by_role("row", name=re.compile("^12 bulan")).get_by_role(
        "button", name="Buat tautan jawaban"
    ).click()
    message = staff.locator("#message").input_value()
    link = re.search(r"https?://\S+/usaha/jawab/\S+/", message)
    assert link is not None, message

    # The owner answers on the phone, without signing in.
    phone.close()
    anonymous = browser.new_context(viewport=PHONE, locale="id-ID")
    owner = anonymous.new_page()
    owner.goto(link.group(0))
    owner.get_by_label("Ya, masih berjalan").check()
    owner.get_by_label("Berapa pekerja yang Anda pekerjakan?").fill("1")
    owner.get_by_label("Omzet per bulan").select_option("1to5")
    owner.get_by_role("button", name="Kirim jawaban").click()
    owner.get_by_role("heading", name="Terima kasih").wait_for()
    anonymous.close()

    staff.goto(f"{live_server.url}/capaian/?year_from=2024&year_to=2024")
    figures = staff.locator("section[aria-labelledby=enterprise-heading] tbody").inner_text()
    assert "1 / 1 (100,0 %)" in figures
    office.close()

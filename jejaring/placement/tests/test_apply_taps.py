"""The apply page on a phone (issue 18): one card per formation with company, place, pay,
seats left and the applicant's eligibility, and ranking by tapping buttons, which are plain
form posts, so it works without JavaScript. A tap only reorders; nothing is sent until the
applicant sends the application."""

import pytest
from django.urls import reverse

from jejaring.accounts.tests.factories import UserFactory
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import apply_ranking, services
from jejaring.placement.models import Application
from jejaring.placement.tests.factories import graduate
from jejaring.training.tests.factories import VocationFactory


def test_a_tap_puts_a_formation_at_its_rank_and_trades_places():
    assert apply_ranking.place([None, None, None], 7, 2) == [7, None, None]
    assert apply_ranking.place([7, 8, None], 8, 1) == [8, 7, None]
    # A new formation takes the rank; the one it displaces moves to the first free rank.
    assert apply_ranking.place([7, 8, None], 9, 1) == [9, 8, 7]
    assert apply_ranking.place([7, 8], 9, 1) == [9, 8]
    assert apply_ranking.place([7, 8, 9], 8, 0) == [7, 9, None]


def test_malformed_taps_and_unknown_formations_are_ignored():
    assert apply_ranking.tapped("7:1", 2, [7]) == (7, 1)
    assert apply_ranking.tapped("7:3", 2, [7]) is None
    assert apply_ranking.tapped("8:1", 2, [7]) is None
    assert apply_ranking.tapped("x", 2, [7]) is None
    assert apply_ranking.choices_in({"choice_1": "8", "choice_2": "7"}, 2, [7]) == [None, 7]


@pytest.fixture
def open_round(cast):
    vocation = VocationFactory(code="jahit", name="Menjahit")
    shop = FormationFactory(
        company=cast.company_a,
        title="Operator Jahit",
        quota=2,
        location="Jl. Pattimura 12, Pekalongan",
        monthly_pay=2_500_000,
        accepts_all_vocations=False,
    )
    shop.vocations.add(vocation)
    hotel = FormationFactory(company=cast.company_b, title="Penjahit Hotel", quota=1)
    hotel.vocations.add(vocation)
    picky = FormationFactory(
        company=cast.company_b, title="Kepala Jahit", quota=1, min_score="95.00"
    )
    picky.vocations.add(vocation)
    person = graduate(region=cast.region_a, vocation=vocation, score="80")
    person.user = UserFactory()
    person.save()
    rnd = services.round_create(
        actor=cast.staff_a,
        region=cast.region_a,
        name="Tahap II",
        formation_ids=[shop.pk, hotel.pk, picky.pk],
    )
    return rnd, person, shop, hotel, picky


@pytest.mark.django_db
def test_each_formation_is_a_card_with_its_key_facts(client, open_round):
    rnd, person, shop, _hotel, picky = open_round
    client.force_login(person.user)
    html = client.get(reverse("placement:apply", kwargs={"round_id": rnd.pk})).content.decode()
    card = html.split(f'id="formasi-{shop.pk}"')[1].split("</li>")[0]
    for fact in ("Operator Jahit", "PT Garmen Sejahtera", "Jl. Pattimura 12", "Memenuhi syarat"):
        assert fact in card
    assert "2.500.000" in card and "Sisa 2 kursi" in card
    assert 'name="place"' in card
    ineligible = html.split(f'id="formasi-{picky.pk}"')[1].split("</li>")[0]
    assert "Tidak memenuhi syarat" in ineligible
    assert 'name="place"' not in ineligible  # nothing to rank


@pytest.mark.django_db
def test_taps_reorder_without_sending_and_the_application_is_sent_at_the_end(client, open_round):
    rnd, person, shop, hotel, _picky = open_round
    url = reverse("placement:apply", kwargs={"round_id": rnd.pk})
    client.force_login(person.user)
    page = client.post(url, {"choice_1": "", "choice_2": "", "place": f"{hotel.pk}:1"})
    assert page.status_code == 200
    assert not Application.objects.filter(person=person).exists()
    page = client.post(url, {"choice_1": hotel.pk, "choice_2": "", "place": f"{shop.pk}:1"})
    form = page.context["form"]
    assert form.initial == {"choice_1": shop.pk, "choice_2": hotel.pk}
    html = page.content.decode()
    assert f'value="{shop.pk}:1" aria-pressed="true"' in html
    assert f'value="{hotel.pk}:2" aria-pressed="true"' in html

    sent = client.post(url, {"choice_1": shop.pk, "choice_2": hotel.pk})
    assert sent.status_code == 302
    application = Application.objects.get(person=person)
    ranked = list(application.choices.order_by("rank").values_list("formation_id", flat=True))
    assert ranked == [shop.pk, hotel.pk]

import pytest
from django.urls import reverse

from jejaring.accounts.tests.factories import UserFactory
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import services
from jejaring.placement.models import AllocationRound, Referral
from jejaring.placement.tests.factories import ReferralFactory, graduate
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(cast):
    vocation = VocationFactory(code="jahit", name="Menjahit")
    formation = FormationFactory(company=cast.company_a, quota=1, accepts_all_vocations=False)
    formation.vocations.add(vocation)
    other = FormationFactory(company=cast.company_b, quota=1, accepts_all_vocations=False)
    other.vocations.add(vocation)
    people = []
    for score in ("90", "70"):
        person = graduate(region=cast.region_a, vocation=vocation, score=score)
        person.user = UserFactory()
        person.save()
        people.append(person)
    return formation, other, people


def test_a_whole_round_through_the_pages(client, cast, setup):
    formation, other, (strong, weak) = setup
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("placement:round_create"),
        {"name": "Tahap II 2026", "max_choices": 2, "formations": [formation.pk, other.pk]},
    )
    rnd = AllocationRound.objects.get()
    assert response.url == reverse("placement:round_detail", kwargs={"round_id": rnd.pk})

    for person in (strong, weak):
        client.force_login(person.user)
        page = client.get(reverse("placement:apply", kwargs={"round_id": rnd.pk}))
        assert "Memenuhi syarat" in page.content.decode()
        response = client.post(
            reverse("placement:apply", kwargs={"round_id": rnd.pk}),
            {"choice_1": formation.pk, "choice_2": other.pk},
        )
        assert response.status_code == 302

    client.force_login(cast.staff_a)
    for step in ("round_close", "round_allocate"):
        client.post(reverse(f"placement:{step}", kwargs={"round_id": rnd.pk}), {"confirm": "1"})
    review = client.get(reverse("placement:round_review", kwargs={"round_id": rnd.pk}))
    assert strong.full_name in review.content.decode()
    client.post(reverse("placement:round_publish", kwargs={"round_id": rnd.pk}), {"confirm": "1"})
    assert Referral.objects.filter(round=rnd).count() == 2

    client.force_login(weak.user)
    application = weak.applications.get()
    page = client.get(
        reverse("placement:application_detail", kwargs={"application_id": application.pk})
    ).content.decode()
    assert "pilihan ke-2" in page
    assert "nilai uji kompetensi terakhir yang diterima 90." in page  # stored as 90.00
    assert "90.00" not in page

    referral = Referral.objects.get(person=strong)
    client.force_login(cast.hr_b)
    assert (
        client.get(
            reverse("placement:referral_detail", kwargs={"referral_id": referral.pk})
        ).status_code
        == 404
    )
    client.force_login(cast.hr_a)
    assert strong.full_name in client.get(reverse("placement:referral_list")).content.decode()
    url = reverse("placement:referral_detail", kwargs={"referral_id": referral.pk})
    for status in ("accepted", "started", "hired"):
        client.post(url, {"status": status})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.HIRED

    client.force_login(cast.staff_a)
    detail = client.get(
        reverse("placement:round_detail", kwargs={"round_id": rnd.pk})
    ).content.decode()
    assert "Diangkat sebagai pekerja: 1" in detail
    assert "1 / 1" in detail


def test_an_ineligible_applicant_sees_the_reason_per_formation(client, cast, setup):
    formation, other, _people = setup
    formation.min_score = "92.50"
    formation.save()
    rnd = services.round_create(
        actor=cast.staff_a, region=cast.region_a, name="R", formation_ids=[formation.pk, other.pk]
    )
    person = _people[1]
    client.force_login(person.user)
    page = client.get(reverse("placement:apply", kwargs={"round_id": rnd.pk})).content.decode()
    assert "di bawah nilai minimal formasi (92,5)" in page  # the reader's decimal sign


def test_a_trainee_without_a_graduation_is_told_they_cannot_apply(client, cast, setup):
    formation, _other, _people = setup
    rnd = services.round_create(
        actor=cast.staff_a, region=cast.region_a, name="R", formation_ids=[formation.pk]
    )
    client.force_login(cast.trainee_1)
    page = client.get(reverse("placement:apply", kwargs={"round_id": rnd.pk})).content.decode()
    assert "belum lulus" in page


def test_the_referral_letter_is_a_pdf(client, cast):
    referral = ReferralFactory(formation__company=cast.company_a, letter_number="560/1/X/2026")
    client.force_login(cast.hr_a)
    response = client.get(reverse("placement:referral_letter", kwargs={"referral_id": referral.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_round_list_takes_a_constant_number_of_queries(
    client, cast, setup, django_assert_max_num_queries
):
    formation, _other, _people = setup
    for n in range(5):
        services.round_create(
            actor=cast.staff_a, region=cast.region_a, name=f"R{n}", formation_ids=[formation.pk]
        )
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("placement:round_list")).status_code == 200


def test_a_candidate_declines_and_the_seat_goes_back(client, cast):
    referral = ReferralFactory(formation__company=cast.company_a, person=cast.person_1)
    url = reverse("placement:referral_decline", kwargs={"referral_id": referral.pk})
    client.force_login(cast.trainee_2)
    assert client.post(url, {"reason": "x"}).status_code == 404
    client.force_login(cast.trainee_1)
    client.post(url, {"reason": "Melanjutkan kuliah"})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED
    assert referral.status_reason == "Melanjutkan kuliah"

"""The pure scoring of matching: who is suggested for a vacancy, in which order, and why."""

import json
from datetime import date, timedelta

from jejaring.vacancies import matching
from jejaring.vacancies.matching import Opening, Seeker, Training

TODAY = date(2026, 12, 1)
SMA, SMK_RANK, SMP = 3, 3, 2

OPENING = Opening(
    id=1,
    kbji_code="8153",
    min_rank=SMA,
    min_label="SMA/sederajat",
    regency_code="33.75",
    district_code="33.75.01",
    vocation_codes=frozenset({"menjahit-garmen"}),
)


def seeker(**overrides):
    values = {
        "person_id": 10,
        "education_rank": SMK_RANK,
        "education_label": "SMK",
        "occupation_code": "8153",
        "regency_code": "33.75",
        "district_code": "33.75.02",
        "card_active_on": TODAY - timedelta(days=30),
    }
    values.update(overrides)
    return Seeker(**values)


def codes(suggestion):
    return {reason.code: reason.points for reason in suggestion.reasons}


def test_a_job_seeker_wanting_the_same_occupation_is_suggested_with_every_reason():
    suggestion = matching.score(OPENING, seeker(), today=TODAY)
    assert codes(suggestion) == {"education": 20, "occupation": 30, "place": 10, "recency": 10}
    assert suggestion.points == 70
    texts = [reason.message % reason.params for reason in suggestion.reasons]
    assert "Pendidikan SMK memenuhi syarat minimal SMA/sederajat" in texts
    assert "Kartu AK/1 terbit atau dilaporkan 30 hari lalu" in texts


def test_someone_below_the_minimum_education_is_not_suggested():
    assert matching.score(OPENING, seeker(education_rank=SMP), today=TODAY) is None


def test_education_place_and_recency_alone_do_not_make_a_suggestion():
    assert matching.score(OPENING, seeker(occupation_code="5120"), today=TODAY) is None


def test_occupation_points_follow_the_kbji_digits_shared():
    points = [
        codes(matching.score(OPENING, seeker(occupation_code=code), today=TODAY))["occupation"]
        for code in ("8153", "8154", "8111", "8311")
    ]
    assert points == [30, 22, 14, 6]


def test_a_competent_graduate_of_a_fitting_vocation_outranks_a_card_holder_wanting_the_job():
    graduate = seeker(
        person_id=11,
        occupation_code="",
        card_active_on=None,
        district_code="33.75.01",
        trainings=(
            Training("menjahit-garmen", "Menjahit Garmen", TODAY - timedelta(days=100), True),
        ),
    )
    ranked = matching.rank(OPENING, [seeker(), graduate], today=TODAY)
    assert [s.person_id for s in ranked] == [11, 10]
    assert codes(ranked[0]) == {
        "education": 20,
        "vocation": 25,
        "competency": 20,
        "place": 15,
        "recency": 6,
    }


def test_a_not_competent_result_in_a_fitting_vocation_earns_no_competency_points():
    tested = seeker(
        occupation_code="",
        trainings=(Training("menjahit-garmen", "Menjahit Garmen", None, False),),
    )
    assert matching.score(OPENING, tested, today=TODAY) is None


def test_a_vacancy_without_a_minimum_gives_fewer_education_points_to_everyone():
    opening = Opening(id=2, kbji_code="8153", min_rank=None, min_label="", regency_code="33.75")
    assert codes(matching.score(opening, seeker(education_rank=0), today=TODAY))["education"] == 10


def test_recency_fades_and_disappears_after_a_year():
    def recency(days):
        found = matching.score(
            OPENING, seeker(card_active_on=TODAY - timedelta(days=days)), today=TODAY
        )
        return codes(found).get("recency")

    assert [recency(d) for d in (0, 90, 91, 180, 365, 366)] == [10, 10, 6, 6, 3, None]


def test_ties_go_to_the_more_recently_active_then_the_lower_id():
    older = seeker(person_id=5, card_active_on=TODAY - timedelta(days=60))
    newer = seeker(person_id=9, card_active_on=TODAY - timedelta(days=5))
    twin = seeker(person_id=7, card_active_on=TODAY - timedelta(days=5))
    assert [s.person_id for s in matching.rank(OPENING, [older, newer, twin], today=TODAY)] == [
        7,
        9,
        5,
    ]


def test_the_shipped_mapping_ties_vocations_to_the_vacancies_they_prepare_for():
    mapping = matching.load_vocation_kbji()
    assert "menjahit-garmen" in matching.fitting_vocations("8153", mapping)
    assert "mekanik-mesin-jahit" in matching.fitting_vocations("723", mapping)
    assert matching.fitting_vocations("5120", mapping) >= {"tata-boga"}
    assert "perhotelan" not in matching.fitting_vocations("7231", mapping)
    assert matching.fitting_vocations("7", mapping) == frozenset()
    assert matching.fitting_vocations("7", mapping, listed=["x"]) == frozenset({"x"})


def test_suggested_vacancies_for_one_person_are_ranked_by_points():
    near = OPENING
    far = Opening(id=3, kbji_code="8153", min_rank=None, min_label="", regency_code="33.26")
    other = Opening(id=4, kbji_code="5120", min_rank=None, min_label="", regency_code="33.75")
    assert [
        s.opening_id for s in matching.rank_openings(seeker(), [far, other, near], today=TODAY)
    ] == [1, 3]


def test_the_command_line_prints_the_ranking_with_reasons(tmp_path, capsys):
    path = tmp_path / "match.json"
    path.write_text(
        json.dumps(
            {
                "today": "2026-12-01",
                "opening": {
                    "id": 1,
                    "kbji_code": "8153",
                    "min_rank": 3,
                    "min_label": "SMA",
                    "regency_code": "33.75",
                    "vocation_codes": ["menjahit-garmen"],
                },
                "seekers": [
                    {
                        "person_id": 4,
                        "education_rank": 3,
                        "education_label": "SMK",
                        "trainings": [
                            {
                                "vocation_code": "menjahit-garmen",
                                "vocation_name": "Menjahit Garmen",
                                "graduated_on": "2026-11-01",
                            }
                        ],
                    }
                ],
            }
        )
    )
    assert matching.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4\t") and "Lulus pelatihan kejuruan Menjahit Garmen" in out

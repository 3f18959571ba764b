"""The text similarity behind the vocation suggestions, without a database."""

from hypothesis import given
from hypothesis import strategies as st

from jejaring.planning.matching import Phrase, normalise, rank, similarity

PHRASES = [
    Phrase("mekanik mesin jahit", 1),
    Phrase("operator jahit", 2),
    Phrase("mekanik sepeda motor", 3),
    Phrase("room attendant", 4),
]


def test_stop_words_and_punctuation_are_dropped_and_variants_folded():
    assert normalise("Dibutuhkan: Montir/teknisi mesin-jahit, yang siap kerja!") == [
        "mekanik",
        "mekanik",
        "mesin",
        "jahit",
    ]


def test_a_long_sentence_around_a_phrase_still_matches_it_fully():
    words = normalise("Mekanik mesin jahit: servis dan setel mesin jahit high speed, obras")
    assert similarity(words, normalise("mekanik mesin jahit")) == 1.0


def test_the_mechanic_beats_the_sewing_operator_for_a_machine_mechanic():
    assert [s.vocation_id for s in rank("teknisi mesin jahit", PHRASES)][:2] == [1, 2]


def test_a_learned_phrase_s_weight_breaks_a_tie():
    tied = [Phrase("tukang jahit", 1, weight=1), Phrase("tukang jahit", 2, weight=4)]
    assert rank("tukang jahit", tied)[0].vocation_id == 2


def test_nothing_in_common_suggests_nothing():
    assert rank("akuntan pajak", PHRASES) == []


@given(st.text(max_size=80))
def test_any_text_ranks_without_error_best_first(text):
    suggestions = rank(text, PHRASES)
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1.5 for score in scores)

"""Text similarity between a need in industry's own words and vocation phrases.

No Django here: the scorer takes plain phrases, so it can be tested and tuned alone.
A need is normalised (lower case, punctuation and Indonesian stop words removed, a few
spelling variants folded), then compared with each phrase by a blend of whole-word
overlap and character-trigram Jaccard similarity — trigrams forgive typos and affixes
("menjahit" ~ "jahit"), words reward exact terms. A vocation's score is its best phrase's
score times the phrase's weight bonus, so a phrase confirmed by staff many times wins
ties over a curated one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

STOP_WORDS = frozenset(
    [
        "dan",
        "atau",
        "yang",
        "untuk",
        "dengan",
        "di",
        "ke",
        "dari",
        "pada",
        "dalam",
        "bisa",
        "dapat",
        "mampu",
        "harus",
        "serta",
        "bagi",
        "oleh",
        "akan",
        "sudah",
        "belum",
        "juga",
        "ini",
        "itu",
        "para",
        "sebagai",
        "orang",
        "tenaga",
        "kerja",
        "butuh",
        "dibutuhkan",
        "kebutuhan",
        "membutuhkan",
        "perlu",
        "diperlukan",
        "calon",
        "siap",
        "minimal",
        "min",
    ]
)

# Spelling variants seen in needs, folded to one form before comparing.
VARIANTS = {
    "servis": "servis",
    "service": "servis",
    "sevis": "servis",
    "mesinjahit": "mesin jahit",
    "montir": "mekanik",
    "mekanic": "mekanik",
    "mechanic": "mekanik",
    "teknisi": "mekanik",
    "garment": "garmen",
    "matik": "matic",
    "obras": "obras",
    "overlock": "obras",
}

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> list[str]:
    """Lower-cased significant words of `text`, variants folded, stop words dropped."""
    words: list[str] = []
    for raw in _NON_WORD.split(text.lower()):
        if not raw:
            continue
        for word in VARIANTS.get(raw, raw).split():
            if word not in STOP_WORDS and len(word) > 1:
                words.append(word)
    return words


def trigrams(words: Iterable[str]) -> frozenset[str]:
    grams: set[str] = set()
    for word in words:
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(need_words: list[str], phrase_words: list[str]) -> float:
    """0..1: how much of the phrase the need contains, by words and by trigrams.

    Containment of the phrase (not plain Jaccard) is used for words, because a need is
    usually a long sentence around a short phrase ("mekanik mesin jahit: servis ...").
    """
    if not need_words or not phrase_words:
        return 0.0
    need_set, phrase_set = set(need_words), set(phrase_words)
    word_score = len(need_set & phrase_set) / len(phrase_set)
    need_grams, phrase_grams = trigrams(need_words), trigrams(phrase_words)
    gram_score = len(need_grams & phrase_grams) / len(phrase_grams)
    return 0.6 * word_score + 0.4 * gram_score


@dataclass(frozen=True)
class Phrase:
    phrase: str
    vocation_id: int
    weight: int = 1


@dataclass(frozen=True)
class Suggestion:
    vocation_id: int
    score: float
    phrase: str


def rank(text: str, phrases: Iterable[Phrase], *, limit: int = 5) -> list[Suggestion]:
    """Vocations for `text`, best first; only scores above a floor are returned, so an
    unrelated need gets no suggestion rather than a random one."""
    need_words = normalise(text)
    best: dict[int, Suggestion] = {}
    for candidate in phrases:
        base = similarity(need_words, normalise(candidate.phrase))
        if base < 0.35:
            continue
        # Each staff confirmation adds a little, capped, so learned phrases break ties
        # and near-ties without drowning a clearly better textual match.
        score = base * (1 + min(candidate.weight - 1, 10) * 0.05)
        current = best.get(candidate.vocation_id)
        if current is None or score > current.score:
            best[candidate.vocation_id] = Suggestion(
                candidate.vocation_id, round(score, 4), candidate.phrase
            )
    return sorted(best.values(), key=lambda s: (-s.score, s.vocation_id))[:limit]

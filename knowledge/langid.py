"""Tell German, Romanian and English apart in short, misspelt, mixed messages."""

from __future__ import annotations

from collections.abc import Iterable

from knowledge.matcher import Hit
from knowledge.vocabulary import LANGUAGES

DIACRITIC_WEIGHT = 1.5
"""Evidence one language-specific letter (ș, ț, ă, â, î / ä, ö, ü, ß) adds."""
KIND_WEIGHTS = {
    "lang": 1.0,
    "topic": 1.2,
    "who": 1.2,
    "crisis": 1.5,
    "threat": 1.5,
    "calm": 1.5,
    "trivial": 0.5,
    "urgent": 1.0,
    "danger": 1.0,
    "past": 1.0,
    "joke": 0.3,
    "combo": 1.0,
}
HINT_WEIGHT = 0.5
"""A hint (Telegram's language_code, the session's language) breaks ties, never outvotes text."""
_LETTERS = {"ro": frozenset("șşțţăâîȘŞȚŢĂÂÎ"), "de": frozenset("äöüßÄÖÜẞ")}


def scores(raw: str, hits: Iterable[Hit]) -> dict[str, float]:
    """Return evidence per language from lexicon hits and language-specific letters."""
    total = dict.fromkeys(LANGUAGES, 0.0)
    for hit in hits:
        kind, _, lang = hit.label
        if lang in total:
            total[lang] += KIND_WEIGHTS.get(kind, 0.0) * (hit.end - hit.start)
    for lang, letters in _LETTERS.items():
        total[lang] += DIACRITIC_WEIGHT * min(3, sum(ch in letters for ch in raw))
    return total


def detect(raw: str, hits: Iterable[Hit], hint: str | None = None, default: str = "de") -> str:
    """Return the most likely language of a message, falling back to the hint, then `default`."""
    evidence = scores(raw, hits)
    if hint in evidence:
        evidence[hint] += HINT_WEIGHT
    best = max(evidence.values())
    if best <= 0:
        return hint if hint in LANGUAGES else default
    order = [hint, default, *LANGUAGES]
    return next(lang for lang in order if lang in evidence and evidence[lang] == best)

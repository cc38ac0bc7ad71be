"""Tell the language of short, misspelt, mixed messages.

German, Romanian and English by lexicon evidence and their letters; Arabic by its script;
Bulgarian, Ukrainian and Russian, and Turkish and Polish where the lexicon finds little, by
py3langid restricted to the candidates (one model, loaded on first need: 0.5 s, ~100 MB).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from knowledge.matcher import Hit
from knowledge.vocabulary import LEXICON_LANGUAGES, UNDERSTOOD_LANGUAGES

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
    "ongoing": 1.5,
    "later": 1.0,
    "past": 1.0,
    "joke": 0.3,
    "combo": 1.0,
    "intent": 1.0,
}
HINT_WEIGHT = 0.5
"""A hint (Telegram's language_code, the session's language) breaks ties, never outvotes text."""
_LETTERS = {"ro": frozenset("șşțţăâîȘŞȚŢĂÂÎ"), "de": frozenset("äöüßÄÖÜẞ")}


def scores(raw: str, hits: Iterable[Hit]) -> dict[str, float]:
    """Return evidence per language from lexicon hits and language-specific letters."""
    total = dict.fromkeys(UNDERSTOOD_LANGUAGES, 0.0)
    for hit in hits:
        lang = hit.label.lang
        if lang in total:
            total[lang] += KIND_WEIGHTS.get(hit.label.kind, 0.0) * (hit.end - hit.start)
    for lang, letters in _LETTERS.items():
        total[lang] += DIACRITIC_WEIGHT * min(3, sum(ch in letters for ch in raw))
    return total


CYRILLIC = ("bg", "uk", "ru")
LATIN_OTHER = ("tr", "pl")
WEAK_EVIDENCE = 2.0
"""Lexicon evidence below which a Latin-script message may be Turkish or Polish."""
OTHER_CONFIDENCE = 0.95
"""py3langid's probability needed to call a Latin-script message Turkish or Polish."""
_OTHER_LETTERS = frozenset("ğĞıİłŁąĄęĘśŚźŹżŻńŃćĆ")


def script(raw: str) -> str | None:
    """Return the script most letters are written in: arabic, cyrillic, latin or None."""
    counts = {"ARABIC": 0, "CYRILLIC": 0, "LATIN": 0}
    for ch in raw[:400]:
        if ch.isalpha():
            name = unicodedata.name(ch, "").split(" ")[0]
            if name in counts:
                counts[name] += 1
    best = max(counts, key=counts.__getitem__)
    return best.lower() if counts[best] else None


@cache
def _identifier() -> Any:
    """Return one py3langid model restricted to the understood languages (about 100 MB)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(UNDERSTOOD_LANGUAGES))
    return identifier


def classify(raw: str, candidates: Sequence[str]) -> tuple[str, float]:
    """Return py3langid's best language among the candidates, with its share of their odds."""
    odds = {lang: p for lang, p in _identifier().rank(raw) if lang in candidates}
    total = sum(odds.values())
    best = max(odds, key=odds.__getitem__)
    return best, (odds[best] / total if total else 0.0)


def detect(raw: str, hits: Iterable[Hit], hint: str | None = None, default: str = "de") -> str:
    """Return the most likely language of a message, falling back to the hint, then `default`."""
    written = script(raw)
    if written == "arabic":
        return "ar"
    if written == "cyrillic":
        return classify(raw, CYRILLIC)[0]
    hits = list(hits)
    evidence = scores(raw, hits)
    words = max(scores("", hits).values())
    if words < WEAK_EVIDENCE or any(ch in _OTHER_LETTERS for ch in raw):
        lang, probability = classify(raw, (*LEXICON_LANGUAGES, *LATIN_OTHER))
        if lang in LATIN_OTHER and probability >= OTHER_CONFIDENCE:
            return lang
    if hint in evidence:
        evidence[hint] += HINT_WEIGHT
    best = max(evidence.values())
    if best <= 0:
        return hint if hint in LEXICON_LANGUAGES else default
    order = [hint, default, *UNDERSTOOD_LANGUAGES]
    return next(lang for lang in order if lang in evidence and evidence[lang] == best)

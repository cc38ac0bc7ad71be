"""The Finder: a loaded knowledge base that understands messages and suggests services."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from knowledge import loader, store
from knowledge.loader import DATA_DIR, Sources
from knowledge.matcher import Matcher, Term, Word, compile_term
from knowledge.model import Service, Suggestion, Understanding
from knowledge.rank import Ranker
from knowledge.understand import understand

SUGGESTION_LIMIT = 10


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
            if (t := compile_term(raw, (kind, key, lang)))
        ]
    out = []
    for (kind, key, lang, _), packed in zip(sources.terms, sources.compiled, strict=True):
        words = tuple(Word(text, bool(stem), bool(gap)) for text, stem, gap in json.loads(packed))
        if words:
            out.append(Term(words, (kind, key, lang)))
    return out


class Finder:
    """Understanding and ranking over one knowledge base, loaded once."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        terms = _terms(sources)
        protected = {raw for kind, _, _, raw in sources.terms if kind == "lang"}
        self.matcher = Matcher([*terms, *sources.gazetteer.terms()], protected)
        self.ranker = Ranker(sources.services)
        self.by_id = {s.id: s for s in sources.services}
        self.combos: dict[str, int] = {}
        for kind, key, _, _ in sources.terms:
            if kind == "combo":
                name, _, group = key.partition("#")
                self.combos[name] = max(self.combos.get(name, 0), int(group) + 1)

    @classmethod
    def load(cls, path: Path | None = None) -> Finder:
        """Load a built database (the bundled one by default, built on first use)."""
        return cls(store.read(path or default_database()))

    def understand(self, message: str, hint: str | None = None) -> Understanding:
        """Read one message."""
        return understand(message, self.matcher, self.sources.gazetteer, hint, self.combos)

    def suggest(
        self, u: Understanding, now: datetime, limit: int = SUGGESTION_LIMIT
    ) -> list[Suggestion]:
        """Return ranked suggestions for an understanding at time `now`."""
        return self.ranker.suggest(u, now, limit)

    def emergency(self, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return the emergency card's lines."""
        return self.ranker.emergency(u, now)

    def service(self, service_id: str) -> Service | None:
        """Return a service by id."""
        return self.by_id.get(service_id)

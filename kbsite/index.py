"""What the directory's lists are made of: places, filters and the review order (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from kbsite import facts as kb
from knowledge.model import Area, Service
from knowledge.vocabulary import AUDIENCES, TOPICS

NATIONWIDE = "nationwide"
"""The place key of services for all of Germany."""

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slug(text: str) -> str:
    """Return an ASCII file name for a place: "Innenstadt-West" -> "innenstadt-west"."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def sort_key(text: str) -> str:
    """Return a key that sorts "Ärztliche" with the A's."""
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()


def area_places(area: Area) -> list[str]:
    """Return the place names an area counts for: a district counts for its city too."""
    if area.district and area.city:
        return [area.city, f"{area.city} – {area.district}"]
    return [name for name in (area.city or area.state,) if name]


def places(service: Service) -> list[str]:
    """Return the places a service is listed under, nationwide as NATIONWIDE."""
    if service.nationwide:
        return [NATIONWIDE]
    found = {name for area in service.areas for name in area_places(area)}
    return sorted(found, key=sort_key)


def languages(service: Service) -> tuple[str, ...]:
    """Return the languages a verified fact names (none when they are unknown or unverified)."""
    for fact in kb.shown(service):
        if fact.field == "languages" and isinstance(fact.value, tuple):
            return tuple(str(code) for code in fact.value)
    return ()


@dataclass(frozen=True)
class Filter:
    """One filter page: its dimension, its key (a file name), and the services it lists."""

    dimension: str
    key: str
    value: str
    """The raw value: a topic or audience id, a language code, a place name."""
    services: tuple[Service, ...]


DIMENSIONS = ("topic", "place", "language", "audience")


def filters(services: Sequence[Service]) -> list[Filter]:
    """Return every non-empty filter of the four dimensions, in a stable order."""
    pickers: dict[str, tuple[Callable[[Service], Sequence[str]], list[str]]] = {
        "topic": (lambda s: s.topics, list(TOPICS)),
        "audience": (lambda s: s.audiences, list(AUDIENCES)),
        "place": (places, _ordered({p for s in services for p in places(s)})),
        "language": (languages, sorted({c for s in services for c in languages(s)})),
    }
    found = []
    for dimension in DIMENSIONS:
        pick, values = pickers[dimension]
        for value in values:
            chosen = tuple(s for s in services if value in pick(s))
            if chosen:
                found.append(Filter(dimension, slug(value), value, chosen))
    return found


def _ordered(names: set[str]) -> list[str]:
    return sorted(names, key=lambda n: (n != NATIONWIDE, sort_key(n)))


def review_order(services: Sequence[Service], today: date) -> list[Service]:
    """Return the services with facts due for a re-check: crisis lines first, then the oldest
    due source (a source without a date counts as the oldest)."""

    def oldest(service: Service) -> tuple[bool, kb.PartialDate]:
        first = kb.oldest_first(kb.due(service, today))[0]
        return (first.date is not None, first.date or kb.PartialDate(1))

    chosen = [s for s in services if kb.due(s, today)]
    return sorted(chosen, key=lambda s: (not crisis(s), *oldest(s), s.id))


def crisis(service: Service) -> bool:
    """Return whether a service is an emergency number or a crisis line (first for review)."""
    return service.crisis_line or service.kind in ("emergency", "crisis_line")

"""Button ids as typed values: one encode and one decode for Telegram's callback data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

MAX_DATA: Final = 64
"""Telegram allows 64 bytes of callback data per button."""


class Kind(StrEnum):
    """What a button answers: its id is `kind:value`."""

    WHO = "who"
    TOPIC = "topic"
    PLACE = "place"
    LANG = "lang"
    YES = "yes"
    NO = "no"
    SAFE = "safe"
    CRISIS = "crisis"
    NAV = "nav"


ACTIONS: Final = frozenset({Kind.SAFE, Kind.CRISIS, Kind.NAV})
"""Kinds whose value is a verb (`nav:more`): the table routes on kind and value together."""
_KINDS: Final = frozenset(k.value for k in Kind)
NONE: Final = "none"
"""The value of "something else" (topic) and "anywhere in Germany" (place)."""


@dataclass(frozen=True)
class Choice:
    """A pressed button: what it answers and the answer."""

    kind: Kind
    value: str = ""

    def encode(self) -> str:
        """Return the callback data, e.g. `who:own_child`."""
        return f"{self.kind}:{self.value}"

    @classmethod
    def decode(cls, data: str) -> Choice | None:
        """Read callback data; None for anything forged, stale or too long."""
        kind, colon, value = data.partition(":")
        if not colon or len(data.encode()) > MAX_DATA or kind not in _KINDS:
            return None
        return cls(Kind(kind), value)

    @property
    def route(self) -> str:
        """Return the table's event name: `nav:more` for verbs, `who:` for answers."""
        return self.encode() if self.kind in ACTIONS else f"{self.kind}:"


@dataclass(frozen=True)
class PlaceRef:
    """A place as buttons and proposals carry it: city and district, canonical names."""

    city: str | None = None
    district: str | None = None

    def encode(self) -> str:
        """Return the stable id `Dortmund|Nordstadt` (`Bielefeld|` for a whole city)."""
        return f"{self.city or ''}|{self.district or ''}"

    @classmethod
    def decode(cls, value: str) -> PlaceRef | None:
        """Read a place id; None unless it has exactly one `|` and a city."""
        city, bar, district = value.partition("|")
        if not bar or "|" in district or not city.strip():
            return None
        return cls(city, district or None)

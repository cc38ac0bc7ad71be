"""The one place where the site reads a service's facts and their provenance.

Everything comes from `knowledge.provenance`: every covered fact with its status, source and
source date (`facts`), the verified ones a user sees (`shown`), the card's as-of date, what is
due for a re-check. The two helpers below read a service's status and alert.
"""

from __future__ import annotations

from knowledge.model import Localised, Service
from knowledge.provenance import (
    Fact,
    PartialDate,
    as_of,
    due,
    facts,
    oldest_first,
    shown,
    undated_shown,
)

__all__ = [
    "Fact",
    "PartialDate",
    "alert",
    "as_of",
    "due",
    "facts",
    "oldest_first",
    "shown",
    "status",
    "undated_shown",
]


def status(service: Service) -> str:
    """Return the service's status: active, inactive, defunct or temporarily_closed."""
    return service.status


def alert(service: Service) -> Localised | None:
    """Return the alert shown on the card ("a 2020 hotline, may have ended"), per language."""
    return service.alert or None

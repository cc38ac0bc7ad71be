"""The one place where the site reads a service's facts and their provenance.

The functions follow `knowledge.provenance` (facts, shown, as_of, due) and return its `Fact`
and `PartialDate`. Until the knowledge base's model carries a provenance entry for every
covered field, `facts` reads the current model: a field with a value is what the rule of
docs/formats.md says ("nothing unverified is a field value"), with the service's main source
and that source's date; a field without a value is unknown. Once it does, `facts` is
`provenance.facts` and nothing else here changes.
"""

from __future__ import annotations

from datetime import date

from knowledge import provenance
from knowledge.model import Localised, Service
from knowledge.provenance import Fact, PartialDate, has_value, oldest_first

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

_OLD_NAMES = {"application_process": "access"}
"""Covered fields the current model still names differently."""


def facts(service: Service) -> tuple[Fact, ...]:
    """Return every covered fact of a service in provenance.COVERED order, unknown ones too."""
    when = getattr(service, "source_date", None)
    dated = PartialDate.parse(when) if when else None
    found = []
    for name in provenance.COVERED:
        value = getattr(service, name, getattr(service, _OLD_NAMES.get(name, name), None))
        if has_value(value):
            found.append(Fact(name, value, "verified", service.source, dated))
        else:
            found.append(Fact(name, None, "unknown"))
    return tuple(found)


def shown(service: Service) -> tuple[Fact, ...]:
    """Return the facts that reach the bot's users: verified, with a value."""
    return tuple(f for f in facts(service) if f.shown)


def as_of(service: Service) -> PartialDate | None:
    """Return the oldest source date among the shown facts (None if none is dated)."""
    return min((f.date for f in shown(service) if f.date), default=None)


def undated_shown(service: Service) -> bool:
    """Return whether some shown fact has a source without a date."""
    return any(f.date is None for f in shown(service))


def due(service: Service, today: date) -> tuple[Fact, ...]:
    """Return the facts due for a re-check: unverified or inferred values, undated sources,
    hours after 6 months and everything else after 12 (provenance.is_due)."""
    return tuple(f for f in facts(service) if provenance.is_due(f, today))


def status(service: Service) -> str:
    """Return the service's status: active, inactive, defunct or temporarily_closed."""
    return service.status


def alert(service: Service) -> Localised | None:
    """Return the alert shown on the card ("a 2020 hotline, may have ended"), per language."""
    text = getattr(service, "alert", None)
    if not text:
        return None
    return dict(text) if isinstance(text, dict) else {"de": str(text)}

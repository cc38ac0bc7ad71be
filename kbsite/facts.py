"""The one place where the site reads a service's facts and their provenance.

Until `knowledge.provenance` exists, this adapter reads the current model: every field that has
a value is what the knowledge base's rule says it is ("nothing unverified is a field value",
docs/formats.md), with the service's main source and that source's date; a field without a
value is unknown. Switching to per-fact provenance means replacing the bodies below with
`provenance.facts`, `provenance.due` and `provenance.as_of`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from knowledge.model import Service

FACT_STATUSES = ("verified", "unverified", "inferred", "unknown")
SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily_closed")

COVERED = (
    "phone",
    "phones_more",
    "email",
    "url",
    "chat_url",
    "address",
    "hours",
    "languages",
    "free_of_charge",
    "anonymous",
    "age_min",
    "age_max",
    "gender",
    "access",
    "professions",
)
"""The fields a fact is recorded for, in the order a service page shows them."""
CONTACT_EVERY = timedelta(days=365)
HOURS_EVERY = timedelta(days=183)


class SourceDate(Protocol):
    """A source's date as precise as known: str() gives "2018", "2018-04" or "2018-04-14"."""

    def __str__(self) -> str: ...


@dataclass(frozen=True)
class Fact:
    """One fact of a service: its value, status, source and the source's date."""

    field: str
    value: object
    status: str
    source: str | None
    date: SourceDate | None
    note: str | None = None


def _empty(value: object) -> bool:
    return value is None or value == () or value == ""


def facts(service: Service) -> tuple[Fact, ...]:
    """Return every covered fact of a service, unknown ones included."""
    found = []
    for name in COVERED:
        value = getattr(service, name, None)
        if _empty(value):
            found.append(Fact(name, None, "unknown", None, None))
        else:
            found.append(Fact(name, value, "verified", service.source, service.source_date))
    return tuple(found)


def shown(service: Service) -> tuple[Fact, ...]:
    """Return the facts that reach the bot's users: verified, with a value."""
    return tuple(f for f in facts(service) if f.status == "verified" and not _empty(f.value))


def as_of(service: Service) -> SourceDate | None:
    """Return the oldest shown fact's source date (None: a shown fact has no date, or none)."""
    dates = [f.date for f in shown(service)]
    if not dates or any(d is None for d in dates):
        return None
    return min(dates, key=str)


def due(service: Service, today: date) -> tuple[Fact, ...]:
    """Return the shown facts due for re-checking: hours after 6 months, others after 12,
    and any whose source has no date."""
    result = []
    for fact in shown(service):
        every = HOURS_EVERY if fact.field == "hours" else CONTACT_EVERY
        when = fact.date
        if when is None or not isinstance(when, date) or today - when > every:
            result.append(fact)
    return tuple(result)


def status(service: Service) -> str:
    """Return the service's status: active, inactive, defunct or temporarily_closed."""
    return service.status


def alert(service: Service) -> str | None:
    """Return the alert text shown on the card (e.g. "a 2020 hotline, may have ended")."""
    text = getattr(service, "alert", None)
    return str(text) if text else None

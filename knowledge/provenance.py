"""Where each fact about a service comes from: source, source date, status; what is shown.

Every covered fact (COVERED) of a service carries a status (`verified`, `unverified`,
`inferred`, or `unknown` when nobody knows it), its source and the source's date as precisely
as the source prints it (a year, a month or a day: `PartialDate`). Only verified facts with a
value are field values of a Service and reach a user (`shown`); the others keep their value,
if any, in the provenance entry for maintainers.

Dates judged conservatively: an imprecise date counts as the *earliest* day it can mean
("2022" is 1 January 2022, "2022-09" is 1 September 2022), so a fact is never taken for
younger than it may be. A fact without a date is always due for a re-check and never counts as
current for opening hours.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import total_ordering
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge.model import Service

STATUSES = ("verified", "unverified", "inferred", "unknown")
"""verified: seen in the cited source (or confirmed by a person); unverified: a value nobody
has seen in a source; inferred: a value concluded from a source that does not say it
(a free call inferred from an 0800 number); unknown: nobody knows."""
CONTACTS = ("phone", "phones_more", "email", "url", "chat_url", "address")
HOURS = ("hours",)
OFFER = ("languages", "anonymous", "free_of_charge")
ELIGIBILITY = (
    "age_min",
    "age_max",
    "gender",
    "professions",
    "for_uninsured",
    "for_caregivers",
    "for_speakers",
    "application_process",
)
"""Who may use a service and how one gets in: each set only where a source says so."""
COVERED = (*CONTACTS, *HOURS, *OFFER, *ELIGIBILITY)
"""Every field whose value is a fact about the service and needs provenance."""
RECHECK_MONTHS = {"hours": 6}
"""Months after the source's date when a fact is due for a re-check (hours 6, the rest 12)."""
DEFAULT_RECHECK_MONTHS = 12
HOURS_CURRENT_MONTHS = 24
"""Opening hours from an older source are never taken as "open now"."""
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@total_ordering
@dataclass(frozen=True, slots=True, eq=True)
class PartialDate:
    """A date as precise as a source prints it: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        date(self.year, self.month or 1, self.day or 1)  # raises ValueError if impossible

    @classmethod
    def parse(cls, value: str | date | int) -> PartialDate:
        """Read "2018", "2018-04", "2018-04-14", a date or a year number."""
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value)
        match = _PARTIAL.match(str(value).strip())
        if not match:
            raise ValueError(f"{value!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{self.month:02d}"] if self.month else []
        parts += [f"{self.day:02d}"] if self.day else []
        return "-".join(parts)

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    @property
    def precision(self) -> str:
        """Return `day`, `month` or `year`."""
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> date:
        """Return the first day the date can mean (the conservative reading for ages)."""
        return date(self.year, self.month or 1, self.day or 1)

    def as_date(self) -> date | None:
        """Return the full date, or None for a year or a month."""
        return self.earliest() if self.day else None


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later (the month's last day where it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact about a service with its provenance."""

    field: str
    value: object
    status: str
    source: str | None = None
    date: PartialDate | None = None
    note: str | None = None

    @property
    def shown(self) -> bool:
        """Return whether a user may see the fact: verified and with a value."""
        return self.status == "verified" and has_value(self.value)


def has_value(value: object) -> bool:
    """Return whether a field value says something (None, False, () and [] say nothing)."""
    return value is not None and value is not False and value != () and value != []


def entry_fact(name: str, entry: Mapping[str, Any], value: object) -> Fact:
    """Build a Fact from a YAML provenance entry; `value` is the field's value where verified."""
    when = entry.get("date")
    return Fact(
        field=name,
        value=value if entry.get("status") == "verified" else entry.get("value"),
        status=str(entry.get("status", "unknown")),
        source=entry.get("source"),
        date=None if when is None else PartialDate.parse(when),
        note=entry.get("note"),
    )


def field_value(service: Service, name: str) -> object:
    """Return a covered field's value on a service, None where it says nothing."""
    value = getattr(service, name)
    return value if has_value(value) else None


def facts(service: Service) -> tuple[Fact, ...]:
    """Return every covered fact of a service in COVERED order, unknown ones included.

    A field with a value but no provenance entry comes back as `unknown` with that value:
    `kb check` refuses such a file (a fact shown without provenance).
    """
    recorded = {f.field: f for f in service.provenance}
    return tuple(
        recorded.get(name) or Fact(name, field_value(service, name), "unknown") for name in COVERED
    )


def fact(service: Service, name: str) -> Fact:
    """Return one covered fact of a service (as `facts` would, without building them all)."""
    for recorded in service.provenance:
        if recorded.field == name:
            return recorded
    return Fact(name, field_value(service, name), "unknown")


NOTES = {"phone": "phone_note", "hours": "hours_note", "languages": "languages_note"}
"""A fact's remark shown on the card; it rests on that fact's source even where the fact has
no value (the Jugendamt's after-hours note of 2007 without weekly hours)."""


def shown(service: Service) -> tuple[Fact, ...]:
    """Return the facts a user may see: verified ones with a value."""
    return tuple(f for f in facts(service) if f.shown)


def noted(service: Service) -> tuple[Fact, ...]:
    """Return the verified facts without a value whose remark the card shows, the remark
    (German) standing in for the value."""
    found = []
    for name, note in NOTES.items():
        remark = getattr(service, note)
        f = fact(service, name)
        if remark and f.status == "verified" and not has_value(f.value):
            found.append(replace(f, value=remark["de"]))
    return tuple(found)


def displayed(service: Service) -> tuple[Fact, ...]:
    """Return every fact the card rests on: the shown facts and the remarks without a value."""
    return shown(service) + noted(service)


def as_of(service: Service) -> PartialDate | None:
    """Return the oldest source date among the facts the card shows (None if none is dated)."""
    return min((f.date for f in displayed(service) if f.date), default=None)


def undated_shown(service: Service) -> bool:
    """Return whether some fact the card shows has a source without a date."""
    return any(f.date is None for f in displayed(service))


def recheck_months(name: str) -> int:
    """Return after how many months a fact is due again (hours 6, everything else 12)."""
    return RECHECK_MONTHS.get(name, DEFAULT_RECHECK_MONTHS)


def is_due(f: Fact, today: date) -> bool:
    """Return whether a fact with a value needs a re-check.

    Unverified and inferred values always do (someone must confirm them); a verified fact does
    when its source is undated or when its interval has passed since the earliest day its date
    can mean. Unknown facts without a value have nothing to re-check.
    """
    if not has_value(f.value):
        return False
    if f.status != "verified" or f.date is None:
        return True
    return add_months(f.date.earliest(), recheck_months(f.field)) <= today


def due(service: Service, today: date) -> tuple[Fact, ...]:
    """Return the facts of a service due for a re-check on `today` (see is_due)."""
    return tuple(f for f in facts(service) + noted(service) if is_due(f, today))


def is_current(f: Fact, today: date, months: int = HOURS_CURRENT_MONTHS) -> bool:
    """Return whether a shown fact's source is younger than `months` (undated: never)."""
    return f.shown and f.date is not None and add_months(f.date.earliest(), months) > today


def current_hours(service: Service, today: date) -> bool:
    """Return whether a service's opening hours may be used for "open now" on `today`."""
    return service.hours is not None and is_current(fact(service, "hours"), today)


def oldest_first(found: Iterable[Fact]) -> list[Fact]:
    """Return facts oldest source first, undated ones first of all."""
    return sorted(found, key=lambda f: (f.date is not None, f.date or PartialDate(1)))

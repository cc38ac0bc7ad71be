"""Weekly opening hours: parse, ask whether open now, find the next opening."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from knowledge.model import Span
from knowledge.vocabulary import WEEKDAYS

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = 7 * 1440
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


class HoursError(ValueError):
    """An opening-hours entry that cannot be read."""


def minutes(hhmm: str) -> int:
    """Return minutes after midnight for "HH:MM" ("24:00" allowed)."""
    match = _TIME.match(hhmm)
    if not match or (match.group(1) == "24" and match.group(2) != "00"):
        raise HoursError(f"time {hhmm!r} is not HH:MM")
    return int(match.group(1)) * 60 + int(match.group(2))


def parse(entries: Iterable[Mapping[str, object]]) -> tuple[Span, ...]:
    """Turn `[{days, opens, closes}]` into sorted weekly spans (closes <= opens: past midnight)."""
    spans: list[Span] = []
    for entry in entries:
        days = entry.get("days")
        if not isinstance(days, list) or not days:
            raise HoursError("days must be a non-empty list")
        opens, closes = minutes(str(entry.get("opens"))), minutes(str(entry.get("closes")))
        if closes <= opens:
            closes += 1440
        for day in days:
            if day not in WEEKDAYS:
                raise HoursError(f"day {day!r} is not one of {', '.join(WEEKDAYS)}")
            base = WEEKDAYS.index(str(day)) * 1440
            spans.append(Span(base + opens, base + closes))
    return tuple(sorted(spans))


def weekly(spans: Iterable[Span]) -> list[tuple[tuple[int, int], list[int]]]:
    """Group spans by (opens, minutes open) into the weekdays that share them, in order."""
    groups: dict[tuple[int, int], list[int]] = {}
    for span in spans:
        key = (span.start % 1440, span.end - span.start)
        groups.setdefault(key, []).append(span.start // 1440)
    return list(groups.items())


def week_minute(now: datetime) -> int:
    """Return the minute of the week (Monday 00:00 = 0) of `now` in Europe/Berlin."""
    local = now.astimezone(BERLIN) if now.tzinfo else now.replace(tzinfo=BERLIN)
    return local.weekday() * 1440 + local.hour * 60 + local.minute


def is_open(spans: tuple[Span, ...], now: datetime) -> bool:
    """Return whether any span covers `now`."""
    m = week_minute(now)
    return any(s.start <= m < s.end or s.start <= m + WEEK < s.end for s in spans)


def next_opening(spans: tuple[Span, ...], now: datetime) -> datetime | None:
    """Return when the service opens next after `now` (Europe/Berlin), or None without spans."""
    if not spans:
        return None
    m = week_minute(now)
    wait = min((s.start - m) % WEEK or WEEK for s in spans)
    local = now.astimezone(BERLIN) if now.tzinfo else now.replace(tzinfo=BERLIN)
    return (local + timedelta(minutes=wait)).replace(second=0, microsecond=0)


def closes_at(spans: tuple[Span, ...], now: datetime) -> datetime | None:
    """Return when the span open at `now` ends, or None if closed."""
    m = week_minute(now)
    for s in spans:
        for shift in (0, WEEK):
            if s.start <= m + shift < s.end:
                local = now.astimezone(BERLIN) if now.tzinfo else now.replace(tzinfo=BERLIN)
                return (local + timedelta(minutes=s.end - m - shift)).replace(
                    second=0, microsecond=0
                )
    return None

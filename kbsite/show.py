"""Turn facts into short texts in a locale: dates as precise as known, hours, values, links."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names
from babel.lists import format_list

from kbsite import messages as m
from kbsite.facts import Fact
from knowledge.hsds import weekly
from knowledge.model import Address, Span

Translate = Callable[..., str]
"""t(msgid, **params): a message in the page's locale with its {placeholders} filled."""

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Part:
    """A piece of a shown value: its text and, for a phone, e-mail or web address, a link."""

    text: str
    href: str | None = None


def show_date(when: object, locale: str) -> str | None:
    """Return a source date in the locale as precise as it is known: "2018", "Apr. 2018",
    "14.04.2018"; None when there is no date."""
    if when is None:
        return None
    match = _PARTIAL.match(str(when))
    if not match:
        return str(when)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMM", date(year, month, 1), locale=locale)
    return format_date(date(year, month, day), format="medium", locale=locale)


def language_name(code: str, locale: str) -> str:
    """Return a language's name in the locale (CLDR), e.g. `Rumänisch`."""
    return str(Locale.parse(locale).languages.get(code, code))


def hours_text(spans: tuple[Span, ...], locale: str, t: Translate) -> str:
    """Return weekly opening hours as one line: "Mo, Di, Mi: 09:00–17:00; Sa: 20:00–02:00"."""
    parts = []
    for (opens, length), weekdays in weekly(spans):
        names = day_ranges(weekdays, locale)
        if opens == 0 and length >= 1440:
            when = t(m.HOURS_ALL_DAY)
        else:
            closes = _hhmm(opens + length)
            if opens + length > 1440:
                closes = t(m.HOURS_NEXT_DAY, time=closes)
            when = f"{_hhmm(opens)}–{closes}"
        parts.append(f"{names}: {when}")
    return "; ".join(parts)


def day_ranges(weekdays: list[int], locale: str) -> str:
    """Return weekdays (0 = Monday) as short names, three or more in a row as a range:
    [0, 1, 2, 3, 4, 6] -> "Mo.–Fr., So."."""
    names = get_day_names("abbreviated", locale=locale)
    runs: list[list[int]] = []
    for day in sorted(set(weekdays)):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    shown = []
    for run in runs:
        if len(run) >= 3:
            shown.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            shown += [str(names[d]) for d in run]
    return ", ".join(shown)


def _hhmm(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


def _phone_href(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


def value_parts(fact: Fact, locale: str, t: Translate) -> list[Part]:
    """Return a fact's value as parts to show (empty: the value is not known)."""
    value, name = fact.value, fact.field
    if value is None or value == () or value == "":
        return []
    if name in ("phone", "phones_more"):
        numbers = value if isinstance(value, tuple | list) else (value,)
        return [Part(str(n), _phone_href(str(n))) for n in numbers]
    if name == "email":
        return [Part(str(value), f"mailto:{value}")]
    if name in ("url", "chat_url"):
        return [Part(str(value), str(value))]
    if isinstance(value, Address):
        return [Part(value.one_line())]
    if name == "hours" and isinstance(value, tuple):
        return [Part(hours_text(value, locale, t))]
    if name in ("languages", "for_speakers") and isinstance(value, tuple):
        names = [language_name(str(c), locale) for c in value]
        return [Part(format_list(names, locale=locale))]
    return [Part(_word(name, value, locale, t))]


def _word(name: str, value: object, locale: str, t: Translate) -> str:
    """Return a flag, an age, a label or a localised text as a word in the locale."""
    if isinstance(value, bool):
        return t(m.YES if value else m.NO)
    if isinstance(value, int) and name.startswith("age"):
        return t(m.YEARS, years=value)
    if isinstance(value, dict):
        return str(value.get(locale) or value.get("de") or next(iter(value.values()), ""))
    labels = {"gender": m.GENDERS, "access": m.ACCESS, "application_process": m.ACCESS}.get(name)
    if isinstance(value, tuple):
        words = [t(m.PROFESSIONS[v]) if v in m.PROFESSIONS else str(v) for v in value]
        return format_list(words, locale=locale)
    if labels and str(value) in labels:
        return t(labels[str(value)])
    return str(value)


def source_part(source: str | None) -> Part | None:
    """Return a source as a link named by its host ("dortmund.de"), or as plain text."""
    if not source:
        return None
    if source.startswith(("http://", "https://")):
        host = urlsplit(source).hostname or source
        return Part(host.removeprefix("www."), source)
    return Part(source)

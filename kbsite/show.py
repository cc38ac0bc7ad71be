"""Turn facts into short texts in a locale: dates as precise as known, hours, values, links
(dates, hours and language names worded as the bot's cards word them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from babel.lists import format_list

from bot.render import Renderer
from kbsite import messages as m
from kbsite.facts import Fact, PartialDate
from knowledge.model import Address

Translate = Callable[..., str]
"""t(msgid, **params): a message in the page's locale with its {placeholders} filled."""


@dataclass(frozen=True)
class Part:
    """A piece of a shown value: its text and, for a phone, e-mail or web address, a link."""

    text: str
    href: str | None = None


@cache
def renderer(locale: str) -> Renderer:
    """Return the bot's plain-text renderer of a locale (dates, hours, names, service texts)."""
    return Renderer(locale)


def show_date(when: PartialDate | None, locale: str) -> str | None:
    """Return a source date in the locale as precisely as it is known, as the bot's cards do:
    "2018", "Apr. 2018", "14.04.2018"; None when there is no date."""
    return None if when is None else renderer(locale).partial_date(when)


def language_name(code: str, locale: str) -> str:
    """Return a language's name in the locale (CLDR), e.g. `Rumänisch`."""
    return renderer(locale).language(code)


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
        return [Part(renderer(locale).week(value))]
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
        return renderer(locale).localised(value)[0]
    labels = {"gender": m.GENDERS, "application_process": m.ACCESS}.get(name)
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

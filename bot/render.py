"""Render dialogue replies and contact cards in a locale, as Telegram HTML or plain text."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton, format_time, get_day_names
from babel.lists import format_list

from bot.i18n import gettext, option_params
from flows import messages as m
from flows.events import Reply
from knowledge import hours, provenance
from knowledge.model import Reason, Service, Span, Suggestion
from knowledge.provenance import PartialDate


@dataclass(frozen=True)
class Rendered:
    """A message ready for a transport: text and (label, option id) buttons."""

    text: str
    buttons: tuple[tuple[str, str], ...]


_LTR_RUN = re.compile(r"[^\s\u0590-\u08ff()،؛.,:;!?]+(?:[ ][^\s\u0590-\u08ff()،؛.,:;!?]+)*")
"""A run of words in no right-to-left script (with the spaces between them)."""


class Renderer:
    """Renders in one locale; `markup` is "html" (Telegram) or "plain" (terminal, JSON)."""

    def __init__(self, locale: str, markup: str = "plain") -> None:
        self.locale = locale
        self.html = markup == "html"
        parsed = Locale.parse(locale)
        self._language_names = parsed.languages
        self.rtl = parsed.character_order == "right-to-left"

    def t(self, msgid: str, params: dict[str, object] | None = None) -> str:
        """Translate a message id, escape it for the markup, then fill in escaped params."""
        template = self.ltr_runs(self.esc(gettext(self.locale, msgid)))  # "/exit", "112"
        return (
            template.format(**{k: self.ltr(self.esc(str(v))) for k, v in params.items()})
            if params
            else template
        )

    def ltr(self, text: str) -> str:
        """In a right-to-left locale, isolate a left-to-right run (a number, a URL, a German
        name) so it reads in its own order inside Arabic text; elsewhere return it as is."""
        if not self.rtl or not any(unicodedata.bidirectional(ch) in ("L", "EN") for ch in text):
            return text
        return f"\u2066{text}\u2069"

    def ltr_runs(self, text: str) -> str:
        """In a right-to-left locale, isolate each left-to-right run inside a text ("Jugendamt"
        in an Arabic sentence); a text with no right-to-left letter is isolated whole."""
        if not self.rtl:
            return text
        if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text):
            return self.ltr(text)
        return _LTR_RUN.sub(lambda run: self.ltr(run.group()), text)

    def localised(self, texts: dict[str, str]) -> tuple[str, bool]:
        """Return a service text in the locale, else the German one; and whether it fell back."""
        own = texts.get(self.locale)
        return (own, False) if own else (texts["de"], True)

    def language(self, code: str) -> str:
        """Return a language's name in the locale (Babel's CLDR names), e.g. `Rumänisch`."""
        return str(self._language_names.get(code, code))

    def reply(self, reply: Reply, now: datetime) -> Rendered:
        """Render one reply with its cards and buttons (a note may be in another language)."""
        own = reply.locale and reply.locale != self.locale
        voice = Renderer(reply.locale, "html" if self.html else "plain") if own else self
        params = {
            k: voice.language(str(v)) if k == "language" else v for k, v in reply.params.items()
        }
        parts = [voice.isolated(voice.t(reply.msg, params))]
        card = self.short_card if reply.style == "short" else self.card
        parts += [card(s, now) for s in reply.cards]
        labels = reply.locale or self.locale
        buttons = tuple(
            (gettext(labels, o.label, option_params(o.params) or None), o.id) for o in reply.options
        )
        return Rendered("\n\n".join(parts), buttons)

    def bold(self, text: str) -> str:
        """Return text in bold (escaped) in HTML, as is in plain text."""
        return f"<b>{html.escape(text)}</b>" if self.html else text

    def esc(self, text: str) -> str:
        """Escape text for the markup (HTML for Telegram, nothing for plain text)."""
        return html.escape(text, quote=False) if self.html else text

    def isolated(self, text: str) -> str:
        """Wrap right-to-left text in a first-strong isolate so numbers and Latin read right."""
        rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)
        return f"\u2068{text}\u2069" if rtl else text

    def contacts(self, s: Suggestion) -> list[str]:
        """Return every way to reach a service the data holds, each number with its note."""
        service = s.service
        lines = []
        if service.phone:
            lines.append("📞 " + self.t(m.CARD_PHONE, {"phone": service.phone}))
        lines += ["📞 " + self.t(m.CARD_PHONE_MORE, {"phone": p}) for p in service.phones_more]
        if service.phone_note:
            lines.append(self.ltr_runs(self.esc(self.localised(service.phone_note)[0])))
        contacts = (
            ("💬", m.CARD_CHAT, "url", service.chat_url),
            ("✉️", m.CARD_EMAIL, "email", service.email),
            ("🌐", m.CARD_WEB, "url", service.url if service.url != service.chat_url else None),
        )
        for icon, msgid, key, value in contacts:
            if value:
                lines.append(f"{icon} " + self.t(msgid, {key: value}))
        if service.address:
            lines.append("📍 " + self.t(m.CARD_ADDRESS, {"address": service.address.one_line()}))
        return lines or ["❔ " + self.t(m.CARD_CONTACT_UNCONFIRMED)]

    def short_card(self, s: Suggestion, now: datetime) -> str:
        """Render a crisis card: name, phone numbers or chat, and whether it is open now."""
        service = s.service
        reach = []
        if service.phone:
            reach.append("📞 " + self.ltr(self.esc(service.phone)))
        if service.chat_url and not service.phone:
            reach.append("💬 " + self.ltr(self.esc(service.chat_url)))
        lines = [self.name(service), *reach]
        lines.append("🕐 " + self.opening(s, now))
        return "\n".join(lines)

    def card(self, s: Suggestion, now: datetime) -> str:
        """Render one contact card: name, one line, how to reach, hours, languages, checked date."""
        service, lang = s.service, self.locale
        description, german = self.localised(service.description)
        lines = [
            self.name(service),
            self.ltr_runs(self.esc(description)),
            *([self.t(m.CARD_IN_GERMAN)] if german else []),
            *(["⚠️ " + self.note(service.alert)] if service.alert else []),
            *self.contacts(s),
        ]
        if service.hours is None and service.hours_note:
            lines.append("🕐 " + self.dated_hours(self.note(service.hours_note), service, now))
        else:
            lines.append("🕐 " + self.opening(s, now))
            if service.hours_note:
                lines.append(self.dated_hours(self.note(service.hours_note), service, now))
        if service.languages:
            spoken = format_list([self.language(c) for c in service.languages], locale=lang)
            lines.append("🗣 " + self.t(m.CARD_LANGUAGES, {"languages": spoken}))
        else:
            lines.append("🗣 " + self.t(m.CARD_LANGUAGES_UNKNOWN))
        if service.languages_note:
            lines.append(self.note(service.languages_note))
        flags = [
            gettext(lang, msg)
            for flag, msg in (
                (service.free_of_charge, m.CARD_FREE),
                (service.anonymous, m.CARD_ANONYMOUS),
            )
            if flag
        ]
        if flags:
            lines.append("✓ " + self.esc(", ".join(flags)))
        lines.append("ℹ️ " + self.esc(self.why(s.reasons)))
        lines.append(self.as_of(service, now.date()))
        return "\n".join(lines)

    def note(self, texts: dict[str, str]) -> str:
        """Return a service note (an alert, hours, languages) in the locale, else in German
        with a remark saying so."""
        text, german = self.localised(texts)
        own = self.ltr_runs(self.esc(text))
        return f"{own} {self.t(m.CARD_NOTE_IN_GERMAN)}" if german else own

    def partial_date(self, when: PartialDate) -> str:
        """Format a source date as precisely as it is known: a day, a month or a year."""
        if when.day:
            return format_date(when.earliest(), format="medium", locale=self.locale)
        if when.month:
            return format_skeleton("yMMM", when.earliest(), locale=self.locale)
        return str(when.year)

    def as_of(self, service: Service, today: date) -> str:
        """Say how old the shown facts are: the oldest source date, flagged when facts are due."""
        oldest = provenance.as_of(service)
        if oldest is None:
            return self.t(m.CARD_AS_OF_UNKNOWN)
        due = any(f.shown for f in provenance.due(service, today))
        msgid = m.CARD_AS_OF_STALE if due else m.CARD_AS_OF
        return ("⚠️ " if due else "") + self.t(msgid, {"date": self.partial_date(oldest)})

    def week(self, spans: tuple[Span, ...]) -> str:
        """Describe weekly hours: "Mo., Mi., Fr. 09:00–14:00; Di., Do. 15:00–20:00"."""
        if sum(s.end - s.start for s in spans) >= 7 * 1440:
            return gettext(self.locale, m.CARD_ALWAYS_OPEN)
        days = get_day_names("abbreviated", locale=self.locale)
        parts = []
        for (opens, length), weekdays in hours.weekly(spans):
            start, end = opens, (opens + length) % 1440
            clock = "–".join(
                format_time(time(t // 60, t % 60), "short", locale=self.locale)
                for t in (start, end)
            )
            parts.append(f"{format_list([days[d] for d in weekdays], locale=self.locale)} {clock}")
        return "; ".join(parts)

    def dated_hours(self, text: str, service: Service, now: datetime) -> str:
        """Return (escaped) hours as they are where their source is current, else as
        "hours in <year>: …" or "hours (source undated): …"."""
        fact = provenance.fact(service, "hours")
        if provenance.is_current(fact, now.date()):
            return text
        if fact.date is None:
            label = self.t(m.CARD_HOURS_UNDATED, {"hours": "\0"})
        else:
            label = self.t(m.CARD_HOURS_IN_YEAR, {"year": fact.date.year, "hours": "\0"})
        return label.replace("\0", text)

    def name(self, service: Service) -> str:
        """Return a service's name in bold: in the locale, else the German name people say."""
        return self.bold(self.ltr(self.localised(service.name)[0]))

    def opening(self, s: Suggestion, now: datetime) -> str:
        """Say whether a service is open now, until when, or when it opens next; hours from a
        source older than two years (or undated) only as "hours in <year>: …"."""
        spans = s.service.hours
        if spans is None:
            return gettext(self.locale, m.CARD_HOURS_UNKNOWN)
        if not provenance.current_hours(s.service, now.date()):
            return self.dated_hours(self.ltr_runs(self.esc(self.week(spans))), s.service, now)
        if s.service.always_open:
            return gettext(self.locale, m.CARD_ALWAYS_OPEN)
        until = hours.closes_at(spans, now)
        if until:
            return self.t(
                m.CARD_OPEN_UNTIL, {"time": format_time(until, "short", locale=self.locale)}
            )
        when = hours.next_opening(spans, now)
        label = format_datetime(when, "EEEE HH:mm", locale=self.locale) if when else "?"
        return self.t(m.CARD_OPENS, {"when": label})

    def why(self, reasons: tuple[Reason, ...]) -> str:
        """Turn reason codes into one short line in the locale."""
        return "; ".join(filter(None, (self._reason(r) for r in reasons)))

    def _reason(self, r: Reason) -> str:
        g: Callable[..., str] = lambda msgid, **p: gettext(self.locale, msgid, p or None)  # noqa: E731
        if r.code == "topic":
            return g(m.WHY_TOPIC, topic=g(m.TOPIC_LABELS[r.value]))
        if r.code == "place":
            return g(
                {
                    "district": m.WHY_DISTRICT,
                    "city": m.WHY_CITY,
                    "state": m.WHY_STATE,
                    "nationwide": m.WHY_NATIONWIDE,
                }[r.value]
            )
        if r.code == "language":
            return g(m.WHY_LANGUAGE, language=self.language(r.value))
        if r.code == "audience":
            return g(m.WHY_AUDIENCE[r.value])
        simple = {
            "refer": m.WHY_REFER,
            "person": m.WHY_PERSON,
            "open_now": m.WHY_OPEN,
            "emergency": m.WHY_EMERGENCY,
            "crisis": m.WHY_CRISIS,
            "crisis_listed": m.WHY_CRISIS_LISTED,
            "general": m.WHY_GENERAL,
        }
        return g(simple[r.code]) if r.code in simple else ""

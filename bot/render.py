"""Render dialogue replies and contact cards in a locale, as Telegram HTML or plain text."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.lists import format_list

from bot.i18n import gettext
from flows import messages as m
from flows.events import Reply
from knowledge import hours
from knowledge.model import Reason, Suggestion


@dataclass(frozen=True)
class Rendered:
    """A message ready for a transport: text and (label, option id) buttons."""

    text: str
    buttons: tuple[tuple[str, str], ...]


class Renderer:
    """Renders in one locale; `markup` is "html" (Telegram) or "plain" (terminal, JSON)."""

    def __init__(self, locale: str, markup: str = "plain") -> None:
        self.locale = locale
        self.html = markup == "html"

    def t(self, msgid: str, params: dict[str, object] | None = None) -> str:
        """Translate a message id and fill in escaped params."""
        if params and self.html:
            params = {k: html.escape(str(v)) for k, v in params.items()}
        text = gettext(self.locale, msgid, params)
        return text if params or not self.html else html.escape(text, quote=False)

    def reply(self, reply: Reply, now: datetime) -> Rendered:
        """Render one reply with its cards and buttons."""
        parts = [self.t(reply.msg, reply.params)]
        parts += [self.card(s, now) for s in reply.cards]
        buttons = tuple(
            (gettext(self.locale, o.label, o.params or None), o.id) for o in reply.options
        )
        return Rendered("\n\n".join(parts), buttons)

    def bold(self, text: str) -> str:
        """Return text in bold (escaped) in HTML, as is in plain text."""
        return f"<b>{html.escape(text)}</b>" if self.html else text

    def esc(self, text: str) -> str:
        """Escape a dynamic value for the markup."""
        return html.escape(text) if self.html else text

    def card(self, s: Suggestion, now: datetime) -> str:
        """Render one contact card: name, one line, how to reach, hours, languages, checked date."""
        service, lang = s.service, self.locale
        lines = [
            self.bold(service.name.get(lang) or service.name["de"]),
            self.esc(service.description.get(lang) or service.description["de"]),
        ]
        contacts: list[tuple[str, str, str]] = [
            ("📞", m.CARD_PHONE, "phone") if service.phone else ("", "", ""),
            ("💬", m.CARD_CHAT, "chat_url") if service.chat_url else ("", "", ""),
            ("✉️", m.CARD_EMAIL, "email") if service.email else ("", "", ""),
            ("🌐", m.CARD_WEB, "url") if service.url else ("", "", ""),
        ]
        for icon, msgid, attr in contacts:
            if msgid:
                key = "url" if attr in ("url", "chat_url") else attr
                lines.append(f"{icon} " + self.t(msgid, {key: getattr(service, attr)}))
        if service.address:
            lines.append("📍 " + self.t(m.CARD_ADDRESS, {"address": service.address.one_line()}))
        lines.append("🕐 " + self.opening(s, now))
        if service.hours_note:
            lines.append(self.esc(service.hours_note.get(lang, "")))
        names = Locale.parse(lang).languages
        spoken = format_list([names.get(code, code) for code in service.languages], locale=lang)
        lines.append("🗣 " + self.t(m.CARD_LANGUAGES, {"languages": spoken}))
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
        checked = format_date(service.last_verified, format="medium", locale=lang)
        lines.append(self.t(m.CARD_CHECKED, {"date": checked}))
        return "\n".join(lines)

    def opening(self, s: Suggestion, now: datetime) -> str:
        """Say whether a service is open now, until when, or when it opens next."""
        spans = s.service.hours
        if spans is None:
            return gettext(self.locale, m.CARD_HOURS_UNKNOWN)
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
            return g(m.WHY_LANGUAGE, language=g(m.LANGUAGE_NAMES[r.value]))
        if r.code == "audience":
            return g(m.WHY_AUDIENCE[r.value])
        simple = {
            "open_now": m.WHY_OPEN,
            "emergency": m.WHY_EMERGENCY,
            "crisis": m.WHY_CRISIS,
            "general": m.WHY_GENERAL,
        }
        return g(simple[r.code]) if r.code in simple else ""

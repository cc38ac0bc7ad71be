"""One Conversation over the dialogue, shared by the terminal and Telegram adapters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from rapidfuzz import fuzz

from bot.i18n import gettext, negotiate, option_params
from bot.render import Rendered, Renderer
from bot.sessions import Session, SessionStore
from flows import messages as m
from flows.dialogue import step
from flows.events import Choose, Event, Reply, Start, Text
from knowledge.encoder import Vectors
from knowledge.finder import Finder
from knowledge.text import normalise
from knowledge.vocabulary import DEFAULT_LOCALE

MAX_TEXT = 4000
"""Telegram allows 4096 characters per message; merged replies stay below this."""
LABEL_CUTOFF = 88.0
"""How close typed words must be to a button's label to count as pressing it."""


@dataclass(frozen=True)
class Outgoing:
    """Replies ready for a transport, in the session's locale."""

    locale: str
    messages: tuple[Rendered, ...]
    wipe: bool = False
    replies: tuple[Reply, ...] = ()


class Conversation:
    """Routes events to the dialogue per chat and renders what it answers."""

    def __init__(
        self, finder: Finder, store: SessionStore | None = None, markup: str = "plain"
    ) -> None:
        self.finder = finder
        self.store = store if store is not None else SessionStore()
        self.markup = markup

    def _typed_option(self, session: Session, text: str, locale: str) -> Event | None:
        """Map typed words (or a number) to the button they name, if any."""
        typed = normalise(text)
        if not typed or not session.options:
            return None
        if typed.isdigit() and 1 <= int(typed) <= len(session.options):
            return Choose(session.options[int(typed) - 1].id)
        for option in session.options:
            label = normalise(gettext(locale, option.label, option_params(option.params) or None))
            if typed == label or (len(typed) > 3 and fuzz.ratio(typed, label) >= LABEL_CUTOFF):
                return Choose(option.id)
        return None

    def needs_meaning(self, chat_id: object, text: str) -> bool:
        """Return whether a text is free text worth embedding (not a button's words or a place)."""
        if self.finder.bank is None:
            return False
        session = self.store.get(chat_id)
        if self._typed_option(session, text, self.locale(chat_id)) is not None:
            return False
        return self.finder.needs_meaning(self.finder.read(text))

    def embed(self, text: str) -> Vectors | None:
        """Embed a message (in a worker thread); nothing of it is kept."""
        return self.finder.embed(text)

    def locale(self, chat_id: object, hint: str | None = None) -> str:
        """Return a chat's language: chosen or detected, else the client's hint, else German."""
        return self.store.get(chat_id).state.locale or negotiate(hint) or DEFAULT_LOCALE

    def handle(
        self, chat_id: object, event: Event, now: datetime, hint: str | None = None
    ) -> Outgoing:
        """Apply an event to a chat's session and return the rendered replies."""
        session = self.store.get(chat_id)
        locale = self.locale(chat_id, hint)
        hint = negotiate(hint)
        if self.store.flooding(session):
            if session.warned:
                return Outgoing(locale, ())
            session.warned = True
            return self._render(locale, [Reply(m.RATE_LIMITED)], now)
        if isinstance(event, Text):
            event = self._typed_option(session, event.text, locale) or replace(event, hint=hint)
        elif isinstance(event, Start) and hint and not event.hint:
            event = Start(event.payload, hint)
        state, replies = step(session.state, event, self.finder, now)
        if session.reset:  # the stored state no longer fitted: say why we start afresh
            replies, session.reset = [Reply(m.RESUMED_AFRESH), *replies], False
        session.state = state
        session.options = replies[-1].options if replies else ()
        self.store.save(chat_id)
        wipe = any(r.effect == "wipe" for r in replies)
        out = self._render(state.locale or locale, replies, now, wipe)
        if wipe:
            self.store.forget(chat_id)
        return out

    @staticmethod
    def _merged(rendered: list[Rendered], replies: list[Reply]) -> list[Rendered]:
        """Merge a plain reply (no buttons, no cards) into the next: fewer, calmer messages.

        The emergency card keeps a message of its own.
        """
        out: list[Rendered] = []
        carry = ""
        for message, reply in zip(rendered, replies, strict=True):
            text = f"{carry}\n\n{message.text}" if carry else message.text
            last = reply is replies[-1]
            if not last and not message.buttons and not reply.cards and len(text) < MAX_TEXT:
                carry = text
                continue
            out.append(Rendered(text, message.buttons))
            carry = ""
        return out

    def _render(
        self, locale: str, replies: list[Reply], now: datetime, wipe: bool = False
    ) -> Outgoing:
        renderer = Renderer(locale, self.markup)
        rendered = self._merged([renderer.reply(r, now) for r in replies], replies)
        return Outgoing(locale, tuple(rendered), wipe, tuple(replies))

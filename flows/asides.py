"""What people ask besides who / where / what: a person now, or a service in their language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flows import messages as m
from flows.events import Reply
from flows.ports import Finder
from flows.state import State, understanding
from knowledge.vocabulary import UNDERSTOOD_LANGUAGES

SHOWN = 3
"""Lines shown for "a person now" or "who speaks my language"."""


def person_now(state: State, finder: Finder, now: datetime) -> Reply:
    """Return the lines answered by people that are open now; no place needed.

    Lines whose hours come from an old or undated source but say open now stand among them in
    their ranked order (their cards give the hours with the year); the message then says so."""
    found = finder.people_now(understanding(state), now)
    reachable = [s for s in found if s.open_now is not False][:SHOWN]
    if not reachable:
        return Reply(m.PERSON_NONE_OPEN, cards=tuple(found[:SHOWN]), style="short")
    if all(s.open_now for s in reachable):
        return Reply(m.PERSON_NOW, cards=tuple(reachable), style="short")
    return Reply(m.PERSON_MAYBE_OPEN, cards=tuple(reachable), style="short")


def asked_language(intents: Sequence[str]) -> str | None:
    """Return the language someone asks for ("does anyone speak Turkish?"), if they ask."""
    if "asks_language" not in intents:
        return None
    wanted = [i.removeprefix("speaks_") for i in intents if i.startswith("speaks_")]
    return next((code for code in wanted if code in UNDERSTOOD_LANGUAGES), None)


def speaking(state: State, language: str, finder: Finder, now: datetime) -> Reply:
    """Return the services that speak a language, for the session's topic and place."""
    found = finder.speaking(language, understanding(state), now)
    if not found:
        return Reply(m.SPEAKS_NONE, {"language": language})
    return Reply(m.SPEAKS, {"language": language}, cards=tuple(found[:SHOWN]))

"""What each row of the transition table does: one short function per (question, event)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from flows import messages as m
from flows import safety
from flows.asking import (
    Step,
    ask_next,
    fresh,
    hinted,
    question,
    repeat,
    resolve,
    results,
)
from flows.choices import NONE, Choice, PlaceRef
from flows.events import Command, Reply, Start, Unsupported
from flows.ports import Finder
from flows.state import Pending, State
from knowledge.model import Place
from knowledge.vocabulary import AUDIENCES, LANGUAGES, TOPICS


def _payload(payload: str, finder: Finder) -> tuple[str | None, Place | None]:
    """Read a deep-link payload like `ro`, `nordstadt` or `ro_nordstadt`."""
    parts = [p for p in payload.lower().replace("-", "_").split("_") if p][:4]
    locale = next((p for p in parts if p in LANGUAGES), None)
    rest = " ".join(p for p in parts if p not in LANGUAGES)
    place = finder.understand(rest).place if rest else None
    return locale, place


def start(state: State, event: Start, finder: Finder, now: datetime) -> Step:
    """Begin again from /start: a language chosen before (or in the link) sticks."""
    locale, place = _payload(event.payload, finder)
    began = State(
        locale=locale or state.locale or hinted(event.hint),
        locale_chosen=bool(locale) or state.locale_chosen,
    )
    if place is not None:
        began = began.with_place(place)
    return ask_next(began, finder, now, [Reply(m.WELCOME)])


def unsupported(state: State, event: Unsupported, finder: Finder, now: datetime) -> Step:
    """Say kindly that only text and buttons are read, and ask again."""
    return repeat(state, finder, now, Reply(m.UNSUPPORTED))


def stale(state: State, event: object, finder: Finder, now: datetime) -> Step:
    """A button of an old message, or forged data: start afresh, kindly."""
    return ask_next(fresh(state), finder, now, [Reply(m.STALE)])


def exit_(state: State, event: object, finder: Finder, now: datetime) -> Step:
    """The quick exit: forget everything and have the adapter delete the messages."""
    return fresh(state), [Reply(m.EXITED, effect="wipe")]


def restart(state: State, event: object, finder: Finder, now: datetime) -> Step:
    """Start over, in the language chosen."""
    return ask_next(fresh(state), finder, now, [Reply(m.RESTARTED)])


def ask_language(state: State, event: object, finder: Finder, now: datetime) -> Step:
    """Offer the interface languages."""
    return replace(state, pending=Pending.LANGUAGE), [question(state, Pending.LANGUAGE, finder)]


def privacy(state: State, event: Command, finder: Finder, now: datetime) -> Step:
    """Say what is kept and what is not."""
    return state, [Reply(m.PRIVACY)]


def help_(state: State, event: Command, finder: Finder, now: datetime) -> Step:
    """Say what the bot does and which commands there are."""
    return state, [Reply(m.HELP)]


def choose_who(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Take who needs help from a button."""
    if choice.value not in AUDIENCES:
        return stale(state, choice, finder, now)
    return ask_next(replace(state, who=choice.value), finder, now)


def choose_topic(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Take the topic from a button ("something else": no topic)."""
    if choice.value not in TOPICS and choice.value != NONE:
        return stale(state, choice, finder, now)
    topics = (choice.value,) if choice.value in TOPICS else ()
    return ask_next(replace(state, topics=topics, topic_done=True), finder, now)


def choose_place(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Take the place from a button ("anywhere": no place)."""
    place = None if choice.value == NONE else resolve(PlaceRef.decode(choice.value), finder)
    return ask_next(state.with_place(place), finder, now)


def choose_language(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Switch the interface language; the choice sticks."""
    if choice.value not in LANGUAGES:
        return stale(state, choice, finder, now)
    state = replace(state, locale=choice.value, locale_chosen=True)
    return ask_next(state, finder, now, [Reply(m.LANGUAGE_SET)])


def topic_yes(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Take the proposed topic."""
    if state.proposal not in TOPICS:
        return stale(state, choice, finder, now)
    state = replace(state, topics=(state.proposal,), topic_done=True, proposal=None)
    return ask_next(state, finder, now)


def topic_no(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Ask for the topic with buttons instead."""
    state = replace(state, pending=Pending.TOPIC, proposal=None)
    return state, [question(state, Pending.TOPIC, finder)]


def place_yes(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Take the proposed place."""
    if not state.proposal:
        return stale(state, choice, finder, now)
    place = resolve(PlaceRef.decode(state.proposal), finder)
    return ask_next(replace(state.with_place(place), proposal=None), finder, now)


def place_no(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Ask for the place with buttons instead."""
    state = replace(state, pending=Pending.PLACE, proposal=None)
    return state, [question(state, Pending.PLACE, finder)]


def safety_answer(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Go on after "I am safe"; anything else gets the emergency answer."""
    return safety.after_check(state, choice.value == "yes", finder, now)


def more_crisis_lines(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Show the crisis lines the first emergency reply left out."""
    return state, [safety.more_lines(state, finder, now)]


def more_results(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Show the next page of contacts."""
    return results(replace(state, page=state.page + 1), finder, now)


def first_results(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Show the first page of contacts (after the crisis lines)."""
    return results(replace(state, page=0), finder, now)


def other_place(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Ask for another place; who and topic stay."""
    state = replace(state, pending=Pending.PLACE, page=0)
    return state, [question(state, Pending.PLACE, finder)]


def other_topic(state: State, choice: Choice, finder: Finder, now: datetime) -> Step:
    """Ask for another topic; who and place stay."""
    state = replace(state, pending=Pending.TOPIC, page=0, topic_done=False, topics=())
    return state, [question(state, Pending.TOPIC, finder)]

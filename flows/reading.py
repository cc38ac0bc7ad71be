"""A typed message: take who, place and topics from it, answer asides, notice danger."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from flows import asides, safety
from flows import messages as m
from flows.asking import (
    LANGUAGE_OPTIONS,
    Step,
    ask_next,
    confirm,
    hinted,
    place_name,
    place_ref,
    question,
    repeat,
)
from flows.choices import Choice, Kind
from flows.events import Option, Reply, Text
from flows.ports import Finder
from flows.state import Pending, State
from knowledge.model import Understanding
from knowledge.vocabulary import DEFAULT_LOCALE, LANGUAGES

UNKNOWN = {
    Pending.WHO: m.WHO_UNKNOWN,
    Pending.PLACE: m.PLACE_UNKNOWN,
    Pending.TOPIC: m.TOPIC_UNKNOWN,
}
"""What to say when a message does not answer the open question."""


def _language(state: State, u: Understanding, event: Text) -> tuple[State, list[Reply]]:
    """Follow the language the person writes in; a language the interface lacks gets a note."""
    if u.language in LANGUAGES:
        if not state.locale_chosen:
            state = replace(state, locale=u.language, locale_chosen=True)
        return state, []
    first = state.spoken != u.language
    locale = state.locale or hinted(event.hint) or DEFAULT_LOCALE
    state = replace(state, locale=locale, spoken=u.language)
    if not first:
        return state, []
    note = Reply(
        m.FOREIGN_NOTE, {"language": u.language}, options=LANGUAGE_OPTIONS, locale=u.language
    )
    return state, [note]


def _names_place(u: Understanding) -> bool:
    """Return whether a message names a place ("anywhere" included)."""
    return u.place is not None or "anywhere" in u.intents


def _wants_place(state: State) -> bool:
    """Return whether a place in a message should be taken: not yet known, or asked again."""
    return not state.place_done or state.pending in (
        Pending.PLACE,
        Pending.CONFIRM_PLACE,
        Pending.RESULTS,
    )


def _answered(state: State, u: Understanding) -> bool:
    """Return whether a message answers the open "where?" or "who?" question."""
    return (state.pending == Pending.PLACE and _names_place(u)) or (
        state.pending == Pending.WHO and bool(u.named_who)
    )


def _proposed_topic(before: State, after: State, u: Understanding) -> bool:
    """Return whether to ask "did you mean <topic>?" for a topic found only through a typo."""
    if not u.topics or u.crisis or u.topics[0] not in u.unsure_topics:
        return False
    return after.topics != u.topics[:3] and not (_answered(before, u) and before.topic_done)


def _absorb(state: State, u: Understanding) -> State:
    """Take who, place and topics from a message into the session (not the unsure ones)."""
    pending = state.pending
    who = u.named_who if pending == Pending.WHO else u.who
    if who and (
        state.who is None
        or pending == Pending.WHO
        or (pending == Pending.RESULTS and not _names_place(u))
    ):
        state = replace(state, who=who)
    if u.place and _wants_place(state) and not (u.unsure_place and not u.crisis):
        state = state.with_place(u.place)
    elif (
        "anywhere" in u.intents
        and pending in (Pending.PLACE, Pending.CONFIRM_PLACE)
        and not u.place
    ):
        state = state.with_place(None)
    if u.topics and not (set(u.topics[:1]) <= set(u.unsure_topics) and not u.crisis):
        state = replace(state, topics=_topics(state, u), topic_done=True, page=0)
    return replace(
        state,
        age=u.age or state.age,
        gender=u.gender or state.gender,
        profession=u.profession or state.profession,
        uninsured=state.uninsured or "uninsured" in u.intents,
        friend=state.friend or "friend" in u.intents,
        by_phone=state.by_phone or "by_phone" in u.intents,
    )


def _topics(state: State, u: Understanding) -> tuple[str, ...]:
    """Return the topics after a message: what it says adds to a topic told before.

    The topic told first stays the main one ("...he's in the living room now" does not turn
    abuse into violence); after the results, or when the topic was asked again, a message
    with a topic starts a new question.
    """
    if not state.topic_done or state.pending in (Pending.TOPIC, Pending.RESULTS):
        return u.topics[:3]
    return tuple(dict.fromkeys((*state.topics, *u.topics)))[:3]


def _asides(
    state: State, u: Understanding, finder: Finder, now: datetime
) -> tuple[State, list[Reply]]:
    """Answer what people ask besides who / where / what: a person now, privacy, a language."""
    out = []
    if "person" in u.intents:
        out.append(asides.person_now(state, finder, now))
    if "privacy" in u.intents:
        out.append(Reply(m.PRIVACY))
    wanted = asides.asked_language(u.intents)
    if wanted:
        state = replace(state, spoken=wanted if wanted not in LANGUAGES else state.spoken)
        out.append(asides.speaking(state, wanted, finder, now))
    return state, out


def _same_slots(a: State, b: State) -> bool:
    return (a.who, a.place, a.place_done, a.topics, a.topic_done) == (
        b.who,
        b.place,
        b.place_done,
        b.topics,
        b.topic_done,
    )


def _proposal(state: State, before: State, u: Understanding, lead: list[Reply]) -> Step | None:
    """Ask "did you mean…?" for a topic or a place found only through a typo."""
    if _proposed_topic(before, state, u):
        state = replace(state, pending=Pending.CONFIRM_TOPIC, proposal=u.topics[0])
        label = m.TOPIC_LABELS[u.topics[0]]
        return state, [*lead, confirm(m.DID_YOU_MEAN_TOPIC, {"topic": label}, "topic")]
    if u.place and u.unsure_place and _wants_place(before) and not u.crisis:
        proposal = place_ref(u.place).encode()
        state = replace(state, pending=Pending.CONFIRM_PLACE, proposal=proposal)
        asked = confirm(m.DID_YOU_MEAN_PLACE, {"place": place_name(u.place)}, "place")
        return state, [*lead, asked]
    return None


def _unchanged(
    state: State, u: Understanding, finder: Finder, now: datetime, lead: list[Reply]
) -> Step | None:
    """Answer a message that changed nothing: a greeting, or "I did not understand"."""
    if "greeting" in u.intents:
        return ask_next(state, finder, now, [*lead, Reply(m.GREETING)])
    if state.pending in UNKNOWN:
        return repeat(state, finder, now, [*lead, Reply(UNKNOWN[state.pending])])
    if state.pending == Pending.RESULTS and not (u.who or u.place or u.topics):
        state = replace(state, pending=Pending.TOPIC, topic_done=False, topics=())
        return state, [*lead, Reply(m.TOPIC_UNKNOWN), question(state, Pending.TOPIC, finder)]
    return None


def _take(state: State, u: Understanding, event: Text, finder: Finder, now: datetime) -> Step:
    """Take a understood message into the session and answer it."""
    state, lead = _language(state, u, event)
    if u.crisis:
        state, answer = safety.emergency(state, u, finder, now)
        lead.append(answer)
    pending, before = state.pending, state
    state = _absorb(state, u)
    proposed = _proposal(state, before, u, lead)
    if proposed is not None:
        return proposed
    state, extra = _asides(state, u, finder, now)
    lead += extra
    if safety.needed(state, u):
        state, check = safety.ask(state)
        return state, [*lead, check]
    if u.crisis:  # the crisis lines stand alone; the rest waits until the person wants it
        if state.missing() is None:
            go_on = (Option(Choice(Kind.NAV, "results").encode(), m.OPT_GO_ON),)
            after = Reply(m.CRISIS_AFTER, options=go_on)
            return replace(state, pending=Pending.RESULTS), [*lead, after]
        return ask_next(state, finder, now, [*lead, Reply(m.CRISIS_AFTER)])
    if extra and _same_slots(state, before):
        return repeat(state, finder, now, lead) if pending != Pending.RESULTS else (state, lead)
    if state == before:
        answered = _unchanged(state, u, finder, now, lead)
        if answered is not None:
            return answered
    return ask_next(state, finder, now, lead)


def _understood(state: State, event: Text, finder: Finder) -> Understanding:
    return finder.understand(event.text, state.locale or hinted(event.hint), event.vector)


def on_text(state: State, event: Text, finder: Finder, now: datetime) -> Step:
    """Answer a typed message in any state."""
    if not event.text.strip():
        return repeat(state, finder, now, Reply(m.EMPTY))
    return _take(state, _understood(state, event, finder), event, finder, now)


def on_text_in_safety(state: State, event: Text, finder: Finder, now: datetime) -> Step:
    """Read a typed answer to "are you safe?": danger gets the emergency answer."""
    if not event.text.strip():
        return repeat(state, finder, now, Reply(m.EMPTY))
    u = _understood(state, event, finder)
    if safety.answered_in_danger(u):
        return safety.after_check(state, False, finder, now)
    return _take(safety.resumed(state), u, event, finder, now)

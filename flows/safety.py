"""Danger in any state of the dialogue: the emergency answer by kind, and the safety check."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from flows import messages as m
from flows.asking import ask_next, results
from flows.choices import Choice, Kind
from flows.events import Option, Reply
from flows.ports import Finder
from flows.state import Pending, State, understanding
from knowledge.model import Understanding

CRISIS_CARDS = 3
"""Crisis lines in the first emergency reply; the rest behind a button (one phone screen)."""
MORE = Choice(Kind.CRISIS, "more")


def emergency(state: State, u: Understanding, finder: Finder, now: datetime) -> tuple[State, Reply]:
    """Return the emergency answer for the kind of crisis: short, with more behind a button."""
    kind = u.crisis_kind or "danger_now"
    lines = finder.emergency(u, now)
    more = (Option(MORE.encode(), m.OPT_MORE_CRISIS),) if len(lines) > CRISIS_CARDS else ()
    reply = Reply(
        m.CRISIS_KINDS[kind],
        cards=tuple(lines[:CRISIS_CARDS]),
        options=more,
        style="short",
        locale=state.spoken,
    )
    return replace(state, crisis_kind=kind), reply


def more_lines(state: State, finder: Finder, now: datetime) -> Reply:
    """Return the crisis lines the first emergency reply left out."""
    u = understanding(state, state.crisis_kind or "danger_now")
    return Reply(m.CRISIS_MORE, cards=tuple(finder.emergency(u, now)[CRISIS_CARDS:]), style="short")


def ask(state: State) -> tuple[State, Reply]:
    """Ask whether the person is safe right now (the dialogue then goes on where it stands)."""
    options = (
        Option(Choice(Kind.SAFE, "yes").encode(), m.OPT_SAFE),
        Option(Choice(Kind.SAFE, "no").encode(), m.OPT_IN_DANGER),
    )
    check = Reply(m.SAFETY_CHECK, options=options, locale=state.spoken)
    return replace(state, pending=Pending.SAFETY, checked=True), check


def needed(state: State, u: Understanding) -> bool:
    """Return whether to ask "are you safe right now?": not twice, not a professional, and not
    of someone who has just said so ("grad ist er nicht da", "i'm safe now")."""
    if "safe_now" in u.intents:
        return False
    return u.safety_check and not state.checked and (state.who or u.who) != "professional"


def answered_in_danger(u: Understanding) -> bool:
    """Return whether a typed answer to the safety check says: not safe.

    A "no", or danger in exact words; the examples alone misread answers such as "he is at
    work now, the children and I are in Bielefeld" too easily.
    """
    return "no" in u.intents or (u.alarm == "lexicon" and "yes" not in u.intents)


def resumed(state: State) -> State:
    """Leave the safety check for the first open question, or the results."""
    return replace(state, pending=state.missing() or Pending.RESULTS)


def after_check(
    state: State, safe: bool, finder: Finder, now: datetime
) -> tuple[State, list[Reply]]:
    """Go on where the dialogue was, or give the emergency answer."""
    state = resumed(state)
    if not safe:
        state, answer = emergency(state, understanding(state, "danger_now"), finder, now)
        return ask_next(state, finder, now, [answer, Reply(m.CRISIS_AFTER)])
    if state.pending == Pending.RESULTS:
        return results(state, finder, now)
    return ask_next(state, finder, now, [Reply(m.SAFE_GO_ON)])

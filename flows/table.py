"""The transition table: it drives step(), and the README diagram and the tests read it.

Each row says: in this open question (or in any), on this event, run this handler, which
may end in these states. step() looks a row up by (pending question, event) and then by
(any, event); an event no row names gets the fallback of its type (a kind answer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from flows import handlers as h
from flows.asking import Step
from flows.choices import Choice
from flows.events import Choose, Command, Event, Start, Text, Unsupported
from flows.ports import Finder
from flows.reading import on_text, on_text_in_safety
from flows.state import SLOTS, Pending, State

Handler = Callable[[State, Any, Finder, datetime], Step]
ANY: Final = "*"
"""A row for every open question (and for a session that has none yet)."""
ASK: Final = "ask"
"""Target: the first empty slot's question, or the results when all three are known."""
SAME: Final = "same"
"""Target: the open question stays as it was."""
NEW: Final = "new"
"""Target: a fresh session with nothing open (after the quick exit)."""
Source = Pending | str
Target = Pending | str


@dataclass(frozen=True)
class Row:
    """One transition: from an open question, on an event, through a handler, to targets."""

    source: Source
    event: str
    handler: Handler
    targets: tuple[Target, ...]


P = Pending
TEXT_ENDS: Final = (ASK, P.CONFIRM_TOPIC, P.CONFIRM_PLACE, P.SAFETY, SAME)
TABLE: Final[tuple[Row, ...]] = (
    Row(ANY, "start", h.start, (ASK,)),
    Row(ANY, "text", on_text, TEXT_ENDS),
    Row(P.SAFETY, "text", on_text_in_safety, TEXT_ENDS),
    Row(ANY, "unsupported", h.unsupported, (SAME, ASK)),
    Row(ANY, "who:", h.choose_who, (ASK,)),
    Row(ANY, "place:", h.choose_place, (ASK,)),
    Row(ANY, "topic:", h.choose_topic, (ASK,)),
    Row(ANY, "lang:", h.choose_language, (ASK,)),
    Row(P.CONFIRM_TOPIC, "yes:", h.topic_yes, (ASK,)),
    Row(P.CONFIRM_TOPIC, "no:", h.topic_no, (P.TOPIC,)),
    Row(P.CONFIRM_PLACE, "yes:", h.place_yes, (ASK,)),
    Row(P.CONFIRM_PLACE, "no:", h.place_no, (P.PLACE,)),
    Row(P.SAFETY, "safe:yes", h.safety_answer, (ASK,)),
    Row(P.SAFETY, "safe:no", h.safety_answer, (ASK,)),
    Row(ANY, "crisis:more", h.more_crisis_lines, (SAME,)),
    Row(P.RESULTS, "nav:more", h.more_results, (P.RESULTS,)),
    Row(P.RESULTS, "nav:results", h.first_results, (P.RESULTS,)),
    Row(P.RESULTS, "nav:place", h.other_place, (P.PLACE,)),
    Row(P.RESULTS, "nav:topic", h.other_topic, (P.TOPIC,)),
    Row(P.RESULTS, "nav:restart", h.restart, (ASK,)),
    Row(P.RESULTS, "nav:exit", h.exit_, (NEW,)),
    Row(ANY, "/restart", h.restart, (ASK,)),
    Row(ANY, "/exit", h.exit_, (NEW,)),
    Row(ANY, "/language", h.ask_language, (P.LANGUAGE,)),
    Row(ANY, "/privacy", h.privacy, (SAME,)),
    Row(ANY, "/help", h.help_, (SAME,)),
)
FALLBACK: Final[dict[type, Row]] = {
    Choose: Row(ANY, "stale button", h.stale, (ASK,)),
    Command: Row(ANY, "/help", h.help_, (SAME,)),
}
"""What an event no row names gets: a stale or forged button starts afresh, kindly."""
QUESTIONS: Final = tuple(Pending)
_ROWS: Final = {(row.source, row.event): row for row in TABLE}


def event_name(event: Event | Choice) -> str:
    """Return the name the table routes an event on: `text`, `/exit`, `who:`, `nav:more`…"""
    if isinstance(event, Choice):
        return event.route
    if isinstance(event, Start):
        return "start"
    if isinstance(event, Text):
        return "text"
    if isinstance(event, Command):
        return f"/{event.name}"
    if isinstance(event, Unsupported):
        return "unsupported"
    raise TypeError(f"not an event: {type(event).__name__}")


def row_for(pending: Pending | None, event: Event) -> tuple[Row, Event | Choice]:
    """Return the row for an event in an open question, and the event as the handler takes it."""
    value: Event | Choice = event
    if isinstance(event, Choose):
        choice = Choice.decode(event.option)
        if choice is None:
            return FALLBACK[Choose], event
        value = choice
    name = event_name(value)
    row = _ROWS.get((pending, name) if pending else (ANY, name)) or _ROWS.get((ANY, name))
    return row or FALLBACK[type(event)], value


def dispatch(state: State, event: Event, finder: Finder, now: datetime) -> Step:
    """Apply one event through its row of the table."""
    row, value = row_for(state.pending, event)
    return row.handler(state, value, finder, now)


def _edges() -> dict[tuple[str, str], list[str]]:
    """Return the diagram's edges, (from, to) -> events, the rows' first, then the rules'."""
    edges: dict[tuple[str, str], list[str]] = {}
    rows = [*TABLE, FALLBACK[Choose]]
    for row in rows:
        source = "any question" if row.source == ANY else str(row.source)
        for target in row.targets:
            label = source if target == SAME else str(target)
            events = edges.setdefault((source, label), [])
            if row.event not in events:
                events.append(row.event)
    for slot in SLOTS:  # "which question next" is a rule: the first empty slot
        edges[(ASK, str(slot))] = [f"{slot} empty"]
    edges[(ASK, str(Pending.RESULTS))] = ["all three known"]
    return edges


def mermaid() -> str:
    """Return the table as a Mermaid state diagram for the README."""
    lines = ["stateDiagram-v2"]
    names: dict[str, str] = {}

    def node(label: str) -> str:
        if label not in names:
            names[label] = f"s{len(names)}"
            lines.append(f'    state "{label}" as {names[label]}')
        return names[label]

    for (source, target), events in _edges().items():
        lines.append(f"    {node(source)} --> {node(target)}: {' / '.join(events)}")
    return "\n".join(lines)

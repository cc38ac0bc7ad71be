"""step(): one event in, the new state and the replies out. Pure: `now` is passed in.

Which handler answers is not decided here but in the transition table (flows/table.py).
"""

from __future__ import annotations

from datetime import datetime

from flows.asking import LANGUAGE_OPTIONS, MAX_RESULTS, PAGE, Step, ask_next, place_name, question
from flows.events import Event
from flows.ports import Finder
from flows.state import State
from flows.table import dispatch

__all__ = [
    "LANGUAGE_OPTIONS",
    "MAX_RESULTS",
    "PAGE",
    "Step",
    "ask_next",
    "place_name",
    "question",
    "step",
]


def step(state: State, event: Event, finder: Finder, now: datetime) -> Step:
    """Apply one event to a session: return the new session and the replies to send."""
    return dispatch(state, event, finder, now)

"""The transition table drives step(): every row is reached, and ends where it says."""

from __future__ import annotations

from dataclasses import replace

import pytest

from flows import messages as m
from flows.choices import Choice, Kind, PlaceRef
from flows.dialogue import step
from flows.events import Choose, Command, Start, Text, Unsupported
from flows.state import Pending, State
from flows.table import ANY, ASK, NEW, SAME, TABLE, Row, event_name, row_for
from tests.conftest import WEDNESDAY_3PM

ALL_KNOWN = State(
    locale="de",
    locale_chosen=True,
    who="own_child",
    city="Dortmund",
    district="Nordstadt",
    state="Nordrhein-Westfalen",
    place_done=True,
    topics=("violence",),
    topic_done=True,
)
STATES = {
    None: State(),
    Pending.WHO: State(locale="de", pending=Pending.WHO),
    Pending.PLACE: State(locale="de", who="self", pending=Pending.PLACE),
    Pending.TOPIC: replace(ALL_KNOWN, topics=(), topic_done=False, pending=Pending.TOPIC),
    Pending.CONFIRM_TOPIC: State(
        locale="de", who="self", pending=Pending.CONFIRM_TOPIC, proposal="violence"
    ),
    Pending.CONFIRM_PLACE: State(
        locale="de", who="self", pending=Pending.CONFIRM_PLACE, proposal="Dortmund|Nordstadt"
    ),
    Pending.LANGUAGE: State(locale="de", pending=Pending.LANGUAGE),
    Pending.SAFETY: replace(ALL_KNOWN, pending=Pending.SAFETY, checked=True),
    Pending.RESULTS: replace(ALL_KNOWN, pending=Pending.RESULTS, crisis_kind="danger_now"),
}
"""A plausible session for every open question."""
EVENTS = {
    "start": Start(),
    "text": Text("Hallo"),
    "unsupported": Unsupported("sticker"),
    "who:": Choose("who:self"),
    "place:": Choose("place:Dortmund|Nordstadt"),
    "topic:": Choose("topic:violence"),
    "lang:": Choose("lang:ro"),
    "yes:": Choose("yes:topic"),
    "no:": Choose("no:topic"),
    "safe:yes": Choose("safe:yes"),
    "safe:no": Choose("safe:no"),
    "crisis:more": Choose("crisis:more"),
    **{f"nav:{v}": Choose(f"nav:{v}") for v in ("more", "results", "place", "topic")},
    "nav:restart": Choose("nav:restart"),
    "nav:exit": Choose("nav:exit"),
    **{f"/{c}": Command(c) for c in ("restart", "exit", "language", "privacy", "help")},
}
"""One example event for every event name the table routes on."""
ASKED = {Pending.WHO, Pending.PLACE, Pending.TOPIC, Pending.RESULTS}


def cases() -> list[tuple[Row, Pending | None]]:
    """Every row with every open question it is the row for."""
    out = []
    for row in TABLE:
        sources = list(STATES) if row.source == ANY else [row.source]
        for pending in sources:
            if row_for(pending, EVENTS[row.event])[0] is row:
                out.append((row, pending))
    return out


def test_every_event_of_the_table_has_an_example_named_as_the_table_names_it() -> None:
    assert {row.event for row in TABLE} == set(EVENTS)
    for name, event in EVENTS.items():
        value = Choice.decode(event.option) if isinstance(event, Choose) else event
        assert value is not None and event_name(value) == name


def test_every_row_is_reached_from_its_own_question() -> None:
    for row in TABLE:
        if row.source != ANY:
            assert row_for(row.source, EVENTS[row.event])[0] is row, row
    assert {id(row) for row, _ in cases()} == {id(row) for row in TABLE}


@pytest.mark.parametrize(
    ("row", "pending"),
    cases(),
    ids=lambda v: v.event if isinstance(v, Row) else str(v),
)
def test_a_row_ends_in_one_of_its_targets(finder, row: Row, pending: Pending | None) -> None:
    state = STATES[pending]
    after, replies = step(state, EVENTS[row.event], finder, WEDNESDAY_3PM)
    allowed: set[Pending | None] = set()
    for target in row.targets:
        if target == ASK:
            allowed |= ASKED
        elif target == SAME:
            allowed.add(pending)
        elif target == NEW:
            allowed.add(None)
        else:
            allowed.add(Pending(target))
    assert replies, "never silence"
    assert after.pending in allowed, (row.event, pending, after.pending)
    assert after.pending is None or isinstance(after.pending, Pending)


def test_a_button_of_another_question_is_a_stale_button(finder) -> None:
    state, out = step(STATES[Pending.WHO], Choose("nav:more"), finder, WEDNESDAY_3PM)
    assert out[0].msg == m.STALE and state.pending == Pending.WHO
    state, out = step(STATES[Pending.WHO], Choose("yes:topic"), finder, WEDNESDAY_3PM)
    assert out[0].msg == m.STALE


@pytest.mark.parametrize("data", ["nav:teleport", "lang:xx", "who:", "bogus:1", "nav", ""])
def test_forged_button_data_gets_the_stale_answer(finder, data: str) -> None:
    state, out = step(STATES[Pending.RESULTS], Choose(data), finder, WEDNESDAY_3PM)
    assert out[0].msg == m.STALE and state.pending in ASKED


def test_an_unknown_command_gets_the_help() -> None:
    assert (
        row_for(Pending.WHO, Command("frobnicate"))[0].handler
        is row_for(None, Command("help"))[0].handler
    )


def test_a_typed_answer_to_the_safety_check_has_its_own_row(finder) -> None:
    row, _ = row_for(Pending.SAFETY, Text("nein"))
    assert row.source == Pending.SAFETY
    _, out = step(STATES[Pending.SAFETY], Text("nein"), finder, WEDNESDAY_3PM)
    assert out[0].style == "short" and out[0].cards  # the emergency answer


def test_a_stored_pending_string_is_read_as_a_pending() -> None:
    assert State(pending="confirm_place").pending is Pending.CONFIRM_PLACE  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        State(pending="teleport")  # type: ignore[arg-type]


def test_callback_data_round_trips_and_stays_within_64_bytes() -> None:
    for kind in Kind:
        assert Choice.decode(Choice(kind, "x").encode()) == Choice(kind, "x")
    assert Choice.decode("who:" + "ä" * 31) is None  # 66 bytes
    assert Choice.decode("teleport:x") is None and Choice.decode("who") is None
    assert PlaceRef.decode(PlaceRef("Dortmund", "Nordstadt").encode()) == PlaceRef(
        "Dortmund", "Nordstadt"
    )
    assert PlaceRef.decode("Bielefeld|") == PlaceRef("Bielefeld", None)
    for bad in ("Dortmund", "|Nordstadt", "a|b|c", ""):
        assert PlaceRef.decode(bad) is None


def test_a_stored_row_with_a_pending_question_is_read_back_as_one() -> None:
    from bot.persistence import decode_state
    from bot.sessions import Reset

    raw = '{"version": 2, "state": {"pending": "confirm_place", "proposal": "Dortmund|"}}'
    assert decode_state(raw) == State(pending=Pending.CONFIRM_PLACE, proposal="Dortmund|")
    assert isinstance(decode_state('{"version": 2, "state": {"pending": "teleport"}}'), Reset)


def test_start_keeps_the_language_chosen_before(finder) -> None:
    chosen, _ = step(State(), Choose("lang:ro"), finder, WEDNESDAY_3PM)
    again, _ = step(chosen, Start(), finder, WEDNESDAY_3PM)
    assert (again.locale, again.locale_chosen) == ("ro", True)
    after, _ = step(again, Text("Mein Kind wird in der Schule gemobbt"), finder, WEDNESDAY_3PM)
    assert after.locale == "ro"  # German words do not switch a chosen interface


def test_every_command_has_its_row_and_its_menu_text() -> None:
    from flows.events import COMMANDS
    from flows.messages import COMMAND_DESCRIPTIONS

    assert {f"/{c}" for c in COMMANDS} == {r.event for r in TABLE if r.event.startswith("/")}
    assert set(COMMANDS) | {"start"} == set(COMMAND_DESCRIPTIONS)

"""What each button, command and deep link does to the session (flows/handlers.py), through
step(): the state after it and the replies, written out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from flows import messages as m
from flows.dialogue import step
from flows.events import Choose, Command, Start, Unsupported
from flows.state import Pending, State
from tests.conftest import WEDNESDAY_3PM
from tests.test_table import ALL_KNOWN

NOW = WEDNESDAY_3PM
KNOWN = replace(ALL_KNOWN, locale="ro", who="self", pending=Pending.RESULTS)
"""Who, place and topic known, results shown, Romanian chosen."""


def msgs(replies) -> list[str]:
    return [r.msg for r in replies]


@pytest.mark.parametrize(
    ("payload", "locale", "district"),
    [
        ("RO-Nordstadt", "ro", "Nordstadt"),
        ("nordstadt_en", "en", "Nordstadt"),
        ("x_y_z_w_nordstadt", None, None),  # four parts at most
        ("__ro__", "ro", None),
    ],
)
def test_a_deep_link_is_read_in_any_case_with_dashes_or_underscores(
    finder, payload, locale, district
) -> None:
    state, replies = step(State(), Start(payload), finder, NOW)
    assert (state.locale, state.district) == (locale, district)
    assert replies[0].msg == m.WELCOME


def test_start_keeps_a_language_chosen_before_else_takes_the_hint(finder) -> None:
    chosen, _ = step(State(locale="tr", locale_chosen=True), Start(), finder, NOW)
    assert (chosen.locale, chosen.locale_chosen) == ("tr", True)
    hinted, _ = step(State(), Start(hint="ro"), finder, NOW)
    assert (hinted.locale, hinted.locale_chosen) == ("ro", False)
    unknown, _ = step(State(), Start(hint="xx"), finder, NOW)
    assert unknown.locale is None
    linked, _ = step(State(locale="tr", locale_chosen=True), Start("en"), finder, NOW)
    assert (linked.locale, linked.locale_chosen) == ("en", True)
    assert linked.who is None  # the rest starts afresh


def test_a_sticker_gets_the_kind_answer_and_the_open_question_again(finder) -> None:
    asked = State(locale="de", who="self", pending=Pending.PLACE)
    state, replies = step(asked, Unsupported("sticker"), finder, NOW)
    assert msgs(replies) == [m.UNSUPPORTED, m.ASK_PLACE] and state == asked


def test_the_quick_exit_forgets_all_but_the_language_and_says_so_once(finder) -> None:
    state, replies = step(KNOWN, Command("exit"), finder, NOW)
    assert state == State(locale="ro", locale_chosen=True)
    assert [(r.msg, r.effect) for r in replies] == [(m.EXITED, "wipe")]
    same, replies = step(KNOWN, Choose("nav:exit"), finder, NOW)
    assert same == state and replies[0].effect == "wipe"


def test_restart_keeps_the_language_and_asks_who(finder) -> None:
    state, replies = step(KNOWN, Command("restart"), finder, NOW)
    assert msgs(replies) == [m.RESTARTED, m.ASK_WHO]
    assert state == State(locale="ro", locale_chosen=True, pending=Pending.WHO)


def test_help_and_privacy_answer_without_changing_anything(finder) -> None:
    for name, msg in (("help", m.HELP), ("privacy", m.PRIVACY)):
        state, replies = step(KNOWN, Command(name), finder, NOW)
        assert state == KNOWN and msgs(replies) == [msg]


def test_the_language_question_offers_every_language(finder) -> None:
    state, replies = step(KNOWN, Command("language"), finder, NOW)
    assert state == replace(KNOWN, pending=Pending.LANGUAGE)
    assert msgs(replies) == [m.ASK_LANGUAGE] and len(replies[0].options) == 7


@pytest.mark.parametrize("data", ["who:nobody", "topic:cooking", "lang:xx"])
def test_a_forged_value_is_a_stale_button(finder, data) -> None:
    state, replies = step(replace(KNOWN, pending=Pending.WHO), Choose(data), finder, NOW)
    assert replies[0].msg == m.STALE
    assert state.who is None and state.locale == "ro"


def test_something_else_is_no_topic_but_answered(finder) -> None:
    asked = replace(KNOWN, topics=(), topic_done=False, pending=Pending.TOPIC)
    state, replies = step(asked, Choose("topic:none"), finder, NOW)
    assert (state.topics, state.topic_done) == ((), True)
    assert replies[-1].msg == m.GENERAL_LINES


def test_anywhere_is_no_place_but_answered(finder) -> None:
    asked = State(locale="de", who="self", pending=Pending.PLACE)
    state, _replies = step(asked, Choose("place:none"), finder, NOW)
    assert (state.place, state.place_done, state.pending) == (None, True, Pending.TOPIC)


def test_choosing_a_language_sticks_and_says_so(finder) -> None:
    asked = State(locale="de", pending=Pending.LANGUAGE)
    state, replies = step(asked, Choose("lang:uk"), finder, NOW)
    assert (state.locale, state.locale_chosen) == ("uk", True)
    assert msgs(replies) == [m.LANGUAGE_SET, m.ASK_WHO]


def test_yes_to_a_proposed_topic_takes_it_and_forgets_the_proposal(finder) -> None:
    asked = State(locale="de", who="self", pending=Pending.CONFIRM_TOPIC, proposal="neglect")
    state, replies = step(asked, Choose("yes:topic"), finder, NOW)
    assert (state.topics, state.topic_done, state.proposal) == (("neglect",), True, None)
    assert replies[-1].msg == m.ASK_PLACE
    forged = replace(asked, proposal="cooking")
    _, replies = step(forged, Choose("yes:topic"), finder, NOW)
    assert replies[0].msg == m.STALE


def test_no_to_a_proposed_topic_asks_with_buttons(finder) -> None:
    asked = State(locale="de", who="self", pending=Pending.CONFIRM_TOPIC, proposal="neglect")
    state, replies = step(asked, Choose("no:topic"), finder, NOW)
    assert (state.pending, state.proposal, state.topics) == (Pending.TOPIC, None, ())
    assert msgs(replies) == [m.ASK_TOPIC]


def test_yes_to_a_proposed_place_takes_it(finder) -> None:
    asked = State(
        locale="de", who="self", pending=Pending.CONFIRM_PLACE, proposal="Dortmund|Nordstadt"
    )
    state, replies = step(asked, Choose("yes:place"), finder, NOW)
    assert (state.city, state.district, state.place_done, state.proposal) == (
        "Dortmund",
        "Nordstadt",
        True,
        None,
    )
    assert replies[-1].msg == m.ASK_TOPIC
    _, replies = step(replace(asked, proposal=None), Choose("yes:place"), finder, NOW)
    assert replies[0].msg == m.STALE


def test_no_to_a_proposed_place_asks_with_buttons(finder) -> None:
    asked = State(locale="de", who="self", pending=Pending.CONFIRM_PLACE, proposal="Dortmund|")
    state, replies = step(asked, Choose("no:place"), finder, NOW)
    assert (state.pending, state.proposal, state.place_done) == (Pending.PLACE, None, False)
    assert msgs(replies) == [m.ASK_PLACE]


def test_safe_goes_on_not_safe_gives_the_emergency_answer(finder) -> None:
    asked = replace(KNOWN, pending=Pending.SAFETY, checked=True)
    _, replies = step(asked, Choose("safe:yes"), finder, NOW)
    assert replies[-1].msg == m.RESULTS and not any(r.style == "short" for r in replies)
    _, replies = step(asked, Choose("safe:no"), finder, NOW)
    assert replies[0].msg == m.CRISIS_KINDS["danger_now"]
    assert [c.service.id for c in replies[0].cards][:2] == ["polizei-notruf-110", "notruf-112"]


def test_more_results_then_back_to_the_first_page(finder) -> None:
    anywhere = replace(KNOWN, city=None, district=None, state=None)
    page2, replies = step(anywhere, Choose("nav:more"), finder, NOW)
    assert page2.page == 1 and replies[-1].msg == m.RESULTS_MORE
    first, replies = step(page2, Choose("nav:results"), finder, NOW)
    assert first.page == 0 and replies[-1].msg == m.RESULTS_ANYWHERE


def test_another_place_keeps_who_and_topic_and_starts_at_the_first_page(finder) -> None:
    state, replies = step(replace(KNOWN, page=2), Choose("nav:place"), finder, NOW)
    assert (state.pending, state.page, state.who, state.topics) == (
        Pending.PLACE,
        0,
        "self",
        ("violence",),
    )
    assert msgs(replies) == [m.ASK_PLACE]


def test_another_topic_clears_the_topic_and_keeps_the_place(finder) -> None:
    state, replies = step(replace(KNOWN, page=2), Choose("nav:topic"), finder, NOW)
    assert (state.pending, state.page, state.topics, state.topic_done) == (
        Pending.TOPIC,
        0,
        (),
        False,
    )
    assert state.district == "Nordstadt" and msgs(replies) == [m.ASK_TOPIC]


def test_yes_to_the_last_missing_answer_shows_the_results(finder) -> None:
    topic = State(
        locale="de",
        who="self",
        city="Dortmund",
        district="Nordstadt",
        state="Nordrhein-Westfalen",
        place_done=True,
        pending=Pending.CONFIRM_TOPIC,
        proposal="violence",
    )
    state, replies = step(topic, Choose("yes:topic"), finder, NOW)
    assert state.pending == Pending.RESULTS and replies[-1].cards
    place = State(
        locale="de",
        who="self",
        topics=("violence",),
        topic_done=True,
        pending=Pending.CONFIRM_PLACE,
        proposal="Dortmund|Nordstadt",
    )
    state, replies = step(place, Choose("yes:place"), finder, NOW)
    assert state.pending == Pending.RESULTS and replies[-1].msg == m.RESULTS

"""Hypothesis: hostile text never raises, answers fit the contract, the dialogue always answers."""

import json
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from bot.answer import CONTRACT_FIELDS, answer
from bot.conversation import Conversation
from bot.render import Renderer
from flows import messages as m
from flows.dialogue import step
from flows.events import Choose, Command, Start, Text, Unsupported
from flows.state import State
from knowledge.finder import Finder
from knowledge.vocabulary import (
    AUDIENCES,
    CRISIS_KINDS,
    LANGUAGES,
    TOPICS,
    UNDERSTOOD_LANGUAGES,
)
from tests.conftest import WEDNESDAY_3PM

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Co", "So", "Mn"]), max_size=200),
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", "replace")),
    st.sampled_from(
        [
            "",
            " ",
            "\u200b\u200f\u202e",
            "🙂" * 50,
            "<b>x</b>",
            "'; DROP TABLE services;--",
            "a" * 4096,
            "ma bate " * 2000,
            "\x00\x01\x02",
            "44145" * 100,
        ]
    ),
    st.lists(
        st.sampled_from(
            [
                "ma",
                "bate",
                "ich",
                "will",
                "sterben",
                "nordstadt",
                "loverboy",
                "mein",
                "kind",
                "my",
                "dad",
                "hits",
                "me",
                "44145",
                "nu",
                "mehr",
            ]
        ),
        max_size=30,
    ).map(" ".join),
)
SUGGESTION_KEYS = set(CONTRACT_FIELDS)
_FINDER: Finder | None = None


def finder_once() -> Finder:
    global _FINDER
    if _FINDER is None:
        import tempfile
        from pathlib import Path

        from knowledge.finder import build

        _FINDER = Finder.load(build(target=Path(tempfile.mkdtemp()) / "kb.sqlite"))
    return _FINDER


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE, lang=st.sampled_from([None, *LANGUAGES]))
def test_any_text_gives_a_contract_answer(text: str, lang) -> None:
    result = answer(finder_once(), text, WEDNESDAY_3PM, lang)
    json.loads(json.dumps(result, ensure_ascii=False))
    assert result["language"] in UNDERSTOOD_LANGUAGES
    assert isinstance(result["crisis"], bool)
    assert result["who"] in (None, *AUDIENCES)
    assert result["place"] is None or set(result["place"]) == {"city", "district"}
    assert all(t in TOPICS for t in result["topics"])
    for s in result["suggestions"]:
        assert set(s) >= SUGGESTION_KEYS
    assert isinstance(result["safety_check"], bool)
    assert not (result["crisis"] and result["safety_check"])  # contract: never both
    if result["crisis"]:
        assert result["crisis_kind"] in CRISIS_KINDS
        assert result["suggestions"][0]["phone"] in ("112", "110")
    else:
        assert result["crisis_kind"] is None


EVENTS = st.one_of(
    st.builds(
        Start, st.sampled_from(["", "ro", "en", "de", "nordstadt", "ro_nordstadt", "x" * 64])
    ),
    st.builds(Text, HOSTILE),
    st.builds(
        Text,
        st.sampled_from(
            [
                "ich will sterben",
                "vreau sa mor",
                "i want to kill myself",
                "ma bate tata",
                "44145",
                "loverboy",
                "1",
                "2",
                "ja",
                "da",
            ]
        ),
    ),
    st.builds(
        Choose,
        st.sampled_from(
            [
                "who:self",
                "who:own_child",
                "place:Dortmund|Nordstadt",
                "place:none",
                "topic:violence",
                "topic:none",
                "nav:more",
                "nav:place",
                "nav:topic",
                "nav:restart",
                "nav:exit",
                "yes:topic",
                "no:topic",
                "lang:ro",
                "bogus",
                "who:king",
                "x" * 64,
            ]
        ),
    ),
    st.builds(Command, st.sampled_from(["help", "language", "restart", "privacy", "exit", "nope"])),
    st.builds(Unsupported, st.sampled_from(["sticker", "photo", "voice", "location"])),
)
CRISIS_TEXTS = ["ich will sterben", "vreau sa mor", "i want to kill myself"]


class DialogueMachine(RuleBasedStateMachine):
    """Random events in any order: never raise, always answer, JSON round-trip, crisis wins."""

    @initialize()
    def setup(self) -> None:
        self.finder = finder_once()
        self.state = State()

    @rule(event=EVENTS)
    def any_event(self, event) -> None:
        self.state, replies = step(self.state, event, self.finder, WEDNESDAY_3PM)
        assert replies, f"no answer to {event!r}"
        renderer = Renderer(self.state.locale or "de", "html")
        for reply in replies:
            renderer.reply(reply, WEDNESDAY_3PM)
        if isinstance(event, Text) and event.text in CRISIS_TEXTS:
            assert replies[0].msg in m.CRISIS_KINDS.values()

    @invariant()
    def round_trips(self) -> None:
        if hasattr(self, "state"):
            assert State.from_json(self.state.to_json()) == self.state


DialogueMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestDialogue = DialogueMachine.TestCase


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(HOSTILE, max_size=8))
def test_conversation_renders_anything(lines) -> None:
    conversation = Conversation(finder_once(), markup="html")
    for line in lines:
        out = conversation.handle(
            1, Text(line), datetime(2026, 11, 25, 15, tzinfo=WEDNESDAY_3PM.tzinfo)
        )
        assert out.messages or out.wipe is False

"""Transcript files per language, run against Conversation and through the terminal adapter."""

import pytest

from bot.conversation import Conversation
from knowledge.vocabulary import LANGUAGES
from tests.conftest import WEDNESDAY_3PM
from tests.transcript import DIR, load, via_conversation, via_terminal

SCRIPTS = [(path.stem, script) for path in sorted(DIR.glob("*.yaml")) for script in load(path)]


@pytest.mark.parametrize(
    ("lang", "script"), SCRIPTS, ids=lambda v: v if isinstance(v, str) else v["name"]
)
def test_transcript_conversation(finder, lang, script) -> None:
    conversation = Conversation(finder)
    conversation.handle(
        "terminal",
        __import__("flows.events").events.Start(script.get("lang", "")),
        WEDNESDAY_3PM,
        hint=script.get("lang"),
    )
    via_conversation(conversation, script, WEDNESDAY_3PM)


@pytest.mark.parametrize(
    ("lang", "script"), SCRIPTS, ids=lambda v: v if isinstance(v, str) else v["name"]
)
def test_transcript_terminal(finder, lang, script) -> None:
    via_terminal(Conversation(finder), script, WEDNESDAY_3PM)


def test_every_language_has_transcripts() -> None:
    assert {lang for lang, _ in SCRIPTS} == set(LANGUAGES)

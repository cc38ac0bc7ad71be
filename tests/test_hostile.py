"""Hostile input through the whole Conversation: no crash, escaped output, an answer in time."""

import random
import time
from statistics import median

import pytest

from bot.conversation import Conversation
from flows.events import Text
from tests.conftest import WEDNESDAY_3PM

rng = random.Random(4096)
HOSTILE = {
    "telegram-max 4096": "ma bate tata " * 315,
    "100k characters": "ich will hilfe " * 7143,
    "control chars": "".join(chr(c) for c in range(32)) * 20 + "hilfe",
    "zero-width and RTL": "\u200b\u200c\u200d\u2060\u200e\u200f\u202a\u202b\u202e\u2066" * 50
    + "loverboy",
    "emoji only": "😭🔥💀🙏" * 300,
    "html": "<b>x</b><script>alert(1)</script><a href='javascript:x'>y</a> &amp; &lt;",
    "sql": "'; DROP TABLE services; -- \" OR 1=1 /* nordstadt */",
    "binary-looking": bytes(rng.randrange(256) for _ in range(4000)).decode("latin-1"),
    "format strings": "{place} {0} %s %(x)s {{}} {__class__}",
    "surrogate escape": "\udcff\udcfe hilfe",
    "mixed scripts": "ма бате тата مرحبا 你好 ich werde geschlagen",
}
BUDGET_MS = 1000.0
"""A guard against pathological slowness (the encoder sees a bounded prefix), not a speed
target: `helpfinder bench` measures speed."""


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_message_gets_a_kind_escaped_answer_in_time(finder, name: str) -> None:
    text = HOSTILE[name]
    timings = []
    for _ in range(3):
        conversation = Conversation(finder, markup="html")
        started = time.perf_counter()
        out = conversation.handle(1, Text(text), WEDNESDAY_3PM)
        timings.append((time.perf_counter() - started) * 1000)
        assert out.messages, "never silence"
        for message in out.messages:
            assert "<script>" not in message.text and "javascript:" not in message.text
            assert len(message.text) > 0
            message.text.encode("utf-8")  # sendable
    took = median(timings)
    print(f"\n{name}: {len(text)} chars answered in {took:.1f} ms (median of 3)")
    assert took < BUDGET_MS


def test_user_html_is_never_echoed_raw_or_escaped(finder) -> None:
    """The bot answers what a message means and never repeats its words: neither the markup
    nor its escaped form comes back, while the meaning (exploitation, Nordstadt) does."""
    conversation = Conversation(finder, markup="html")
    conversation.handle(1, Text("/start"), WEDNESDAY_3PM)
    out = conversation.handle(1, Text("<b>nordstadt</b> & <i>loverboy</i>"), WEDNESDAY_3PM)
    joined = "\n".join(m.text for m in out.messages)
    for echo in ("<i>", "&lt;i&gt;", "loverboy", "<b>nordstadt"):
        assert echo not in joined
    session = conversation.store.get(1).state
    assert session.topics[:1] == ("exploitation",) and session.district == "Nordstadt"

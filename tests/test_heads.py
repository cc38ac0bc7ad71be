"""The linear heads: targets, training, storage in the database, and their share in the vote."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge import heads, store
from knowledge.examples import Example
from knowledge.explain import explain
from knowledge.finder import Finder
from knowledge.heads import NONE, classes, targets, train
from knowledge.loader import load_sources
from knowledge.semantic import HEAD_SHARE, Bank, blend


def example(topics=(), who=None, crisis=None) -> Example:
    return Example("x", "de", tuple(topics), who, crisis)


def test_targets_weigh_an_examples_topics_by_position() -> None:
    y = targets("topic", [example(("neglect", "health")), example()])
    order = classes("topic")
    assert y[0, order.index("neglect")] == pytest.approx(1 / 1.5)
    assert y[0, order.index("health")] == pytest.approx(0.5 / 1.5)
    assert y[1, order.index(NONE)] == 1.0
    assert y.sum(axis=1) == pytest.approx([1.0, 1.0])


def test_targets_of_who_and_crisis_are_one_class_each() -> None:
    y = targets("who", [example(who="professional"), example()])
    assert classes("who")[int(np.argmax(y[0]))] == "professional"
    assert classes("who")[int(np.argmax(y[1]))] == NONE
    y = targets("crisis", [example(crisis="suicidal")])
    assert classes("crisis")[int(np.argmax(y[0]))] == "suicidal"


def _clusters() -> tuple[list[Example], np.ndarray]:
    """Two tight clusters of unit vectors: violence + danger now, and work, calm."""
    rng = np.random.default_rng(7)
    centres = np.eye(8, dtype=np.float32)[:2]
    rows, bank = [], []
    for i in range(40):
        side = i % 2
        v = centres[side] + 0.05 * rng.standard_normal(8).astype(np.float32)
        rows.append(v / np.linalg.norm(v))
        bank.append(
            example(("violence",), "self", "danger_now")
            if side == 0
            else example(("work",), "professional", None)
        )
    return bank, np.array(rows, dtype=np.float32)


def test_heads_learn_the_border_between_two_kinds_of_message() -> None:
    bank, vectors = _clusters()
    topic, who, crisis = train(bank, vectors)
    near_violence = np.eye(8, dtype=np.float32)[0]
    near_work = np.eye(8, dtype=np.float32)[1]
    assert max(topic.probabilities(near_violence).items(), key=lambda x: x[1])[0] == "violence"
    assert max(topic.probabilities(near_work).items(), key=lambda x: x[1])[0] == "work"
    assert who.probabilities(near_work)["professional"] > 0.8
    assert crisis.probabilities(near_violence)["danger_now"] > 0.8
    assert sum(crisis.probabilities(near_work).values()) < 0.2
    assert NONE not in crisis.probabilities(near_work)


def test_training_is_deterministic() -> None:
    bank, vectors = _clusters()
    first, again = train(bank, vectors), train(bank, vectors)
    for a, b in zip(first, again, strict=True):
        assert np.array_equal(a.weights, b.weights)


def test_an_empty_bank_has_no_heads() -> None:
    assert train([], np.zeros((0, 8), dtype=np.float32)) == ()


def test_blend_mixes_by_the_heads_share() -> None:
    mixed = blend({"violence": 1.0}, {"violence": 0.2, "neglect": 0.8})
    assert mixed["violence"] == pytest.approx((1 - HEAD_SHARE) + HEAD_SHARE * 0.2)
    assert mixed["neglect"] == pytest.approx(HEAD_SHARE * 0.8)
    assert blend({"violence": 1.0}, None) == {"violence": 1.0}


def test_the_vote_carries_what_each_head_said() -> None:
    bank, vectors = _clusters()
    found = train(bank, vectors)
    vote = Bank(tuple(bank), vectors, found).vote(np.eye(8, dtype=np.float32)[1])
    assert set(vote.learned) == {"topic", "who", "crisis"}
    alone = Bank(tuple(bank), vectors).vote(np.eye(8, dtype=np.float32)[1])
    assert vote.learned["topic"]["work"] > 0.5
    assert vote.topics["work"] == pytest.approx(
        (1 - HEAD_SHARE) * alone.topics["work"] + HEAD_SHARE * vote.learned["topic"]["work"]
    )
    assert alone.learned == {}


class Fixed:
    """A stand-in encoder: a vector from the text's first letter."""

    name = "fixed-test-encoder"
    dim = 8

    def embed(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, t in enumerate(texts):
            out[row, ord(t[0]) % self.dim] = 1.0
        return out


def test_the_build_stores_the_heads_and_the_finder_uses_them(tmp_path: Path) -> None:
    sources = load_sources()
    path = store.write(sources, tmp_path / "kb.sqlite", encoder=Fixed())
    loaded = store.read(path)
    assert [h.name for h in loaded.heads] == list(heads.NAMES)
    assert loaded.vectors is not None
    for stored, fresh in zip(loaded.heads, train(loaded.examples, loaded.vectors), strict=True):
        assert stored.classes == fresh.classes
        assert np.allclose(stored.weights, fresh.weights)
    finder = Finder(loaded, encoder=Fixed())
    assert finder.bank is not None and finder.bank.heads == loaded.heads


def test_a_build_without_the_encoder_has_no_heads(tmp_path: Path) -> None:
    path = store.write(load_sources(), tmp_path / "kb.sqlite", encoder=None)
    assert store.read(path).heads == ()


def test_the_bundled_knowledge_base_has_all_three_heads(kb_path: Path) -> None:
    loaded = store.read(kb_path)
    assert tuple(h.name for h in loaded.heads) == heads.NAMES
    assert all(h.weights.shape == (385, len(h.classes)) for h in loaded.heads)


def test_kb_explain_shows_what_each_head_said(finder) -> None:
    out = explain(finder, "seit wochen kommt mein stiefvater nachts in mein zimmer")
    for name in heads.NAMES:
        assert f"  head {name}: " in out
    assert "nearest examples (nearest" in out


def test_kb_explain_says_when_the_vote_tells_no_matter(finder) -> None:
    idiom = explain(finder, "lol my mum is gonna kill me, I dyed my hair green")
    assert "(tells no matter)" in idiom and "topics: -" in idiom
    told = explain(finder, "seit wochen kommt mein stiefvater nachts in mein zimmer")
    assert "(tells no matter)" not in told and "no matter 0." in told


def test_kb_explain_says_what_turned_an_alarm_into_a_question(finder) -> None:
    joke = explain(finder, "if the bus is late one more time im jumping off a bridge lol")
    assert "read as: marked a joke" in joke and "safety check: True" in joke
    assert "read as: -" in explain(finder, "ich will mich umbringen")
    assert "a time near now" in explain(finder, "er will mich heute abend treffen")

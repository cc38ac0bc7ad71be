"""Understanding accuracy on every labelled set: floors that guard against regressions.

The dev set (utterances.jsonl) was tuned on. The held-out sets were written by others who
never saw the lexicon or the example bank; heldout4 to heldout8 were scored once before any
tuning (docs/scores/first-*.txt, README). The floors sit a little below today's scores, so a
change that makes understanding worse fails here.
"""

from pathlib import Path

import pytest

from tests.accuracy import evaluate, load, report

DATA = Path(__file__).resolve().parent / "data"
FLOORS = {
    "utterances": {
        "topic@3": 0.97,
        "topic@1": 0.92,
        "crisis_recall": 1.0,
        "crisis_precision": 0.95,
        "place": 0.99,
        "language": 0.99,
        "who": 0.86,
    },
    "heldout": {
        "topic@3": 0.96,
        "crisis_recall": 1.0,
        "crisis_precision": 0.8,
        "place": 0.99,
        "language": 0.98,
    },
    "heldout2": {
        "topic@3": 0.97,
        "crisis_recall": 1.0,
        "crisis_precision": 0.95,
        "place": 0.99,
        "language": 0.99,
    },
    "heldout3": {
        "topic@3": 0.95,
        "crisis_recall": 1.0,
        "crisis_precision": 0.9,
        "place": 0.99,
        "language": 0.99,
    },
    "heldout4": {
        "topic@3": 0.91,
        "topic@1": 0.78,
        "crisis_recall": 0.98,
        "crisis_precision": 0.83,
        "place": 0.99,
        "language": 0.99,
        "who": 0.82,
    },
    "heldout6": {
        "topic@3": 0.82,
        "topic@1": 0.72,  # 0.723 since the bank's fourth writer (was 0.742)
        "crisis_recall": 0.92,
        "crisis_precision": 0.85,
        "place": 0.95,
        "language": 0.98,
        "who": 0.74,
    },
    "heldout7": {
        "topic@3": 0.82,
        "topic@1": 0.69,
        "crisis_recall": 0.92,
        "crisis_precision": 0.93,
        "place": 0.95,
        "language": 0.96,
        "who": 0.72,
    },
    "heldout8": {  # first scoring 2026-12-05 (docs/scores/first-heldout8.txt)
        "topic@3": 0.79,
        "topic@1": 0.63,
        "crisis_recall": 0.95,
        "crisis_precision": 0.85,
        "place": 0.96,
        "language": 0.97,
        "who": 0.65,
    },
    "heldout9": {  # first scoring 2026-12-05 (docs/scores/first-heldout9.txt)
        "topic@3": 0.88,
        "topic@1": 0.74,
        "crisis_recall": 0.94,
        "crisis_precision": 0.86,
        "place": 0.95,
        "language": 0.97,
        "who": 0.71,
    },
    "heldout10": {  # first scoring 2026-12-05 (docs/scores/first-heldout10.txt)
        "topic@3": 0.85,
        "topic@1": 0.74,
        "crisis_recall": 0.96,
        "crisis_precision": 0.86,
        "place": 0.96,
        "language": 0.96,
        "who": 0.74,
    },
    "heldout11": {  # first scoring 2026-12-05, in three parts (first-heldout11.txt)
        "topic@3": 0.84,
        "topic@1": 0.73,
        "crisis_recall": 0.94,
        "crisis_precision": 0.82,
        "place": 0.96,
        "language": 0.96,
        "who": 0.7,
    },
    "heldout12": {  # first scoring 2026-12-05 on the previous session's code (first-heldout12.txt)
        "topic@3": 0.85,
        "topic@1": 0.74,
        "crisis_recall": 0.96,
        "crisis_precision": 0.85,
        "place": 0.95,
        "language": 0.96,
        "who": 0.74,
    },
    "heldout13": {  # first scoring 2026-12-05 after the session's who change (first-heldout13.txt)
        "topic@3": 0.85,
        "topic@1": 0.74,
        "crisis_recall": 0.98,
        "crisis_precision": 0.86,
        "place": 0.96,
        "language": 0.96,
        "who": 0.75,
    },
    "heldout14": {  # first scoring 2026-12-05, six languages (first-heldout14.txt)
        "topic@3": 0.78,
        "topic@1": 0.7,
        "crisis_recall": 0.94,
        "crisis_precision": 0.85,
        "place": 0.95,
        "language": 0.88,
        "who": 0.84,
    },
    "heldout15": {  # first scoring 2026-12-06 (first-heldout15.txt)
        "topic@3": 0.81,
        "topic@1": 0.71,
        "crisis_recall": 0.85,
        "crisis_precision": 0.93,
        "place": 0.94,
        "language": 0.96,
        "who": 0.76,
    },
    "heldout16": {  # first scoring 2026-12-06 (first-heldout16.txt)
        "topic@3": 0.81,
        "topic@1": 0.72,
        "crisis_recall": 0.88,
        "crisis_precision": 0.89,
        "place": 0.94,
        "language": 0.98,
        "who": 0.81,
    },
    "heldout17": {  # first scoring 2026-12-06 (first-heldout17.txt)
        "topic@3": 0.83,
        "topic@1": 0.71,
        "crisis_recall": 0.92,
        "crisis_precision": 0.80,
        "place": 0.93,
        "language": 0.98,
        "who": 0.80,
    },
    "heldout18": {  # first scoring 2026-12-06 (first-heldout18.txt)
        "topic@3": 0.85,
        "topic@1": 0.74,
        "crisis_recall": 0.93,
        "crisis_precision": 0.93,
        "place": 0.94,
        "language": 0.97,
        "who": 0.78,
    },
    "heldout5": {
        "topic@3": 0.83,
        "topic@1": 0.73,
        "crisis_recall": 0.94,  # 0.947 since the bank's fourth writer (was 0.965)
        "crisis_precision": 0.95,
        "place": 0.93,
        "language": 0.94,
        "who": 0.67,
    },
}
"""crisis_recall counts the emergency answer or the safety check; precision is that of the
emergency answer."""


def test_every_labelled_set_has_floors() -> None:
    """A held-out set added under tests/data is scored against floors, never just kept."""
    sets = {path.stem for path in DATA.glob("*.jsonl")}
    assert sets == set(FLOORS), f"sets without floors: {sorted(sets - set(FLOORS))}"
    assert all(FLOORS[name] for name in sets)


@pytest.fixture(scope="module")
def scores(finder):
    return {name: evaluate(finder, load(DATA / f"{name}.jsonl")) for name in FLOORS}


def test_enough_labelled_messages() -> None:
    rows = load(DATA / "utterances.jsonl")
    assert len(rows) >= 300
    assert {r["language"] for r in rows} == {"de", "ro", "en"}
    fresh = load(DATA / "heldout4.jsonl") + load(DATA / "heldout5.jsonl")
    assert len([r for r in fresh if r["language"] in ("de", "ro", "en")]) >= 300
    assert len([r for r in fresh if r["language"] not in ("de", "ro", "en")]) >= 60
    assert sum(r["crisis"] for r in fresh) >= 60


@pytest.mark.parametrize(
    ("name", "metric"), [(n, m) for n, floors in FLOORS.items() for m in sorted(floors)]
)
def test_accuracy_floor(scores, name: str, metric: str) -> None:
    score = scores[name]["all"][metric]
    print(f"\n{name}\n" + report(scores[name]))
    assert score.rate >= FLOORS[name][metric], "\n".join(score.misses[:40])


@pytest.mark.parametrize("lang", ["de", "ro", "en"])
def test_each_interface_language_is_served(scores, lang: str) -> None:
    """No language may lag far behind: topic@3 and language id per language >= 0.9."""
    assert scores["utterances"][lang]["topic@3"].rate >= 0.9
    assert scores["utterances"][lang]["language"].rate >= 0.9


@pytest.mark.parametrize("lang", ["bg", "tr", "ar", "pl", "uk", "ru"])
def test_each_other_language_is_understood(scores, lang: str) -> None:
    """Topic and language of messages in the six other languages (held-out, first writer)."""
    assert scores["heldout5"][lang]["topic@3"].rate >= 0.55
    assert scores["heldout5"][lang]["language"].rate >= 0.8

"""Understanding accuracy on the labelled messages, reported per language."""

import pytest

from tests.accuracy import evaluate, load, report

THRESHOLDS = {
    "topic@3": 0.95,
    "crisis_recall": 1.00,
    "crisis_precision": 0.85,
    "place": 0.95,
    "language": 0.97,
}


@pytest.fixture(scope="module")
def scores(finder):
    return evaluate(finder, load())


def test_enough_labelled_messages() -> None:
    rows = load()
    assert len(rows) >= 300
    assert {r["language"] for r in rows} == {"de", "ro", "en"}


@pytest.mark.parametrize("metric", sorted(THRESHOLDS))
def test_accuracy(scores, metric: str) -> None:
    print("\n" + report(scores))
    score = scores["all"][metric]
    assert score.rate >= THRESHOLDS[metric], "\n".join(score.misses[:40])


@pytest.mark.parametrize("lang", ["de", "ro", "en"])
def test_each_language_is_served(scores, lang: str) -> None:
    """No language may lag far behind: topic@3 and language id per language >= 0.9."""
    assert scores[lang]["topic@3"].rate >= 0.9
    assert scores[lang]["language"].rate >= 0.9

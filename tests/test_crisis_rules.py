"""The crisis rules of knowledge/understand.py, one behaviour per test, on hand-made lexicon hits.

Each hit is what the matcher reports: (kind, key, language) over tokens[start:end]. Writing
them by hand pins the rule itself, whatever the lexicon says this year.
"""

from __future__ import annotations

import pytest

from knowledge.matcher import Hit, Label
from knowledge.understand import (
    alarm_in,
    anticipated,
    crisis_kind,
    is_crisis,
)


def hit(
    kind: str, key: str, start: int, end: int | None = None, lang: str = "de", **kw: object
) -> Hit:
    return Hit(
        Label(kind, key, lang),
        start,
        start + 1 if end is None else end,
        **{"weight": 1.0, "fuzzy": False, **kw},  # type: ignore[arg-type]
    )


ONE_SENTENCE = [0] * 12
TWO_SENTENCES = [0] * 6 + [1] * 6


@pytest.mark.parametrize("kind", ["crisis", "threat", "ongoing"])
def test_a_crisis_phrase_threat_or_ongoing_abuse_alarms_by_itself(kind) -> None:
    assert is_crisis([hit(kind, "phrases", 2)], ONE_SENTENCE)


@pytest.mark.parametrize("kind", ["topic", "who", "danger", "urgent", "later", "past", "calm"])
def test_other_kinds_alone_raise_no_alarm(kind) -> None:
    assert not is_crisis([hit(kind, "violence", 2)], ONE_SENTENCE)


def test_a_crisis_phrase_inside_a_calm_idiom_is_no_alarm() -> None:
    # "ich lach mich tot": the idiom spans the phrase
    assert not is_crisis(
        [hit("calm", "idioms", 0, 4), hit("crisis", "phrases", 2, 4)], ONE_SENTENCE
    )


def test_a_crisis_phrase_only_beside_a_calm_idiom_still_alarms() -> None:
    hits = [hit("calm", "idioms", 0, 2), hit("crisis", "phrases", 2, 4)]
    assert is_crisis(hits, ONE_SENTENCE)
    # partly inside (starts within, ends after) is not inside
    assert is_crisis([hit("calm", "idioms", 0, 3), hit("crisis", "phrases", 2, 4)], ONE_SENTENCE)
    assert is_crisis([hit("calm", "idioms", 3, 6), hit("crisis", "phrases", 2, 4)], ONE_SENTENCE)


def test_joke_rule_a_crisis_phrase_with_a_joke_and_a_trivial_context_is_no_alarm() -> None:
    """'kms 💀 wegen mathe': crisis phrase, joke marker and homework in one sentence."""
    phrase, joke, trivial = (
        hit("crisis", "phrases", 0),
        hit("joke", "jokes", 1),
        hit("trivial", "trivial_context", 3),
    )
    assert not is_crisis([phrase, joke, trivial], ONE_SENTENCE)
    assert is_crisis([phrase, joke], ONE_SENTENCE)  # a joke marker alone is not enough
    assert is_crisis([phrase, trivial], ONE_SENTENCE)  # nor a trivial context alone


def test_joke_rule_counts_no_denied_joke() -> None:
    """'kms wegen mathe, not joking': the denial holds the joke marker, the alarm stays."""
    phrase, trivial = hit("crisis", "phrases", 0), hit("trivial", "trivial_context", 3)
    marker, denial = hit("joke", "jokes", 6), hit("serious", "serious", 5, 7)
    assert is_crisis([phrase, trivial, marker, denial], ONE_SENTENCE)
    assert not is_crisis([phrase, trivial, marker], ONE_SENTENCE)


def test_joke_rule_needs_joke_and_trivia_in_the_phrases_own_sentence() -> None:
    phrase = hit("crisis", "phrases", 0)
    joke_elsewhere, trivial = hit("joke", "jokes", 7), hit("trivial", "trivial_context", 3)
    assert is_crisis([phrase, joke_elsewhere, trivial], TWO_SENTENCES)
    trivial_elsewhere = hit("trivial", "trivial_context", 8)
    assert is_crisis([phrase, hit("joke", "jokes", 1), trivial_elsewhere], TWO_SENTENCES)


def test_a_threat_in_a_trivial_context_is_calm_without_a_joke() -> None:
    """'meine mutter bringt mich um wenn sie mein zeugnis sieht'."""
    threat, trivial = hit("threat", "threats", 1, 4), hit("trivial", "trivial_context", 6)
    assert not is_crisis([threat, trivial], ONE_SENTENCE)
    assert is_crisis([threat, hit("trivial", "trivial_context", 8)], TWO_SENTENCES)


def test_ongoing_abuse_is_not_calmed_by_a_trivial_context() -> None:
    assert is_crisis([hit("ongoing", "x", 1), hit("trivial", "t", 3)], ONE_SENTENCE)


def test_now_with_a_danger_word_alarms() -> None:
    assert is_crisis([hit("urgent", "now", 0), hit("danger", "danger", 3)], ONE_SENTENCE)


@pytest.mark.parametrize("topic", ["violence", "sexual_violence", "exploitation"])
def test_now_with_a_violence_topic_alarms(topic) -> None:
    assert is_crisis([hit("urgent", "now", 0), hit("topic", topic, 3)], ONE_SENTENCE)


@pytest.mark.parametrize("topic", ["bullying", "mental_health", "neglect", "work"])
def test_now_with_another_topic_is_no_alarm(topic) -> None:
    assert not is_crisis([hit("urgent", "now", 0), hit("topic", topic, 3)], ONE_SENTENCE)


def test_now_alone_or_danger_alone_is_no_alarm() -> None:
    assert not is_crisis([hit("urgent", "now", 0)], ONE_SENTENCE)
    assert not is_crisis([hit("danger", "danger", 0)], ONE_SENTENCE)


def test_past_tense_guard_now_in_a_past_tense_sentence_is_no_alarm() -> None:
    """'vor zwei jahren hat er mich gerade geschlagen': the past marker voids its sentence."""
    hits = [hit("past", "past", 0, 3), hit("urgent", "now", 3), hit("topic", "violence", 5)]
    assert not is_crisis(hits, ONE_SENTENCE)


def test_past_tense_guard_covers_only_its_own_sentence() -> None:
    """'Vor zwei Jahren auch. Gerade schlägt er mich.': the now is in a sentence of its own."""
    hits = [hit("past", "past", 0, 3), hit("urgent", "now", 6), hit("topic", "violence", 8)]
    assert is_crisis(hits, TWO_SENTENCES)


def test_now_said_of_someone_away_is_no_alarm() -> None:
    """'grad ist er nicht da': the now marker sits inside the words that say he is away."""
    away = hit("intent", "safe_now", 4, 8)
    hits = [hit("topic", "violence", 1), away, hit("urgent", "now", 4)]
    assert not is_crisis(hits, ONE_SENTENCE)
    # another intent does not have that power
    other = hit("intent", "greeting", 4, 8)
    assert is_crisis([hit("topic", "violence", 1), other, hit("urgent", "now", 4)], ONE_SENTENCE)


def test_a_danger_word_inside_a_calm_idiom_does_not_meet_now() -> None:
    hits = [hit("urgent", "now", 0), hit("calm", "idioms", 2, 5), hit("danger", "danger", 3)]
    assert not is_crisis(hits, ONE_SENTENCE)


def test_every_group_of_a_combo_alarms() -> None:
    """'tabletten' + 'geschluckt': pills x swallowed, each group seen once."""
    pills, swallowed = hit("combo", "overdose#0", 2), hit("combo", "overdose#1", 3)
    assert is_crisis([pills, swallowed], ONE_SENTENCE, {"overdose": 2})
    assert not is_crisis([pills], ONE_SENTENCE, {"overdose": 2})
    assert not is_crisis([pills, pills], ONE_SENTENCE, {"overdose": 2})  # one group twice


def test_groups_of_different_combos_do_not_add_up() -> None:
    hits = [hit("combo", "a#0", 2), hit("combo", "b#1", 3)]
    assert not is_crisis(hits, ONE_SENTENCE, {"a": 2, "b": 2})


def test_an_unknown_combo_never_alarms() -> None:
    hits = [hit("combo", "mystery#0", 2), hit("combo", "mystery#1", 3)]
    assert not is_crisis(hits, ONE_SENTENCE, {})
    assert not is_crisis(hits, ONE_SENTENCE)


def test_a_combo_of_three_needs_all_three() -> None:
    hits = [hit("combo", "c#0", 1), hit("combo", "c#1", 2)]
    assert not is_crisis(hits, ONE_SENTENCE, {"c": 3})
    assert is_crisis([*hits, hit("combo", "c#2", 3)], ONE_SENTENCE, {"c": 3})


class TestAnticipated:
    """A danger feared for later asks 'are you safe right now?' instead of alarming."""

    def test_ongoing_abuse_with_no_now_is_feared_not_under_way(self) -> None:
        assert anticipated([hit("ongoing", "x", 1)])
        assert anticipated([hit("later", "tonight", 1)])

    def test_a_now_inside_a_later_marker_is_part_of_it(self) -> None:
        """'heute nacht': 'heute' is a now word inside the later phrase."""
        assert anticipated([hit("later", "tonight", 3, 5), hit("urgent", "now", 3)])

    def test_a_now_of_its_own_means_it_is_under_way(self) -> None:
        assert not anticipated([hit("later", "tonight", 3, 5), hit("urgent", "now", 0)])

    def test_a_crisis_phrase_or_threat_is_never_only_feared(self) -> None:
        for kind in ("crisis", "threat"):
            assert not anticipated([hit("later", "tonight", 3, 5), hit(kind, "x", 0)])

    def test_nothing_for_later_is_not_anticipated(self) -> None:
        assert not anticipated([])
        assert not anticipated([hit("urgent", "now", 0), hit("topic", "violence", 1)])


def test_alarm_in_language_counts_only_the_messages_own_language() -> None:
    ru_phrase = hit("crisis", "phrases", 0, lang="ru")
    assert alarm_in([ru_phrase], "ru")
    assert not alarm_in([ru_phrase], "bg")
    for kind in ("threat", "ongoing"):
        assert alarm_in([hit(kind, "x", 0, lang="tr")], "tr")
    assert not alarm_in([hit("topic", "violence", 0, lang="tr")], "tr")
    assert not alarm_in([hit("danger", "danger", 0, lang="tr")], "tr")


class TestCrisisKind:
    """Which emergency answer a crisis gets: danger now, sexual violence now, or suicidal."""

    NOW_DANGER = (hit("urgent", "now", 0), hit("danger", "danger", 2))

    def test_now_with_danger_is_danger_now(self) -> None:
        assert crisis_kind(list(self.NOW_DANGER), ONE_SENTENCE, ("violence",)) == "danger_now"
        assert crisis_kind(list(self.NOW_DANGER), ONE_SENTENCE, ()) == "danger_now"

    def test_now_with_sexual_violence_first_is_sexual_now(self) -> None:
        kind = crisis_kind(list(self.NOW_DANGER), ONE_SENTENCE, ("sexual_violence", "violence"))
        assert kind == "sexual_now"
        assert (
            crisis_kind(list(self.NOW_DANGER), ONE_SENTENCE, ("violence", "sexual_violence"))
            == "danger_now"
        )

    def test_a_threat_is_danger_now(self) -> None:
        assert crisis_kind([hit("threat", "x", 0)], ONE_SENTENCE, ()) == "danger_now"
        assert crisis_kind([hit("threat", "x", 0)], ONE_SENTENCE, ("mental_health",)) == (
            "danger_now"
        )

    def test_a_crisis_phrase_about_a_danger_topic_follows_the_topic(self) -> None:
        phrase = [hit("crisis", "phrases", 0)]
        assert crisis_kind(phrase, ONE_SENTENCE, ("violence",)) == "danger_now"
        assert crisis_kind(phrase, ONE_SENTENCE, ("exploitation",)) == "danger_now"
        assert crisis_kind(phrase, ONE_SENTENCE, ("sexual_violence",)) == "sexual_now"

    def test_a_crisis_phrase_without_a_danger_topic_is_suicidal(self) -> None:
        phrase = [hit("crisis", "phrases", 0)]
        assert crisis_kind(phrase, ONE_SENTENCE, ("mental_health",)) == "suicidal"
        assert crisis_kind(phrase, ONE_SENTENCE, ()) == "suicidal"
        assert crisis_kind(phrase, ONE_SENTENCE, ("mental_health", "violence")) == "suicidal"

    def test_now_in_a_past_sentence_does_not_make_it_danger_now(self) -> None:
        hits = [hit("past", "past", 0), *self.NOW_DANGER, hit("crisis", "phrases", 4)]
        assert crisis_kind(hits, ONE_SENTENCE, ("mental_health",)) == "suicidal"


def test_real_messages_past_tense_and_away(finder) -> None:
    """The same rules through the bundled lexicon."""
    assert not finder.read("vor zwei jahren hat mich mein vater geschlagen").crisis
    assert finder.read("er schlägt mich grad").crisis
    assert not finder.read("er schlägt mich oft, grad ist er nicht da").crisis
    assert finder.read("kms").crisis
    assert not finder.read("kms 💀 wegen mathe hausaufgaben").crisis


def test_a_danger_word_in_a_calm_idiom_does_not_make_a_crisis_danger_now() -> None:
    """'ich will sterben, grad ... ich lach mich tot': the alarm is the phrase, not 'now'."""
    hits = [
        hit("crisis", "phrases", 0),
        hit("urgent", "now", 3),
        hit("calm", "idioms", 4, 7),
        hit("danger", "danger", 5),
    ]
    assert crisis_kind(hits, ONE_SENTENCE, ("mental_health",)) == "suicidal"


def test_a_joking_alarm_is_asked_about_and_a_denied_joke_alarms(finder) -> None:
    """ "im jumping off a bridge lol" asks "are you safe right now?"; "not joking" alarms."""
    joke = finder.understand("if the bus is late one more time im jumping off a bridge lol")
    assert (joke.crisis, joke.safety_check) == (False, True)
    serious = finder.understand("I want to kill myself. I'm not joking this time.")
    assert serious.crisis and serious.crisis_kind == "suicidal"

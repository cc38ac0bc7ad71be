"""What knowledge/understand.py reads from a message besides the alarm: topics, who, age,
gender, profession, intents, place and whether anything is left to look up."""

from __future__ import annotations

import pytest

from knowledge.model import Place
from knowledge.understand import (
    _covered,
    _unsure,
    age_of,
    distinct,
    gender_of,
    only,
    own_work_aside,
    rank_topics,
    who_scores,
)
from tests.test_crisis_rules import hit

DO = Place("Dortmund", None, "Nordrhein-Westfalen")
DO_NORD = Place("Dortmund", "Nordstadt", "Nordrhein-Westfalen")


class TestTopics:
    def test_topics_are_ranked_by_their_evidence(self) -> None:
        hits = [
            hit("topic", "work", 0),
            hit("topic", "violence", 1, weight=0.5),
            hit("topic", "work", 2, weight=1.5),
        ]
        topics, scores, unsure = rank_topics(hits)
        assert topics == ("work", "violence")
        assert scores == (2.5, 0.5)
        assert unsure == ()

    def test_ties_go_in_the_contracts_order_of_topics(self) -> None:
        # violence comes before work in knowledge.vocabulary.TOPICS, whatever the hit order
        topics, _, _ = rank_topics([hit("topic", "work", 0), hit("topic", "violence", 1)])
        assert topics == ("violence", "work")
        topics, _, _ = rank_topics([hit("topic", "health", 0), hit("topic", "sexual_violence", 1)])
        assert topics == ("sexual_violence", "health")

    def test_scores_are_rounded_to_three_places(self) -> None:
        _, scores, _ = rank_topics([hit("topic", "work", 0, weight=1 / 3)])
        assert scores == (0.333,)

    def test_a_topic_found_only_through_misspellings_is_unsure(self) -> None:
        hits = [
            hit("topic", "exploitation", 0, fuzzy=True, weight=0.8),
            hit("topic", "violence", 1),
        ]
        topics, _, unsure = rank_topics(hits)
        assert topics == ("violence", "exploitation") and unsure == ("exploitation",)

    def test_one_exact_word_makes_a_misspelt_topic_sure(self) -> None:
        hits = [hit("topic", "work", 0, fuzzy=True), hit("topic", "work", 1)]
        assert rank_topics(hits)[2] == ()

    def test_a_word_listed_in_several_languages_counts_once(self) -> None:
        hits = [hit("topic", "violence", 2, lang=lang) for lang in ("de", "ro", "en")]
        topics, scores, _ = rank_topics(hits)
        assert topics == ("violence",) and scores == (1.0,)

    def test_distinct_keeps_the_heaviest_of_one_key_and_span(self) -> None:
        light, heavy = hit("topic", "work", 2, weight=0.5), hit("topic", "work", 2, weight=2.0)
        assert distinct([light, heavy], "topic") == [heavy]
        assert distinct([heavy, light], "topic") == [heavy]
        other_span = hit("topic", "work", 3)
        assert distinct([heavy, other_span], "topic") == [heavy, other_span]
        assert distinct([heavy, hit("who", "self", 0)], "who") == [hit("who", "self", 0)]

    def test_no_topic_words_no_topics(self) -> None:
        assert rank_topics([hit("who", "self", 0)]) == ((), (), ())


class TestWho:
    def test_who_markers_weigh_by_how_telling_they_are(self) -> None:
        scores = who_scores([hit("who", "self", 0), hit("who", "professional", 1)])
        assert scores == {"self": 1.0, "professional": 3.0}
        assert who_scores([hit("who", "own_child", 0, weight=2.0)]) == {"own_child": 5.0}
        assert who_scores([hit("who", "someone_else", 0)]) == {"someone_else": 1.6}

    def test_evidence_for_one_marker_adds_up(self) -> None:
        assert who_scores([hit("who", "self", 0), hit("who", "self", 3)]) == {"self": 2.0}

    def test_no_marker_no_score(self) -> None:
        assert who_scores([hit("topic", "work", 0)]) == {}

    def test_a_marker_inside_a_longer_one_of_another_kind_is_no_evidence(self) -> None:
        # "mein kleiner" (own child) inside "mein kleiner Bruder" (a sibling)
        inner, outer = hit("who", "own_child", 0, 2), hit("who", "someone_else", 0, 3)
        assert who_scores([inner, outer]) == {"someone_else": 1.6}
        # the same span, or an overlap that does not contain it, still counts for both
        same = hit("who", "someone_else", 0, 2)
        assert who_scores([inner, same]) == {"own_child": 2.5, "someone_else": 1.6}
        across = hit("who", "someone_else", 1, 4)
        assert who_scores([inner, across]) == {"own_child": 2.5, "someone_else": 1.6}
        # and a longer marker of the same kind does not silence a shorter one
        assert who_scores([inner, hit("who", "own_child", 0, 3)]) == {"own_child": 5.0}


def test_a_sibling_named_with_mein_kleiner_is_someone_else(finder) -> None:
    assert finder.understand("mein kleiner bruder wird zuhause geschlagen").who == "someone_else"


class TestProfessionAndGender:
    def test_words_that_name_a_professionals_work_are_no_topic_nor_gender(self) -> None:
        """'Kinderkrankenschwester in einer Kinderarztpraxis' is who writes, not health."""
        work = hit("profession", "medical", 0, 2)
        inside = [hit("topic", "health", 1), hit("gender", "female", 0)]
        outside = [hit("topic", "violence", 2), hit("gender", "male", 3)]
        kept = own_work_aside([work, *inside, *outside, hit("who", "self", 1)])
        assert kept == [work, *outside, hit("who", "self", 1)]

    def test_without_profession_words_nothing_is_dropped(self) -> None:
        hits = [hit("topic", "health", 1), hit("gender", "female", 0)]
        assert own_work_aside(hits) == hits

    def test_only_returns_the_one_key_named_exactly(self) -> None:
        assert only([hit("profession", "medical", 0)], "profession") == "medical"
        assert (
            only([hit("profession", "medical", 0), hit("profession", "medical", 3)], "profession")
            == "medical"
        )
        both = [hit("profession", "medical", 0), hit("profession", "education", 3)]
        assert only(both, "profession") is None
        assert only([hit("profession", "medical", 0, fuzzy=True)], "profession") is None
        assert only([], "profession") is None

    def test_gender_named_once_is_the_persons(self) -> None:
        assert gender_of([hit("gender", "female", 1)]) == "female"
        assert gender_of([hit("topic", "violence", 1)]) is None

    def test_with_both_genders_the_one_inside_the_affected_persons_words_counts(self) -> None:
        """'my daughter told me the neighbour's son touched her'."""
        daughter = [hit("who", "own_child", 0, 2), hit("gender", "female", 1)]
        son = hit("gender", "male", 6)
        assert gender_of([*daughter, son]) == "female"

    def test_the_writers_own_words_do_not_decide_the_gender(self) -> None:
        hits = [hit("who", "self", 0, 2), hit("gender", "female", 1), hit("gender", "male", 6)]
        assert gender_of(hits) is None

    def test_a_misspelt_gender_inside_the_affected_persons_words_does_not_count(self) -> None:
        hits = [
            hit("who", "own_child", 0, 2),
            hit("gender", "female", 1, fuzzy=True),
            hit("gender", "female", 5),
            hit("gender", "male", 6),
        ]
        assert gender_of(hits) is None

    def test_both_genders_inside_the_affected_persons_words_stay_unknown(self) -> None:
        """'meine tochter und mein sohn werden geschlagen'."""
        hits = [hit("who", "own_child", 0, 5), hit("gender", "female", 1), hit("gender", "male", 4)]
        assert gender_of(hits) is None


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("ich bin 14", 14),
        ("ich bin 2", None),  # no young person's age: three at least
        ("ich bin 3", 3),
        ("am 99 de ani", 99),
        ("bin 7 und 100", 7),
        ("im 5 jahre", 5),
        ("termin um 10 uhr, ich bin 12", 12),  # the first plausible age, not the time
        ("keine zahl", None),
    ],
)
def test_the_first_plausible_age(text, age) -> None:
    assert age_of(text) == age


class TestPlace:
    def test_a_city_found_only_through_a_misspelling_is_unsure(self) -> None:
        assert _unsure(DO, None)
        assert _unsure(DO, Place("Bielefeld"))

    def test_a_misspelt_district_next_to_its_exact_city_is_sure(self) -> None:
        assert not _unsure(DO_NORD, DO)
        assert not _unsure(DO, DO)

    def test_no_place_is_not_unsure(self) -> None:
        assert not _unsure(None, None)
        assert not _unsure(None, DO)


class TestCovered:
    """A message that is only a place, who or intent answer has nothing to look up."""

    def test_place_who_and_intent_words_covering_every_word(self) -> None:
        tokens = ["ich", "wohne", "in", "dortmund"]
        hits = [hit("who", "self", 0, 2), hit("intent", "where", 2), hit("place", "2", 3)]
        assert _covered(tokens, hits, DO)

    def test_numbers_need_no_term(self) -> None:
        assert _covered(["44145"], [], None)
        assert _covered(["dortmund", "44145"], [hit("place", "2", 0)], None)

    def test_a_word_left_over_is_meaning_to_look_up(self) -> None:
        tokens = ["ich", "wohne", "in", "dortmund", "und", "habe", "angst", "vor", "ihm"]
        hits = [hit("who", "self", 0, 2), hit("place", "2", 3)]
        assert not _covered(tokens, hits, DO)

    def test_misspelt_terms_cover_nothing(self) -> None:
        tokens = ["a", "b", "c", "d", "e", "f", "g"]
        assert not _covered(tokens, [hit("place", "2", 0, 7, fuzzy=True)], None)
        assert _covered(tokens, [hit("place", "2", 0, 7)], None)

    def test_a_short_message_naming_a_place_and_no_topic_is_an_answer(self) -> None:
        """'мы все в Шверине': six words or fewer, a place, no topic or danger."""
        tokens = ["wir", "sind", "alle", "jetzt", "in", "schwerin"]
        assert _covered(tokens, [], DO)
        assert not _covered([*tokens, "x"], [], DO)  # seven words: not short
        assert not _covered(tokens, [], None)  # no place

    @pytest.mark.parametrize(
        "kind", ["topic", "crisis", "threat", "ongoing", "urgent", "danger", "combo"]
    )
    def test_evidence_of_a_matter_is_not_an_answer(self, kind) -> None:
        assert not _covered(["wir", "x", "schwerin"], [hit(kind, "k", 1)], DO)

    def test_no_words_is_not_covered(self) -> None:
        assert not _covered([], [], None)


class TestRead:
    """read() through the bundled lexicon."""

    def test_yes_and_no_count_only_as_the_first_word(self, finder) -> None:
        assert finder.read("nein").intents == ("no",)
        assert finder.read("ich sage nein").intents == ()
        assert "greeting" in finder.read("hallo").intents

    def test_an_intent_is_listed_once(self, finder) -> None:
        intents = finder.read("hallo hallo").intents
        assert intents.count("greeting") == 1

    def test_a_calm_reading_records_the_evidence_against_an_alarm(self, finder) -> None:
        assert finder.read("ich lach mich tot").calm
        assert finder.read("kms 💀 wegen mathe hausaufgaben").calm
        assert not finder.read("mein vater schlägt mich").calm

    def test_crisis_fields_are_set_only_in_a_crisis(self, finder) -> None:
        calm = finder.read("mein vater schlägt mich")
        assert (calm.crisis, calm.crisis_kind, calm.anticipated, calm.alarm_in_language) == (
            False,
            None,
            False,
            False,
        )
        acute = finder.read("ich will nicht mehr leben")
        assert (acute.crisis, acute.crisis_kind, acute.alarm_in_language) == (
            True,
            "suicidal",
            True,
        )
        assert not acute.anticipated

    def test_a_feared_night_is_anticipated(self, finder) -> None:
        r = finder.read(
            "er kommt nachts in mein zimmer und fasst mich an, hab angst vor heute nacht"
        )
        assert r.crisis and r.anticipated

    def test_a_misspelt_city_is_unsure_an_exact_one_is_not(self, finder) -> None:
        assert not finder.read("dortmund nordstadt").unsure_place
        assert not finder.read("dortmund nordstadtta").unsure_place
        assert finder.read("nordsadt").unsure_place or finder.read("dortmunt").unsure_place

    def test_the_reading_carries_who_age_gender_profession_and_coverage(self, finder) -> None:
        r = finder.read("ja, ich bin lehrerin")
        assert r.profession == "education" and r.who["professional"] > r.who.get("self", 0.0)
        assert r.covered and r.intents == ("yes",)
        assert finder.read("ich bin 14 und werde gemobbt").age == 14
        assert finder.read("my daughter told me the neighbour's son touched her").gender == (
            "female"
        )
        assert not finder.read("ich bin 14 und werde gemobbt").covered
        assert finder.read("wir wohnen in 44145").covered

    def test_the_cleaned_text_and_hits_are_kept(self, finder) -> None:
        r = finder.read("  Mein VATER schlägt mich  ")
        assert "vater" in r.clean.casefold() and r.hits
        assert r.topics[0] == "violence" and r.topic_scores[0] > 0
        assert r.language == "de"


def test_a_word_just_before_the_words_of_a_profession_is_kept() -> None:
    work = hit("profession", "medical", 1, 3)
    before, after = hit("topic", "health", 0), hit("gender", "female", 3)
    assert own_work_aside([before, work, after]) == [before, work, after]


@pytest.mark.parametrize(
    ("message", "soon"),
    [
        ("er will mich heute abend treffen", True),
        ("a zis ca la noapte iar vine", True),
        ("he wants me to come to the hotel tonight", True),
        ("ich wurde vor einer stunde vergewaltigt", True),  # just past
        ("a guy from online picks me up in an hour", True),
        ("m-a violat aseara", True),
        ("vor zwei jahren hat er mich heute abend abgeholt", False),  # a past-tense sentence
        ("er will mich treffen", False),
        # the six other languages: tonight, an hour ago, today, and a childhood sentence
        ("internetten tanıştığım adam bu gece beni almaya gelecek", True),
        ("преди час ме изнасилиха на купона", True),
        ("الرجل يلي تعرفت عليه عالنت بدو ياخدني الليلة", True),
        ("chłopak chce mnie dziś wieczorem sprzedać kolegom", True),
        ("сьогодні ввечері він знову прийде", True),
        ("меня изнасиловали вчера ночью", True),
        ("когато бях малка вуйчо ми правеше неща, за които и днес не мога да говоря", False),
        ("kiedy byłam mała wujek mnie dotykał, dzisiaj o tym myślę", False),
        ("он хочет встретиться со мной", False),
    ],
)
def test_a_time_still_to_come_is_read(finder, message: str, soon: bool) -> None:
    assert finder.read(message).soon is soon


def test_a_near_time_never_makes_an_alarm_a_feared_one(finder) -> None:
    """ "heute" is near, not later: pills laid out today stay the emergency answer."""
    reading = finder.read("ich hab heute zwei packungen tabletten vor mir und schlucke sie alle")
    assert reading.crisis and reading.soon and not reading.anticipated


@pytest.mark.parametrize(
    ("message", "joking"),
    [
        ("if the bus is late one more time im jumping off a bridge lol", True),
        ("daca mai pun vecinii manele ma arunc de la etaj 😂", True),
        ("ich will sterben kein witz lol", True),  # a denial inside a joke marker
        ("I want to kill myself. I'm not joking this time.", False),  # "joking" inside a denial
        ("vreau sa ma omor. serios, nu e gluma", False),
        ("ich will sterben 😂 ich mein es ernst", False),  # a joke denied
        ("zabiję się, to nie żart 😂", False),
        ("ich will sterben", False),
    ],
)
def test_a_joke_is_read_unless_denied(finder, message: str, joking: bool) -> None:
    assert finder.read(message).joking is joking

"""Fusion of lexicon hits and the nearest examples' vote: a table of cases, pure values."""

from dataclasses import replace

import pytest

from knowledge.examples import Example
from knowledge.fusion import FAMILIAR, UNFAMILIAR, fuse, trust
from knowledge.semantic import Neighbour, Vote
from knowledge.understand import Reading

QUIET = Reading(
    clean="",
    hits=(),
    topics=(),
    topic_scores=(),
    unsure_topics=(),
    who={},
    crisis=False,
    crisis_kind=None,
    anticipated=False,
    alarm_in_language=False,
    calm=False,
    place=None,
    unsure_place=False,
    language="de",
    intents=(),
    age=None,
    gender=None,
    profession=None,
    covered=False,
    soon=False,
    joking=False,
)
SAID = replace(QUIET, clean="one two three four five six")


def vote(
    nearest: float, topics=None, who=None, crisis=None, heads_only=False, nearest_share=None
) -> Vote:
    """A vote whose neighbours say crisis in the vote's share (none if the heads alone said it,
    `nearest_share` where the neighbours said otherwise than the blend)."""
    said = 0.0 if heads_only else sum((crisis or {}).values())
    said = said if nearest_share is None else nearest_share
    kind = max(crisis, key=crisis.get) if crisis else None
    neighbours = (
        Neighbour(Example("x", "de", tuple(topics or ()), None, kind), nearest, said),
        Neighbour(Example("y", "de", tuple(topics or ()), None, None), nearest, 1.0 - said),
    )
    return Vote(nearest, dict(topics or {}), dict(who or {}), dict(crisis or {}), neighbours)


def test_trust_grows_with_the_nearest_similarity() -> None:
    assert trust(None) == 0.0
    assert trust(vote(UNFAMILIAR)) == 0.0
    assert trust(vote(FAMILIAR)) == 1.0
    assert 0.0 < trust(vote((UNFAMILIAR + FAMILIAR) / 2)) < 1.0


@pytest.mark.parametrize(
    ("reading", "the_vote", "crisis", "kind", "check"),
    [
        # both quiet
        (QUIET, vote(0.9), False, None, False),
        # the examples alone, clearly, where the lexicon understood nothing: the emergency answer
        (SAID, vote(0.9, crisis={"danger_now": 0.85}), True, "danger_now", False),
        # ... but a message of a few words carries too little meaning: ask
        (QUIET, vote(0.9, crisis={"danger_now": 0.85}), False, None, True),
        # ... and where the lexicon understood a topic and saw no danger: ask
        (
            replace(SAID, topics=("exploitation",), topic_scores=(1.0,)),
            vote(0.9, crisis={"danger_now": 0.9}),
            False,
            None,
            True,
        ),
        # a suicidal vote fits the worries the lexicon found: the emergency answer
        (
            replace(SAID, topics=("mental_health",), topic_scores=(1.0,)),
            vote(0.9, crisis={"suicidal": 0.85}),
            True,
            "suicidal",
            False,
        ),
        # the examples alone, unclearly: ask whether the person is safe
        (QUIET, vote(0.9, crisis={"suicidal": 0.4}), False, None, True),
        # unfamiliar examples count for nothing
        (QUIET, vote(0.7, crisis={"suicidal": 1.0}), False, None, False),
        # the lexicon's alarm holds when examples agree or say nothing clear
        (
            replace(QUIET, crisis=True, crisis_kind="suicidal"),
            vote(0.9, crisis={"suicidal": 0.5}),
            True,
            "suicidal",
            False,
        ),
        (replace(QUIET, crisis=True, crisis_kind="suicidal"), None, True, "suicidal", False),
        # an alarm among calm words that familiar examples all call calm: ask instead
        (
            replace(QUIET, crisis=True, crisis_kind="danger_now", calm=True),
            vote(0.95),
            False,
            None,
            True,
        ),
        # in Turkish, a crisis phrase written in Turkish counts like a German one
        (
            replace(
                QUIET, language="tr", crisis=True, crisis_kind="suicidal", alarm_in_language=True
            ),
            vote(0.9, crisis={"suicidal": 0.3}),
            True,
            "suicidal",
            False,
        ),
        # ... but a German phrase fuzzily found in Turkish text is only a guess: the vote decides
        (
            replace(QUIET, language="tr", crisis=True, crisis_kind="suicidal"),
            vote(0.9, crisis={"suicidal": 0.1}),
            False,
            None,
            False,
        ),
        # a danger feared for later ("angst vor heute nacht"), even with examples agreeing: ask
        (
            replace(QUIET, crisis=True, crisis_kind="sexual_now", anticipated=True),
            vote(0.9, crisis={"danger_now": 0.9}),
            False,
            None,
            True,
        ),
        # an alarm the message marks a joke ("im jumping off a bridge lol"): ask, even where the
        # examples agree it is a crisis
        (
            replace(QUIET, crisis=True, crisis_kind="suicidal", calm=True, joking=True),
            vote(0.9, crisis={"suicidal": 0.9}),
            False,
            None,
            True,
        ),
        # ... and the examples alone raise no alarm on a joking message either
        (
            replace(SAID, joking=True, calm=True),
            vote(0.95, crisis={"danger_now": 0.95}),
            False,
            None,
            True,
        ),
        # the heads' crisis share does not lift that veto: it reads the nearest examples
        (
            replace(QUIET, crisis=True, crisis_kind="suicidal", calm=True),
            vote(0.95, crisis={"suicidal": 0.6}, heads_only=True),
            False,
            None,
            True,
        ),
        # a few words: the heads' share asks nothing, the nearest examples decide
        (QUIET, vote(0.9, crisis={"danger_now": 0.6}, heads_only=True), False, None, False),
        (SAID, vote(0.9, crisis={"danger_now": 0.6}, heads_only=True), False, None, True),
        # the heads call it calm, the nearest examples are in doubt: safety first, ask
        (SAID, vote(0.9, crisis={"danger_now": 0.1}, nearest_share=0.4), False, None, True),
        # ... but not when the examples are unfamiliar
        (
            replace(QUIET, crisis=True, crisis_kind="danger_now", calm=True),
            vote(0.82),
            True,
            "danger_now",
            False,
        ),
    ],
)
def test_crisis_from_both_signals(reading, the_vote, crisis, kind, check) -> None:
    u = fuse(reading, the_vote)
    assert (u.crisis, u.crisis_kind, u.safety_check) == (crisis, kind, check)
    assert not (u.crisis and u.safety_check)


def test_topics_from_the_vote_need_trust() -> None:
    assert fuse(QUIET, vote(0.95, topics={"neglect": 0.9})).topics == ("neglect",)
    assert fuse(QUIET, vote(0.81, topics={"neglect": 0.9})).topics == ()


def test_lexicon_and_vote_add_up() -> None:
    reading = replace(QUIET, topics=("violence", "family_support"), topic_scores=(2.0, 1.6))
    u = fuse(reading, vote(0.95, topics={"family_support": 0.9}))
    assert u.topics[:2] == ("family_support", "violence")


def test_a_misspelt_topic_the_vote_backs_is_sure() -> None:
    reading = replace(QUIET, topics=("neglect",), topic_scores=(1.0,), unsure_topics=("neglect",))
    assert fuse(reading, None).unsure_topics == ("neglect",)
    assert fuse(reading, vote(0.95, topics={"neglect": 0.8})).unsure_topics == ()


def test_who_from_markers_first_then_the_vote() -> None:
    assert fuse(replace(QUIET, who={"own_child": 2.5}), vote(0.95, who={"self": 0.6})).who == (
        "own_child"
    )
    assert fuse(QUIET, vote(0.95, who={"someone_else": 0.7})).named_who == "someone_else"
    assert fuse(QUIET, vote(0.95, who={"someone_else": 0.25})).named_who is None
    # a clear, familiar vote outweighs a lone weak marker ("ich bin die Oma von ...")
    lone = replace(QUIET, who={"self": 1.0})
    assert fuse(lone, vote(0.95, who={"someone_else": 0.8})).named_who == "someone_else"


def test_first_person_markers_alone_leave_who_to_the_vote() -> None:
    """ "bebelusul plange non stop, nu mai dorm": a mother writes "I" too."""
    reading = replace(QUIET, topics=("family_support",), topic_scores=(1.0,), who={"self": 3.0})
    baby = {"family_support": 0.8}
    assert fuse(reading, vote(0.95, baby, {"own_child": 0.5, "self": 0.2})).who == "own_child"
    assert fuse(reading, None).who == "self"
    # beside another marker the first person keeps its weight
    named = replace(reading, who={"self": 3.0, "someone_else": 0.3})
    assert fuse(named, vote(0.95, baby, {"own_child": 0.5, "self": 0.2})).who == "self"


def test_no_one_is_affected_where_no_matter_is_told() -> None:
    """ "meine mutter bringt mich um wenn sie mein zeugnis sieht lol": an idiom, no matter."""
    idiom = replace(QUIET, who={"self": 2.5}, calm=True)
    u = fuse(idiom, vote(0.95, who={"self": 0.9}))
    assert (u.who, u.named_who) == (None, "self")
    told = replace(idiom, topics=("violence",), topic_scores=(1.0,))
    assert fuse(told, vote(0.95, {"violence": 0.7}, {"self": 0.9})).who == "self"
    # a bare answer keeps its who ("ich bin 14"), and so do words naming someone else
    assert fuse(replace(idiom, covered=True), None).who == "self"
    assert fuse(replace(QUIET, who={"someone_else": 1.6}), None).who == "someone_else"
    # danger with no topic named still has someone affected
    alarm = replace(QUIET, who={"self": 1.0}, crisis=True, crisis_kind="suicidal")
    assert fuse(alarm, None).who == "self"


def test_the_vote_alone_names_nobody_when_most_of_it_names_nobody() -> None:
    """ "do you save what I write?": 0.45 of the vote says self, the rest names nobody."""
    assert fuse(QUIET, vote(0.95, who={"self": 0.45})).named_who is None
    assert fuse(QUIET, vote(0.95, who={"self": 0.55})).named_who == "self"


def test_a_vote_that_names_no_matter_outweighs_a_lexicon_word_of_an_idiom() -> None:
    """ "my mum will kill me when she sees my hair lol": the lexicon's "kill" is not violence."""
    idiom = replace(SAID, topics=("violence",), topic_scores=(1.0,))
    assert fuse(idiom, vote(0.95, topics={"violence": 0.3})).topics == ()
    # a vote that names the matter often enough, or one not trusted, leaves the lexicon's topic
    assert fuse(idiom, vote(0.95, topics={"violence": 0.5})).topics == ("violence",)
    assert fuse(idiom, vote(0.84, topics={"violence": 0.1})).topics == ("violence",)
    # where danger is read or asked about, a topic stays for the answer
    alarm = replace(idiom, crisis=True, crisis_kind="danger_now")
    assert fuse(alarm, vote(0.95, topics={"violence": 0.1})).topics[0] == "violence"


def test_a_harm_named_exactly_is_never_dropped() -> None:
    """ "I was raped two hours ago, can I still go to the police?": rights leads, rape stays."""
    reading = replace(SAID, topics=("rights", "sexual_violence"), topic_scores=(3.0, 0.5))
    assert fuse(reading, vote(0.95, topics={"rights": 0.9})).topics == ("rights", "sexual_violence")
    # a harm found only through a misspelling is dropped like any weak topic
    unsure = replace(reading, unsure_topics=("sexual_violence",))
    assert fuse(unsure, vote(0.95, topics={"rights": 0.9})).topics == ("rights",)


def test_a_sexual_harm_feared_for_tonight_asks_whether_the_person_is_safe() -> None:
    """ "the man from the chat wants to meet me tonight at 8, he is 34, I am 13"."""
    tonight = replace(SAID, soon=True)
    u = fuse(tonight, vote(0.95, topics={"sexual_violence": 0.7}))
    assert (u.crisis, u.safety_check) == (False, True)
    assert fuse(tonight, vote(0.95, topics={"exploitation": 0.7})).safety_check
    # without the time, or with a harm that is not sexual, nothing is asked
    assert not fuse(SAID, vote(0.95, topics={"sexual_violence": 0.7})).safety_check
    assert not fuse(tonight, vote(0.95, topics={"violence": 0.7})).safety_check
    # the harm second to a procedure counts ("raped an hour ago: may I shower before the police?")
    procedure = vote(0.95, topics={"rights": 0.5, "sexual_violence": 0.4})
    assert fuse(tonight, procedure).safety_check
    # a harm the lexicon named exactly stays among the topics, and so asks ("raped ... police?")
    raped = replace(tonight, topics=("rights", "sexual_violence"), topic_scores=(3.0, 0.5))
    assert fuse(raped, vote(0.95, topics={"rights": 0.9})).safety_check
    # a professional telling what a child said today is not asked (the dialogue never asks them)
    hospital = replace(tonight, profession="medical")  # "can I still go to a hospital?"
    assert fuse(hospital, vote(0.95, topics={"sexual_violence": 0.7})).safety_check
    colleague = vote(0.95, topics={"sexual_violence": 0.7}, who={"professional": 0.9})
    assert not fuse(tonight, colleague).safety_check


def test_a_harm_named_exactly_keeps_its_place_before_a_topic_of_the_vote_alone() -> None:
    """ "zwingt mich auf den strich": the encoder reads violence, the lexicon exploitation."""
    harm = replace(SAID, topics=("exploitation",), topic_scores=(1.0,))
    assert fuse(harm, vote(0.95, topics={"violence": 0.6})).topics[:2] == (
        "exploitation",
        "violence",
    )
    # a setting or procedure named exactly gives way to the vote's harm
    setting = replace(SAID, topics=("rights",), topic_scores=(1.0,))
    assert fuse(setting, vote(0.95, topics={"violence": 0.6})).topics[0] == "violence"
    # a harm found only through a misspelling is not protected
    unsure = replace(harm, unsure_topics=("exploitation",))
    assert fuse(unsure, vote(0.95, topics={"violence": 0.6})).topics[0] == "violence"


def test_lost_hope_alone_asks_whether_the_person_is_safe() -> None:
    from tests.test_crisis_rules import hit

    hopeless = replace(
        SAID,
        hits=(hit("combo", "hopeless_plan#0", 0, 3),),
        topics=("mental_health",),
        topic_scores=(1.0,),
    )
    u = fuse(hopeless, None)
    assert (u.crisis, u.safety_check) == (False, True)
    other_half = replace(hopeless, hits=(hit("combo", "hopeless_plan#1", 0, 3),))
    assert not fuse(other_half, None).safety_check  # a plan word alone ("pills") is not it
    joking = replace(hopeless, hits=(*hopeless.hits, hit("joke", "joke", 4)), calm=True)
    assert not fuse(joking, None).safety_check


def test_nothing_makes_sense_any_more_gets_the_safety_check(finder) -> None:
    u = finder.understand("nimic nu mai are rost, azi le-am dat prietenilor lucrurile mele")
    assert u.safety_check or u.crisis

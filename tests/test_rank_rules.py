"""The ranking rules of knowledge/rank.py on hand-made services: each test one rule, with
the ids it must give written out (an oracle independent of the bundled data)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.model import Area, Place, Reason, Service, Span, Suggestion, Understanding
from knowledge.provenance import PartialDate
from knowledge.rank import (
    Ranker,
    best_place_fit,
    eligible,
    general_fit,
    nearby_in_first,
    place_fit,
    reachable_first,
    serves,
    speaks_bonus,
    tier,
)
from tests.conftest import WEDNESDAY_3PM
from tests.verified import verified

DAY = 1440
WEEK = 7 * DAY
ALWAYS = (Span(0, WEEK),)
NEVER_NOW = (Span(0, 60),)  # Monday 00:00-01:00: closed on Wednesday afternoon

NRW, MV = "Nordrhein-Westfalen", "Mecklenburg-Vorpommern"
DO_NORD = Place("Dortmund", "Nordstadt", NRW)
DO = Place("Dortmund", None, NRW)
SCHWERIN = Place("Schwerin", None, MV)


def svc(id: str, topics: tuple[str, ...] = ("violence",), **kw: object) -> Service:
    base: dict[str, object] = {
        "kind": "counselling",
        "name": {"de": id},
        "description": {"de": id},
        "audiences": ("self", "own_child", "someone_else", "professional"),
        "areas": (),
        "languages": ("de",),
        "source": "https://example.invalid",
    }
    return verified(Service(id=id, topics=topics, **{**base, **kw}))  # type: ignore[arg-type]


def u(**kw: object) -> Understanding:
    base: dict[str, object] = {"language": "de", "topics": ("violence",), "topic_scores": (1.0,)}
    return Understanding(**{**base, **kw})  # type: ignore[arg-type]


def ids(found: list[Suggestion]) -> list[str]:
    return [s.service.id for s in found]


def ranked(services: list[Service], understanding: Understanding, limit: int = 10) -> list[str]:
    return ids(Ranker(services).rank(understanding, WEDNESDAY_3PM, limit))


# --- where a service serves -------------------------------------------------------------


@pytest.mark.parametrize(
    ("area", "place", "fit"),
    [
        (Area(city="Dortmund", district="Nordstadt"), DO_NORD, "district"),
        (Area(city="Dortmund"), DO_NORD, "city"),
        (Area(city="Dortmund", district="Hörde"), DO_NORD, "other_district"),
        (Area(city="Dortmund", district="Nordstadt"), DO, "other_district"),
        (Area(state=NRW), DO_NORD, "state"),
        (Area(state=MV), DO_NORD, None),
        (Area(city="Schwerin", state=MV), DO_NORD, None),
        (Area(), DO_NORD, None),
        (Area(state=NRW), Place("Dortmund"), None),  # a place without its state
        (Area(city="Dortmund"), None, None),
    ],
)
def test_how_an_area_fits_the_askers_place(area, place, fit) -> None:
    assert place_fit(area, place) == fit


def test_the_best_of_a_services_areas_counts() -> None:
    both = svc("x", areas=(Area(state=NRW), Area(city="Dortmund", district="Nordstadt")))
    assert best_place_fit(both, DO_NORD) == "district"
    assert best_place_fit(both, Place("Dortmund", "Hörde", NRW)) == "other_district"
    assert best_place_fit(both, Place("Bochum", None, NRW)) == "state"
    assert best_place_fit(both, SCHWERIN) is None
    assert best_place_fit(both, None) is None
    assert best_place_fit(svc("y"), None) == "nationwide"  # no area: all of Germany


# --- who may use a service ----------------------------------------------------------------


def test_a_professional_only_line_needs_a_professional() -> None:
    pro = svc("pro", audiences=("professional",))
    assert serves(pro, "professional")
    assert not serves(pro, None)
    assert not serves(pro, "self")


def test_an_unknown_asker_may_use_any_line_not_only_for_professionals() -> None:
    assert serves(svc("kids", audiences=("self",)), None)


def test_a_professional_may_refer_a_family_to_a_service_for_parents() -> None:
    parents = svc("parents", audiences=("own_child",))
    assert serves(parents, "professional")
    carers_line = replace(parents, for_caregivers=True)
    assert not serves(carers_line, "professional")
    advising = replace(carers_line, audiences=("own_child", "professional"))
    assert serves(advising, "professional")
    assert not serves(svc("kids", audiences=("self",)), "professional")


def test_an_asker_is_served_by_the_audiences_listed() -> None:
    kids = svc("kids", audiences=("self",))
    assert serves(kids, "self") and not serves(kids, "own_child")


class TestEligible:
    def test_audience_unless_told_to_ignore_it(self) -> None:
        kids = svc("kids", audiences=("self",))
        assert not eligible(kids, u(who="own_child"))
        assert eligible(kids, u(who="own_child"), audience=False)

    def test_a_line_for_women_and_girls_only_when_she_is_known_to_be_one(self) -> None:
        women = svc("w", gender="female")
        assert eligible(women, u(gender="female"))
        assert not eligible(women, u(gender="male"))
        assert not eligible(women, u())

    def test_a_line_for_some_professions_only(self) -> None:
        medical = svc("m", professions=("medical",))
        assert eligible(medical, u(profession="medical"))
        assert not eligible(medical, u(profession="education"))
        assert eligible(medical, u())  # profession not said: not excluded

    def test_a_line_in_one_language_is_for_its_speakers_and_german_writers(self) -> None:
        bulgarian = svc("bg", for_speakers=("bg",))
        assert eligible(bulgarian, u(language="bg"))
        assert eligible(bulgarian, u(language="de"))
        assert not eligible(bulgarian, u(language="ro"))
        assert eligible(svc("any"), u(language="ro"))

    def test_a_carers_line_is_not_for_a_childs_friend(self) -> None:
        carers = svc("c", for_caregivers=True)
        assert not eligible(carers, u(who="someone_else", intents=("friend",)))
        assert eligible(carers, u(who="someone_else"))  # a grandmother, say
        assert eligible(carers, u(who="own_child", intents=("friend",)))

    def test_ages_outside_the_range_are_not_served(self) -> None:
        teens = svc("t", age_min=12, age_max=17)
        assert eligible(teens, u(age=12)) and eligible(teens, u(age=17))
        assert not eligible(teens, u(age=11))
        assert not eligible(teens, u(age=18))
        assert eligible(teens, u())  # age unknown

    def test_someone_writing_about_themselves_is_at_least_ten(self) -> None:
        preschool = svc("p", age_max=6)
        assert not eligible(preschool, u(who="self"))
        assert eligible(preschool, u(who="own_child"))
        assert eligible(svc("p", age_max=10), u(who="self"))
        # the assumed age never excludes by a minimum age
        assert eligible(svc("older", age_min=14), u(who="self"))


def test_general_lines_fit_the_strongest_child_protection_topic_at_sixty_percent() -> None:
    assert general_fit({"violence": 1.0, "work": 1.0}) == pytest.approx(0.6)
    assert general_fit({"bullying": 0.5}) == pytest.approx(0.3)
    assert general_fit({"work": 1.0, "migration": 1.0}) == 0.0
    assert general_fit({}) == 0.0


def test_the_language_bonus_is_for_a_language_other_than_german_that_is_spoken() -> None:
    ro = svc("ro", languages=("de", "ro"))
    assert speaks_bonus(ro, "ro") > 0
    assert speaks_bonus(ro, "de") == 0.0
    assert speaks_bonus(ro, "tr") == 0.0


# --- tiers and ordering -------------------------------------------------------------------


def test_tiers_a_specialist_two_another_of_the_persons_topics_one_else_none() -> None:
    weights = {"sexual_violence": 1.0, "exploitation": 0.5}
    assert tier(svc("a", ("sexual_violence", "work")), weights) == 2
    assert tier(svc("b", ("exploitation", "sexual_violence")), weights) == 1
    assert tier(svc("c", ("violence",)), weights) == 1  # same field of maltreatment
    assert tier(svc("d", ("work", "sexual_violence")), weights) == 0
    assert tier(svc("e", ("violence",)), {"work": 1.0}) == 0
    assert tier(svc("f", ()), weights) == 0
    assert tier(svc("g", ("violence",)), {}) == 0


def test_the_topics_place_in_a_services_list_decides_the_fit() -> None:
    first = svc("first", ("violence", "work"))
    second = svc("second", ("work", "violence"))
    fourth = svc("fourth", ("work", "health", "neglect", "violence"))
    fifth = svc("fifth", ("work", "health", "neglect", "migration", "violence"))
    assert ranked(
        [fifth, fourth, second, first], u(topics=("neglect", "violence"), topic_scores=(0.1, 1.0))
    )[:2] == ["first", "second"]
    scores = {
        s.service.id: s.score
        for s in Ranker([first, second, fourth, fifth]).rank(u(), WEDNESDAY_3PM)
    }
    assert scores["first"] > scores["second"] > scores["fourth"] == scores["fifth"]


def test_further_matching_topics_add_a_little_to_the_best_one() -> None:
    one = svc("one", ("violence",))
    two = svc("two", ("violence", "neglect"))
    found = Ranker([one, two]).rank(
        u(topics=("violence", "neglect"), topic_scores=(1.0, 1.0)), WEDNESDAY_3PM
    )
    assert ids(found) == ["two", "one"]
    assert found[0].score - found[1].score == pytest.approx(100 * 0.1 * 0.8)
    assert [r for r in found[0].reasons if r.code == "topic"] == [
        Reason("topic", "violence"),
        Reason("topic", "neglect"),
    ]


def test_a_service_for_none_of_the_topics_is_not_suggested() -> None:
    assert ranked([svc("w", ("work",)), svc("v")], u()) == ["v"]


def test_language_bonus_a_service_speaking_the_writers_language_comes_first() -> None:
    german = svc("a-german", areas=(Area(city="Dortmund", district="Nordstadt"),))
    romanian = svc("z-romanian", languages=("de", "ro"))
    assert ranked([german, romanian], u(language="ro", place=DO_NORD)) == ["z-romanian", "a-german"]
    assert ranked([german, romanian], u(place=DO_NORD)) == ["a-german", "z-romanian"]
    [first, _] = Ranker([german, romanian]).rank(u(language="ro", place=DO_NORD), WEDNESDAY_3PM)
    assert Reason("language", "ro") in first.reasons


def test_local_before_nationwide_and_the_nearer_area_first() -> None:
    services = [
        svc("nationwide"),
        svc("state", areas=(Area(state=NRW),)),
        svc("city", areas=(Area(city="Dortmund"),)),
        svc("district", areas=(Area(city="Dortmund", district="Nordstadt"),)),
        svc("other", areas=(Area(city="Dortmund", district="Hörde"),)),
        svc("elsewhere", areas=(Area(city="Bielefeld"),)),
    ]
    assert ranked(services, u(place=DO_NORD)) == [
        "district",
        "city",
        "other",
        "state",
        "nationwide",
    ]
    found = Ranker(services).rank(u(place=DO_NORD), WEDNESDAY_3PM)
    place_reasons = [next(r.value for r in s.reasons if r.code == "place") for s in found]
    assert place_reasons == ["district", "city", "city", "state", "nationwide"]


def test_open_now_before_closed_and_unknown_hours_between() -> None:
    services = [
        svc("b-closed", hours=NEVER_NOW),
        svc("c-unknown"),
        svc("a-open", hours=ALWAYS),
    ]
    found = Ranker(services).rank(u(), WEDNESDAY_3PM)
    assert ids(found) == ["a-open", "c-unknown", "b-closed"]
    assert [s.open_now for s in found] == [True, None, False]
    assert found[0].score - found[1].score == found[1].score - found[2].score == 10.0
    assert Reason("open_now") in found[0].reasons
    assert Reason("open_now") not in found[1].reasons + found[2].reasons


def test_hours_from_an_old_source_that_say_open_count_half_and_never_show_as_open() -> None:
    services = [
        svc("b-closed", hours=NEVER_NOW),
        svc("c-unknown"),
        svc("a-open", hours=ALWAYS),
        verified(svc("d-old-open", hours=ALWAYS), PartialDate(2019)),
        verified(svc("e-old-closed", hours=NEVER_NOW), PartialDate(2019)),
    ]
    found = Ranker(services).rank(u(), WEDNESDAY_3PM)
    assert ids(found) == ["a-open", "d-old-open", "c-unknown", "b-closed", "e-old-closed"]
    assert [s.open_now for s in found] == [True, None, None, False, False]
    assert [found[0].score - s.score for s in found] == [0.0, 5.0, 10.0, 20.0, 20.0]
    assert Reason("open_now") not in found[1].reasons


def test_a_line_only_old_hours_call_open_leads_when_none_is_open_by_current_hours() -> None:
    weights = {"violence": 1.0}
    closed = sug("closed", False)
    unknown = sug("unknown", None)
    old_open = Suggestion(verified(svc("old-open", hours=ALWAYS), PartialDate(2019)), 0.0, (), None)
    old_closed = Suggestion(
        verified(svc("old-closed", hours=NEVER_NOW), PartialDate(2019)), 0.0, (), False
    )
    order = [closed, unknown, old_closed, old_open]
    assert ids(reachable_first(order, weights))[0] == "old-open"
    assert ids(reachable_first([closed, unknown, old_closed], weights))[0] == ("closed")
    now_open = sug("now-open", True)
    assert ids(reachable_first([*order, now_open], weights))[0] == "now-open"


def test_people_now_counts_old_hours_that_say_open_half() -> None:
    services = [
        svc("a-line", kind="counselling", phone="1", hours=ALWAYS),
        verified(svc("b-old", kind="counselling", phone="2", hours=ALWAYS), PartialDate(2019)),
        svc("c-unknown", kind="counselling", phone="3", hours=None),
        verified(
            svc("d-old-ro", kind="counselling", phone="4", hours=ALWAYS, languages=("de", "ro")),
            PartialDate(2019),
        ),
    ]
    found = Ranker(services).people_now(u(language="ro"), WEDNESDAY_3PM)
    assert ids(found) == ["d-old-ro", "a-line", "b-old"]
    assert [s.open_now for s in found] == [None, True, None]


def test_a_phone_or_chat_before_a_website_only() -> None:
    services = [
        svc("a-web", url="https://a.invalid"),
        svc("b-phone", phone="0231 1"),
        svc("c-chat", chat_url="https://c.invalid"),
    ]
    assert ranked(services, u()) == ["b-phone", "c-chat", "a-web"]


def test_someone_asking_for_the_phone_gets_services_with_a_phone_first() -> None:
    services = [
        svc("a-chat", chat_url="https://a.invalid", kind="counselling"),
        svc("b-phone", phone="0231 1", kind="outreach"),
    ]
    assert ranked(services, u()) == ["a-chat", "b-phone"]
    assert ranked(services, u(intents=("by_phone",))) == ["b-phone", "a-chat"]


def test_an_advice_service_before_a_meeting_place_with_the_same_fit() -> None:
    services = [svc("a-meeting", kind="meeting_place"), svc("b-advice", kind="counselling")]
    assert ranked(services, u()) == ["b-advice", "a-meeting"]
    for kind in ("crisis_line", "online", "authority", "medical"):
        assert ranked([services[0], svc("b", kind=kind)], u()) == ["b", "a-meeting"]


def test_services_for_the_uninsured_first_for_someone_without_insurance() -> None:
    services = [svc("a"), svc("b-uninsured", for_uninsured=True, kind="outreach")]
    assert ranked(services, u(intents=("uninsured",)))[0] == "b-uninsured"
    assert ranked(services, u())[0] == "a"


def test_a_professional_gets_the_lines_that_advise_professionals_first() -> None:
    families = svc("a-families", audiences=("own_child",))
    pros = svc("b-pros", audiences=("professional",))
    found = Ranker([families, pros]).rank(u(who="professional"), WEDNESDAY_3PM)
    assert ids(found) == ["b-pros", "a-families"]
    assert Reason("audience", "professional") in found[0].reasons
    assert Reason("refer") in found[1].reasons


def test_the_audience_reason_names_who_the_service_is_for_except_the_self() -> None:
    s = svc("s")
    [parent] = Ranker([s]).rank(u(who="own_child"), WEDNESDAY_3PM)
    [me] = Ranker([s]).rank(u(who="self"), WEDNESDAY_3PM)
    assert Reason("audience", "own_child") in parent.reasons
    assert not any(r.code == "audience" for r in me.reasons)


def test_at_most_two_topic_reasons_then_audience_place_language_open() -> None:
    s = svc("s", ("violence", "neglect", "bullying"), languages=("de", "ro"), hours=ALWAYS)
    asked = u(
        who="own_child",
        language="ro",
        topics=("violence", "neglect", "bullying"),
        topic_scores=(1.0, 1.0, 1.0),
    )
    [found] = Ranker([s]).rank(asked, WEDNESDAY_3PM)
    assert found.reasons == (
        Reason("topic", "violence"),
        Reason("topic", "neglect"),
        Reason("audience", "own_child"),
        Reason("place", "nationwide"),
        Reason("language", "ro"),
        Reason("open_now"),
    )


def test_ties_are_broken_by_id_and_the_limit_holds() -> None:
    services = [svc(f"s{i}") for i in (3, 1, 2, 5, 4)]
    assert ranked(services, u()) == ["s1", "s2", "s3", "s4", "s5"]
    assert ranked(services, u(), limit=2) == ["s1", "s2"]


def test_topic_weights_are_relative_to_the_strongest_topic() -> None:
    neglect = svc("a-neglect", ("neglect",))
    violence = svc("b-violence", ("violence",))
    asked = u(topics=("violence", "neglect"), topic_scores=(4.0, 1.0))
    assert ranked([neglect, violence], asked) == ["b-violence", "a-neglect"]
    # the same relation at another scale
    asked = u(topics=("violence", "neglect"), topic_scores=(0.4, 0.1))
    found = Ranker([neglect, violence]).rank(asked, WEDNESDAY_3PM)
    assert ids(found) == ["b-violence", "a-neglect"]


def test_inactive_services_and_emergency_numbers_are_never_results() -> None:
    services = [svc("a-gone", status="inactive"), svc("b-112", kind="emergency"), svc("c")]
    assert ranked(services, u()) == ["c"]


# --- when nothing fits --------------------------------------------------------------------


def test_no_topic_gives_the_general_lines_by_priority() -> None:
    services = [svc("a-general", priority=1), svc("b-general", priority=3), svc("c-specific")]
    found = Ranker(services).rank(Understanding("de"), WEDNESDAY_3PM)
    assert ids(found) == ["b-general", "a-general"]
    assert not any(r.code == "general" for s in found for r in s.reasons)


def test_a_topic_nobody_serves_falls_back_to_the_general_lines_saying_so() -> None:
    services = [svc("a-general", ("bullying",), priority=1), svc("b", ("work",))]
    found = Ranker(services).rank(u(topics=("migration",)), WEDNESDAY_3PM)
    assert ids(found) == ["a-general"]
    assert found[0].reasons[0] == Reason("general")


def test_a_general_line_serves_child_protection_topics_it_does_not_list() -> None:
    general = svc("general", ("mental_health",), priority=1)
    found = Ranker([general]).rank(u(topics=("neglect",)), WEDNESDAY_3PM)
    assert ids(found) == ["general"] and found[0].reasons[0] != Reason("general")
    assert ids(Ranker([general]).rank(u(topics=("work",)), WEDNESDAY_3PM)) == ["general"]
    [fallback] = Ranker([general]).rank(u(topics=("work",)), WEDNESDAY_3PM)
    assert fallback.reasons[0] == Reason("general")


def test_with_no_general_line_the_nationwide_lines_for_this_person() -> None:
    services = [
        svc("a-local", ("work",), areas=(Area(city="Bielefeld"),)),
        svc("b-nationwide", ("work",)),
        svc("c-112", ("work",), kind="emergency"),
        svc("d-pros", ("work",), audiences=("professional",)),
    ]
    found = Ranker(services).rank(u(who="self", topics=("migration",)), WEDNESDAY_3PM)
    assert ids(found) == ["b-nationwide"]
    assert found[0].reasons[0] == Reason("general")


# --- the best-first search ----------------------------------------------------------------


def test_the_best_first_search_finds_what_scoring_every_service_finds(finder) -> None:
    ranker = finder.ranker
    for asked in (
        u(place=DO_NORD),
        u(who="own_child", topics=("sexual_violence", "violence"), topic_scores=(1.0, 0.4)),
        u(who="professional", place=SCHWERIN, topics=("neglect",)),
        u(language="ro", topics=("work", "migration"), topic_scores=(1.0, 0.9), place=DO),
    ):
        top = u_weights(asked)
        every = [
            s
            for service in ranker.services
            if service.kind != "emergency"
            and (s := ranker._suggest(service, asked, WEDNESDAY_3PM, top))
        ]
        every.sort(key=lambda s: (-s.score, s.service.id))
        bounds = ranker.candidates(top, asked.place)
        best = ranker._best(bounds, asked, WEDNESDAY_3PM, top, 5)
        assert ids(best) == ids(every[:5])
        for s in every:  # no score above its bound
            i = ranker.services.index(s.service)
            assert s.score <= bounds[i]


def u_weights(asked: Understanding) -> dict[str, float]:
    return {
        t: s / asked.topic_scores[0] for t, s in zip(asked.topics, asked.topic_scores, strict=True)
    }


# --- first places -------------------------------------------------------------------------


def sug(id: str, open_now: bool | None, place: str = "nationwide", **kw: object) -> Suggestion:
    return Suggestion(svc(id, **kw), 0.0, (Reason("place", place),), open_now)


def test_a_line_open_now_leads_when_the_best_fit_is_closed() -> None:
    weights = {"sexual_violence": 1.0}
    closed = sug("closed", False, topics=("sexual_violence",))
    local_other = sug(
        "local-other", True, "city", topics=("exploitation",), areas=(Area(city="Dortmund"),)
    )
    line = sug(
        "line",
        True,
        topics=("mental_health", "sexual_violence"),
        kind="crisis_line",
        chat_url="https://x.invalid",
    )
    assert ids(reachable_first([closed, local_other, line], weights)) == [
        "line",
        "closed",
        "local-other",
    ]


def test_the_best_fit_open_or_unknown_keeps_its_place() -> None:
    weights = {"violence": 1.0}
    other = sug("other", True)
    for state in (True, None):
        first = sug("first", state)
        assert ids(reachable_first([first, other], weights)) == ["first", "other"]
    assert reachable_first([], weights) == []


def test_a_closed_or_unhelpful_line_does_not_move_up() -> None:
    weights = {"sexual_violence": 1.0}
    closed = sug("closed", False, topics=("sexual_violence",))
    closed_too = sug("closed-too", False, topics=("sexual_violence",))
    no_phone = sug(
        "no-phone", True, topics=("mental_health", "sexual_violence"), kind="crisis_line"
    )
    local_line = sug(
        "local-line",
        True,
        "city",
        topics=("mental_health", "sexual_violence"),
        kind="crisis_line",
        phone="1",
        areas=(Area(city="Dortmund"),),
    )
    other_topic = sug(
        "other-topic", True, topics=("work", "mental_health"), phone="1", kind="crisis_line"
    )
    order = [closed, closed_too, no_phone, local_line, other_topic]
    assert ids(reachable_first(order, weights)) == ids(order)
    helper = sug("helper", True, topics=("violence",))  # same field: tier 1
    assert ids(reachable_first([*order, helper], weights))[0] == "helper"
    state_line = sug(
        "state-line",
        True,
        "state",
        topics=("mental_health", "sexual_violence"),
        kind="counselling",
        phone="1",
        areas=(Area(state=NRW),),
    )
    assert ids(reachable_first([*order, state_line], weights))[0] == "state-line"


def test_a_nearby_service_takes_the_last_of_the_first_three() -> None:
    weights = {"sexual_violence": 1.0}
    wide = [sug(f"wide{i}", True, topics=("sexual_violence",)) for i in range(4)]
    near = sug("near", False, "city", topics=("violence", "sexual_violence"))
    assert ids(nearby_in_first([*wide, near], weights)) == [
        "wide0",
        "wide1",
        "near",
        "wide2",
        "wide3",
    ]
    assert ids(nearby_in_first([*wide, near], weights, within=2)) == [
        "wide0",
        "near",
        "wide1",
        "wide2",
        "wide3",
    ]


def test_the_nearby_service_must_help_with_the_main_topic() -> None:
    weights = {"sexual_violence": 1.0}
    wide = [sug(f"wide{i}", True, topics=("sexual_violence",)) for i in range(3)]
    far_down = sug(
        "far-down", False, "district", topics=("work", "health", "migration", "sexual_violence")
    )
    other = sug("other", False, "state", topics=("work", "sexual_violence"))
    assert ids(nearby_in_first([*wide, far_down, other], weights)) == [
        "wide0",
        "wide1",
        "wide2",
        "far-down",
        "other",
    ]
    good = sug("good", False, "state", topics=("sexual_violence",))
    assert ids(nearby_in_first([*wide, far_down, other, good], weights))[2] == "good"


def test_nothing_moves_when_a_nearby_service_is_already_in_the_first_three() -> None:
    weights = {"violence": 1.0}
    order = [
        sug("w0", True),
        sug("w1", True),
        sug("near", True, "district"),
        sug("w3", True),
        sug("near2", True, "city"),
    ]
    assert ids(nearby_in_first(order, weights)) == ids(order)
    short = [sug("w0", True), sug("w1", True), sug("w2", True)]
    assert ids(nearby_in_first(short, weights)) == ids(short)


# --- the emergency answer -----------------------------------------------------------------


def crisis_lines() -> list[Service]:
    return [
        svc(
            "police-110",
            kind="emergency",
            hours=ALWAYS,
            crisis_for=(("danger_now", 1), ("sexual_now", 1)),
        ),
        svc(
            "rescue-112",
            kind="emergency",
            hours=ALWAYS,
            crisis_for=(("danger_now", 2), ("suicidal", 1)),
        ),
        svc(
            "talk-line",
            kind="crisis_line",
            hours=ALWAYS,
            crisis_for=(("suicidal", 2),),
            audiences=("self",),
        ),
        svc("night-line", kind="crisis_line", hours=NEVER_NOW, crisis_for=(("suicidal", 3),)),
        svc(
            "women-line",
            kind="crisis_line",
            hours=ALWAYS,
            gender="female",
            crisis_for=(("danger_now", 3),),
        ),
        svc(
            "mv-line",
            kind="crisis_line",
            hours=ALWAYS,
            areas=(Area(state=MV),),
            crisis_for=(("danger_now", 4),),
        ),
        svc("result", hours=ALWAYS),
    ]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("danger_now", ["police-110", "rescue-112"]),
        ("suicidal", ["rescue-112", "talk-line"]),
        ("sexual_now", ["police-110"]),
        (None, ["police-110", "rescue-112"]),  # no kind said: danger now
    ],
)
def test_the_emergency_answer_gives_the_open_lines_for_the_crisis_kind_in_order(
    kind, expected
) -> None:
    found = Ranker(crisis_lines()).emergency(u(crisis=True, crisis_kind=kind), WEDNESDAY_3PM)
    assert ids(found) == expected
    assert all(s.open_now for s in found)


def test_emergency_numbers_say_emergency_and_lines_say_crisis() -> None:
    found = Ranker(crisis_lines()).emergency(u(crisis_kind="suicidal"), WEDNESDAY_3PM)
    assert [s.reasons for s in found] == [(Reason("emergency"),), (Reason("crisis"),)]


def test_the_emergency_answer_ignores_audience_but_not_gender_or_place() -> None:
    ranker = Ranker(crisis_lines())
    teacher = ranker.emergency(u(crisis_kind="suicidal", who="professional"), WEDNESDAY_3PM)
    assert "talk-line" in ids(teacher)
    girl = ranker.emergency(u(crisis_kind="danger_now", gender="female"), WEDNESDAY_3PM)
    assert ids(girl) == ["police-110", "rescue-112", "women-line"]
    schwerin = ranker.emergency(u(crisis_kind="danger_now", place=SCHWERIN), WEDNESDAY_3PM)
    assert ids(schwerin) == ["police-110", "rescue-112", "mv-line"]


def test_the_emergency_answer_puts_a_line_speaking_the_language_first_among_equals() -> None:
    a = svc("a", kind="crisis_line", hours=ALWAYS, crisis_for=(("suicidal", 2),))
    b = svc(
        "b", kind="crisis_line", hours=ALWAYS, crisis_for=(("suicidal", 2),), languages=("de", "tr")
    )
    asked = u(crisis_kind="suicidal", language="tr")
    assert ids(Ranker([a, b]).emergency(asked, WEDNESDAY_3PM)) == ["b", "a"]
    assert ids(Ranker([a, b]).emergency(replace(asked, language="de"), WEDNESDAY_3PM)) == ["a", "b"]
    # but the set order comes first: a line two places down stays below
    first = svc("z-first", kind="crisis_line", hours=ALWAYS, crisis_for=(("suicidal", 1),))
    low = replace(b, id="low", crisis_for=(("suicidal", 3),))
    assert ids(Ranker([low, first]).emergency(asked, WEDNESDAY_3PM)) == ["z-first", "low"]


def test_in_a_crisis_the_emergency_lines_come_first_then_the_rest_without_repeats() -> None:
    lines = crisis_lines()
    ranker = Ranker(lines)
    found = ranker.suggest(u(crisis=True, crisis_kind="suicidal", who="self"), WEDNESDAY_3PM)
    assert ids(found)[:2] == ["rescue-112", "talk-line"]
    assert ids(found).count("talk-line") == 1
    assert "result" in ids(found)
    calm = ranker.suggest(u(who="self"), WEDNESDAY_3PM)
    assert "rescue-112" not in ids(calm)
    assert len(ranker.suggest(u(crisis=True, crisis_kind="suicidal"), WEDNESDAY_3PM, 1)) == 2


# --- a person now, a language ------------------------------------------------------------


def test_people_now_lists_staffed_lines_open_now_first() -> None:
    services = [
        svc("a-closed-line", kind="crisis_line", phone="1", hours=NEVER_NOW),
        svc("b-open-line", kind="counselling", phone="2", hours=ALWAYS),
        svc(
            "c-open-chat",
            kind="online",
            chat_url="https://c.invalid",
            hours=ALWAYS,
            topics=("work",),
        ),
        svc("d-office", kind="authority", phone="3", hours=ALWAYS),
        svc("e-no-contact", kind="counselling", hours=ALWAYS),
        svc("f-unknown-hours", kind="counselling", phone="4"),
        svc(
            "g-bielefeld",
            kind="counselling",
            phone="5",
            hours=ALWAYS,
            areas=(Area(city="Bielefeld"),),
        ),
    ]
    found = Ranker(services).people_now(u(place=DO), WEDNESDAY_3PM)
    assert ids(found) == ["b-open-line", "c-open-chat", "a-closed-line"]
    assert [s.open_now for s in found] == [True, True, False]
    assert all(s.reasons == (Reason("person"),) for s in found)


def test_people_now_prefers_a_line_for_the_topic_and_the_language() -> None:
    services = [
        svc("a-line", kind="counselling", phone="1", hours=ALWAYS, topics=("work",)),
        svc("b-line", kind="counselling", phone="2", hours=ALWAYS, topics=("violence",)),
        svc(
            "c-line",
            kind="counselling",
            phone="3",
            hours=ALWAYS,
            topics=("work",),
            languages=("de", "ro"),
        ),
    ]
    assert ids(Ranker(services).people_now(u(), WEDNESDAY_3PM)) == ["b-line", "a-line", "c-line"]
    ro = Ranker(services).people_now(u(language="ro", topics=("work",)), WEDNESDAY_3PM)
    assert ids(ro) == ["c-line", "a-line", "b-line"]
    prio = [
        *services,
        svc("d-line", kind="counselling", phone="4", hours=ALWAYS, priority=3, topics=("work",)),
    ]
    assert ids(Ranker(prio).people_now(u(), WEDNESDAY_3PM))[0] == "d-line"


def test_speaking_lists_services_in_the_language_best_fit_first() -> None:
    services = [
        svc("a-ro-work", ("work",), languages=("de", "ro")),
        svc("b-ro-violence", ("violence",), languages=("de", "ro")),
        svc("c-de-violence", ("violence",)),
    ]
    ranker = Ranker(services)
    assert ids(ranker.speaking("ro", u(), WEDNESDAY_3PM)) == ["b-ro-violence"]
    assert ids(ranker.speaking("ro", u(topics=("health",)), WEDNESDAY_3PM)) == [
        "a-ro-work",
        "b-ro-violence",
    ]
    assert ranker.speaking("tr", u(), WEDNESDAY_3PM) == []


# --- more rules, found by mutation testing ------------------------------------------------


def test_the_main_topic_is_the_heaviest_not_the_last_in_the_alphabet() -> None:
    weights = {"violence": 1.0, "work": 0.2}
    assert tier(svc("v", ("violence",)), weights) == 2
    assert tier(svc("w", ("work",)), weights) == 1


def test_only_the_relative_strength_of_topics_counts() -> None:
    services = [svc("a", ("violence",)), svc("b", ("neglect", "violence"))]
    ranker = Ranker(services)
    strong = ranker.rank(u(topics=("violence", "neglect"), topic_scores=(4.0, 2.0)), WEDNESDAY_3PM)
    weak = ranker.rank(u(topics=("violence", "neglect"), topic_scores=(1.0, 0.5)), WEDNESDAY_3PM)
    assert [(s.service.id, s.score) for s in strong] == [(s.service.id, s.score) for s in weak]


def test_the_third_place_in_a_services_topics_fits_better_than_the_fourth() -> None:
    third = svc("third", ("work", "health", "violence"))
    fourth = svc("fourth", ("work", "health", "neglect", "violence"))
    found = {s.service.id: s.score for s in Ranker([third, fourth]).rank(u(), WEDNESDAY_3PM)}
    assert found["third"] - found["fourth"] == pytest.approx(100 * (0.6 - 0.5))


def test_the_search_stops_once_no_candidate_left_can_enter_the_top() -> None:
    """A service with every bonus scores above what a weak candidate could ever reach: with
    room for one, the search ends there and gives that one."""
    best = svc(
        "best",
        ("violence",),
        areas=(Area(city="Dortmund", district="Nordstadt"),),
        languages=("de", "ro"),
        hours=ALWAYS,
        phone="1",
        for_uninsured=True,
    )
    weak = svc("weak", ("work", "health", "migration", "neglect"))
    asked = u(
        language="ro",
        who="professional",
        place=DO_NORD,
        topics=("violence", "neglect"),
        topic_scores=(1.0, 0.1),
        intents=("uninsured", "by_phone"),
    )
    assert ranked([weak, best], asked, limit=1) == ["best"]
    assert ranked([weak, best], asked, limit=2) == ["best", "weak"]


def test_a_general_fallback_keeps_whether_the_line_is_open() -> None:
    general = svc("general", ("bullying",), priority=1, hours=ALWAYS)
    [found] = Ranker([general]).rank(u(topics=("work",)), WEDNESDAY_3PM)
    assert found.open_now is True and found.reasons[0] == Reason("general")


def test_a_nearby_service_lower_in_its_own_topics_does_not_move_up() -> None:
    weights = {"sexual_violence": 1.0}
    wide = [sug(f"wide{i}", True, topics=("sexual_violence",)) for i in range(3)]
    fourth = sug("fourth", False, "city", topics=("violence", "work", "health", "sexual_violence"))
    assert ids(nearby_in_first([*wide, fourth], weights)) == ["wide0", "wide1", "wide2", "fourth"]


def test_moving_a_service_up_keeps_every_other_one() -> None:
    weights = {"sexual_violence": 1.0}
    wide = [sug(f"wide{i}", True, topics=("sexual_violence",)) for i in range(3)]
    near = sug("near", False, "city", topics=("sexual_violence",))
    tail = sug("tail", True)
    assert ids(nearby_in_first([*wide, near, tail], weights)) == [
        "wide0",
        "wide1",
        "near",
        "wide2",
        "tail",
    ]
    closed = sug("closed", False, topics=("sexual_violence",))
    helper = sug("helper", True, topics=("violence",))
    assert ids(reachable_first([closed, helper, tail], weights)) == [
        "helper",
        "closed",
        "tail",
    ]


def test_nationwide_fallback_is_for_this_person_and_best_first() -> None:
    services = [
        svc("a-closed", ("work",), hours=NEVER_NOW),
        svc("b-open", ("work",), hours=ALWAYS),
        svc("c-girls", ("work",), gender="female"),
        svc("d-young", ("work",), age_max=12),
        svc("e-pros", ("work",), audiences=("professional",)),
    ]
    ranker = Ranker(services)
    asked = u(who="self", topics=("migration",), age=15, gender="female")
    assert ids(ranker.nationwide(asked, WEDNESDAY_3PM)) == ["b-open", "c-girls", "a-closed"]
    boy = replace(asked, gender="male", age=11)
    assert ids(ranker.nationwide(boy, WEDNESDAY_3PM)) == ["b-open", "d-young", "a-closed"]
    teacher = u(who="professional", topics=("migration",))
    assert "e-pros" in ids(ranker.nationwide(teacher, WEDNESDAY_3PM))
    bg_line = svc("f-bg", ("work",), for_speakers=("bg",))
    assert ids(Ranker([bg_line]).nationwide(u(language="bg"), WEDNESDAY_3PM)) == ["f-bg"]
    assert ids(Ranker([bg_line]).nationwide(u(language="ro"), WEDNESDAY_3PM)) == []


def test_people_now_skips_what_does_not_fit_and_goes_on() -> None:
    services = [
        svc("a-girls", kind="counselling", phone="1", hours=ALWAYS, gender="female"),
        svc(
            "b-bielefeld",
            kind="counselling",
            phone="2",
            hours=ALWAYS,
            areas=(Area(city="Bielefeld"),),
        ),
        svc(
            "c-dortmund",
            kind="counselling",
            phone="3",
            hours=ALWAYS,
            areas=(Area(city="Dortmund"),),
        ),
        svc("d-line", kind="counselling", phone="4", hours=ALWAYS),
    ]
    assert ids(Ranker(services).people_now(u(place=DO), WEDNESDAY_3PM)) == [
        "c-dortmund",
        "d-line",
    ]


def test_people_now_an_open_line_before_a_closed_one_in_the_language() -> None:
    services = [
        svc("a-open", kind="counselling", phone="1", hours=ALWAYS),
        svc("b-closed-ro", kind="counselling", phone="2", hours=NEVER_NOW, languages=("ro",)),
    ]
    found = Ranker(services).people_now(u(language="ro"), WEDNESDAY_3PM)
    assert ids(found)[0] == "a-open"


def test_speaking_keeps_who_age_gender_and_place_of_the_person() -> None:
    services = [
        svc("a-tr", ("violence",), languages=("tr",), areas=(Area(city="Dortmund"),)),
        svc("b-tr-girls", ("violence",), languages=("tr",), gender="female"),
        svc("c-tr-young", ("violence",), languages=("tr",), age_max=12),
        svc("d-tr-bielefeld", ("violence",), languages=("tr",), areas=(Area(city="Bielefeld"),)),
        svc("e-tr-pros", ("violence",), languages=("tr",), audiences=("professional",)),
        svc("f-tr-speakers", ("violence",), languages=("tr",), for_speakers=("tr",)),
        svc("g-de-work", ("work",)),
    ]
    ranker = Ranker(services)
    girl = u(who="self", place=DO, age=15, gender="female")
    assert set(ids(ranker.speaking("tr", girl, WEDNESDAY_3PM))) == {
        "a-tr",
        "b-tr-girls",
        "f-tr-speakers",
    }
    # the same through the fallback (a topic only a German service serves)
    other = replace(girl, topics=("work",))
    assert set(ids(ranker.speaking("tr", other, WEDNESDAY_3PM))) == {
        "a-tr",
        "b-tr-girls",
        "f-tr-speakers",
    }


def test_speaking_lists_more_than_one_page() -> None:
    services = [svc(f"s{i:02}", languages=("ro",)) for i in range(14)]
    assert len(Ranker(services).speaking("ro", u(), WEDNESDAY_3PM)) == 14


def test_speaking_fallback_is_best_first() -> None:
    services = [
        svc("a-closed", ("work",), languages=("ro",), hours=NEVER_NOW),
        svc("b-open", ("work",), languages=("ro",), hours=ALWAYS),
        svc("c-unknown", ("work",), languages=("ro",)),
    ]
    found = Ranker(services).speaking("ro", u(topics=("health",)), WEDNESDAY_3PM)
    assert ids(found) == ["b-open", "c-unknown", "a-closed"]
    assert [s.open_now for s in found] == [True, None, False]


def test_suggest_keeps_the_limit_asked_for() -> None:
    services = [svc(f"s{i:02}") for i in range(14)]
    assert len(Ranker(services).suggest(u(), WEDNESDAY_3PM, 12)) == 12
    assert len(Ranker(services).suggest(u(), WEDNESDAY_3PM)) == 10

"""Rank services for what a message means: topic, audience, place, language, open now."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from knowledge import hours, provenance
from knowledge.model import Area, Place, Reason, Service, Suggestion, Understanding

SUGGESTION_LIMIT = 10
"""How many suggestions a ranking returns unless asked for another number: the one default."""

TIER_WEIGHT = 20.0
"""Specialists first: a service whose main topic is the person's gets two tiers, one whose main
topic is another of their topics one tier (a prostitution service never leads for abuse at
home). Tiers weigh more than place, hours and a phone together, less than a language the
interface lacks."""
TOPIC_WEIGHT = 100.0
"""Topic fit comes before everything else: one step in POSITION_FIT outweighs place and more."""
PHONE_BONUS = TOPIC_WEIGHT
"""Services with a phone number first, for someone who asks to talk on the phone: a service
they cannot use the way they asked is worth a full topic fit less."""
PLACE_WEIGHT = 5.0
LANGUAGE_BONUS = TOPIC_WEIGHT
"""Services that speak the person's language, where it is not German (Romanian, Turkish,
Arabic…), come first among those that help with the topic: most services speak German only,
and the person may speak none. It weighs as much as a full topic fit."""
PROFESSIONAL_BONUS = 30.0
"""A professional gets the lines that advise professionals before the services to refer to."""
OPEN_WEIGHT = 10.0
"""Open now counts, closed now counts against (unknown hours: neither)."""
STALE_OPEN = 0.5
"""Share of OPEN_WEIGHT for hours from an old or undated source that say open now: such a line
is likely open but is never shown as open (knowledge.provenance.current_hours)."""
UNINSURED_BONUS = 40.0
"""Services for people without health insurance, for someone who says they have none."""
TALK_BONUS = 20.0
"""A phone or a chat, where a person answers, before a website or an e-mail address only."""
ADVICE_BONUS = 2.0
"""A service that advises (counselling, a line, an office) before a meeting place or an
outreach team with the same fit: it answers the question asked. A tie-breaker, no more."""
ADVISING = frozenset({"counselling", "crisis_line", "online", "authority", "medical"})
PRIORITY_WEIGHT = 1.0
POSITION_FIT = (1.0, 0.8, 0.6, 0.5)
"""How well a service fits a topic by where the topic stands in its list."""
GENERAL_FIT = 0.6
"""A general line (priority > 0) fits any child-protection worry of those it serves this well."""
PROTECTION = frozenset(
    {"sexual_violence", "violence", "neglect", "exploitation", "bullying", "mental_health"}
)
MALTREATMENT = frozenset({"sexual_violence", "violence", "neglect"})
"""One field: child-protection services answer every kind of maltreatment of a child."""
OTHER_TOPICS = 0.1
"""What further matching topics add to the best one (a generalist never outranks a specialist)."""
SELF_MIN_AGE = 10
"""Someone writing about themselves is at least this old: pre-school services are not for them."""
PLACE_FIT = {"district": 4.0, "city": 3.0, "other_district": 2.5, "state": 2.0, "nationwide": 1.0}
KEY_FIT_BOUND = {
    "*": PLACE_FIT["nationwide"],
    "state": PLACE_FIT["state"],
    "city": PLACE_FIT["district"],
}
"""The best place fit a service found under an area key can have."""
AreaKey = tuple[str, str]
NATIONWIDE: AreaKey = ("*", "")
STAFFED = frozenset({"crisis_line", "counselling", "online"})
"""Kinds of service where a person answers."""


def place_fit(area: Area, place: Place | None) -> str | None:
    """Return how an area fits the asker's place, or None if it does not serve it."""
    if place is None:
        return None
    if area.city:
        if area.city != place.city:
            return None
        if area.district is None:
            return "city"
        return "district" if area.district == place.district else "other_district"
    return "state" if area.state and area.state == place.state else None


def best_place_fit(service: Service, place: Place | None) -> str | None:
    """Return the best fit of any of a service's areas (nationwide when it has none)."""
    if service.nationwide:
        return "nationwide"
    fits = [f for a in service.areas if (f := place_fit(a, place))]
    return max(fits, key=PLACE_FIT.__getitem__) if fits else None


def serves(service: Service, who: str | None) -> bool:
    """Return whether a service is for this asker; professional-only lines need a professional.

    A professional may also refer a family to a service for parents (`own_child`), but not
    to a line only parents call (`for_caregivers`) unless it advises professionals too.
    """
    if who is None:
        return service.audiences != ("professional",)
    if who == "professional":
        refer = "own_child" in service.audiences and not service.for_caregivers
        return refer or "professional" in service.audiences
    return who in service.audiences


def eligible(service: Service, u: Understanding, audience: bool = True) -> bool:
    """Return whether the person affected may use the service: audience, gender, profession,
    language (a line in one language), carers' lines (not for a friend) and age. Crisis lines
    pass `audience=False`: they are never filtered by audience."""
    if audience and not serves(service, u.who):
        return False
    if service.gender and service.gender != u.gender:
        return False  # for women and girls only: shown when the person is known to be one
    if service.professions and u.profession and u.profession not in service.professions:
        return False
    if service.for_speakers and u.language not in ("de", *service.for_speakers):
        return False  # a Romanian writer does not need the Bulgarian line
    if service.for_caregivers and u.who == "someone_else" and "friend" in u.intents:
        return False  # lines for parents and carers are not for a child's friend
    age = u.age if u.age is not None else (SELF_MIN_AGE if u.who == "self" else None)
    if age is None:
        return True
    if service.age_max is not None and age > service.age_max:
        return False
    return u.age is None or service.age_min is None or age >= service.age_min


def open_now(service: Service, now: datetime) -> bool | None:
    """Return whether a service is open now; None: not known.

    Hours whose source is older than two years (or undated) never make a service open now
    (knowledge.provenance.current_hours); where even they say it is closed now, it counts as
    closed (the conservative reading: an old timetable may have shrunk, hardly grown).
    """
    if service.hours is None:
        return None
    opened = hours.is_open(service.hours, now)
    if provenance.current_hours(service, now.date()):
        return opened
    return None if opened else False


def openness(service: Service, opened: bool | None) -> float:
    """Return the share of OPEN_WEIGHT for a service and its `open_now`: 1 open, -1 closed,
    STALE_OPEN where it has hours yet open_now says unknown (only hours from an old or undated
    source say open), 0 for unknown hours."""
    if opened is not None:
        return 1.0 if opened else -1.0
    return STALE_OPEN if service.hours is not None else 0.0


def general_fit(weights: dict[str, float]) -> float:
    """Return how well a general line fits: GENERAL_FIT of the strongest child-protection topic."""
    return GENERAL_FIT * max((w for t, w in weights.items() if t in PROTECTION), default=0.0)


def speaks_bonus(service: Service, language: str) -> float:
    """Return the bonus for speaking the asker's language where it is not German."""
    return LANGUAGE_BONUS if language != "de" and language in service.languages else 0.0


def _area_keys(service: Service) -> list[AreaKey]:
    if service.nationwide:
        return [NATIONWIDE]
    return [("city", a.city) if a.city else ("state", a.state or "") for a in service.areas]


class Ranker:
    """Services indexed by topic and area, so ranking looks only at those that can fit."""

    def __init__(self, services: Iterable[Service]) -> None:
        self.services = tuple(s for s in services if s.status == "active")
        self._index: dict[tuple[str, AreaKey], list[tuple[int, int]]] = defaultdict(list)
        self._general: list[int] = []
        self._emergency: list[int] = []
        for i, service in enumerate(self.services):
            if service.crisis_for:
                self._emergency.append(i)
            if service.kind == "emergency":
                continue  # 110 and 112 belong to the emergency answer and /help, not to results
            for key in dict.fromkeys(_area_keys(service)):
                for position, topic in enumerate(service.topics):
                    self._index[(topic, key)].append((i, position))
            if service.priority > 0:
                self._general.append(i)

    def _keys(self, place: Place | None) -> list[AreaKey]:
        keys = [NATIONWIDE]
        if place and place.state:
            keys.append(("state", place.state))
        if place and place.city:
            keys.append(("city", place.city))
        return keys

    def candidates(self, weights: dict[str, float], place: Place | None) -> dict[int, float]:
        """Return services with one of the topics that may serve the place, with score bounds.

        The bound adds up every topic fit (the real fit counts the best one and a tenth of the
        rest), takes the best place fit the area key allows and every bonus: no full score
        can be higher.
        """
        topic_part: dict[int, float] = defaultdict(float)
        place_part: dict[int, float] = {}
        for topic, weight in weights.items():
            seen: set[int] = set()
            for key in self._keys(place):
                bound = KEY_FIT_BOUND[key[0]]
                for i, position in self._index.get((topic, key), ()):
                    if i not in seen:
                        seen.add(i)
                        topic_part[i] += weight * POSITION_FIT[min(position, 3)]
                    place_part[i] = max(place_part.get(i, 0.0), bound)
        if general := general_fit(weights):
            for i in self._general:
                topic_part[i] += general
                place_part[i] = PLACE_FIT["district"]
        extra = LANGUAGE_BONUS + PROFESSIONAL_BONUS + OPEN_WEIGHT + TALK_BONUS
        extra += UNINSURED_BONUS + ADVICE_BONUS + PHONE_BONUS + 2 * TIER_WEIGHT
        return {
            i: TOPIC_WEIGHT * t + PLACE_WEIGHT * place_part[i] + extra
            for i, t in topic_part.items()
        }

    def _best(
        self,
        bounds: dict[int, float],
        u: Understanding,
        now: datetime,
        weights: dict[str, float],
        limit: int,
    ) -> list[Suggestion]:
        """Score candidates in order of their bounds; stop when none left can enter the top."""
        top: list[Suggestion] = []
        queue = [(-bound, i) for i, bound in bounds.items()]
        heapq.heapify(queue)
        while queue:
            negative, i = heapq.heappop(queue)
            if len(top) >= limit and -negative < top[-1].score:
                break
            found = self._suggest(self.services[i], u, now, weights)
            if found:
                top.append(found)
                top.sort(key=lambda s: (-s.score, s.service.id))
                del top[limit:]
        return top

    def _suggest(
        self, service: Service, u: Understanding, now: datetime, weights: dict[str, float]
    ) -> Suggestion | None:
        fit = best_place_fit(service, u.place)
        if fit is None or not eligible(service, u):
            return None
        reasons: list[Reason] = []
        fits = []
        for topic, weight in weights.items():
            if topic in service.topics:
                position = min(service.topics.index(topic), len(POSITION_FIT) - 1)
                fits.append(weight * POSITION_FIT[position])
                reasons.append(Reason("topic", topic))
        if service.priority > 0 and (general := general_fit(weights)):
            fits.append(general)
        if weights and not fits:
            return None
        fits.sort(reverse=True)
        topic_fit = (fits[0] + OTHER_TOPICS * sum(fits[1:])) if fits else 0.0
        opened = open_now(service, now)
        advises = u.who == "professional" and "professional" in service.audiences
        score = (
            TIER_WEIGHT * tier(service, weights)
            + TOPIC_WEIGHT * topic_fit
            + PLACE_WEIGHT * PLACE_FIT[fit]
            + speaks_bonus(service, u.language)
            + PROFESSIONAL_BONUS * advises
            + OPEN_WEIGHT * openness(service, opened)
            + TALK_BONUS * bool(service.phone or service.chat_url)
            + UNINSURED_BONUS * (service.for_uninsured and "uninsured" in u.intents)
            + ADVICE_BONUS * (service.kind in ADVISING)
            + PHONE_BONUS * (bool(service.phone) and "by_phone" in u.intents)
            + PRIORITY_WEIGHT * service.priority * (not weights)
        )
        reasons = reasons[:2]
        if u.who and u.who != "self" and (u.who in service.audiences):
            reasons.append(Reason("audience", u.who))
        elif u.who == "professional":
            reasons.append(Reason("refer"))
        reasons.append(Reason("place", fit if fit != "other_district" else "city"))
        if u.language in service.languages and u.language != "de":
            reasons.append(Reason("language", u.language))
        if opened:
            reasons.append(Reason("open_now"))
        return Suggestion(service, round(score, 4), tuple(reasons), opened)

    def rank(
        self, u: Understanding, now: datetime, limit: int = SUGGESTION_LIMIT
    ) -> list[Suggestion]:
        """Return the best services for an understanding, best first, ties by id."""
        top = u.topic_scores[0] if u.topic_scores else 1.0
        weights = {t: s / top for t, s in zip(u.topics, u.topic_scores, strict=False)}
        found = (
            self._best(self.candidates(weights, u.place), u, now, weights, limit) if weights else []
        )
        if not found:  # no topic, or nothing for it: the general lines
            found = [s for i in self._general if (s := self._suggest(self.services[i], u, now, {}))]
            if weights:
                found = [_with_reason(s, Reason("general")) for s in found]
        if not found:  # still nothing (a professional, say): lines for all of Germany
            found = self.nationwide(u, now)
        ranked = heapq.nsmallest(limit, found, key=lambda s: (-s.score, s.service.id))
        return nearby_in_first(reachable_first(ranked, weights), weights)

    def emergency(self, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return the lines for this kind of crisis that may be reachable now, in their set order.

        Never filtered by audience: a suicidal teacher gets TelefonSeelsorge too. Lines for
        women and girls only are left out unless the person is known to be female. Every
        crisis line has verified hours (`kb check` insists); a line whose hours say it is
        closed now is left out. Hours from an old or undated source still leave out a line
        closed at this time, but never mark one open: its suggestion says `open_now=None`
        and the card shows the hours with their year.
        """
        kind = u.crisis_kind or "danger_now"
        found = []
        for i in self._emergency:
            service = self.services[i]
            position = dict(service.crisis_for).get(kind)
            reachable = service.hours is not None and hours.is_open(service.hours, now)
            if position is None or not reachable or best_place_fit(service, u.place) is None:
                continue
            if not eligible(service, u, audience=False):
                continue
            score = 100.0 - 10.0 * position + speaks_bonus(service, u.language) / 10
            opened = open_now(service, now)
            line = "crisis" if opened else "crisis_listed"
            reasons = (Reason("emergency" if service.kind == "emergency" else line),)
            found.append(Suggestion(service, score, reasons, opened))
        return sorted(found, key=lambda s: (-s.score, s.service.id))

    def people_now(self, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return lines answered by people, for this person, open now first; no place needed.

        Open now by hours from a current source only; lines with older hours follow."""
        found = []
        for service in self.services:
            staffed = service.kind in STAFFED and (service.phone or service.chat_url)
            if not staffed or service.hours is None or not eligible(service, u):
                continue
            if best_place_fit(service, u.place) is None:
                continue
            opened = open_now(service, now)
            score = OPEN_WEIGHT * max(openness(service, opened), 0.0) + service.priority
            score += speaks_bonus(service, u.language) / 10
            score += 2.0 * bool(set(u.topics) & set(service.topics))
            found.append(Suggestion(service, score, (Reason("person"),), opened))
        return sorted(found, key=lambda s: (-s.score, s.service.id))

    def speaking(self, language: str, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return services that speak a language, best fit for topic and place first."""
        asked = Understanding(
            language, False, u.who, u.place, u.topics, u.topic_scores, age=u.age, gender=u.gender
        )
        ranked = [s for s in self.rank(asked, now, 50) if language in s.service.languages]
        if ranked:
            return ranked
        found = [
            s
            for service in self.services
            if language in service.languages and (s := self._suggest(service, asked, now, {}))
        ]
        return sorted(found, key=lambda s: (-s.score, s.service.id))

    def nationwide(self, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return the nationwide lines for this person, general lines first."""
        anywhere = Understanding(u.language, False, u.who, None, age=u.age, gender=u.gender)
        found = [
            _with_reason(s, Reason("general"))
            for service in self.services
            if service.nationwide
            and service.kind != "emergency"
            and (s := self._suggest(service, anywhere, now, {}))
        ]
        return sorted(found, key=lambda s: (-s.score, s.service.id))

    def suggest(
        self, u: Understanding, now: datetime, limit: int = SUGGESTION_LIMIT
    ) -> list[Suggestion]:
        """Return the ranked suggestions; in a crisis the emergency and crisis lines come first."""
        ranked = self.rank(u, now, limit)
        if not u.crisis:
            return ranked
        first = self.emergency(u, now)
        seen = {s.service.id for s in first}
        return (first + [s for s in ranked if s.service.id not in seen])[: max(limit, len(first))]


def main_topic(weights: dict[str, float]) -> str | None:
    """Return the person's main topic (the heaviest), or None without topics."""
    return max(weights, key=weights.__getitem__) if weights else None


def tier(service: Service, weights: dict[str, float]) -> int:
    """Return 2 for a specialist in the person's main topic, 1 where the service's main topic
    is another of theirs or of the same field of maltreatment (a child-protection centre for
    abuse), 0 where it is something else (see TIER_WEIGHT)."""
    if not weights or not service.topics:
        return 0
    main, own = main_topic(weights), service.topics[0]
    if own == main:
        return 2
    return 1 if own in weights or {own, main} <= MALTREATMENT else 0


def reachable_first(ranked: list[Suggestion], weights: dict[str, float]) -> list[Suggestion]:
    """Put a line open now first when the best fit is closed: someone to reach, then the rest.

    The best ranked service that helps moves up: one whose own main topic is one of the
    person's, or a line for the whole country or state where a person answers (a phone or a
    chat) that helps with their main topic. A local service for something else never leads.
    One open now by current hours comes first; failing that, one that only older hours call open.
    """
    if not ranked or ranked[0].open_now is not False:
        return ranked
    main = main_topic(weights)
    helping = []
    for i, s in enumerate(ranked[1:], 1):
        service = s.service
        talk = service.phone or service.chat_url
        wide = service.nationwide or all(a.city is None for a in service.areas)
        line = wide and service.kind in STAFFED and talk
        if tier(service, weights) > 0 or (line and main in service.topics):
            helping.append((i, openness(service, s.open_now)))
    for wanted in (1.0, STALE_OPEN):
        for i, reach in helping:
            if reach == wanted:
                return [ranked[i], *ranked[:i], *ranked[i + 1 :]]
    return ranked


NEAR = frozenset({"district", "city", "state"})
"""Place fits of a service near the person (not one for all of Germany)."""


def nearby_in_first(
    ranked: list[Suggestion], weights: dict[str, float], within: int = 3
) -> list[Suggestion]:
    """Make sure the first `within` hold a service near the person, for the days to come.

    Where lines for all of Germany (open now, or speaking the person's language) fill the
    first places, the best nearby service that helps with the main topic (among its first
    three, and whose own main topic is theirs or of the same field) takes the last of them.
    """
    if len(ranked) <= within or any(_near(s) for s in ranked[:within]):
        return ranked
    main = main_topic(weights)
    for i, s in enumerate(ranked[within:], within):
        if _near(s) and main in s.service.topics[:3] and tier(s.service, weights) > 0:
            return [*ranked[: within - 1], s, *ranked[within - 1 : i], *ranked[i + 1 :]]
    return ranked


def _near(s: Suggestion) -> bool:
    return any(r.code == "place" and r.value in NEAR for r in s.reasons)


def _with_reason(s: Suggestion, reason: Reason) -> Suggestion:
    return Suggestion(s.service, s.score, (reason, *s.reasons), s.open_now)

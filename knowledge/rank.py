"""Rank services for what a message means: topic, audience, place, language, open now."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from knowledge import hours
from knowledge.model import Area, Place, Reason, Service, Suggestion, Understanding

TOPIC_WEIGHT = 10.0
PLACE_WEIGHT = 3.0
LANGUAGE_BONUS = 2.0
OPEN_BONUS = 1.0
PRIORITY_WEIGHT = 1.0
POSITION_FIT = (1.0, 0.8, 0.6, 0.5)
"""How well a service fits a topic by where the topic stands in its list."""
PLACE_FIT = {"district": 4.0, "city": 3.0, "other_district": 2.5, "state": 2.0, "nationwide": 1.0}
KEY_FIT_BOUND = {
    "*": PLACE_FIT["nationwide"],
    "state": PLACE_FIT["state"],
    "city": PLACE_FIT["district"],
}
"""The best place fit a service found under an area key can have."""
AreaKey = tuple[str, str]
NATIONWIDE: AreaKey = ("*", "")


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
    """Return whether a service is for this asker; professional-only lines need a professional."""
    if who is None:
        return service.audiences != ("professional",)
    return who in service.audiences


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
            for key in dict.fromkeys(_area_keys(service)):
                for position, topic in enumerate(service.topics):
                    self._index[(topic, key)].append((i, position))
            if service.priority > 0:
                self._general.append(i)
            if service.crisis_line or service.kind == "emergency":
                self._emergency.append(i)

    def _keys(self, place: Place | None) -> list[AreaKey]:
        keys = [NATIONWIDE]
        if place and place.state:
            keys.append(("state", place.state))
        if place and place.city:
            keys.append(("city", place.city))
        return keys

    def candidates(self, weights: dict[str, float], place: Place | None) -> dict[int, float]:
        """Return services with one of the topics that may serve the place, with score bounds.

        The bound is exact for the topic part and the best the area key allows for the place
        part, plus the language and open-now bonuses: no full score can be higher.
        """
        topic_part: dict[int, float] = defaultdict(float)
        place_part: dict[int, float] = {}
        for topic, weight in weights.items():
            seen: set[int] = set()
            for key in self._keys(place):
                fit = KEY_FIT_BOUND[key[0]]
                for i, position in self._index.get((topic, key), ()):
                    if i not in seen:
                        seen.add(i)
                        topic_part[i] += weight * POSITION_FIT[min(position, 3)]
                    if place_part.get(i, 0.0) < fit:
                        place_part[i] = fit
        extra = LANGUAGE_BONUS + OPEN_BONUS
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
        if fit is None or not serves(service, u.who):
            return None
        reasons: list[Reason] = []
        topic_fit = 0.0
        for topic, weight in weights.items():
            if topic in service.topics:
                position = min(service.topics.index(topic), len(POSITION_FIT) - 1)
                topic_fit += weight * POSITION_FIT[position]
                reasons.append(Reason("topic", topic))
        if weights and not topic_fit:
            return None
        open_now = None if service.hours is None else hours.is_open(service.hours, now)
        speaks = u.language in service.languages
        score = (
            TOPIC_WEIGHT * topic_fit
            + PLACE_WEIGHT * PLACE_FIT[fit]
            + LANGUAGE_BONUS * speaks
            + OPEN_BONUS * bool(open_now)
            + PRIORITY_WEIGHT * service.priority * (not weights)
        )
        reasons = reasons[:2]
        if u.who and u.who != "self":
            reasons.append(Reason("audience", u.who))
        reasons.append(Reason("place", fit if fit != "other_district" else "city"))
        if speaks and u.language != "de":
            reasons.append(Reason("language", u.language))
        if open_now:
            reasons.append(Reason("open_now"))
        return Suggestion(service, round(score, 4), tuple(reasons), open_now)

    def rank(self, u: Understanding, now: datetime, limit: int = 10) -> list[Suggestion]:
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
        return heapq.nsmallest(limit, found, key=lambda s: (-s.score, s.service.id))

    def emergency(self, u: Understanding, now: datetime) -> list[Suggestion]:
        """Return 112, 110 and the crisis lines open now, for the asker's place and language.

        Every crisis line has verified hours (`kb check` insists), so "reachable now" is a fact.
        """
        found = []
        for i in self._emergency:
            service = self.services[i]
            open_now = service.hours is not None and hours.is_open(service.hours, now)
            if (
                not open_now
                or best_place_fit(service, u.place) is None
                or not serves(service, u.who)
            ):
                continue
            score = (100.0 if service.kind == "emergency" else 50.0) + service.priority
            score += LANGUAGE_BONUS * (u.language in service.languages) + 5.0 * service.always_open
            reasons = (Reason("emergency" if service.kind == "emergency" else "crisis"),)
            found.append(Suggestion(service, score, reasons, open_now))
        return sorted(found, key=lambda s: (-s.score, s.service.id))

    def suggest(self, u: Understanding, now: datetime, limit: int = 10) -> list[Suggestion]:
        """Return the ranked suggestions; in a crisis the emergency and crisis lines come first."""
        ranked = self.rank(u, now, limit)
        if not u.crisis:
            return ranked
        first = self.emergency(u, now)
        seen = {s.service.id for s in first}
        return (first + [s for s in ranked if s.service.id not in seen])[: max(limit, len(first))]


def _with_reason(s: Suggestion, reason: Reason) -> Suggestion:
    return Suggestion(s.service, s.score, (reason, *s.reasons), s.open_now)

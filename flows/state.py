"""The session: a small frozen value that round-trips through JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from knowledge.model import Place, Understanding
from knowledge.vocabulary import DEFAULT_LOCALE


class Pending(StrEnum):
    """The open question of a session: what the next message or button answers."""

    WHO = "who"
    PLACE = "place"
    TOPIC = "topic"
    CONFIRM_TOPIC = "confirm_topic"
    CONFIRM_PLACE = "confirm_place"
    LANGUAGE = "language"
    SAFETY = "safety"
    RESULTS = "results"


SLOTS = (Pending.WHO, Pending.PLACE, Pending.TOPIC)
"""Which question comes next is a rule: the first empty slot, in this order."""


@dataclass(frozen=True)
class State:
    """Everything the dialogue remembers about one conversation."""

    locale: str | None = None
    locale_chosen: bool = False
    who: str | None = None
    city: str | None = None
    district: str | None = None
    state: str | None = None
    place_done: bool = False
    topics: tuple[str, ...] = ()
    topic_done: bool = False
    pending: Pending | None = None
    proposal: str | None = None
    page: int = 0
    spoken: str | None = None
    """The language the person writes in, when the interface does not speak it (e.g. `tr`)."""
    crisis_kind: str | None = None
    """The last emergency answer's kind, for its "more lines" button."""
    checked: bool = False
    """The safety check was asked once: uncertain signals do not ask it again."""
    age: int | None = None
    gender: str | None = None
    """Of the affected person, where a message said it: keeps services they cannot use away."""
    profession: str | None = None
    uninsured: bool = False
    """A professional's kind, and whether the person has no health insurance."""
    friend: bool = False
    """The affected person is the writer's friend: a peer, not someone they raise."""
    by_phone: bool = False
    """The person asked to talk on the phone."""

    def __post_init__(self) -> None:
        """Hold the open question as a Pending (a stored or typed string is read as one)."""
        if self.pending is not None and not isinstance(self.pending, Pending):
            object.__setattr__(self, "pending", Pending(self.pending))

    @property
    def place(self) -> Place | None:
        """Return the chosen place, or None (anywhere in Germany / not asked yet)."""
        if not (self.city or self.state):
            return None
        return Place(self.city, self.district, self.state)

    def with_place(self, place: Place | None) -> State:
        """Return the state with a place set (None: anywhere in Germany)."""
        if place is None:
            return replace(self, city=None, district=None, state=None, place_done=True)
        return replace(
            self, city=place.city, district=place.district, state=place.state, place_done=True
        )

    def missing(self) -> Pending | None:
        """Return the first empty slot, or None when all three are answered."""
        # Someone writing in a language the interface lacks gets answers at once (nationwide,
        # their language first) instead of more questions in a language they may not read.
        hurry = self.spoken is not None and self.topic_done
        done = {
            "who": self.who is not None or hurry,
            "place": self.place_done or hurry,
            "topic": self.topic_done,
        }
        return next((slot for slot in SLOTS if not done[slot]), None)

    def to_json(self) -> str:
        """Serialise to JSON."""
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> State:
        """Deserialise from JSON made by to_json."""
        data: dict[str, Any] = json.loads(raw)
        data["topics"] = tuple(data.get("topics") or ())
        return cls(**data)


def understanding(state: State, crisis_kind: str | None = None) -> Understanding:
    """Return what a session knows as an Understanding for ranking (a crisis if a kind is given)."""
    scores = tuple(1.0 / (i + 1) for i in range(len(state.topics)))
    return Understanding(
        state.spoken or state.locale or DEFAULT_LOCALE,
        crisis_kind is not None,
        state.who,
        state.place,
        state.topics,
        scores,
        crisis_kind=crisis_kind,
        intents=(
            *(("uninsured",) if state.uninsured else ()),
            *(("friend",) if state.friend else ()),
            *(("by_phone",) if state.by_phone else ()),
        ),
        age=state.age,
        gender=state.gender,
        profession=state.profession,
    )

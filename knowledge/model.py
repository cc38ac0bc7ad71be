"""Plain, frozen values for services, places and what a message means."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from knowledge.provenance import Fact

Localised = dict[str, str]
"""A text in several languages: {"de": ..., "ro": ..., "en": ...}."""


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A weekly opening span; minutes from Monday 00:00, `end` may pass the week's end."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Area:
    """Where a service serves: a state, a city or a district of a city."""

    state: str | None = None
    city: str | None = None
    district: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place with canonical German names."""

    city: str | None
    district: str | None = None
    state: str | None = None

    def as_contract(self) -> dict[str, str | None]:
        """Return the contract's `{"city", "district"}` form."""
        return {"city": self.city, "district": self.district}


@dataclass(frozen=True, slots=True)
class Address:
    """A street address (not a promise that walk-ins are welcome: see application_process)."""

    street: str
    postcode: str | None
    city: str

    def one_line(self) -> str:
        """Return the address as one line (the postcode only where it was verified)."""
        return f"{self.street}, {self.postcode or ''} {self.city}".replace(",  ", ", ")


@dataclass(frozen=True, slots=True)
class Service:
    """One help service, as checked and built from its YAML file."""

    id: str
    kind: str
    name: Localised
    description: Localised
    topics: tuple[str, ...]
    audiences: tuple[str, ...]
    areas: tuple[Area, ...]
    languages: tuple[str, ...]
    source: str
    """The main source of the facts (each fact names its own in `provenance`)."""
    organisation: str | None = None
    phone: str | None = None
    phones_more: tuple[str, ...] = ()
    phone_note: Localised | None = None
    email: str | None = None
    url: str | None = None
    chat_url: str | None = None
    address: Address | None = None
    hours: tuple[Span, ...] | None = None
    hours_note: Localised | None = None
    anonymous: bool | None = None
    free_of_charge: bool | None = None
    crisis_line: bool = False
    priority: int = 0
    status: str = "active"
    crisis_for: tuple[tuple[str, int], ...] = ()
    """Crisis kinds this line answers, with its place in that emergency answer (1 first)."""
    age_min: int | None = None
    age_max: int | None = None
    """Ages of the young people served; None: not limited (or not known)."""
    gender: str | None = None
    """`female`: for women and girls only."""
    for_uninsured: bool = False
    """For people without health insurance."""
    for_caregivers: bool = False
    """For parents and those raising a child (a grandmother, an aunt), not for a child's friend."""
    application_process: str | None = None
    """How one gets in where a source says: `walk_in`, `appointment` or `referral`."""
    professions: tuple[str, ...] = ()
    """For professionals of these kinds only (empty: any kind)."""
    for_speakers: tuple[str, ...] = ()
    """A service in these languages (Faire Mobilität's Bulgarian line): not for someone who
    writes another language than German (empty: anyone)."""
    languages_note: Localised | None = None
    """What a source says about languages beyond the list ("19 more through interpreters")."""
    alert: Localised | None = None
    """A warning shown on the card ("a 2020 hotline, may have ended")."""
    provenance: tuple[Fact, ...] = ()
    """Source, date and status of each covered fact (knowledge.provenance)."""
    assured_date: date | None = None
    """HSDS: when a person last confirmed facts with the service (by phone, say)."""
    assurer: str | None = None
    """HSDS: who confirmed them."""

    @property
    def nationwide(self) -> bool:
        """Return whether the service has no area, i.e. serves all of Germany."""
        return not self.areas

    @property
    def always_open(self) -> bool:
        """Return whether the service is open around the clock."""
        return self.hours is not None and sum(s.end - s.start for s in self.hours) >= 7 * 1440


@dataclass(frozen=True, slots=True)
class Understanding:
    """What one message says: language, danger, who, where and about what."""

    language: str
    crisis: bool = False
    who: str | None = None
    """Who is affected by the matter or danger the message tells (None where it tells none)."""
    place: Place | None = None
    topics: tuple[str, ...] = ()
    topic_scores: tuple[float, ...] = ()
    unsure_topics: tuple[str, ...] = field(default=())
    unsure_place: bool = False
    """The place was found only through a misspelling ("nordstat")."""
    crisis_kind: str | None = None
    """With `crisis`: danger_now, suicidal or sexual_now (knowledge.vocabulary.CRISIS_KINDS)."""
    alarm: str | None = None
    """What raised the alarm: `lexicon` (exact words) or `examples` (the nearest examples)."""
    safety_check: bool = False
    """The signals disagree about danger: ask "are you safe right now?". Never with `crisis`."""
    intents: tuple[str, ...] = ()
    """What else the message asks: greeting, person, privacy, anywhere, speaks_<code>."""
    age: int | None = None
    """The affected young person's age, where the message says it."""
    gender: str | None = None
    """`female` or `male` where the message says it of the affected person."""
    profession: str | None = None
    """medical, youth_services, education or court, where a professional says it."""
    named_who: str | None = None
    """Who the words name, with or without a matter: the answer to "who is affected?"."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason why a service is suggested, as a code the edge translates."""

    code: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A ranked service with its score and the reasons for it."""

    service: Service
    score: float
    reasons: tuple[Reason, ...]
    open_now: bool | None

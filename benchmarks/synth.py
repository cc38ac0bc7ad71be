"""Synthetic knowledge bases of any size, generated deterministically from a seed."""

from __future__ import annotations

import random
from dataclasses import replace

from knowledge import hours
from knowledge.loader import Sources, load_sources
from knowledge.model import Address, Area, Place, Service
from knowledge.places import Gazetteer
from knowledge.provenance import COVERED, Fact, PartialDate, field_value
from knowledge.vocabulary import AUDIENCES, KINDS, TOPICS

CITIES = 1500
"""Synthetic towns added to the real places, as in a nationwide directory."""
TOPIC_WEIGHTS = (9, 9, 6, 4, 8, 6, 5, 8, 9, 5, 5)
EXTRA_LANGUAGES = ("en", "ro", "tr", "ar", "ru", "uk", "bg", "pl")
SCHEDULES = (
    [{"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}],
    [
        {"days": ["mo", "tu", "we", "th"], "opens": "08:30", "closes": "16:00"},
        {"days": ["fr"], "opens": "08:30", "closes": "12:00"},
    ],
    [{"days": ["mo", "tu", "we", "th", "fr", "sa"], "opens": "14:00", "closes": "20:00"}],
    [{"days": ["fr", "sa"], "opens": "20:00", "closes": "02:00"}],
    [{"days": ["mo", "tu", "we", "th", "fr", "sa", "su"], "opens": "00:00", "closes": "24:00"}],
)
WORDS = (
    "Beratung",
    "Hilfe",
    "Familien",
    "Kinder",
    "Jugend",
    "Zentrum",
    "Treff",
    "Netzwerk",
    "Anlaufstelle",
    "Schutz",
    "Dienst",
    "Sprechstunde",
    "Café",
    "Projekt",
)


STATES = (
    "Baden-Württemberg",
    "Bayern",
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Niedersachsen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
)
"""The 14 states places.yaml does not hold, so synthetic towns spread over all 16."""


def _gazetteer(real: Gazetteer, rng: random.Random) -> Gazetteer:
    states = [p.state for p in real.places if p.state and not p.city] + list(STATES)
    places = list(real.places) + [Place(None, None, s) for s in STATES]
    aliases = list(real.aliases)
    for i in range(CITIES):
        aliases.append((len(places), f"ort{i:04d}"))
        places.append(Place(f"Ort{i:04d}", None, rng.choice(states)))
    return Gazetteer(tuple(places), tuple(aliases), real.postcodes, real.needs_city)


def _area(rng: random.Random, real_cities: list[Place], synth: list[Place]) -> tuple[Area, ...]:
    roll = rng.random()
    if roll < 0.01:
        return ()
    if roll < 0.05:
        return (Area(state=rng.choice(synth).state),)
    if roll < 0.07:
        place = rng.choice(real_cities)
        return (Area(city=place.city, district=place.district),)
    return (Area(city=rng.choice(synth).city),)


def _service(i: int, rng: random.Random, real_cities: list[Place], synth: list[Place]) -> Service:
    topics = tuple(dict.fromkeys(rng.choices(TOPICS, TOPIC_WEIGHTS, k=rng.randint(1, 3))))
    audiences = tuple(a for a in AUDIENCES if a == "self" or rng.random() < 0.5)
    languages = ("de", *sorted(set(rng.sample(EXTRA_LANGUAGES, rng.randint(0, 2)))))
    word = " ".join(rng.sample(WORDS, 2))
    areas = _area(rng, real_cities, synth)
    crisis_line = not areas and rng.random() < 0.05
    schedule = SCHEDULES[-1] if crisis_line else rng.choice((*SCHEDULES, None))
    city = areas[0].city if areas and areas[0].city else None
    service = Service(
        id=f"svc-{i:06d}",
        kind=rng.choice(KINDS[2:]),
        name={"de": f"{word} {i}", "ro": f"{word} {i}", "en": f"{word} {i}"},
        description={
            "de": f"Beratung zu {topics[0]} für Kinder und Familien, Nummer {i}.",
            "ro": f"Consiliere despre {topics[0]} pentru copii și familii, nr. {i}.",
            "en": f"Advice on {topics[0]} for children and families, no. {i}.",
        },
        topics=topics,
        audiences=audiences,
        areas=areas,
        languages=languages,
        source=f"https://example.org/services/{i}",
        phone=f"0{rng.randint(200, 999)} {rng.randint(100000, 999999)}",
        url=f"https://example.org/s/{i}",
        address=Address(f"Hauptstraße {rng.randint(1, 200)}", None, city) if city else None,
        hours=hours.parse(schedule) if schedule else None,
        anonymous=rng.random() < 0.7,
        free_of_charge=rng.random() < 0.9,
        crisis_line=crisis_line,
    )
    checked = PartialDate(2026, 11, 1)
    return replace(
        service,
        provenance=tuple(
            Fact(name, field_value(service, name), "verified", service.source, checked)
            for name in COVERED
            if field_value(service, name) is not None
        ),
    )


def synthetic_sources(count: int, seed: int = 20261123) -> Sources:
    """Return the real lexicon and places plus `count` generated services (and the real ones)."""
    rng = random.Random(seed)
    real = load_sources()
    gazetteer = _gazetteer(real.gazetteer, rng)
    real_cities = [p for p in real.gazetteer.places if p.city]
    synth = [p for p in gazetteer.places if p.city and p.city.startswith("Ort")]
    generated = [
        _service(i, rng, real_cities, synth) for i in range(max(0, count - len(real.services)))
    ]
    services = (*real.services, *generated)[:count]
    return replace(real, services=tuple(services), gazetteer=gazetteer)

"""What `kb check` reports beyond the schema: lexicon terms listed twice or under two topics,
eligibility that contradicts the audiences, facts shown without provenance."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from knowledge import provenance
from knowledge.loader import TermRow
from knowledge.model import Service
from knowledge.rank import SELF_MIN_AGE


def duplicated_terms(terms: Iterable[TermRow]) -> list[str]:
    """Return each lexicon term written more than once under the same key and language."""
    counts = Counter(terms)
    return [
        f"lexicon: {kind}.{key}.{lang}: {term!r} is listed {n} times"
        for (kind, key, lang, term), n in sorted(counts.items())
        if n > 1
    ]


def terms_under_two_topics(terms: Iterable[TermRow]) -> list[str]:
    """Return each topic term listed under more than one topic (it counts for all of them)."""
    topics: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, key, lang, term in terms:
        if kind == "topic":
            topics[(lang, term)].add(key)
    return [
        f"lexicon: topic term {term!r} ({lang}) is under {', '.join(sorted(keys))}"
        for (lang, term), keys in sorted(topics.items())
        if len(keys) > 1
    ]


def eligibility_conflicts(services: Iterable[Service]) -> list[str]:
    """Return eligibility fields that contradict a service's audiences."""
    found = []
    for s in services:
        if s.for_caregivers and not {"own_child", "someone_else"} & set(s.audiences):
            found.append(f"{s.id}: for_caregivers but no own_child or someone_else audience")
        if s.professions and "professional" not in s.audiences:
            found.append(f"{s.id}: professions {list(s.professions)} but no professional audience")
        if s.age_max is not None and s.age_max < SELF_MIN_AGE and "self" in s.audiences:
            found.append(f"{s.id}: age_max {s.age_max} but 'self' (too young to write themselves)")
        if s.age_min is not None and s.age_min >= 18 and "self" in s.audiences:
            found.append(f"{s.id}: age_min {s.age_min} but 'self' (a child or young person)")
    return found


def shown_without_provenance(services: Iterable[Service]) -> list[str]:
    """Return every field value that is not a verified fact with a source."""
    return [
        f"{s.id}: {f.field}: shown without a verified source ({f.status})"
        for s in services
        for f in provenance.facts(s)
        if provenance.has_value(provenance.field_value(s, f.field))
        and not (f.status == "verified" and f.source)
    ]


def report(services: Iterable[Service], terms: Iterable[TermRow]) -> list[str]:
    """Return every finding, services first."""
    services, terms = list(services), list(terms)
    return [
        *shown_without_provenance(services),
        *eligibility_conflicts(services),
        *duplicated_terms(terms),
        *terms_under_two_topics(terms),
    ]

"""Resolve places (state, city, district, quarter, postcode, misspellings) from a message."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from knowledge.matcher import Hit, Label, Term, compile_term
from knowledge.model import Place
from knowledge.schema import Problem

_POSTCODE = re.compile(r"^\d{5}(-\d{5})?$")


@dataclass(frozen=True)
class Gazetteer:
    """Known places, their aliases as matcher terms, and their postcodes."""

    places: tuple[Place, ...]
    aliases: tuple[tuple[int, str], ...]
    postcodes: tuple[tuple[int, int, int], ...]
    needs_city: frozenset[int] = field(default=frozenset())
    offered: tuple[int, ...] = ()
    """The places offered as buttons under "where?", in order (places.yaml `offered`)."""

    def find(self, city: str | None, district: str | None = None) -> Place | None:
        """Return the known place with these canonical names, or None."""
        return next((p for p in self.places if (p.city, p.district) == (city, district)), None)

    def offered_places(self) -> tuple[Place, ...]:
        """Return the places offered as buttons, in order."""
        return tuple(self.places[i] for i in self.offered)

    def terms(self) -> list[Term]:
        """Return one matcher term per alias, labelled ("place", index, "")."""
        out = []
        for index, alias in self.aliases:
            term = compile_term(alias, Label("place", str(index), ""))
            if term:
                out.append(term)
        return out

    def by_postcode(self, code: str) -> Place | None:
        """Return the most specific place whose postcodes contain `code`."""
        n = int(code)
        found = [(hi - lo, -self._rank(i), i) for lo, hi, i in self.postcodes if lo <= n <= hi]
        return self.places[min(found)[2]] if found else None

    def _rank(self, index: int) -> int:
        place = self.places[index]
        return 2 if place.district else 1 if place.city else 0

    def resolve(self, hits: Iterable[Hit], postcodes: Sequence[str]) -> Place | None:
        """Pick the most specific consistent place among hits, using postcodes as hints."""
        found = [int(h.label.key) for h in hits if h.label.kind == "place"]
        places = [self.places[i] for i in found]
        cities = {p.city for p in places if p.city and not p.district}
        districts = [
            self.places[i]
            for i in found
            if self.places[i].district
            and (self.places[i].city in cities or (not cities and i not in self.needs_city))
        ]
        if districts:
            return districts[0]
        coded = [p for p in map(self.by_postcode, postcodes) if p]
        coded = [p for p in coded if not cities or p.city in cities]
        if coded:
            return coded[0]
        city_places = [p for p in places if p.city and not p.district]
        if city_places:
            return city_places[0]
        states = [p for p in places if p.state and not p.city]
        return states[0] if states else None


def _codes(values: Any, path: str, where: str, problems: list[Problem]) -> list[tuple[int, int]]:
    out = []
    for value in values or ():
        text = str(value)
        if not _POSTCODE.match(text):
            problems.append(
                Problem(path, f"{where}.postcodes", f"{text!r} is not a postcode or range")
            )
            continue
        lo, _, hi = text.partition("-")
        out.append((int(lo), int(hi or lo)))
    return out


def load_gazetteer(data: Mapping[str, Any], path: str) -> tuple[Gazetteer, list[Problem]]:
    """Build the gazetteer from places.yaml data, collecting every problem."""
    problems: list[Problem] = []
    places: list[Place] = []
    aliases: list[tuple[int, str]] = []
    codes: list[tuple[int, int, int]] = []
    needs_city: set[int] = set()

    def add(place: Place, entry: Mapping[str, Any], where: str) -> int:
        index = len(places)
        places.append(place)
        names = [entry.get("name"), *(entry.get("aliases") or [])]
        aliases.extend((index, str(n)) for n in names if n)
        codes.extend(
            (lo, hi, index) for lo, hi in _codes(entry.get("postcodes"), path, where, problems)
        )
        if entry.get("needs_city"):
            needs_city.add(index)
        return index

    for s, state in enumerate(data.get("states") or []):
        if not state.get("name"):
            problems.append(Problem(path, f"states[{s}].name", "is missing"))
            continue
        add(Place(None, None, state["name"]), state, f"states[{s}]")
    for c, city in enumerate(data.get("cities") or []):
        where = f"cities[{c}]"
        if not city.get("name"):
            problems.append(Problem(path, f"{where}.name", "is missing"))
            continue
        add(Place(city["name"], None, city.get("state")), city, where)
        for d, district in enumerate(city.get("districts") or []):
            dwhere = f"{where}.districts[{d}]"
            if not district.get("name"):
                problems.append(Problem(path, f"{dwhere}.name", "is missing"))
                continue
            place = Place(city["name"], district["name"], city.get("state"))
            add(place, district, dwhere)
            for q, quarter in enumerate(district.get("quarters") or []):
                add(place, quarter, f"{dwhere}.quarters[{q}]")
    gazetteer = Gazetteer(tuple(places), tuple(aliases), tuple(codes), frozenset(needs_city))
    offered = _offered(gazetteer, data.get("offered"), path, problems)
    return replace(gazetteer, offered=offered), problems


def _offered(
    gazetteer: Gazetteer, entries: Any, path: str, problems: list[Problem]
) -> tuple[int, ...]:
    """Resolve `offered: [{city, district}]` to place indices; report unknown places."""
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(path, "offered", "must list the places offered as buttons"))
        return ()
    out: list[int] = []
    for n, entry in enumerate(entries):
        entry = entry if isinstance(entry, dict) else {}
        place = gazetteer.find(entry.get("city"), entry.get("district"))
        if place is None:
            problems.append(Problem(path, f"offered[{n}]", "is not a city or district below"))
        else:
            out.append(gazetteer.places.index(place))
    return tuple(out)

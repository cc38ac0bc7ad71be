"""Check one service record and turn it into a Service, collecting every problem."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from knowledge import hours, provenance
from knowledge.model import Address, Area, Localised, Service
from knowledge.provenance import Fact, PartialDate
from knowledge.vocabulary import (
    APPLICATION_PROCESSES,
    AUDIENCES,
    CRISIS_KINDS,
    KINDS,
    LANGUAGES,
    LEXICON_LANGUAGES,
    PROFESSIONS,
    SERVICE_LANGUAGES,
    STATUSES,
    TOPICS,
)

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()/-]{1,24}[0-9]$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
URL = re.compile(r"^https?://\S+$")
MAX_DESCRIPTION = 200
REQUIRED = (
    "id",
    "kind",
    "name",
    "description",
    "topics",
    "audiences",
    "areas",
    "languages",
    "source",
)
KNOWN = frozenset(
    (
        *REQUIRED,
        "status",
        "organisation",
        "phone",
        "phone_note",
        "phones_more",
        "email",
        "url",
        "chat_url",
        "address",
        "hours",
        "hours_note",
        "anonymous",
        "free_of_charge",
        "crisis_line",
        "priority",
        "notes",
        "provenance",
        "languages_note",
        "alert",
        "assured_date",
        "assurer",
        "tag_notes",
        "crisis_for",
        "age_min",
        "age_max",
        "gender",
        "for_uninsured",
        "for_caregivers",
        "application_process",
        "professions",
        "for_speakers",
    )
)
GENDERS = ("female", "male")
ENTRY_KEYS = frozenset(("status", "source", "date", "note", "value"))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one file."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge base has problems; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class _Checker:
    """Collects problems while reading one record's fields."""

    def __init__(self, path: str, data: Mapping[str, Any]) -> None:
        self.path, self.data, self.problems = path, data, list[Problem]()

    def fail(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, field, message))

    def text(self, field: str, pattern: re.Pattern[str] | None = None) -> str | None:
        value = self.data.get(field)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "must be a non-empty string or null")
        elif pattern and not pattern.match(value):
            self.fail(field, f"{value!r} is not well formed")
        else:
            return value.strip()
        return None

    def localised(self, field: str, required: bool = False) -> Localised | None:
        value = self.data.get(field)
        if value is None:
            if required:
                self.fail(field, "is missing")
            return None
        if not isinstance(value, dict):
            self.fail(field, "must be a map of de/ro/en texts")
            return None
        for lang in LEXICON_LANGUAGES:  # required; the other interface languages may follow
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                self.fail(f"{field}.{lang}", "is missing or empty")
        for lang in set(value) - set(LANGUAGES):
            self.fail(f"{field}.{lang}", f"is not one of {', '.join(LANGUAGES)}")
        return {k: str(v).strip() for k, v in value.items() if k in LANGUAGES and v}

    def ids(self, field: str, allowed: tuple[str, ...], required: bool = True) -> tuple[str, ...]:
        value = self.data.get(field)
        if not isinstance(value, list) or (required and not value):
            self.fail(field, "must be a non-empty list")
            return ()
        for item in value:
            if item not in allowed:
                self.fail(field, f"{item!r} is not one of: {', '.join(allowed)}")
        if len(set(value)) != len(value):
            self.fail(field, "has duplicates")
        return tuple(str(v) for v in value if v in allowed)

    def flag(self, field: str, default: bool | None = None) -> bool | None:
        value = self.data.get(field, default)
        if value is not None and not isinstance(value, bool):
            self.fail(field, "must be true, false or null")
            return default
        return value

    def day(self, field: str, required: bool) -> date | None:
        value = self.data.get(field)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = date.fromisoformat(value)
        if isinstance(value, date):
            return value
        if value is not None or required:
            self.fail(field, "must be a date YYYY-MM-DD")
        return None

    def guarded(self, field: str, parse: Callable[[Any], Any]) -> Any:
        try:
            return parse(self.data.get(field))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            self.fail(field, str(error) or type(error).__name__)
            return None


def _areas(value: Any) -> tuple[Area, ...]:
    if not isinstance(value, list):
        raise ValueError("must be a list ([] = nationwide)")
    areas = []
    for item in value:
        if not isinstance(item, dict) or not ({"state", "city"} & set(item)):
            raise ValueError(f"{item!r} needs a state or a city")
        if set(item) - {"state", "city", "district"}:
            raise ValueError(f"{item!r} has unknown keys")
        areas.append(Area(item.get("state"), item.get("city"), item.get("district")))
    return tuple(areas)


def _address(value: Any) -> Address | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(value.get(k) for k in ("street", "city")):
        raise ValueError("needs street and city (postcode where verified), or null")
    if set(value) - {"street", "postcode", "city"}:
        raise ValueError("has keys other than street, postcode, city")
    postcode = value.get("postcode")
    if postcode is not None and not re.fullmatch(r"\d{5}", str(postcode)):
        raise ValueError(f"postcode {postcode!r} is not five digits")
    return Address(
        str(value["street"]), None if postcode is None else str(postcode), str(value["city"])
    )


def _hours(value: Any) -> tuple[Any, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise ValueError("must be a non-empty list of {days, opens, closes}, or null")
    return hours.parse(value)


def _phones(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and PHONE.match(v) for v in value):
        raise ValueError("must be a list of phone numbers")
    return tuple(value)


def _crisis_for(value: Any) -> tuple[tuple[str, int], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
        k in CRISIS_KINDS and isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 9
        for k, v in value.items()
    ):
        raise ValueError(f"must map crisis kinds ({', '.join(CRISIS_KINDS)}) to places 1-9")
    return tuple(sorted(value.items()))


def _age(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 99:
        raise ValueError("must be a whole number of years from 0 to 99")
    return value


def _choice(allowed: tuple[str, ...]) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        if value is not None and value not in allowed:
            raise ValueError(f"must be one of: {', '.join(allowed)}")
        return value if value is None else str(value)

    return parse


def check_service(
    path: str, data: Any, expected_id: str | None = None
) -> tuple[Service | None, list[Problem]]:
    """Check one record; return the Service (None if any problem) and all problems found."""
    if not isinstance(data, dict):
        return None, [Problem(path, "(file)", "must be a YAML map of fields")]
    c = _Checker(path, data)
    for key in REQUIRED:
        if key not in data:
            c.fail(key, "is missing")
    for key in sorted(set(data) - KNOWN):
        c.fail(key, "is not a known field")
    sid = c.text("id", ID)
    if sid and expected_id and sid != expected_id:
        c.fail("id", f"{sid!r} differs from the file name {expected_id!r}")
    kind = c.text("kind")
    if kind and kind not in KINDS:
        c.fail("kind", f"{kind!r} is not one of: {', '.join(KINDS)}")
    status = data.get("status", "active")
    if status not in STATUSES:
        c.fail("status", f"{status!r} is not one of: {', '.join(STATUSES)}")
    name, description = c.localised("name", True), c.localised("description", True)
    for lang, line in (description or {}).items():
        if len(line) > MAX_DESCRIPTION:
            c.fail(f"description.{lang}", f"is {len(line)} characters, at most {MAX_DESCRIPTION}")
    topics = c.ids("topics", TOPICS)
    audiences = c.ids("audiences", AUDIENCES)
    languages = c.ids("languages", SERVICE_LANGUAGES, required=False)  # []: unknown
    areas = c.guarded("areas", _areas)
    phone, email = c.text("phone", PHONE), c.text("email", EMAIL)
    url, chat_url = c.text("url", URL), c.text("chat_url", URL)
    source = c.text("source")
    address = c.guarded("address", _address)
    spans = c.guarded("hours", _hours)
    phones_more = c.guarded("phones_more", _phones)
    priority = data.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool) or not 0 <= priority <= 9:
        c.fail("priority", "must be a whole number from 0 to 9")
    if not any((phone, email, url, chat_url, address)):
        c.fail("(contact)", "has no phone, email, url, chat_url or address: no way to reach it")
    crisis_line = c.flag("crisis_line", False)
    crisis_for = c.guarded("crisis_for", _crisis_for) or ()
    if (crisis_line or crisis_for or kind == "emergency") and spans is None:
        c.fail("hours", "a crisis line or emergency number needs verified opening hours")
    age_min, age_max = c.guarded("age_min", _age), c.guarded("age_max", _age)
    if age_min is not None and age_max is not None and age_min > age_max:
        c.fail("age_max", f"{age_max} is below age_min {age_min}")
    service = Service(
        id=sid or "",
        kind=kind or "",
        name=name or {},
        description=description or {},
        topics=topics,
        audiences=audiences,
        areas=areas or (),
        languages=languages,
        source=source or "",
        organisation=c.text("organisation"),
        phone=phone,
        phones_more=phones_more or (),
        phone_note=c.localised("phone_note"),
        email=email,
        url=url,
        chat_url=chat_url,
        address=address,
        hours=spans,
        hours_note=c.localised("hours_note"),
        anonymous=c.flag("anonymous"),
        free_of_charge=c.flag("free_of_charge"),
        crisis_line=bool(crisis_line),
        priority=priority if isinstance(priority, int) else 0,
        status=str(status),
        crisis_for=crisis_for,
        age_min=age_min,
        age_max=age_max,
        gender=c.guarded("gender", _choice(GENDERS)),
        for_uninsured=bool(c.flag("for_uninsured", False)),
        for_caregivers=bool(c.flag("for_caregivers", False)),
        application_process=c.guarded("application_process", _choice(APPLICATION_PROCESSES)),
        professions=c.ids("professions", PROFESSIONS) if "professions" in data else (),
        for_speakers=c.ids("for_speakers", SERVICE_LANGUAGES) if "for_speakers" in data else (),
        languages_note=c.localised("languages_note"),
        alert=c.localised("alert"),
        assured_date=c.day("assured_date", False),
        assurer=c.text("assurer"),
    )
    entries = c.guarded("provenance", _entries) or {}
    service = replace(service, provenance=_facts(c, service, entries))
    c.guarded("tag_notes", lambda v: _tag_notes(v, (*topics, *audiences)))
    return (None if c.problems else service), c.problems


def _entries(value: Any) -> dict[str, Mapping[str, Any]]:
    """Read `provenance: {field: {status, source, date, note, value}}`."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("must map covered fields to {status, source, date, note}")
    for name, entry in value.items():
        if name not in provenance.COVERED:
            raise ValueError(f"{name!r} is not a covered fact ({', '.join(provenance.COVERED)})")
        if not isinstance(entry, dict) or set(entry) - ENTRY_KEYS:
            raise ValueError(f"{name}: must be a map of {', '.join(sorted(ENTRY_KEYS))}")
        if entry.get("status") not in provenance.STATUSES:
            raise ValueError(f"{name}: status must be one of {', '.join(provenance.STATUSES)}")
        if entry["status"] == "verified" and not entry.get("source"):
            raise ValueError(f"{name}: a verified fact needs its source")
        if entry["status"] == "verified" and "value" in entry:
            raise ValueError(f"{name}: a verified fact's value is the field itself")
        if entry.get("date") is not None:
            PartialDate.parse(entry["date"])
    return value


def _facts(
    c: _Checker, service: Service, entries: Mapping[str, Mapping[str, Any]]
) -> tuple[Fact, ...]:
    """Return the recorded facts; report every field value that is not a verified fact."""
    found = []
    for name in provenance.COVERED:
        value = provenance.field_value(service, name)
        entry = entries.get(name)
        if entry is None:
            if value is not None:
                c.fail(name, "is shown without provenance (add provenance." + name + ")")
            continue
        if value is not None and entry.get("status") != "verified":
            c.fail(name, f"is {entry.get('status')}: only verified facts are field values")
        found.append(provenance.entry_fact(name, entry, value))
    for name, note in provenance.NOTES.items():
        if c.data.get(note) and (entries.get(name) or {}).get("status") != "verified":
            c.fail(note, f"is shown but {name} is not a verified fact")
    return tuple(found)


def _tag_notes(value: Any, tags: tuple[str, ...]) -> None:
    """Check `tag_notes: {tag: why}` (the basis of a tag where it is not the reference)."""
    if value is None:
        return
    if not isinstance(value, dict) or not all(isinstance(v, str) and v for v in value.values()):
        raise ValueError("must map topic or audience ids to a text")
    for tag in value:
        if tag not in tags:
            raise ValueError(f"{tag!r} is not one of the service's topics or audiences")

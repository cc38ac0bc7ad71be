"""Read HSDS 3.0 tables back into service records (YAML maps), merging YAML-only fields."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from knowledge.hsds import (
    ACCESS_TEXT,
    FEES_TEXT,
    FLAGS,
    FULL_DAY_CLOSES,
    HSDS_STATUS,
    RANKED,
    Change,
    Row,
    Tables,
    uid,
)
from knowledge.hsds_places import area_from_row

Record = dict[str, Any]
ORDER = (
    "id", "status", "kind", "name", "organisation", "description", "alert", "topics",
    "audiences", "areas", "phone", "phone_note", "phones_more", "email", "url", "chat_url",
    "address", "hours", "hours_note", "languages", "languages_note", "anonymous",
    "free_of_charge", "crisis_line", "crisis_for", "age_min", "age_max", "gender",
    "for_uninsured", "for_caregivers", "application_process", "professions", "for_speakers",
    "priority", "source", "provenance", "assured_date", "assurer", "tag_notes", "notes",
)  # fmt: skip
"""The fields in the order of docs/formats.md."""
LOCALISED = ("name", "description", "phone_note", "hours_note", "alert")
"""Texts HSDS carries in German only; the other languages stay in the YAML."""


class _Index:
    """The package's rows, looked up by id and by the service they belong to."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.ids: dict[str, dict[object, Row]] = {
            name: {row["id"]: row for row in rows} for name, rows in tables.items()
        }

    def of(self, name: str, key: str, value: object) -> list[Row]:
        return [row for row in self.tables.get(name, []) if row.get(key) == value]

    def get(self, name: str, row_id: object) -> Row:
        found: Row = self.ids.get(name, {}).get(row_id, {})
        return found


def slug(text: str) -> str:
    """Return a file-name id for a service that has no helpfinder id attribute."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "service"


def _classes(index: _Index, service_id: object) -> Record:
    """Read the helpfinder attributes of one service into record fields."""
    found: dict[str, list[tuple[int, str]]] = {}
    record: Record = {}
    for attribute in index.of("attribute", "link_id", service_id):
        term = index.get("taxonomy_term", attribute["taxonomy_term_id"])
        facet, value = str(term.get("code") or "").split(":")[0], attribute.get("value")
        name = str(term.get("name"))
        if facet == "id":
            record["id"] = value
        elif facet == "kind" or facet == "gender":
            record[facet] = name
        elif facet in RANKED:
            found.setdefault(RANKED[facet], []).append((int(str(value)), name))
        elif facet == "anonymous":
            record["anonymous"] = value == "true"
        elif facet in FLAGS:
            record[facet] = True
    for field, ranked in found.items():
        record[field] = [name for _, name in sorted(ranked)]
    return record


def _contacts(index: _Index, row: Row, sid: str) -> Record:
    """Read phones, address and chat of one service."""
    record: Record = {}
    phones = index.of("phone", "service_id", row["id"])
    main = [p for p in phones if p["id"] == uid(f"{sid}/phone/main")]
    if main:
        record["phone"] = main[0]["number"]
        if main[0].get("description"):
            record["phone_note"] = {"de": main[0]["description"]}
    more = [p["number"] for p in phones if p not in main]
    if more:
        record["phones_more"] = more
    for link in index.of("service_at_location", "service_id", row["id"]):
        location = index.get("location", link["location_id"])
        if location.get("location_type") == "virtual":
            record["chat_url"] = location.get("url")
            continue
        address = index.of("address", "location_id", location.get("id"))
        if address:
            a = address[0]
            record["address"] = {
                "street": a["address_1"],
                "postcode": a["postal_code"],
                "city": a["city"],
            }
        elif location.get("description"):
            street, city = str(location["description"]).rsplit(", ", 1)
            record["address"] = {"street": street, "postcode": None, "city": city}
    return record


def _hours(index: _Index, row: Row) -> Record:
    """Read weekly schedules into `hours` and their note into `hours_note`."""
    entries, notes = [], []
    for schedule in index.of("schedule", "service_id", row["id"]):
        if schedule.get("notes"):
            notes.append(schedule["notes"])
        if schedule.get("opens_at") and schedule.get("closes_at"):
            closes = str(schedule["closes_at"])
            entries.append(
                {
                    "days": str(schedule["byday"]).lower().split(","),
                    "opens": str(schedule["opens_at"])[:5],
                    "closes": "24:00" if closes == FULL_DAY_CLOSES else closes[:5],
                }
            )
    record: Record = {"hours": entries or None}
    if notes:
        record["hours_note"] = {"de": notes[0]}
    return record


def _age(value: object) -> int | None:
    return None if value in (None, "") else int(float(str(value)))


def record(index: _Index, row: Row) -> Record:
    """Return the YAML record of one `service` row (HSDS-carried fields only)."""
    classes = _classes(index, row["id"])
    sid = str(classes.pop("id", None) or slug(str(row["name"])))
    status = {v: k for k, v in HSDS_STATUS.items()}.get(str(row["status"]), row["status"])
    organization = index.get("organization", row["organization_id"])
    own = row["organization_id"] == uid(f"organization-of/{sid}")
    areas = [
        area_from_row(str(a["name"]), str(a["description"]))
        for a in index.of("service_area", "service_id", row["id"])
    ]
    out: Record = {
        "id": sid,
        "status": status,
        "name": {"de": row["name"]},
        "organisation": None if own else organization.get("name"),
        "description": {"de": row["description"]} if row.get("description") else None,
        "areas": [
            {k: v for k, v in (("state", a.state), ("city", a.city), ("district", a.district)) if v}
            for a in areas
            if a is not None
        ],
        "email": row.get("email"),
        "url": row.get("url"),
        "languages": [lang["code"] for lang in index.of("language", "service_id", row["id"])],
        "free_of_charge": {v: k for k, v in FEES_TEXT.items()}.get(str(row["fees_description"])),
        "age_min": _age(row.get("minimum_age")),
        "age_max": _age(row.get("maximum_age")),
        "application_process": {v: k for k, v in ACCESS_TEXT.items()}.get(
            str(row["application_process"])
        ),
        **classes,
        **_contacts(index, row, sid),
        **_hours(index, row),
    }
    optional = {"assured_date": "assured_date", "assurer_email": "assurer"}
    out |= {field: row[col] for col, field in optional.items() if row.get(col)}
    if row.get("alert"):
        out["alert"] = {"de": row["alert"]}
    return out


def records(tables: Tables) -> list[Record]:
    """Return one record per service of the package, in the package's order."""
    index = _Index(tables)
    return [record(index, row) for row in tables.get("service", [])]


def changes(tables: Tables, records: list[Record]) -> list[Change]:
    """Return the package's `metadata` rows about services as a change log."""
    ids = {uid(r["id"]): r["id"] for r in records}
    return [
        Change(
            service_id=ids[row["resource_id"]],
            field=str(row["field_name"]),
            previous=str(row["previous_value"]),
            replacement=str(row["replacement_value"]),
            updated_by=str(row["updated_by"]),
            when=date.fromisoformat(str(row["last_action_date"])),
            action=str(row["last_action_type"]),
        )
        for row in tables.get("metadata", [])
        if row["resource_id"] in ids
    ]


def merge(imported: Record, existing: Mapping[str, Any] | None) -> Record:
    """Return the imported record with what HSDS cannot carry taken from the existing file.

    Fields the import does not produce (priority, crisis_for, source, dates, notes, and any
    field added later) come from `existing`. A text keeps its other languages only while its
    German is unchanged; otherwise it is German only until someone translates it again.
    """
    old = dict(existing or {})
    merged: Record = {}
    for key in (*ORDER, *[k for k in old if k not in ORDER]):
        if key in imported:
            value = imported[key]
            if key in LOCALISED and isinstance(old.get(key), dict) and value:
                value = old[key] if old[key].get("de") == value.get("de") else value
            if value not in (None, [], False) or key in old or key in ("areas", "languages"):
                merged[key] = value
        elif key in old:
            merged[key] = old[key]
    return merged

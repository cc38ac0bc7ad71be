"""Build all HSDS 3.0 tables for the knowledge base, and the JSON form of each service."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from knowledge.hsds import (
    Change,
    Row,
    Tables,
    organization_rows,
    phone_rows,
    schedule_rows,
    service_row,
)
from knowledge.hsds_places import area_rows, location_tables
from knowledge.hsds_terms import (
    attribute_tables,
    language_rows,
    metadata_row,
    taxonomy_row,
)
from knowledge.model import Service


def export_tables(
    services: Sequence[Service], states: Mapping[str, str], changes: Sequence[Change] = ()
) -> Tables:
    """Return every populated table; `states` maps a city to its state (for addresses)."""
    tables: Tables = {"organization": organization_rows(services), "service": []}
    for name in ("phone", "schedule", "service_area", "language"):
        tables[name] = []
    for service in services:
        tables["service"].append(service_row(service))
        tables["phone"] += phone_rows(service)
        tables["schedule"] += schedule_rows(service)
        tables["service_area"] += area_rows(service)
        tables["language"] += language_rows(service)
        for more in (location_tables(service, states), attribute_tables(service)):
            for name, rows in more.items():
                tables.setdefault(name, []).extend(rows)
    tables["taxonomy_term"] = _unique(tables.get("taxonomy_term", []))
    tables["taxonomy"] = [taxonomy_row()] if tables["taxonomy_term"] else []
    tables["metadata"] = [metadata_row(c, i) for i, c in enumerate(changes)]
    return tables


def _unique(rows: list[Row]) -> list[Row]:
    """Return rows with the first of each id, sorted by code for a stable file."""
    seen = {str(row["id"]): row for row in reversed(rows)}
    return sorted(seen.values(), key=lambda row: str(row.get("code")))


def _clean(row: Mapping[str, Any]) -> dict[str, Any]:
    """Drop empty values: the JSON schema types its fields, null is not allowed."""
    return {k: v for k, v in row.items() if v is not None and v != "" and v != []}


def service_objects(tables: Tables) -> list[dict[str, Any]]:
    """Return each service as an HSDS 3.0 JSON object with its related rows embedded."""

    def of(name: str, key: str, value: object) -> list[Row]:
        return [row for row in tables.get(name, []) if row.get(key) == value]

    def by_id(name: str) -> dict[object, Row]:
        return {row["id"]: row for row in tables.get(name, [])}

    organizations, locations, terms = (
        by_id("organization"),
        by_id("location"),
        by_id("taxonomy_term"),
    )
    objects = []
    for row in tables["service"]:
        sid = row["id"]
        places = []
        for link in of("service_at_location", "service_id", sid):
            location = locations[link["location_id"]]
            addresses = [_clean(a) for a in of("address", "location_id", location["id"])]
            places.append(
                _clean({**link, "location": _clean({**location, "addresses": addresses})})
            )
        attributes = [
            _clean({**a, "taxonomy_term": _clean(terms[a["taxonomy_term_id"]])})
            for a in of("attribute", "link_id", sid)
        ]
        embedded = {
            "organization": _clean(organizations[row["organization_id"]]),
            "phones": [_clean(p) for p in of("phone", "service_id", sid)],
            "schedules": [_clean(s) for s in of("schedule", "service_id", sid)],
            "service_areas": [_clean(a) for a in of("service_area", "service_id", sid)],
            "service_at_locations": places,
            "languages": [_clean(lang) for lang in of("language", "service_id", sid)],
            "attributes": attributes,
            "metadata": [_clean(m) for m in of("metadata", "resource_id", sid)],
        }
        objects.append(_clean({**row, **embedded}))
    return objects

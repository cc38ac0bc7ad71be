"""Map where a service is (address, chat) and whom it serves (areas) to HSDS 3.0 rows."""

from __future__ import annotations

from collections.abc import Mapping

from knowledge.hsds import COUNTRY, Row, Tables, organization_uid, uid
from knowledge.model import Area, Service

AREA_KINDS = ("district", "city", "state")
NATIONWIDE = ("Deutschland", "country")
"""The one `service_area` row (name, description) of a service with no area."""


def location_tables(service: Service, states: Mapping[str, str]) -> Tables:
    """Return `location`, `address` and `service_at_location` rows for address and chat.

    An address becomes a physical location; its `address` row needs a postal code
    (HSDS requires one), so an address whose postcode is not verified is written only as the
    location's description, "street, city". A chat becomes a virtual location with its url.
    """
    tables: Tables = {"location": [], "address": [], "service_at_location": []}
    name = service.name["de"]
    if service.address:
        where = service.address
        location = _location(service, "address", "physical", name)
        if where.postcode:
            tables["address"].append(
                {
                    "id": uid(f"{service.id}/address"),
                    "location_id": location["id"],
                    "address_1": where.street,
                    "city": where.city,
                    "state_province": states.get(where.city),
                    "postal_code": where.postcode,
                    "country": COUNTRY,
                    "address_type": "physical",
                }
            )
        else:
            location["description"] = f"{where.street}, {where.city}"
        tables["location"].append(location)
    if service.chat_url:
        location = _location(service, "chat", "virtual", f"Chat: {name}")
        location["url"] = service.chat_url
        tables["location"].append(location)
    for location in tables["location"]:
        key = "chat" if location["location_type"] == "virtual" else "address"
        tables["service_at_location"].append(
            {
                "id": uid(f"{service.id}/service_at_location/{key}"),
                "service_id": uid(service.id),
                "location_id": location["id"],
            }
        )
    return tables


def _location(service: Service, key: str, kind: str, name: str) -> Row:
    return {
        "id": uid(f"{service.id}/location/{key}"),
        "location_type": kind,
        "organization_id": organization_uid(service),
        "name": name,
    }


def area_rows(service: Service) -> list[Row]:
    """Return one `service_area` per area: name "district, city", description its kinds."""
    areas = service.areas or (None,)
    rows: list[Row] = []
    for i, area in enumerate(areas):
        name, kinds = NATIONWIDE if area is None else _area_name(area)
        rows.append(
            {
                "id": uid(f"{service.id}/service_area/{i}"),
                "service_id": uid(service.id),
                "name": name,
                "description": kinds,
            }
        )
    return rows


def _area_name(area: Area) -> tuple[str, str]:
    parts = [(kind, getattr(area, kind)) for kind in AREA_KINDS if getattr(area, kind)]
    return ", ".join(v for _, v in parts), ", ".join(k for k, _ in parts)


def area_from_row(name: str, kinds: str) -> Area | None:
    """Return the Area a `service_area` row stands for (None: nationwide)."""
    if kinds == NATIONWIDE[1]:
        return None
    values = dict(zip(kinds.split(", "), name.split(", "), strict=True))
    return Area(values.get("state"), values.get("city"), values.get("district"))

"""Map services to the rows of HSDS 3.0 tables: pure functions with stable UUIDv5 ids."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from knowledge.hours import weekly
from knowledge.model import Service

NAMESPACE = uuid.UUID("04a549ee-cd0d-5d18-ba1b-be03b521efb6")
"""uuid5(NAMESPACE_URL, "helpfinder:hsds-3.0"); every exported id is uuid5(NAMESPACE, key)."""

Value = str | int | None
Row = dict[str, Value]
Tables = dict[str, list[Row]]
"""HSDS resource name (`service`, `phone`, ...) -> its rows, in export order."""

TAXONOMY = "helpfinder"
COUNTRY = "DE"
FULL_DAY_CLOSES = "23:59:59"
"""`closes_at` of a span from 00:00 to 24:00 (HSDS times stop at 23:59:59)."""
HSDS_STATUS = {"temporarily_closed": "temporarily closed"}
ACCESS_TEXT = {
    "walk_in": "Ohne Termin.",
    "appointment": "Nur nach Terminvereinbarung.",
    "referral": "Nur mit Überweisung oder Vermittlung.",
}
FEES_TEXT = {True: "Kostenlos.", False: "Kostenpflichtig."}
FACETS = {
    "id": "helpfinder-Kennung des Angebots (Name der YAML-Datei); Wert: die Kennung",
    "kind": "Art des Angebots",
    "topic": "Thema; Wert: Rang (1 = am zentralsten)",
    "audience": "Für wen; Wert: Rang",
    "profession": "Nur für Fachkräfte dieser Art; Wert: Rang",
    "for_speakers": "Ein Angebot in dieser Sprache; Wert: Rang",
    "gender": "Nur für dieses Geschlecht",
    "anonymous": "Anonym nutzbar; Wert: true oder false",
    "crisis_line": "Eine Krisenlinie; Wert: true",
    "for_uninsured": "Für Menschen ohne Krankenversicherung; Wert: true",
    "for_caregivers": "Für Eltern und Erziehende; Wert: true",
}
"""The helpfinder taxonomy's facets (term code `facet:name`) and what each means."""
RANKED = {
    "topic": "topics",
    "audience": "audiences",
    "profession": "professions",
    "for_speakers": "for_speakers",
}
"""Facets whose attribute value is the term's rank, and the Service field they come from."""
FLAGS = ("crisis_line", "for_uninsured", "for_caregivers")
"""Facets written only when true (value "true")."""
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_PROFESSIONS_DE = {
    "medical": "Medizin",
    "youth_services": "Jugendhilfe",
    "education": "Bildung",
    "court": "Justiz",
}


@dataclass(frozen=True)
class Change:
    """One recorded change of one field (an HSDS `metadata` row)."""

    service_id: str
    field: str
    previous: str
    replacement: str
    updated_by: str
    when: date
    action: str = "update"


def uid(key: str) -> str:
    """Return the stable id of an exported row: UUIDv5 of `key` in NAMESPACE."""
    return str(uuid.uuid5(NAMESPACE, key))


def organization_uid(service: Service) -> str:
    """Return the organisation's id; a service without one stands for itself."""
    if service.organisation:
        return uid(f"organization/{service.organisation}")
    return uid(f"organization-of/{service.id}")


def hhmmss(minute: int) -> str:
    """Return minutes after midnight as HH:MM:SS."""
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}:00"


def eligibility_text(service: Service) -> str | None:
    """Return a German sentence about who may use the service, or None."""
    parts = []
    low, high = service.age_min, service.age_max
    if low is not None and high is not None:
        parts.append(f"Von {low} bis {high} Jahren.")
    elif low is not None:
        parts.append(f"Ab {low} Jahren.")
    elif high is not None:
        parts.append(f"Bis {high} Jahre.")
    if service.gender == "female":
        parts.append("Für Frauen und Mädchen.")
    elif service.gender == "male":
        parts.append("Für Männer und Jungen.")
    if service.professions:
        kinds = ", ".join(_PROFESSIONS_DE.get(p, p) for p in service.professions)
        parts.append(f"Nur für Fachkräfte ({kinds}).")
    if service.for_uninsured:
        parts.append("Für Menschen ohne Krankenversicherung.")
    if service.for_caregivers:
        parts.append("Für Eltern und Erziehende.")
    return " ".join(parts) or None


def service_row(service: Service) -> Row:
    """Return the `service` row (German texts; other languages stay in the YAML)."""
    assured, assurer, alert = service.assured_date, service.assurer, service.alert
    return {
        "id": uid(service.id),
        "organization_id": organization_uid(service),
        "name": service.name["de"],
        "description": service.description["de"],
        "url": service.url,
        "email": service.email,
        "status": HSDS_STATUS.get(service.status, service.status),
        "application_process": ACCESS_TEXT.get(service.application_process or ""),
        "fees_description": None
        if service.free_of_charge is None
        else FEES_TEXT[service.free_of_charge],
        "eligibility_description": eligibility_text(service),
        "minimum_age": service.age_min,
        "maximum_age": service.age_max,
        "assured_date": assured.isoformat() if assured else None,
        "assurer_email": assurer if isinstance(assurer, str) and "@" in assurer else None,
        "alert": alert["de"] if alert else None,
    }


def organization_rows(services: Sequence[Service]) -> list[Row]:
    """Return one `organization` row per organisation (a service without one: its own)."""
    served: dict[str, list[Service]] = {}
    for service in services:
        served.setdefault(organization_uid(service), []).append(service)
    rows: list[Row] = []
    for org_id, group in served.items():
        first = group[0]
        names = ", ".join(s.name["de"] for s in group)
        rows.append(
            {
                "id": org_id,
                "name": first.organisation or first.name["de"],
                "description": f"Träger von: {names}"
                if first.organisation
                else f"Kein Träger erfasst; steht für das Angebot {names}",
            }
        )
    return rows


def phone_rows(service: Service) -> list[Row]:
    """Return the main number (with its note) and the further numbers, in order."""
    rows: list[Row] = []
    if service.phone:
        note = service.phone_note["de"] if service.phone_note else None
        rows.append(_phone(service, "main", service.phone, note))
    for i, number in enumerate(service.phones_more):
        rows.append(_phone(service, str(i), number, None))
    return rows


def _phone(service: Service, key: str, number: str, note: str | None) -> Row:
    return {
        "id": uid(f"{service.id}/phone/{key}"),
        "service_id": uid(service.id),
        "number": number,
        "type": "voice",
        "description": note,
    }


def schedule_rows(service: Service) -> list[Row]:
    """Return weekly schedules from `hours` (past midnight: closes_at < opens_at)."""
    note = service.hours_note["de"] if service.hours_note else None
    base: Row = {"service_id": uid(service.id), "notes": note}
    if service.hours is None:
        return [{"id": uid(f"{service.id}/schedule/note"), **base}] if note else []
    rows = []
    for (opens, length), days in weekly(service.hours):
        full_day = opens == 0 and length == 1440
        closes = FULL_DAY_CLOSES if full_day else hhmmss(opens + length)
        when = "rund um die Uhr" if full_day else f"{hhmmss(opens)[:5]}–{closes[:5]}"
        later = " (bis zum Folgetag)" if opens + length > 1440 else ""
        rows.append(
            {
                "id": uid(f"{service.id}/schedule/{days[0]}/{opens}/{length}"),
                **base,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(_DAYS[d] for d in days),
                "description": f"{', '.join(_DAYS_DE[d] for d in days)}: {when}{later}",
                "opens_at": hhmmss(opens),
                "closes_at": closes,
            }
        )
    return rows

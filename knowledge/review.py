"""`helpfinder kb review`: the facts due for a re-check, a CSV worksheet to fill in while
phoning the services, and writing the results back into the YAML files and the change log."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from knowledge import hours, provenance, yamledit
from knowledge.hsds import Change
from knowledge.hsds_files import read_changes, write_changes
from knowledge.model import Address, Service, Span
from knowledge.provenance import Fact
from knowledge.schema import KnowledgeError, Problem, check_service
from knowledge.vocabulary import WEEKDAYS

COLUMNS = (
    "service",
    "field",
    "shown_value",
    "status",
    "source",
    "source_date",
    "note",
    "new_value",
    "confirmed",
    "by_whom",
    "checked_on",
)
"""The worksheet: one row per fact; the last four columns are for the person who phones."""
YES = frozenset(("y", "yes", "j", "ja", "da", "x"))
NO = frozenset(("n", "no", "nein", "nu"))
LISTS = ("phones_more", "languages", "professions", "for_speakers")
FLAGS = ("anonymous", "free_of_charge", "for_uninsured", "for_caregivers")
NUMBERS = ("age_min", "age_max")
_HOURS = re.compile(r"^([a-z,]+)\s+(\d\d:\d\d)-(\d\d:\d\d)$")


def is_crisis_line(service: Service) -> bool:
    """Return whether a service belongs to the emergency answer (checked first)."""
    return service.crisis_line or bool(service.crisis_for) or service.kind == "emergency"


def due_facts(services: Iterable[Service], today: date) -> list[tuple[Service, Fact]]:
    """Return every fact due on `today`: crisis lines first, then the oldest sources (undated
    ones first, as they may be the oldest of all), then by service and field."""
    found = [(s, f) for s in services for f in provenance.due(s, today)]
    return sorted(
        found,
        key=lambda sf: (
            not is_crisis_line(sf[0]),
            sf[1].date.earliest() if sf[1].date else date.min,
            sf[0].id,
            provenance.COVERED.index(sf[1].field),
        ),
    )


def spans_text(spans: Sequence[Span]) -> str:
    """Write weekly hours as `mo,tu 09:00-17:00; sa 20:00-02:00` (read back by parse_value)."""
    parts = []
    for (opens, length), days in hours.weekly(spans):
        closes = "24:00" if (opens, length) == (0, 1440) else _clock((opens + length) % 1440)
        parts.append(f"{','.join(WEEKDAYS[d] for d in days)} {_clock(opens)}-{closes}")
    return "; ".join(parts)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def value_text(value: object) -> str:
    """Write a fact's value as worksheet text."""
    if value is None:
        return ""
    if isinstance(value, Address):
        return value.one_line()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple) and value and isinstance(value[0], Span):
        return spans_text(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(map(value_text, value))
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v)
    return str(value)


def worksheet_rows(services: Iterable[Service], today: date) -> list[dict[str, str]]:
    """Return the worksheet: one row per due fact, the columns to fill in empty."""
    return [
        {
            "service": s.id,
            "field": f.field,
            "shown_value": value_text(f.value),
            "status": f.status,
            "source": f.source or "",
            "source_date": str(f.date) if f.date else "",
            "note": f.note or "",
            "new_value": "",
            "confirmed": "",
            "by_whom": "",
            "checked_on": "",
        }
        for s, f in due_facts(services, today)
    ]


def write_worksheet(path: Path, rows: list[dict[str, str]]) -> None:
    """Write the worksheet as CSV (UTF-8 with a byte-order mark, so spreadsheets read it)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def read_worksheet(path: Path) -> list[dict[str, str]]:
    """Read a filled-in worksheet."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)
        ]


def parse_value(name: str, text: str) -> Any:
    """Turn worksheet text into the YAML value of a field (ValueError if it cannot be read)."""
    if name in LISTS:
        return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]
    if name in FLAGS:
        answer = text.lower()
        if answer not in YES | NO:
            raise ValueError(f"{name}: answer yes or no, not {text!r}")
        return answer in YES
    if name in NUMBERS:
        return int(text)
    if name == "address":
        street, _, rest = text.rpartition(",")
        match = re.fullmatch(r"(?:(\d{5})\s+)?(.+)", rest.strip())
        if not street or not match:
            raise ValueError(f"address: write 'Street 1, 44137 City', not {text!r}")
        return {"street": street.strip(), "postcode": match.group(1), "city": match.group(2)}
    if name == "hours":
        entries = []
        for part in text.split(";"):
            found = _HOURS.match(part.strip().lower())
            if not found:
                raise ValueError(f"hours: write 'mo,tu 09:00-17:00; sa 10:00-12:00', not {part!r}")
            days, opens, closes = found.groups()
            entries.append({"days": days.split(","), "opens": opens, "closes": closes})
        hours.parse(entries)  # raises HoursError (a ValueError) on a bad day or time
        return entries
    return text


@dataclass(frozen=True)
class Result:
    """What an applied worksheet changed."""

    services: tuple[str, ...]
    changes: tuple[Change, ...]


def _yaml_value(name: str, value: Any) -> Any:
    if name == "hours":
        return [yamledit.flow({**e, "days": yamledit.plain_list(e["days"])}) for e in value]
    if name == "address":
        return yamledit.flow(value) if value else None
    return yamledit.quoted(value)


def _answered(row: dict[str, str]) -> bool:
    return bool(row.get("new_value")) or row.get("confirmed", "").lower() in YES | NO


def _apply_row(data: Any, row: dict[str, str]) -> Change:
    """Write one answered row into a service's YAML map; return its change-log entry."""
    name, by = row["field"], row.get("by_whom") or ""
    if name not in provenance.COVERED:
        raise ValueError(f"{name!r} is not a covered fact")
    if not by or not row.get("checked_on"):
        raise ValueError("by_whom and checked_on are needed for a confirmation")
    when = date.fromisoformat(row["checked_on"])
    confirmed = row.get("confirmed", "").lower()
    old = row.get("shown_value", "")
    entries = data.setdefault("provenance", CommentedMap())
    source = f"confirmed with the service by {by}"
    if confirmed in NO and not row.get("new_value"):
        entries[name] = yamledit.flow(
            {"status": "unverified", "note": f"not confirmed by {by} on {when}", "value": old}
        )
        _set(data, name, None)
        return Change(data["id"], name, old, "", by, when, "delete")
    new = row.get("new_value") or old
    if new != old or not provenance.has_value(data.get(name)):
        _set(data, name, parse_value(name, new))
    entries[name] = yamledit.flow({"status": "verified", "source": source, "date": str(when)})
    return Change(data["id"], name, old, new, by, when, "update" if new != old else "assure")


def _set(data: Any, name: str, value: Any) -> None:
    if value is None:
        if name in LISTS:
            yamledit.replace_list(data, name, [])
        else:
            data[name] = False if name in ("for_uninsured", "for_caregivers") else None
    elif name in LISTS:
        yamledit.replace_list(data, name, value)
    else:
        yamledit.put(data, name, _yaml_value(name, value))


def apply(rows: list[dict[str, str]], root: Path, changes_file: Path) -> Result:
    """Write every answered row into `root`/services/*.yaml (comments and order kept), set
    `assured_date`/`assurer`, and append the changes to the change log.

    Nothing is written unless every touched file still passes the schema: problems are
    raised as KnowledgeError, naming the worksheet row.
    """
    answered = [r for r in rows if _answered(r)]
    by_service: dict[str, list[dict[str, str]]] = {}
    for row in answered:
        by_service.setdefault(row["service"], []).append(row)
    problems: list[Problem] = []
    edited: dict[Path, Any] = {}
    log: list[Change] = []
    for sid, group in by_service.items():
        path = root / "services" / f"{sid}.yaml"
        if not path.exists():
            problems.append(Problem(str(path), "(file)", "no such service"))
            continue
        data = yamledit.load(path)
        for row in group:
            try:
                log.append(_apply_row(data, row))
            except ValueError as error:
                line = rows.index(row) + 2
                problems.append(Problem(f"worksheet line {line}", row["field"], str(error)))
        assured = [c for c in log if c.service_id == sid and c.action != "delete"]
        if assured:
            latest = max(assured, key=lambda c: c.when)
            data["assured_date"] = yamledit.quoted(latest.when.isoformat())
            data["assurer"] = yamledit.quoted(latest.updated_by)
        _, found = check_service(str(path), _plain(data), sid)
        problems += found
        edited[path] = data
    if problems:
        raise KnowledgeError(problems)
    for path, data in edited.items():
        yamledit.dump(data, path)
    write_changes(changes_file, [*read_changes(changes_file), *log])
    return Result(tuple(by_service), tuple(log))


def _plain(data: Any) -> Any:
    """Return ruamel's values as plain Python ones, for the schema check."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, str):
        return str(data)
    return data

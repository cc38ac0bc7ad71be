"""Read and write HSDS 3.0 packages: the vendored descriptor, CSV tables, services.json."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from knowledge.hsds import Change, Row, Tables

HSDS_DIR = Path(__file__).resolve().parent / "hsds-3.0"
DESCRIPTOR = HSDS_DIR / "datapackage.json"
SERVICE_SCHEMA = HSDS_DIR / "compiled" / "service.json"
JSON_FILE = "services.json"
CHANGES_FILE = "changes.csv"
"""The change log beside services/: one recorded change a row, exported as `metadata`."""
CHANGE_COLUMNS = (
    "service_id",
    "field_name",
    "previous_value",
    "replacement_value",
    "updated_by",
    "last_action_date",
    "last_action_type",
)


def resources(descriptor: Path = DESCRIPTOR) -> list[tuple[str, str, list[str]]]:
    """Return (name, file, columns) of every resource, in the descriptor's order."""
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    return [
        (r["name"], r["path"], [f["name"] for f in r["schema"]["fields"]])
        for r in data["resources"]
    ]


def write_package(folder: Path, tables: Tables, objects: list[dict[str, Any]]) -> dict[str, int]:
    """Write the descriptor, all CSV files (unused: header only) and services.json."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DESCRIPTOR.name).write_bytes(DESCRIPTOR.read_bytes())
    counts = {}
    for name, path, columns in resources():
        rows = tables.get(name, [])
        unknown = {key for row in rows for key in row} - set(columns)
        if unknown:
            raise ValueError(f"{name}: no such HSDS columns: {', '.join(sorted(unknown))}")
        with (folder / path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        counts[name] = len(rows)
    text = json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    (folder / JSON_FILE).write_text(text, encoding="utf-8")
    return counts


def read_tables(folder: Path) -> Tables:
    """Read every CSV table of a package; empty cells become None."""
    tables: Tables = {}
    for name, path, _ in resources():
        file = folder / path
        if not file.exists():
            raise FileNotFoundError(f"{file}: missing (an HSDS 3.0 package has all 21 files)")
        with file.open(encoding="utf-8", newline="") as handle:
            rows: list[Row] = [
                {k: (v if v != "" else None) for k, v in row.items()}
                for row in csv.DictReader(handle)
            ]
        tables[name] = rows
    return tables


def read_changes(path: Path) -> list[Change]:
    """Read a change log (CHANGE_COLUMNS); a missing file holds no change."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Change(
                service_id=row["service_id"],
                field=row["field_name"],
                previous=row["previous_value"],
                replacement=row["replacement_value"],
                updated_by=row["updated_by"],
                when=date.fromisoformat(row["last_action_date"]),
                action=row.get("last_action_type") or "update",
            )
            for row in csv.DictReader(handle)
        ]


def write_changes(path: Path, changes: list[Change]) -> None:
    """Write a change log in CHANGE_COLUMNS."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CHANGE_COLUMNS)
        for c in changes:
            writer.writerow(
                (c.service_id, c.field, c.previous, c.replacement, c.updated_by, c.when, c.action)
            )

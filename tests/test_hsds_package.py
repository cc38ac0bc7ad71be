"""`kb export --hsds`: the package validates offline with frictionless and with jsonschema."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from bot.cli import main
from knowledge.hsds import Change
from knowledge.hsds_export import export_tables, service_objects
from knowledge.hsds_files import DESCRIPTOR, HSDS_DIR, SERVICE_SCHEMA, write_changes, write_package
from knowledge.loader import DATA_DIR, load_sources

PINNED = {
    "datapackage.json": "06d063ec1a22f8797da3ee9cd1e2a9e519fa813d6f3e93140bbdd7814d36984b",
    "compiled/service.json": "5cd7c2ecb5776947e437a4d5b9656f9a80db56bef3ad49f5bb142d49dbe66156",
}
# Tables helpfinder has nothing for: written with their header only.
HEADER_ONLY = {
    "programs.csv",
    "contacts.csv",
    "funding.csv",
    "required_documents.csv",
    "accessibility.csv",
    "metadata.csv",
    "meta_table_descriptions.csv",
    "cost_options.csv",
    "organization_identifiers.csv",
}
NOWHERE = "http://127.0.0.1:9"
"""A proxy that refuses every connection: the validation must not need the network."""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hsds") / "export"
    assert main(["kb", "export", "--hsds", str(folder)]) == 0
    return folder


def frictionless(descriptor: Path) -> subprocess.CompletedProcess[str]:
    """Run `frictionless validate` with every network route closed."""
    env = {**os.environ, **{k: NOWHERE for k in ("http_proxy", "https_proxy")}}
    env |= {k.upper(): NOWHERE for k in ("http_proxy", "https_proxy")}
    tool = Path(sys.executable).parent / "frictionless"
    return subprocess.run(
        [str(tool), "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def descriptor_columns() -> dict[str, list[str]]:
    data = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    return {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in data["resources"]}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_vendored_files_are_the_pinned_ones_with_their_licence() -> None:
    for name, digest in PINNED.items():
        assert hashlib.sha256((HSDS_DIR / name).read_bytes()).hexdigest() == digest, name
    assert "CC BY-SA 4.0" in (HSDS_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Open Referral" in (HSDS_DIR / "README.md").read_text(encoding="utf-8")


def test_all_21_tables_in_the_official_column_order(package: Path) -> None:
    columns = descriptor_columns()
    assert len(columns) == 21
    assert sorted(p.name for p in package.glob("*.csv")) == sorted(columns)
    for path, names in columns.items():
        with (package / path).open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == names, path
    empty = {path for path in columns if not rows(package / path)}
    assert empty == HEADER_ONLY


def test_one_service_row_per_service_file_with_uuid_ids(package: Path) -> None:
    files = sorted(p.stem for p in (DATA_DIR / "services").glob("*.yaml"))
    services = rows(package / "services.csv")
    assert len(services) == len(files) == len({s["id"] for s in services})
    ids = {a["value"] for a in rows(package / "attributes.csv") if a["value"] in files}
    assert ids == set(files)
    uuid_form = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    assert all(uuid_form.match(s["id"]) for s in services)


def test_times_are_hh_mm_ss(package: Path) -> None:
    schedules = [s for s in rows(package / "schedules.csv") if s["opens_at"]]
    assert schedules
    for schedule in schedules:
        for time in (schedule["opens_at"], schedule["closes_at"]):
            assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d", time), time


def test_frictionless_validates_the_export_offline(package: Path) -> None:
    result = frictionless(package / "datapackage.json")
    report = json.loads(result.stdout)
    assert report["valid"], result.stdout[:2000]
    assert len(report["tasks"]) == 21


def test_frictionless_catches_a_short_time_and_a_dangling_service(
    package: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(package, broken)
    schedules = broken / "schedules.csv"
    text = schedules.read_text(encoding="utf-8")
    schedules.write_text(text.replace(",09:00:00,", ",09:00,", 1), encoding="utf-8")
    phones = broken / "phones.csv"
    lines = phones.read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    first[2] = "00000000-0000-5000-8000-000000000000"
    phones.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n", encoding="utf-8")
    report = json.loads(frictionless(broken / "datapackage.json").stdout)
    assert not report["valid"]
    errors = {e["type"] for task in report["tasks"] for e in task["errors"]}
    assert {"type-error", "foreign-key"} <= errors


def validator() -> Draft202012Validator:
    schema = json.loads(SERVICE_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_services_json_is_valid_against_the_hsds_service_schema(package: Path) -> None:
    objects = json.loads((package / "services.json").read_text(encoding="utf-8"))
    assert len(objects) == len(rows(package / "services.csv"))
    check = validator()
    problems = [(o["name"], e.message) for o in objects for e in check.iter_errors(o)]
    assert problems == []
    embedded = {key for o in objects for key in o}
    assert {"phones", "schedules", "service_at_locations", "languages"} <= embedded


def test_the_json_check_really_checks_formats(package: Path) -> None:
    check = validator()
    first: dict[str, Any] = json.loads((package / "services.json").read_text("utf-8"))[0]
    assert list(check.iter_errors(first)) == []
    for field, bad in (("id", "not-a-uuid"), ("url", "not a uri"), ("email", "no-at-sign")):
        assert list(check.iter_errors({**first, field: bad})), field


def test_a_recorded_change_is_a_valid_metadata_row(tmp_path: Path) -> None:
    sources = load_sources()
    states = {p.city: p.state for p in sources.gazetteer.places if p.city and p.state}
    change = Change(
        "telefonseelsorge", "phone", "0800 111 0 111", "0800 111 0 111", "Team", date(2027, 1, 5)
    )
    tables = export_tables(sources.services, states, [change])
    write_package(tmp_path, tables, service_objects(tables))
    (row,) = rows(tmp_path / "metadata.csv")
    assert (row["field_name"], row["updated_by"], row["last_action_date"]) == (
        "phone",
        "Team",
        "2027-01-05",
    )
    assert json.loads(frictionless(tmp_path / "datapackage.json").stdout)["valid"]
    (seelsorge,) = [
        o
        for o in json.loads((tmp_path / "services.json").read_text("utf-8"))
        if o["name"] == "TelefonSeelsorge"
    ]
    assert [m["field_name"] for m in seelsorge["metadata"]] == ["phone"]
    assert list(validator().iter_errors(seelsorge)) == []


def test_the_command_exports_the_change_log_beside_the_services(tmp_path: Path) -> None:
    source = tmp_path / "kb"
    for part in ("services", "lexicon"):
        shutil.copytree(DATA_DIR / part, source / part)
    shutil.copy(DATA_DIR / "places.yaml", source / "places.yaml")
    change = Change("krisenchat", "url", "a", "b", "Team", date(2027, 2, 1))
    write_changes(source / "changes.csv", [change])
    assert main(["kb", "export", "--hsds", str(tmp_path / "out"), "--source", str(source)]) == 0
    assert [r["replacement_value"] for r in rows(tmp_path / "out" / "metadata.csv")] == ["b"]


def test_export_and_import_need_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "export"]) == 2
    assert "needs --hsds DIR" in capsys.readouterr().err

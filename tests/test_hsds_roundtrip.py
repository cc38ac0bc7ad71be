"""`kb import --hsds`: export -> import gives the same services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from knowledge.hsds import Change
from knowledge.hsds_export import export_tables, service_objects
from knowledge.hsds_files import read_changes, read_tables, write_package
from knowledge.hsds_import import changes, merge, records
from knowledge.loader import DATA_DIR, load_sources
from knowledge.schema import check_service
from tests.test_hsds import ALWAYS, SAMPLE

YAML_ONLY = (
    "priority", "crisis_for", "source", "provenance", "languages_note", "tag_notes", "notes"
)  # fmt: skip
"""Fields HSDS has no place for: they stay in the YAML files (with every text but German)."""
TEXTS = ("name", "description", "phone_note", "hours_note", "alert")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hsds") / "export"
    assert main(["kb", "export", "--hsds", str(folder)]) == 0
    return folder


def originals() -> dict[str, Any]:
    return {s.id: s for s in load_sources().services}


def source_yaml(sid: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA_DIR / "services" / f"{sid}.yaml").read_text())
    return data


def test_import_merged_with_the_existing_files_gives_equal_services(
    package: Path, tmp_path: Path
) -> None:
    out = tmp_path / "imported"
    assert main(["kb", "import", "--hsds", str(package), "--out", str(out)]) == 0
    expected = originals()
    files = sorted((out / "services").glob("*.yaml"))
    assert sorted(f.stem for f in files) == sorted(expected)
    for path in files:
        service, problems = check_service(str(path), yaml.safe_load(path.read_text()), path.stem)
        assert problems == []
        assert service == expected[path.stem]


def test_hsds_alone_carries_every_field_but_the_yaml_only_ones(package: Path) -> None:
    """Add only the YAML-only fields and the non-German texts back: the service is equal."""
    expected = originals()
    imported = records(read_tables(package))
    assert len(imported) == len(expected)
    for record in imported:
        assert set(record) & set(YAML_ONLY) == set()
        old = source_yaml(record["id"])
        for key in TEXTS:
            if record.get(key):
                assert record[key] == {"de": old[key]["de"]}, (record["id"], key)
                record[key] = old[key]
        record |= {key: old[key] for key in YAML_ONLY if key in old}
        service, problems = check_service(record["id"], record, record["id"])
        assert problems == [], record["id"]
        assert service == expected[record["id"]], record["id"]


def test_a_changed_german_text_drops_the_stale_translations() -> None:
    existing = {"name": {"de": "Alt", "ro": "Vechi"}, "priority": 2, "review": "x"}
    assert merge({"name": {"de": "Alt"}}, existing)["name"] == {"de": "Alt", "ro": "Vechi"}
    merged = merge({"name": {"de": "Neu"}}, existing)
    assert merged["name"] == {"de": "Neu"}
    assert (merged["priority"], merged["review"]) == (2, "x")
    assert list(merged)[-1] == "review"


def test_a_new_service_is_written_with_what_hsds_holds(package: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / "services").mkdir(parents=True)
    out = tmp_path / "out"
    args = ["kb", "import", "--hsds", str(package), "--out", str(out), "--source", str(empty)]
    assert main(args) == 0
    written = yaml.safe_load((out / "services" / "telefonseelsorge.yaml").read_text())
    assert written["name"] == {"de": "TelefonSeelsorge"}
    assert written["phones_more"] == ["0800 111 0 222"]  # 116 123 is unverified
    assert written["hours"] == [
        {"days": ["mo", "tu", "we", "th", "fr", "sa", "su"], "opens": "00:00", "closes": "24:00"}
    ]
    assert not set(written) & set(YAML_ONLY)


def test_recorded_changes_come_back_as_the_change_log(tmp_path: Path) -> None:
    sources = load_sources()
    change = Change("krisenchat", "url", "a", "b", "Team", date(2027, 2, 1))
    tables = export_tables(sources.services, {}, [change])
    write_package(tmp_path, tables, service_objects(tables))
    read = read_tables(tmp_path)
    assert changes(read, records(read)) == [change]
    assert read_changes(tmp_path / "missing.csv") == []


def test_import_reports_a_missing_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["kb", "import", "--hsds", str(tmp_path), "--out", str(tmp_path / "o")]
    assert main(args) == 1
    assert "organizations.csv: missing" in capsys.readouterr().err


def test_edge_cases_come_back(tmp_path: Path) -> None:
    """Fabricated services for what the bundled files lack: no main phone, anonymous: false."""
    note = {"de": "Nur werktags.", "ro": "-", "en": "-"}
    others = replace(SAMPLE, id="nur-weitere-nummern", phone=None, phone_note=None,
                     anonymous=False, free_of_charge=False, application_process="referral",
                     gender="male", hours=None, hours_note=note)  # fmt: skip
    tables = export_tables([SAMPLE, others, ALWAYS], {"Dortmund": "Nordrhein-Westfalen"})
    write_package(tmp_path, tables, service_objects(tables))
    sample, other, always = records(read_tables(tmp_path))
    assert (sample["status"], sample["phone"], sample["phones_more"]) == (
        "temporarily_closed",
        "0231 123456",
        ["0800 111 0 222"],
    )
    assert sample["address"] == {"street": "Musterstraße 1", "postcode": None, "city": "Dortmund"}
    assert sample["areas"] == [{"city": "Dortmund", "district": "Nordstadt"},
                               {"state": "Mecklenburg-Vorpommern"}]  # fmt: skip
    assert sample["hours"] == [
        {"days": ["mo", "tu"], "opens": "09:00", "closes": "17:00"},
        {"days": ["sa"], "opens": "20:00", "closes": "02:00"},
    ]
    assert (sample["anonymous"], sample["free_of_charge"], sample["application_process"]) == (
        True,
        True,
        "appointment",
    )
    assert (sample["age_min"], sample["age_max"], sample["gender"]) == (12, 25, "female")
    assert sample["professions"] == ["medical", "court"]
    assert sample["chat_url"] == "https://chat.example.org"
    assert sample["organisation"] == "Beispiel e.V."
    assert "phone" not in other and other["phones_more"] == ["0800 111 0 222"]
    assert (other["anonymous"], other["free_of_charge"], other["application_process"]) == (
        False,
        False,
        "referral",
    )
    assert (other["gender"], other["hours"], other["hours_note"]) == (
        "male",
        None,
        {"de": "Nur werktags."},
    )
    assert always["organisation"] is None and always["areas"] == []
    assert always["address"]["postcode"] == "44139"

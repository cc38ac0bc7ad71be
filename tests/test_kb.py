"""`helpfinder kb`: every service validates; check lists every problem; build is atomic."""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from knowledge import loader, store
from knowledge.finder import build
from knowledge.loader import DATA_DIR
from knowledge.schema import KnowledgeError, check_service
from knowledge.vocabulary import AUDIENCES, TOPICS

SERVICE_FILES = sorted((DATA_DIR / "services").glob("*.yaml"))


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge-base sources."""
    root = tmp_path / "src"
    shutil.copytree(DATA_DIR / "services", root / "services")
    shutil.copytree(DATA_DIR / "lexicon", root / "lexicon")
    shutil.copy(DATA_DIR / "places.yaml", root / "places.yaml")
    return root


@pytest.mark.parametrize("path", SERVICE_FILES, ids=lambda p: p.stem)
def test_every_service_file_validates(path: Path) -> None:
    service, problems = check_service(str(path), yaml.safe_load(path.read_text()), path.stem)
    assert problems == []
    assert service is not None
    assert set(service.topics) <= set(TOPICS) and set(service.audiences) <= set(AUDIENCES)
    assert service.source and service.provenance


def test_bundled_sources_load() -> None:
    sources = loader.load_sources()
    ids = {s.id for s in sources.services}
    assert len(ids) >= 30
    assert "roterkeil-net" not in ids  # a fundraising network, not a point of help
    assert {"polizei-notruf-110", "notruf-112", "dortmunder-mitternachtsmission"} <= ids


def test_unverified_facts_are_not_shown() -> None:
    """The reference marks the Mitternachtsmission's street address unverified."""
    sources = loader.load_sources()
    mission = next(s for s in sources.services if s.id == "dortmunder-mitternachtsmission")
    assert mission.address is None


def test_check_reports_every_problem(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = source / "services" / "broken-one.yaml"
    bad.write_text(
        yaml.safe_dump(
            {
                "id": "Broken One",
                "kind": "magic",
                "name": {"de": "x"},
                "description": {"de": "y" * 300},
                "topics": ["violence", "astrology"],
                "audiences": [],
                "areas": [{"planet": "Mars"}],
                "languages": ["de"],
                "source": "s",
                "assured_date": "yesterday",
                "provenance": {"phone": {"status": "maybe"}},
                "phone": "call me",
                "hours": [{"days": ["xx"], "opens": "9", "closes": "10:00"}],
                "colour": "blue",
            }
        )
    )
    (source / "services" / "not-yaml.yaml").write_text("id: [unclosed")
    assert main(["kb", "check", "--source", str(source)]) == 1
    err = capsys.readouterr().err
    for expected in (
        "broken-one.yaml: id: 'Broken One' is not well formed",
        "broken-one.yaml: kind: 'magic' is not one of",
        "broken-one.yaml: name.ro: is missing or empty",
        "broken-one.yaml: description.de: is 300 characters",
        "broken-one.yaml: topics: 'astrology' is not one of",
        "broken-one.yaml: audiences: must be a non-empty list",
        "broken-one.yaml: areas: ",
        "broken-one.yaml: assured_date: must be a date",
        "broken-one.yaml: provenance: phone: status must be one of",
        "broken-one.yaml: phone: 'call me' is not well formed",
        "broken-one.yaml: hours: ",
        "broken-one.yaml: colour: is not a known field",
        "not-yaml.yaml: (file): cannot be read",
    ):
        assert expected in err, expected
    assert "problem(s)" in err.splitlines()[-1]


def test_failed_build_leaves_previous_database_intact(source: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    build(source, db)
    before = db.read_bytes()
    count = len(store.read(db).services)
    (source / "services" / "dortmunder-mitternachtsmission.yaml").write_text("id: 42\nkind: [")
    with pytest.raises(KnowledgeError):
        build(source, db)
    assert db.read_bytes() == before
    assert len(store.read(db).services) == count
    assert not list(tmp_path.glob(".kb-*"))  # no half-written temp file left


def test_build_is_deterministic(source: Path, tmp_path: Path) -> None:
    a, b = build(source, tmp_path / "a.sqlite"), build(source, tmp_path / "b.sqlite")
    assert store.read(a) == store.read(b)


def test_database_round_trips_services(kb_path: Path) -> None:
    assert store.read(kb_path).services == loader.load_sources().services


def test_kb_stats_prints_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "stats", "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "services per topic and place" in out and "Dortmund" in out and "nationwide" in out
    assert "entries older than 12 months" in out


def test_kb_build_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "build", "--db", str(tmp_path / "x.sqlite")]) == 0
    assert (tmp_path / "x.sqlite").exists()


def test_crisis_line_needs_verified_hours(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = source / "services" / "krisenchat.yaml"
    data = yaml.safe_load(path.read_text())
    data["hours"] = None
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert main(["kb", "check", "--source", str(source)]) == 1
    assert (
        "krisenchat.yaml: hours: a crisis line or emergency number needs verified opening hours"
        in (capsys.readouterr().err)
    )

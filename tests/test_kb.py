"""`helpfinder kb`: every service validates; check lists every problem; build is atomic."""

import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from knowledge import loader, store
from knowledge.finder import build
from knowledge.loader import DATA_DIR
from knowledge.schema import KnowledgeError, check_service
from knowledge.vocabulary import AUDIENCES, TOPICS

ROOT = DATA_DIR.parent
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


def test_the_cache_fingerprint_covers_every_module_of_knowledge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    modules = sorted((ROOT / "knowledge").glob("*.py"))
    assert {p.name for p in loader.build_code()} == {p.name for p in modules}
    before = loader.fingerprint(loader.DATA_DIR)
    changed = tmp_path / "rank.py"
    changed.write_text((ROOT / "knowledge" / "rank.py").read_text() + "\n# changed\n")
    code = [changed if p.name == "rank.py" else p for p in loader.build_code()]
    monkeypatch.setattr(loader, "build_code", lambda: code)
    assert loader.fingerprint(loader.DATA_DIR) != before  # ranking code is no hand-listed file


def test_a_cache_of_another_schema_version_is_rebuilt(kb_path: Path, tmp_path: Path) -> None:
    from bot.kbcache import load_finder

    old = tmp_path / "kb.sqlite"
    shutil.copy(kb_path, old)
    with sqlite3.connect(old) as conn:
        conn.execute("update meta set value = '1' where key = 'schema'")
    with pytest.raises(store.StaleDatabase, match="schema 1"):
        store.read(old)
    rebuilt: list[Path] = []

    def rebuild(root: Path, path: Path) -> Path:
        rebuilt.append(path)
        shutil.copy(kb_path, path)
        return path

    assert load_finder(old, rebuild).offered_places() and rebuilt == [old]


def test_the_place_buttons_come_from_places_yaml(source: Path, tmp_path: Path) -> None:
    from flows.asking import question
    from flows.state import Pending, State
    from knowledge.finder import Finder

    places = source / "places.yaml"
    data = yaml.safe_load(places.read_text())
    data["offered"] = [{"city": "Bielefeld"}, {"city": "Dortmund", "district": "Nordstadt"}]
    places.write_text(yaml.safe_dump(data, allow_unicode=True))
    finder = Finder.load(build(source, tmp_path / "kb.sqlite"), encoder=False)
    ids = [o.id for o in question(State(), Pending.PLACE, finder).options]
    assert ids == ["place:Bielefeld|", "place:Dortmund|Nordstadt", "place:none"]
    assert finder.place("Dortmund", "Nordstadt") == finder.offered_places()[1]
    assert finder.offered_places()[1].state == "Nordrhein-Westfalen"


def test_an_offered_place_that_is_not_listed_is_a_problem(source: Path) -> None:
    places = source / "places.yaml"
    data = yaml.safe_load(places.read_text())
    data["offered"] = [{"city": "Atlantis"}]
    places.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(KnowledgeError, match=r"offered\[0\]"):
        loader.load_sources(source)


def test_lexicon_hits_carry_typed_labels_and_combo_groups(finder) -> None:
    from knowledge.matcher import ComboGroup, Label

    hits = finder.read("mein Sohn wird geschlagen").hits
    assert hits and all(isinstance(h.label, Label) for h in hits)
    assert any((h.label.kind, h.label.key) == ("topic", "violence") for h in hits)
    assert ComboGroup.of(ComboGroup("pills", 1).key()) == ComboGroup("pills", 1)
    combos = {ComboGroup.of(k) for kind, k, _, _ in finder.sources.terms if kind == "combo"}
    assert combos and all(finder.combos[c.name] > c.group for c in combos)

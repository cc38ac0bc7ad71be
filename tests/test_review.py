"""`helpfinder kb review`: due facts, the worksheet, and --apply on a filled-in worksheet."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import provenance, review
from knowledge.hsds import Change
from knowledge.hsds_export import export_tables
from knowledge.hsds_files import read_changes
from knowledge.loader import DATA_DIR, load_sources
from knowledge.schema import KnowledgeError

TODAY = date(2026, 12, 5)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge-base sources."""
    root = tmp_path / "src"
    shutil.copytree(DATA_DIR / "services", root / "services")
    shutil.copytree(DATA_DIR / "lexicon", root / "lexicon")
    shutil.copy(DATA_DIR / "places.yaml", root / "places.yaml")
    return root


def test_crisis_lines_come_first_then_the_oldest_sources() -> None:
    services = {s.id: s for s in load_sources().services}
    rows = review.worksheet_rows(services.values(), TODAY)
    crisis = [review.is_crisis_line(services[r["service"]]) for r in rows]
    assert crisis == sorted(crisis, reverse=True) and crisis[0] and not crisis[-1]
    rest = [r["source_date"] for r in rows if not review.is_crisis_line(services[r["service"]])]
    dated = [d for d in rest if d]
    assert rest[: len(rest) - len(dated)] == [""] * (len(rest) - len(dated))  # undated first
    assert dated == sorted(dated)
    assert {"service", "field", "shown_value", "source", "source_date"} <= set(rows[0])
    assert all(r[k] == "" for r in rows for k in ("new_value", "confirmed", "by_whom"))


def test_stale_facts_are_listed_not_hidden() -> None:
    services = load_sources().services
    rows = review.worksheet_rows(services, TODAY)
    assert ("telefonseelsorge", "hours") in {(r["service"], r["field"]) for r in rows}
    assert len(rows) == sum(len(provenance.due(s, TODAY)) for s in services)


def test_hours_and_addresses_read_back_as_written() -> None:
    text = "mo,we,fr 09:00-14:00; tu,th 15:00-20:00"
    entries = review.parse_value("hours", text)
    from knowledge.hours import parse

    assert review.spans_text(parse(entries)) == text
    assert review.parse_value("address", "Dudenstraße 2-4, 44137 Dortmund") == {
        "street": "Dudenstraße 2-4",
        "postcode": "44137",
        "city": "Dortmund",
    }
    with pytest.raises(ValueError):
        review.parse_value("hours", "weekdays 9 to 5")


def answer(rows: list[dict[str, str]], sid: str, name: str, **filled: str) -> None:
    row = next(r for r in rows if (r["service"], r["field"]) == (sid, name))
    row.update({"by_whom": "A. Muster", "checked_on": "2026-12-10", **filled})


def test_apply_writes_answers_back_keeping_comments_and_order(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "worksheet.csv"
    assert main(["kb", "review", "--source", str(source), "--today", "2026-12-05",
                 "--out", str(sheet)]) == 0  # fmt: skip
    rows = review.read_worksheet(sheet)
    answer(rows, "dortmunder-mitternachtsmission", "address", confirmed="y")
    answer(rows, "telefonseelsorge", "hours", confirmed="y")
    answer(rows, "telefonseelsorge", "chat_url", confirmed="n")
    answer(rows, "krisenchat", "url", new_value="https://krisenchat.de/chat", confirmed="y")
    review.write_worksheet(sheet, rows)
    before = (source / "services" / "telefonseelsorge.yaml").read_text()

    assert main(["kb", "review", "--source", str(source), "--apply", str(sheet)]) == 0
    assert "applied 4 answers to 3 services" in capsys.readouterr().out

    after = (source / "services" / "telefonseelsorge.yaml").read_text()
    assert "areas: []   # nationwide" in after  # comments kept
    keys = [line.split(":")[0] for line in before.splitlines() if line[:1].isalpha()]
    assert [line.split(":")[0] for line in after.splitlines() if line[:1].isalpha()] == keys
    services = {s.id: s for s in load_sources(source).services}
    mission = services["dortmunder-mitternachtsmission"]
    assert mission.address is not None and mission.address.postcode == "44137"
    fact = provenance.fact(mission, "address")
    assert (fact.status, str(fact.date)) == ("verified", "2026-12-10")
    assert "A. Muster" in (fact.source or "")
    assert (mission.assured_date, mission.assurer) == (date(2026, 12, 10), "A. Muster")
    seelsorge = services["telefonseelsorge"]
    assert provenance.current_hours(seelsorge, date(2026, 12, 11))
    assert seelsorge.chat_url is None
    assert provenance.fact(seelsorge, "chat_url").status == "unverified"
    assert services["krisenchat"].url == "https://krisenchat.de/chat"
    log = read_changes(source / "changes.csv")
    assert Change("krisenchat", "url", "https://krisenchat.de", "https://krisenchat.de/chat",
                  "A. Muster", date(2026, 12, 10), "update") in log  # fmt: skip
    assert {c.action for c in log} == {"update", "assure", "delete"} and len(log) == 4
    metadata = export_tables(list(services.values()), {}, log)["metadata"]
    assert len(metadata) == 4


def test_a_bad_answer_writes_nothing(source: Path, tmp_path: Path) -> None:
    rows = review.worksheet_rows(load_sources(source).services, TODAY)
    answer(rows, "telefonseelsorge", "hours", new_value="always")
    answer(rows, "krisenchat", "url", confirmed="y")
    before = {p.name: p.read_text() for p in (source / "services").glob("*.yaml")}
    with pytest.raises(KnowledgeError) as error:
        review.apply(rows, source, source / "changes.csv")
    assert "hours: hours: write 'mo,tu 09:00-17:00" in str(error.value)
    assert {p.name: p.read_text() for p in (source / "services").glob("*.yaml")} == before
    assert not (source / "changes.csv").exists()


def test_a_confirmation_needs_who_and_when(source: Path) -> None:
    rows = review.worksheet_rows(load_sources(source).services, TODAY)
    answer(rows, "krisenchat", "url", confirmed="y", by_whom="")
    with pytest.raises(KnowledgeError, match="by_whom and checked_on are needed"):
        review.apply(rows, source, source / "changes.csv")

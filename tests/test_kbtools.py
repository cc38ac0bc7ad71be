"""`kb stats` and `kb check` (issue 10, section 7)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from knowledge import audit
from knowledge.loader import DATA_DIR, load_sources
from knowledge.provenance import Fact


def test_stats_is_an_aligned_table_with_full_place_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["kb", "stats", "--today", "2026-12-05"]) == 0
    out = capsys.readouterr().out
    table = out.split("\n\n")[1].splitlines()
    assert "Mecklenburg-Vorpommern" in table[0]  # not cut to 12 letters
    ends = {len(line) for line in table}
    assert len(ends) == 1  # every row as wide as the header: columns line up
    assert "29 services with unknown languages" in out
    assert "unknown, no value" in out and "unverified" in out
    assert "2005-10-18  aerztliche-beratungsstelle-bielefeld" in out
    old = int(out.split(" entries older than 12 months")[0].rsplit("\n", 1)[1])
    assert old >= 25  # by each fact's own date: far more than the 12 the old stats found


def test_check_reports_eligibility_against_audiences() -> None:
    services = {s.id: s for s in load_sources().services}
    preschool = replace(services["fruehe-hilfen-dortmund"], audiences=("self", "own_child"))
    assert audit.eligibility_conflicts([preschool]) == [
        "fruehe-hilfen-dortmund: age_max 5 but 'self' (too young to write themselves)"
    ]
    medics = replace(services["medizinische-kinderschutzhotline"], audiences=("self",))
    assert "no professional audience" in audit.eligibility_conflicts([medics])[0]


def test_check_reports_a_fact_shown_without_provenance() -> None:
    krisenchat = next(s for s in load_sources().services if s.id == "krisenchat")
    bare = replace(
        krisenchat, provenance=tuple(f for f in krisenchat.provenance if f.field != "url")
    )
    guessed = replace(
        krisenchat,
        provenance=(*krisenchat.provenance, Fact("email", None, "unverified")),
        email="info@krisenchat.de",
    )
    assert audit.shown_without_provenance([bare]) == [
        "krisenchat: url: shown without a verified source (unknown)"
    ]
    assert audit.shown_without_provenance([guessed]) == [
        "krisenchat: email: shown without a verified source (unverified)"
    ]


def test_check_reports_lexicon_terms_twice_or_under_two_topics() -> None:
    terms = [
        ("topic", "bullying", "de", "belastig*"),
        ("topic", "sexual_violence", "de", "belastig*"),
        ("crisis", "phrases", "de", "runterspringen"),
        ("crisis", "phrases", "de", "runterspringen"),
    ]
    assert audit.duplicated_terms(terms) == [
        "lexicon: crisis.phrases.de: 'runterspringen' is listed 2 times"
    ]
    assert audit.terms_under_two_topics(terms) == [
        "lexicon: topic term 'belastig*' (de) is under bullying, sexual_violence"
    ]


def test_kb_check_fails_on_eligibility_that_contradicts_audiences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "src"
    shutil.copytree(DATA_DIR / "services", root / "services")
    shutil.copytree(DATA_DIR / "lexicon", root / "lexicon")
    shutil.copy(DATA_DIR / "places.yaml", root / "places.yaml")
    assert main(["kb", "check", "--source", str(root)]) == 0
    assert "ok: 36 services" in capsys.readouterr().out
    path = root / "services" / "fruehe-hilfen-dortmund.yaml"
    data = yaml.safe_load(path.read_text())
    data["audiences"] = ["self", "own_child"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert main(["kb", "check", "--source", str(root)]) == 1
    assert "problem: fruehe-hilfen-dortmund: age_max 5 but 'self'" in capsys.readouterr().out

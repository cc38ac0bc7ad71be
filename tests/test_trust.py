"""A knowledge base people can trust: only verified facts shown, old hours never "open now",
unknown stays unknown, every tag and flag with a basis (issue 10, sections 1-3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.answer import suggestion_json
from bot.render import Renderer
from knowledge import provenance
from knowledge.finder import Finder
from knowledge.hours import BERLIN, parse
from knowledge.loader import DATA_DIR, load_sources
from knowledge.model import Service, Suggestion, Understanding
from knowledge.provenance import Fact, PartialDate
from knowledge.rank import Ranker, open_now
from knowledge.schema import check_service

NOW = datetime(2026, 12, 5, 16, 30, tzinfo=BERLIN)  # a Saturday afternoon
WEEK = ["mo", "tu", "we", "th", "fr", "sa", "su"]


@pytest.fixture(scope="module")
def services() -> dict[str, Service]:
    return {s.id: s for s in load_sources().services}


def raw(sid: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DATA_DIR / "services" / f"{sid}.yaml").read_text())
    return data


def card(service: Service, locale: str = "de", now: datetime = NOW) -> str:
    return Renderer(locale).card(Suggestion(service, 0.0, (), None), now)


def test_every_shown_fact_is_verified_with_a_source(services: dict[str, Service]) -> None:
    for service in services.values():
        for fact in provenance.facts(service):
            if provenance.has_value(provenance.field_value(service, fact.field)):
                assert fact.status == "verified" and fact.source, (service.id, fact.field)


def test_a_value_that_is_not_verified_is_refused(tmp_path: Path) -> None:
    data = raw("dortmunder-mitternachtsmission")
    data["anonymous"] = True  # the source says only "the first contact can be anonymous"
    _, problems = check_service("x", data, "dortmunder-mitternachtsmission")
    assert [str(p) for p in problems] == [
        "x: anonymous: is inferred: only verified facts are field values"
    ]
    data = raw("krisenchat")
    del data["provenance"]["url"]
    _, problems = check_service("x", data, "krisenchat")
    assert "x: url: is shown without provenance (add provenance.url)" in map(str, problems)


def test_nobody_has_confirmed_anything_yet(services: dict[str, Service]) -> None:
    for sid, service in services.items():
        assert "last_verified" not in raw(sid) and "assured_date" in raw(sid)
        assert service.assured_date is None and service.assurer is None


def test_partial_source_dates_are_kept(services: dict[str, Service]) -> None:
    hotline = provenance.fact(services["hilfetelefon-gewalt-gegen-frauen"], "phone")
    assert hotline.date == PartialDate(2023, 6)
    assert provenance.fact(services["telefonseelsorge"], "phone").date == PartialDate(2022)
    dated = [f.date for s in services.values() for f in provenance.facts(s) if f.date]
    assert {d.precision for d in dated} == {"year", "month", "day"}


def test_unknown_languages_are_not_german(services: dict[str, Service]) -> None:
    unknown = [s.id for s in services.values() if not s.languages]
    assert len(unknown) >= 25 and "telefonseelsorge" in unknown
    assert "Sprachen: nicht bestätigt" in card(services["telefonseelsorge"])
    assert "Deutsch" not in card(services["raum-vor-ort-nordstadt"]).split("🗣")[1]


def test_a_line_with_19_languages_says_so(services: dict[str, Service]) -> None:
    text = card(services["hilfe-telefon-sexueller-missbrauch"], "en")
    assert "Languages: German" in text and "19 more languages" in text


def test_free_and_anonymous_only_where_the_source_says_so(services: dict[str, Service]) -> None:
    mission = services["dortmunder-mitternachtsmission"]
    assert mission.anonymous is None
    assert provenance.fact(mission, "anonymous").status == "inferred"
    assert services["kinderschutz-hotline-mv"].free_of_charge is None  # only an 0800 number
    assert "anonym" not in card(mission).split("✓")[1].split("\n")[0]


def test_the_card_says_as_of_the_oldest_shown_fact_by_its_precision(
    services: dict[str, Service],
) -> None:
    seelsorge = services["telefonseelsorge"]
    assert provenance.as_of(seelsorge) == PartialDate(2016, 7, 19)
    assert "19.07.2016" in card(seelsorge)
    faire = services["faire-mobilitaet-rumaenisch"]
    assert provenance.as_of(faire) == PartialDate(2020)
    assert "Stand der Quelle: 2020 – seitdem nicht geprüft" in card(faire)
    assert "May 2024" in card(services["hilfe-telefon-sexueller-missbrauch"], "en")


def test_old_hours_show_their_year_and_never_open_now(services: dict[str, Service]) -> None:
    seelsorge = services["telefonseelsorge"]  # 24/7 per a 2022-09 source
    assert open_now(seelsorge, NOW) is None
    assert "🕐 Öffnungszeiten 2022: Tag und Nacht geöffnet" in card(seelsorge)
    assert open_now(seelsorge, datetime(2024, 8, 1, 3, tzinfo=BERLIN)) is True
    krisenchat = services["krisenchat"]  # 24/7 per a 2025 source
    assert open_now(krisenchat, NOW) is True and "Tag und Nacht geöffnet" in card(krisenchat)
    assert "🕐 Öffnungszeiten (Quelle ohne Datum)" in card(services["notruf-112"])


def test_old_hours_that_say_closed_count_as_closed(services: dict[str, Service]) -> None:
    missbrauch = services["hilfe-telefon-sexueller-missbrauch"]  # weekdays per a 2024 source
    assert open_now(missbrauch, NOW) is False  # Saturday: closed even by its old hours
    assert open_now(missbrauch, datetime(2026, 12, 7, 10, tzinfo=BERLIN)) is None  # Monday 10:00


def test_ranking_gives_old_hours_no_open_bonus(services: dict[str, Service]) -> None:
    seelsorge = services["telefonseelsorge"]
    fresh = replace(
        seelsorge,
        provenance=tuple(
            replace(f, date=PartialDate(2026, 11)) if f.field == "hours" else f
            for f in seelsorge.provenance
        ),
    )
    u = Understanding("de", topics=("mental_health",), topic_scores=(1.0,))
    old_score = Ranker([seelsorge]).rank(u, NOW)[0]
    new_score = Ranker([fresh]).rank(u, NOW)[0]
    assert (old_score.open_now, new_score.open_now) == (None, True)
    assert new_score.score - old_score.score == pytest.approx(10.0)
    assert all(r.code != "open_now" for r in old_score.reasons)


def test_the_emergency_answer_keeps_lines_with_old_hours_without_calling_them_open(
    finder: Finder,
) -> None:
    u = Understanding("de", crisis=True, crisis_kind="suicidal")
    found = {s.service.id: s for s in finder.ranker.emergency(u, NOW)}
    assert {"notruf-112", "telefonseelsorge", "krisenchat"} <= set(found)
    assert found["telefonseelsorge"].open_now is None
    assert found["telefonseelsorge"].reasons[0].code == "crisis_listed"
    assert found["krisenchat"].open_now is True


def test_inactive_or_closed_services_are_not_suggested(services: dict[str, Service]) -> None:
    u = Understanding("de", topics=("mental_health",), topic_scores=(1.0,))
    for status in ("inactive", "defunct", "temporarily_closed"):
        gone = replace(services["telefonseelsorge"], status=status)
        assert Ranker([gone, services["krisenchat"]]).rank(u, NOW)[0].service.id == "krisenchat"


def test_status_must_be_one_of_four() -> None:
    data = raw("krisenchat") | {"status": "ended"}
    _, problems = check_service("x", data, "krisenchat")
    assert "x: status: 'ended' is not one of: active, inactive, defunct, temporarily_closed" in map(
        str, problems
    )


def test_the_2020_corona_hotlines_carry_an_alert_in_every_language(
    services: dict[str, Service],
) -> None:
    for sid in ("faire-mobilitaet-rumaenisch", "faire-mobilitaet-bulgarisch"):
        assert "⚠️ 2020 als Corona-Hotline eingerichtet" in card(services[sid])
        assert "⚠️ Înființată în 2020" in card(services[sid], "ro")
        assert "may have ended" in card(services[sid], "en")


def test_a_note_without_a_translation_says_it_is_german(services: dict[str, Service]) -> None:
    faire = services["faire-mobilitaet-rumaenisch"]
    assert faire.alert is not None
    german_only = replace(faire, alert={"de": faire.alert["de"]})
    assert "(This note is in German.)" in card(german_only, "en")


def test_ask_json_carries_only_shown_facts_with_their_date(services: dict[str, Service]) -> None:
    item = suggestion_json(Suggestion(services["telefonseelsorge"], 1, (), None), Renderer("de"))
    assert item["chat_url"] is None  # unverified: a 2021 forum post
    assert item["languages"] == [] and item["as_of"] == "2016-07-19"
    assert "last_verified" not in item


def test_tags_without_a_source_are_gone(services: dict[str, Service]) -> None:
    assert "violence" not in services["notruf-112"].topics
    assert "self" not in services["aerztliche-beratungsstelle-bielefeld"].audiences
    assert "own_child" not in services["telefonseelsorge"].audiences


def test_eligibility_has_provenance_and_no_default(services: dict[str, Service]) -> None:
    krisenchat = provenance.fact(services["krisenchat"], "age_max")
    assert (krisenchat.value, krisenchat.status) == (25, "verified") and krisenchat.source
    family_office = services["familienbuero-dorstfeld"]
    assert family_office.for_caregivers is False
    assert provenance.fact(family_office, "for_caregivers").status == "inferred"
    assert not any(s.application_process for s in services.values())  # no source says so


def test_a_hours_note_needs_verified_hours() -> None:
    data = raw("kontaktstelle-kinderschutz-mv")
    data["provenance"]["hours"]["status"] = "unverified"
    _, problems = check_service("x", data, "kontaktstelle-kinderschutz-mv")
    assert "x: hours_note: is shown but hours is not a verified fact" in map(str, problems)


def test_describing_weekly_hours() -> None:
    spans = parse([{"days": ["mo", "we"], "opens": "09:00", "closes": "14:00"}])
    assert Renderer("en").week(spans) == "Mon and Wed 9:00\u202fAM–2:00\u202fPM"
    assert Renderer("de").week(parse([{"days": WEEK, "opens": "00:00", "closes": "24:00"}])) == (
        "Tag und Nacht geöffnet"
    )


def test_unknown_facts_say_what_was_not_found(services: dict[str, Service]) -> None:
    fact = provenance.fact(services["childhood-haus-schwerin"], "phone")
    assert fact == Fact("phone", None, "unknown", None, None, fact.note) and fact.note
    assert provenance.due(services["childhood-haus-schwerin"], date(2026, 12, 5))


def test_hsds_carries_status_alert_and_application_process(services: dict[str, Service]) -> None:
    from knowledge.hsds import service_row

    faire = services["faire-mobilitaet-rumaenisch"]
    assert faire.alert is not None
    row = service_row(replace(faire, status="defunct", application_process="walk_in"))
    assert row["alert"] == faire.alert["de"]
    assert (row["status"], row["application_process"]) == ("defunct", "Ohne Termin.")
    assert row["assured_date"] is None

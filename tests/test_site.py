"""The directory site (`helpfinder kb site OUT/`): pages, languages, facts with provenance,
the review page, escaping, and every visible text through the `site` catalogs."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from bot.cli import main
from bot.render import Renderer
from kbsite import build as site
from kbsite import facts as kb
from kbsite import index
from kbsite import messages as m
from kbsite.show import show_date
from knowledge import loader
from knowledge.model import Service, Span
from knowledge.provenance import COVERED

TODAY = date(2026, 12, 5)
ROOT = Path(__file__).resolve().parent.parent
SERVICES = loader.load_sources().services


class Page(HTMLParser):
    """The parts of a page the tests read: lang, alternates, links, elements by class."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.links: list[str] = []
        self.classes: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if tag == "link" and found.get("rel") == "alternate":
            self.alternates[str(found["hreflang"])] = str(found["href"])
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        self.classes.append((tag, found))


def write(out: Path, services: tuple[Service, ...] = SERVICES) -> Path:
    site.build(services, out, TODAY)
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("site"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def fact_blocks(html: str) -> list[str]:
    """Return each fact's block of a page (a <div class="fact is-STATUS"> … </div>)."""
    return re.findall(r'<div class="fact is-\w+">.*?</div>', html, flags=re.S)


def test_kb_site_writes_german_first_then_romanian_and_english(tmp_path: Path) -> None:
    target = tmp_path / "out"
    assert main(["kb", "site", str(target), "--today", "2026-12-05"]) == 0
    for folder in (target, target / "ro", target / "en"):
        assert (folder / "index.html").exists() and (folder / "review.html").exists()
        pages = {p.stem for p in (folder / "services").glob("*.html")}
        assert pages == {s.id for s in SERVICES}
    assert Page(read(target / "index.html")).lang == "de"
    assert main(["kb", "site"]) == 2


def test_a_rebuild_drops_removed_services_and_keeps_other_files(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    mine = tmp_path / "services" / "notes.html"
    mine.write_text("mine", encoding="utf-8")
    write(tmp_path)
    assert mine.exists()  # not a build's folder yet: nothing removed
    mine.unlink()
    write(tmp_path, SERVICES[1:])
    assert not (tmp_path / "services" / f"{SERVICES[0].id}.html").exists()
    assert not (tmp_path / "ro" / "services" / f"{SERVICES[0].id}.html").exists()
    (tmp_path / "README.txt").write_text("keep", encoding="utf-8")
    write(tmp_path)
    assert (tmp_path / "README.txt").exists()


def test_every_page_names_its_language_and_links_its_translations(out: Path) -> None:
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 3 * (len(SERVICES) + 2)
    for path in pages:
        page = Page(read(path))
        relative = path.relative_to(out).parts
        expected = relative[0] if relative[0] in ("ro", "en") else "de"
        assert page.lang == expected, path
        assert set(page.alternates) == {"de", "ro", "en", "x-default"}, path
        for code, href in page.alternates.items():
            assert (path.parent / href).resolve().exists(), f"{path}: {code} -> {href}"
        switch = [a for tag, a in page.classes if tag == "a" and a.get("hreflang")]
        assert [a["lang"] for a in switch] == ["de", "ro", "en"]
        assert [a["lang"] for a in switch if a.get("aria-current")] == [expected]


def test_every_internal_link_leads_to_a_page(out: Path) -> None:
    for path in out.rglob("*.html"):
        for href in Page(read(path)).links:
            if href.startswith(("http", "tel:", "mailto:")):
                continue
            target = href.split("#")[0]
            assert (path.parent / target).resolve().exists(), f"{path}: {href}"


def test_a_service_page_shows_every_fact_with_its_source_and_date(out: Path) -> None:
    service = next(s for s in SERVICES if s.id == "kinderschutz-zentrum-dortmund")
    html = read(out / "services" / f"{service.id}.html")
    blocks = fact_blocks(html)
    known = [f for f in kb.facts(service) if not site.unknown(f)]
    nobody = [f for f in kb.facts(service) if site.unknown(f)]
    assert known and nobody
    assert len(blocks) == len(known) + len({f.note for f in nobody})
    for fact, block in zip(known, blocks, strict=False):
        assert f"<dt>{site.translator('de')(m.FIELDS[fact.field])}</dt>" in block
        assert f"is-{fact.status}" in block
        assert fact.source and f'href="{fact.source}"' in block.replace("&amp;", "&")
        assert f"Datum der Quelle: {show_date(fact.date, 'de') or 'nicht bekannt'}" in block
    grouped = " ".join(blocks[len(known) :])
    for fact in nobody:
        assert site.translator("de")(m.FIELDS[fact.field]) in grouped
        assert fact.note is None or fact.note in grouped
    assert grouped.count("is-unknown") == len(blocks) - len(known)
    assert "0231 2064580" in html and 'href="tel:02312064580"' in html
    assert f"Stand: {show_date(kb.as_of(service), 'de')}" in html  # the oldest shown fact's


def with_facts(service: Service, *found: kb.Fact) -> Service:
    """Return the service with exactly these facts: their provenance entries, the verified
    values as fields, every other covered field empty."""
    empty = {f.name: f.default for f in dataclasses.fields(Service) if f.name in COVERED}
    empty["languages"] = ()
    values = {f.field: f.value if f.shown else empty[f.field] for f in found}
    return dataclasses.replace(service, provenance=found, **{**empty, **values})


def test_a_service_s_own_remark_stands_beside_its_fact(out: Path) -> None:
    service = next(s for s in SERVICES if s.languages_note)
    assert service.languages_note
    for folder, locale, label in ((out, "de", "Sprachen"), (out / "en", "en", "Languages")):
        html = read(folder / "services" / f"{service.id}.html")
        block = next(b for b in fact_blocks(html) if f"<dt>{label}</dt>" in b)
        remark = service.languages_note.get(locale) or service.languages_note["de"]
        assert f'class="remark">{escape(remark)}</dd>' in block


def test_unverified_and_unknown_facts_are_marked_never_shown_as_fact(tmp_path: Path) -> None:
    service = with_facts(
        next(s for s in SERVICES if s.id == "kinderschutz-zentrum-dortmund"),
        kb.Fact(
            "phone", "0800 000 000", "unverified", "https://example.org/a", kb.PartialDate(2019)
        ),
        kb.Fact("languages", ("ro",), "inferred", "https://example.org/b"),
        kb.Fact("email", None, "unknown", note="not found"),
    )
    write(tmp_path, tuple(service if s.id == service.id else s for s in SERVICES))
    html = read(tmp_path / "services" / f"{service.id}.html")
    blocks = {re.search(r"<dt>(.*?)</dt>", b).group(1): b for b in fact_blocks(html)}  # type: ignore[union-attr]
    phone, languages = blocks["Telefon"], blocks["Sprachen"]
    assert "is-unverified" in phone and "unbestätigt" in phone and "0800 000 000" in phone
    assert "Datum der Quelle: 2019" in phone
    assert "is-inferred" in languages and "erschlossen" in languages and "Rumänisch" in languages
    nobody = [b for b in fact_blocks(html) if "<dt>Nicht bekannt</dt>" in b]
    assert [b for b in nobody if "E-Mail" in b and "not found" in b and "is-unknown" in b]
    assert "Stand: Datum nicht bekannt" in html  # no verified fact to date the page
    romanian = read(tmp_path / "language" / "ro.html")
    assert f"services/{service.id}.html" not in romanian  # an inferred language is no filter
    review = read(tmp_path / "review.html").split(f'id="{service.id}"')[1].split("</section>")[0]
    assert "0800 000 000" in review and "Rumänisch" in review


def test_the_review_page_lists_the_facts_due_and_only_those(tmp_path: Path) -> None:
    recent = kb.PartialDate(2026, 1)
    source = "https://example.org/s"
    service = with_facts(
        next(s for s in SERVICES if s.id == "kinderschutz-zentrum-dortmund"),
        kb.Fact("phone", "0231 1", "verified", source, recent),  # 12 months: not yet
        kb.Fact("hours", (Span(540, 1020),), "verified", source, recent),  # 6 months: due
        kb.Fact("url", "https://example.org", "verified", source),  # undated: due
    )
    write(tmp_path, tuple(service if s.id == service.id else s for s in SERVICES))
    review = read(tmp_path / "review.html").split(f'id="{service.id}"')[1].split("</section>")[0]
    shown = re.findall(r"<dt>(.*?)</dt>", review)
    assert shown == ["Website", "Öffnungszeiten", "Nicht bekannt"]  # undated, oldest; unknown
    listing = read(tmp_path / "index.html")
    assert f'review.html#{service.id}">Prüfung fällig' in listing


def test_the_review_page_puts_crisis_lines_first_then_the_oldest_sources() -> None:
    order = index.review_order(SERVICES, TODAY)
    assert {s.id for s in order} == {s.id for s in SERVICES if kb.due(s, TODAY)}
    crisis = [s.crisis_line or s.kind in ("emergency", "crisis_line") for s in order]
    assert crisis == sorted(crisis, reverse=True) and crisis[0]
    rest = [s for s, c in zip(order, crisis, strict=True) if not c]

    def oldest(service: Service) -> tuple[bool, kb.PartialDate]:
        dates = [f.date for f in kb.due(service, TODAY)]
        dated = [d for d in dates if d is not None]
        return (None not in dates, min(dated) if None not in dates else kb.PartialDate(1))

    assert [oldest(s) for s in rest] == sorted(oldest(s) for s in rest)


def test_stale_entries_are_flagged_and_never_hidden(out: Path) -> None:
    stale = [s for s in SERVICES if kb.due(s, TODAY)]
    assert stale
    listing = read(out / "index.html")
    review = read(out / "review.html")
    for service in SERVICES:
        assert f"services/{service.id}.html" in listing
    for service in stale:
        entry = listing.split(f'id="s-{service.id}"')[1].split("</article>")[0]
        assert f'review.html#{service.id}">Prüfung fällig' in entry
        assert f'id="{service.id}"' in review


def test_filter_pages_list_exactly_the_matching_services(out: Path) -> None:
    for dimension, key, expect in (
        ("topic", "migration", lambda s: "migration" in s.topics),
        ("audience", "professional", lambda s: "professional" in s.audiences),
        ("place", "dortmund-nordstadt", lambda s: any(a.district == "Nordstadt" for a in s.areas)),
        ("place", "nationwide", lambda s: s.nationwide),
        ("language", "ro", lambda s: "ro" in s.languages),
    ):
        html = read(out / dimension / f"{key}.html")
        listed = set(re.findall(r'href="\.\./services/([\w-]+)\.html"', html))
        assert listed == {s.id for s in SERVICES if expect(s)}, (dimension, key)


def test_the_list_works_without_javascript(out: Path) -> None:
    html = read(out / "index.html")
    assert re.search(r'<form id="search"[^>]* hidden', html)  # only the script shows it
    assert html.count('<article class="card"') == len(SERVICES)
    for dimension in index.DIMENSIONS:
        assert f'href="{dimension}/' in html


def test_texts_from_the_data_are_escaped(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    service = dataclasses.replace(SERVICES[0], name={"de": evil, "ro": evil, "en": evil})
    write(tmp_path, (service, *SERVICES[1:]))
    for path in (tmp_path / "index.html", tmp_path / "services" / f"{service.id}.html"):
        html = read(path)
        assert evil not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_templates_hold_no_text_outside_the_catalogs() -> None:
    for path in (ROOT / "kbsite" / "templates").glob("*.html"):
        text = re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", " ", read(path), flags=re.S)
        text = re.sub(r"<[^>]*>", " ", text)
        assert not re.search(r"[^\W\d_]", text), f"{path.name}: {text.split()}"


@pytest.mark.parametrize(
    ("when", "locale", "shown"),
    [
        (kb.PartialDate(2018), "de", "2018"),
        (kb.PartialDate(2018, 4), "en", "Apr 2018"),
        (kb.PartialDate(2018, 4, 14), "de", "14.04.2018"),
        (None, "de", None),
    ],
)
def test_source_dates_are_as_precise_as_known(
    when: kb.PartialDate | None, locale: str, shown: str | None
) -> None:
    assert show_date(when, locale) == shown


def test_hours_are_worded_as_on_the_bot_s_cards(out: Path) -> None:
    service = next(s for s in SERVICES if s.id == "kinderschutz-zentrum-dortmund")
    assert service.hours
    html = read(out / "services" / f"{service.id}.html")
    hours = next(b for b in fact_blocks(html) if "<dt>Öffnungszeiten</dt>" in b)
    assert Renderer("de").week(service.hours) in hours

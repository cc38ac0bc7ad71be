"""`helpfinder kb site OUT/`: write the directory as static HTML in German, Romanian, English."""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from bot.i18n import locale_name, translations
from kbsite import facts as kb
from kbsite import index
from kbsite import messages as m
from kbsite.show import (
    Translate,
    language_name,
    renderer,
    show_date,
    source_part,
    value_parts,
)
from knowledge.model import Service
from knowledge.provenance import NOTES

DOMAIN = "site"
SITE_LOCALES = ("de", "ro", "en")
"""German first (at the root), then Romanian and English in folders of their own."""
ASSETS = ("site.css", "site.js")
_STATIC = Path(__file__).resolve().parent / "static"


def base(locale: str) -> str:
    """Return a locale's folder inside OUT ("" for German)."""
    return "" if locale == SITE_LOCALES[0] else f"{locale}/"


def translator(locale: str) -> Translate:
    """Return t(msgid, **params) for the site's catalog of a locale."""
    catalog = translations(locale, DOMAIN)

    def t(msgid: str, **params: object) -> str:
        text = catalog.gettext(msgid)
        return text.format(**params) if params else text

    return t


def environment() -> Environment:
    """Return the Jinja2 environment: autoescaped HTML, undefined names are errors."""
    return Environment(
        loader=PackageLoader("kbsite", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Page:
    """One file to write: its path inside a locale's folder, its template and context."""

    path: str
    template: str
    context: dict[str, Any]


class Writer:
    """Renders the pages of one locale, with links relative to each page."""

    def __init__(self, env: Environment, out: Path, locale: str, built: date) -> None:
        self.env, self.out, self.locale, self.built = env, out, locale, built
        self.t = translator(locale)

    def href(self, page: str, target: str, locale: str | None = None) -> str:
        """Return a link from `page` (in this locale) to `target` in a locale's folder."""
        here = posixpath.dirname(base(self.locale) + page) or "."
        return posixpath.relpath(base(locale or self.locale) + target, here)

    def asset(self, page: str, name: str) -> str:
        """Return a link from `page` to a file at OUT's top (site.css, site.js)."""
        here = posixpath.dirname(base(self.locale) + page) or "."
        return posixpath.relpath(name, here)

    def write(self, page: Page) -> Path:
        alternates = [
            {
                "locale": code,
                "name": locale_name(code),
                "href": self.href(page.path, page.path, code),
            }
            for code in SITE_LOCALES
        ]
        context = {
            "t": self.t,
            "m": m,
            "locale": self.locale,
            "page": page.path,
            "alternates": alternates,
            "link": lambda target: self.href(page.path, target),
            "asset": lambda name: self.asset(page.path, name),
            "built": format_date(self.built, format="long", locale=self.locale),
            **page.context,
        }
        target = self.out / base(self.locale) / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.env.get_template(page.template).render(context), encoding="utf-8")
        return target


def localised(texts: dict[str, str], locale: str) -> tuple[str, bool]:
    """Return a service text in the locale, else the German one; and whether it fell back."""
    return renderer(locale).localised(texts)


def unknown(fact: kb.Fact) -> bool:
    """Return whether nobody knows a fact: no value, no status but unknown."""
    return fact.status == "unknown" and fact.value is None


def service_path(service: Service) -> str:
    return f"services/{service.id}.html"


class Views:
    """The values templates show, in one locale."""

    def __init__(self, locale: str, today: date) -> None:
        self.locale, self.today = locale, today
        self.t = translator(locale)

    def place(self, name: str) -> str:
        return self.t(m.NATIONWIDE) if name == index.NATIONWIDE else name

    def filter_label(self, dimension: str, value: str) -> str:
        if dimension == "topic":
            return self.t(m.TOPICS[value])
        if dimension == "audience":
            return self.t(m.AUDIENCES[value])
        if dimension == "language":
            return language_name(value, self.locale)
        return self.place(value)

    def fact(self, fact: kb.Fact, service: Service | None = None) -> dict[str, Any]:
        """Return a fact as shown: label, status, value, source, date, note, and the service's
        own remark on it where it has one (`phone_note`, `hours_note`, `languages_note`)."""
        texts = getattr(service, NOTES[fact.field], None) if fact.field in NOTES else None
        remark, german = localised(texts, self.locale) if texts else (None, False)
        return {
            "remark": remark,
            "remark_lang": "de" if german and self.locale != "de" else None,
            "field": fact.field,
            "label": self.t(m.FIELDS[fact.field]) if fact.field in m.FIELDS else fact.field,
            "status": fact.status,
            "status_label": self.t(m.FACT_STATUS.get(fact.status, fact.status)),
            "parts": value_parts(fact, self.locale, self.t),
            "source": source_part(fact.source),
            "date": show_date(fact.date, self.locale),
            "note": fact.note,
        }

    def entry(self, service: Service) -> dict[str, Any]:
        """Return what a list shows of a service, and the words its client-side search reads."""
        name = localised(service.name, self.locale)[0]
        description, german = localised(service.description, self.locale)
        status = kb.status(service)
        alert = kb.alert(service)
        alert_text, alert_german = localised(alert, self.locale) if alert else (None, False)
        places = index.places(service)
        languages = index.languages(service)
        words = [*service.name.values(), description, service.organisation or ""]
        words += [self.place(p) for p in places]
        return {
            "id": service.id,
            "path": service_path(service),
            "name": name,
            "description": description,
            "german": german,
            "kind": self.t(m.KINDS[service.kind]),
            "places": ", ".join(self.place(p) for p in places),
            "crisis": service.crisis_line,
            "status": None if status == "active" else self.t(m.SERVICE_STATUSES[status]),
            "alert": alert_text,
            "alert_lang": "de" if alert_german and self.locale != "de" else None,
            "due": bool(kb.due(service, self.today)),
            "data": {
                "topic": " ".join(service.topics),
                "place": " ".join(index.slug(p) for p in places),
                "language": " ".join(languages),
                "audience": " ".join(service.audiences),
                "text": " ".join(w for w in words if w).casefold(),
            },
        }

    def service(self, service: Service) -> dict[str, Any]:
        """Return a service page's values: the entry, what it is, every fact, as of when."""
        return {
            **self.entry(service),
            "organisation": service.organisation,
            "topics": [self.t(m.TOPICS[x]) for x in service.topics],
            "audiences": [self.t(m.AUDIENCES[x]) for x in service.audiences],
            "status_label": self.t(m.SERVICE_STATUSES[kb.status(service)]),
            "as_of": show_date(kb.as_of(service), self.locale),
            "undated": kb.undated_shown(service),
            "facts": [self.fact(f, service) for f in kb.facts(service) if not unknown(f)],
            "unknown": self.unknown(service),
        }

    def review(self, service: Service) -> dict[str, Any]:
        """Return a service's section of the review page: facts to check and facts unknown."""
        checks = kb.oldest_first(kb.due(service, self.today))
        return {
            **self.entry(service),
            "checks": [self.fact(f, service) for f in checks],
            "unknown": self.unknown(service),
        }

    def unknown(self, service: Service) -> list[dict[str, Any]]:
        """Return the facts nobody knows, grouped by their note: [{labels, note}]."""
        groups: dict[str | None, list[str]] = {}
        for fact in kb.facts(service):
            if unknown(fact):
                groups.setdefault(fact.note, []).append(self.fact(fact)["label"])
        return [{"labels": ", ".join(labels), "note": note} for note, labels in groups.items()]


def pages(services: Sequence[Service], locale: str, today: date) -> list[Page]:
    """Return every page of one locale: the list, the filters, each service, the review."""
    views = Views(locale, today)
    t = views.t
    ordered = sorted(services, key=lambda s: index.sort_key(localised(s.name, locale)[0]))
    found = index.filters(ordered)
    browse = [
        {
            "name": dimension,
            "label": t(label),
            "values": [
                {
                    "key": f.key,
                    "label": views.filter_label(dimension, f.value),
                    "path": f"{dimension}/{f.key}.html",
                    "count": len(f.services),
                }
                for f in found
                if f.dimension == dimension
            ],
        }
        for dimension, label in zip(
            index.DIMENSIONS,
            (m.FILTER_TOPIC, m.FILTER_PLACE, m.FILTER_LANGUAGE, m.FILTER_AUDIENCE),
            strict=True,
        )
    ]
    common = {"browse": browse, "total": len(ordered), "nav": "all"}
    result = [
        Page(
            "index.html",
            "list.html",
            {
                **common,
                "title": t(m.LIST_TITLE),
                "heading": t(m.LIST_TITLE),
                "filter": None,
                "entries": [views.entry(s) for s in ordered],
                "search": True,
            },
        )
    ]
    for f in found:
        label = views.filter_label(f.dimension, f.value)
        dimension = next(g["label"] for g in browse if g["name"] == f.dimension)
        heading = t(m.FILTER_HEADING, dimension=dimension, value=label)
        result.append(
            Page(
                f"{f.dimension}/{f.key}.html",
                "list.html",
                {
                    **common,
                    "title": heading,
                    "heading": heading,
                    "filter": f.dimension,
                    "nationwide_also": f.dimension == "place" and f.value != index.NATIONWIDE,
                    "entries": [views.entry(s) for s in f.services],
                    "search": False,
                },
            )
        )
    result += [
        Page(
            service_path(s),
            "service.html",
            {"title": localised(s.name, locale)[0], "nav": None, "s": views.service(s)},
        )
        for s in ordered
    ]
    review = [views.review(s) for s in index.review_order(services, today)]
    result.append(
        Page(
            "review.html",
            "review.html",
            {
                "title": t(m.REVIEW_TITLE),
                "nav": "review",
                "review": review,
                "due_facts": sum(len(r["checks"]) for r in review),
            },
        )
    )
    return result


def build(services: Sequence[Service], out: Path, today: date) -> int:
    """Write the whole site into `out`; return the number of pages.

    A folder that holds an earlier build (its site.css) loses that build's pages first, so a
    removed service leaves no page behind; no other file is touched."""
    if (out / ASSETS[0]).exists():
        for code in SITE_LOCALES:
            for sub in ("services", *index.DIMENSIONS):
                for old in (out / base(code) / sub).glob("*.html"):
                    old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(_STATIC / name, out / name)
    env = environment()
    count = 0
    for code in SITE_LOCALES:
        writer = Writer(env, out, code, today)
        for page in pages(services, code, today):
            writer.write(page)
            count += 1
    return count

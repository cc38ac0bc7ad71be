"""`helpfinder kb build | check | stats`: the maintainers' side of the knowledge base."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from knowledge import finder, loader, provenance, vectors
from knowledge.model import Service
from knowledge.vocabulary import TOPICS


def _root(args: argparse.Namespace) -> Path:
    return Path(args.source) if args.source else loader.DATA_DIR


def _summary(sources: loader.Sources) -> str:
    return (
        f"{len(sources.services)} services, {len(sources.terms)} lexicon terms, "
        f"{len(sources.gazetteer.places)} places, {len(sources.examples)} examples"
    )


def build(args: argparse.Namespace) -> int:
    """Check every source, then write the database atomically."""
    sources = loader.load_sources(_root(args))
    path = finder.build(_root(args), Path(args.db) if args.db else None, sources)
    print(f"built {path} ({_summary(sources)})")
    refresh_vectors(_root(args), finder.Finder.load(path))
    return 0


def refresh_vectors(root: Path, loaded: finder.Finder) -> None:
    """Rewrite the shipped vectors when the bank changed (where the folder is writable)."""
    if loaded.encoder is None or loaded.sources.vectors is None:
        return
    texts = [e.text for e in loaded.sources.examples]
    try:
        if vectors.save(root, texts, loaded.sources.vectors, loaded.encoder.name):
            print(f"updated {root / vectors.FILE} ({len(texts)} vectors)")
    except OSError:
        pass  # an installed, read-only package: the cache is only a speed-up


def check(args: argparse.Namespace) -> int:
    """Check every source (schema problems are raised as KnowledgeError, exit 1), then report
    facts shown without provenance and eligibility against audiences (exit 1) and lexicon
    terms listed twice or under two topics (warnings, exit 0: some words mean both)."""
    from knowledge import audit

    sources = loader.load_sources(_root(args))
    services = [
        *audit.shown_without_provenance(sources.services),
        *audit.eligibility_conflicts(sources.services),
    ]
    lexicon = [
        *audit.duplicated_terms(sources.terms),
        *audit.terms_under_two_topics(sources.terms),
    ]
    for line in services:
        print(f"problem: {line}")
    for line in lexicon:
        print(f"warning: {line}")
    print(
        f"{'problems' if services else 'ok'}: {_summary(sources)}; "
        f"{len(services)} service problems, {len(lexicon)} lexicon warnings"
    )
    return 1 if services else 0


def cities(service: Service) -> list[str]:
    """Return the cities (or states, or 'nationwide') a service serves."""
    if service.nationwide:
        return ["nationwide"]
    return sorted({a.city or a.state or "?" for a in service.areas})


def table(title: str, columns: list[str], rows: Sequence[tuple[str, Sequence[object]]]) -> str:
    """Return an aligned text table: a title column, then one right-aligned column each."""
    first = max(len(title), *(len(r[0]) for r in rows)) + 2
    widths = [max(len(c), *(len(str(r[1][i])) for r in rows)) + 2 for i, c in enumerate(columns)]
    lines = [title.ljust(first) + "".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    for name, values in rows:
        cells = "".join(str(v).rjust(w) for v, w in zip(values, widths, strict=True))
        lines.append(name.ljust(first) + cells)
    return "\n".join(lines)


AGE_BANDS = (("under 1 year", 12), ("1-2 years", 24), ("2-5 years", 60), ("over 5 years", None))
"""Staleness bands by the oldest shown fact's source date (read as its earliest day)."""


def age_band(service: Service, today: date) -> str:
    """Return a service's staleness band, or "undated" when no shown fact has a date."""
    oldest = provenance.as_of(service)
    if oldest is None:
        return "undated"
    for name, months in AGE_BANDS:
        if months is None or provenance.add_months(oldest.earliest(), months) > today:
            return name
    return AGE_BANDS[-1][0]


def stats(args: argparse.Namespace) -> int:
    """Print services per topic and place, per language, the facts by status and how old
    the sources are."""
    services = loader.load_sources(_root(args)).services
    today = date.fromisoformat(args.today) if args.today else date.today()
    places = sorted({c for s in services for c in cities(s)}, key=lambda c: (c == "nationwide", c))
    print(f"{len(services)} services\n")
    per_topic = []
    for topic in TOPICS:
        row = Counter(c for s in services if topic in s.topics for c in cities(s))
        per_topic.append((topic, [row[p] for p in places]))
    print(table("services per topic and place", places, per_topic))
    langs = sorted({c for s in services for c in s.languages})
    per_language = [
        (lang, [sum(lang in s.languages for s in services if t in s.topics) for t in TOPICS])
        for lang in langs
    ]
    print()
    print(table("services per language and topic", list(TOPICS), per_language))
    unknown = sorted(s.id for s in services if not s.languages)
    print(f"\n{len(unknown)} services with unknown languages: {', '.join(unknown)}")
    statuses: dict[str, Counter[str]] = {"facts": Counter(), "eligibility": Counter()}
    for f in (f for s in services for f in provenance.facts(s)):
        label = "verified, shown" if f.shown else f.status + (", no value" * (f.value is None))
        statuses["eligibility" if f.field in provenance.ELIGIBILITY else "facts"][label] += 1
    labels = sorted({k for c in statuses.values() for k in c})
    print()
    print(
        table(
            "facts by status (unknown = missing)",
            ["contacts, hours, offer", "eligibility"],
            [(k, [statuses["facts"][k], statuses["eligibility"][k]]) for k in labels],
        )
    )
    due = [(s, f) for s in services for f in provenance.due(s, today)]
    print(
        f"\n{len(due)} facts due for a re-check on {today} "
        f"({sum(f.field == 'hours' for _, f in due)} of them hours; contacts 12 months, hours 6)"
    )
    bands = Counter(age_band(s, today) for s in services)
    names = [name for name, _ in AGE_BANDS] + ["undated"]
    print()
    print(
        table(
            "services by the oldest shown fact's source date",
            ["services"],
            [(n, [bands[n]]) for n in names],
        )
    )
    old = sorted(
        (oldest, s.id)
        for s in services
        if (oldest := provenance.as_of(s)) and age_band(s, today) != AGE_BANDS[0][0]
    )
    print(f"\n{len(old)} entries older than 12 months (by source date), oldest first:")
    for when, sid in old:
        print(f"  {when!s:<10}  {sid}")
    undated = sorted(s.id for s in services if provenance.as_of(s) is None)
    print(f"{len(undated)} entries with no dated source: {', '.join(undated)}")
    return 0


def explain(args: argparse.Namespace) -> int:
    """Print which terms and nearest examples led to the understanding of a text."""
    from knowledge.explain import explain as account

    db = Path(args.db) if args.db else None
    print(account(finder.Finder.load(db), " ".join(args.text)))
    return 0


def review(args: argparse.Namespace) -> int:
    """List the facts due for a re-check (or write them as a worksheet), or apply a worksheet."""
    from knowledge import review as worksheet
    from knowledge.hsds_files import CHANGES_FILE

    root = _root(args)
    if args.apply:
        result = worksheet.apply(
            worksheet.read_worksheet(Path(args.apply)), root, root / CHANGES_FILE
        )
        print(
            f"applied {len(result.changes)} answers to {len(result.services)} services; "
            f"change log: {root / CHANGES_FILE}"
        )
        return 0
    services = loader.load_sources(root).services
    today = date.fromisoformat(args.today) if args.today else date.today()
    rows = worksheet.worksheet_rows(services, today)
    if args.out:
        worksheet.write_worksheet(Path(args.out), rows)
        print(f"wrote {len(rows)} facts due on {today} to {args.out}")
        return 0
    print(f"{len(rows)} facts due on {today} (crisis lines first, then the oldest sources):")
    width = max((len(r["service"]) for r in rows), default=0)
    for r in rows:
        when = r["source_date"] or "undated"
        print(
            f"  {r['service']:<{width}}  {r['field']:<14} {r['status']:<10} {when:<10}  "
            f"{r['shown_value'][:60]}"
        )
    return 0


def run(action: str, args: argparse.Namespace) -> int:
    """Dispatch a kb action."""
    actions = {
        "build": build,
        "check": check,
        "stats": stats,
        "explain": explain,
        "review": review,
    }
    return actions[action](args)

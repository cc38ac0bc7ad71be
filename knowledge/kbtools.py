"""`helpfinder kb build | check | stats`: the maintainers' side of the knowledge base."""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from knowledge import finder, loader, provenance, vectors
from knowledge.model import Service
from knowledge.vocabulary import LEXICON_LANGUAGES, TOPICS

STALE_AFTER = timedelta(days=365)


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
    """Check every source; problems are raised as KnowledgeError (exit 1 in the CLI)."""
    sources = loader.load_sources(_root(args))
    print(f"ok: {_summary(sources)}")
    return 0


def age_date(service: Service) -> date | None:
    """Return the earliest day the oldest shown fact's source can mean (None: undated)."""
    oldest = provenance.as_of(service)
    return oldest.earliest() if oldest else None


def cities(service: Service) -> list[str]:
    """Return the cities (or states, or 'nationwide') a service serves."""
    if service.nationwide:
        return ["nationwide"]
    return sorted({a.city or a.state or "?" for a in service.areas})


def stats(args: argparse.Namespace) -> int:
    """Print services per topic x place, per language, and entries older than 12 months."""
    services = loader.load_sources(_root(args)).services
    today = date.fromisoformat(args.today) if args.today else date.today()
    places = sorted({c for s in services for c in cities(s)}, key=lambda c: (c == "nationwide", c))
    width = max(map(len, TOPICS)) + 2
    print(f"{len(services)} services\n")
    print("services per topic and place".ljust(width) + "".join(p[:12].rjust(13) for p in places))
    for topic in TOPICS:
        row = Counter(c for s in services if topic in s.topics for c in cities(s))
        print(topic.ljust(width) + "".join(str(row[p]).rjust(13) for p in places))
    print("\nservices per language and topic".ljust(width))
    for lang in (*LEXICON_LANGUAGES, "other"):

        def speaks(s: Service, lang: str = lang) -> bool:
            return (
                lang in s.languages
                if lang != "other"
                else bool(set(s.languages) - set(LEXICON_LANGUAGES))
            )

        row = Counter(t for s in services if speaks(s) for t in s.topics)
        print(
            f"  {lang}: {sum(map(speaks, services))} services; "
            + ", ".join(f"{t} {row[t]}" for t in TOPICS if row[t])
        )
    old = sorted(
        (when, s.id) for s in services if (when := age_date(s)) and today - when > STALE_AFTER
    )
    print(f"\n{len(old)} entries older than 12 months (by source date), oldest first:")
    for when, sid in old:
        print(f"  {when.isoformat()}  {sid}")
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

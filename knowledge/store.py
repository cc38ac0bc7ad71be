"""Build the SQLite knowledge base from the checked sources, and read it back."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from knowledge import encoder as encoders
from knowledge import heads, vectors
from knowledge.encoder import Encoder, Vectors
from knowledge.examples import Example
from knowledge.loader import DATA_DIR, Sources, TermRow
from knowledge.matcher import Label, compile_term
from knowledge.model import Address, Area, Place, Service, Span
from knowledge.places import Gazetteer
from knowledge.provenance import Fact, PartialDate, field_value

SCHEMA_VERSION = 5
"""Bump when the tables change; a cache of another version is rebuilt (3: places.offered;
4: per-fact provenance, status, alert; 5: heads)."""


class StaleDatabase(ValueError):
    """A database built with another table layout (SCHEMA_VERSION): it must be rebuilt."""


EXAMPLE_COLUMNS: dict[str, Any] = {
    "id": int,
    "text": str,
    "language": str,
    "topics": str,
    "who": str,
    "crisis": str,
    "vector": bytes,
}


def _words(raw: str) -> str:
    """Compile a lexicon term at build time: JSON of [text, stem, gap] per word."""
    term = compile_term(raw, Label("", "", ""))
    return json.dumps([[w.text, w.stem, w.gap] for w in term.words] if term else [])


def service_row(service: Service) -> dict[str, Any]:
    """Flatten a Service into one JSON-friendly row."""
    row = asdict(service)
    row["assured_date"] = service.assured_date.isoformat() if service.assured_date else None
    row["provenance"] = [_fact_row(f) for f in service.provenance]
    row["hours"] = None if service.hours is None else [[s.start, s.end] for s in service.hours]
    return row


def _fact_row(f: Fact) -> list[Any]:
    """A fact as JSON; a verified fact's value is the field's, so it is not stored twice."""
    value = None if f.status == "verified" else f.value
    return [f.field, f.status, f.source, str(f.date) if f.date else None, f.note, value]


def _facts(rows: list[list[Any]], service: Service) -> tuple[Fact, ...]:
    return tuple(
        Fact(
            name,
            field_value(service, name) if status == "verified" else value,
            status,
            source,
            PartialDate.parse(when) if when else None,
            note,
        )
        for name, status, source, when, note, value in rows
    )


class _Shared:
    """Decodes repeated JSON values once and shares the result (topics, areas, hours, dates…).

    At 100 000 services most of these values repeat; sharing them keeps memory down.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], Any] = {}

    def get(self, kind: str, raw: Any, make: Any) -> Any:
        key = (kind, raw if isinstance(raw, str) else json.dumps(raw))
        if key not in self._cache:
            value = json.loads(raw) if isinstance(raw, str) else raw
            self._cache[key] = make(value)
        return self._cache[key]


def _localised(value: Any) -> Any:
    if not value:
        return value
    seen: dict[str, str] = {}
    # json.loads makes new key strings for every row: interned, 100 000 services share six.
    return {sys.intern(lang): seen.setdefault(text, text) for lang, text in value.items()}


def _hours(value: Any) -> tuple[Span, ...] | None:
    return None if value is None else tuple(Span(a, b) for a, b in value)


def service_from_row(row: dict[str, Any], shared: _Shared | None = None) -> Service:
    """Rebuild a Service from a row made by service_row (JSON columns decoded)."""
    sh = shared or _Shared()

    def js(key: str) -> Any:
        value = row[key]
        return json.loads(value) if isinstance(value, str) else value

    address = js("address")
    service = Service(
        id=row["id"],
        kind=sys.intern(row["kind"]),
        name=_localised(js("name")),
        description=_localised(js("description")),
        topics=sh.get("t", row["topics"], tuple),
        audiences=sh.get("a", row["audiences"], tuple),
        areas=sh.get("r", row["areas"], lambda v: tuple(Area(**a) for a in v)),
        languages=sh.get("l", row["languages"], tuple),
        source=row["source"],
        organisation=row["organisation"],
        phone=row["phone"],
        phones_more=sh.get("p", row["phones_more"], tuple),
        phone_note=js("phone_note"),
        email=row["email"],
        url=row["url"],
        chat_url=row["chat_url"],
        address=Address(**address) if address else None,
        hours=sh.get("h", row["hours"], _hours),
        hours_note=js("hours_note"),
        anonymous=_bool(row["anonymous"]),
        free_of_charge=_bool(row["free_of_charge"]),
        crisis_line=bool(row["crisis_line"]),
        priority=int(row["priority"]),
        status=sys.intern(row["status"]),
        crisis_for=tuple((k, int(v)) for k, v in js("crisis_for")),
        age_min=row["age_min"],
        age_max=row["age_max"],
        gender=row["gender"],
        for_uninsured=bool(row["for_uninsured"]),
        for_caregivers=bool(row["for_caregivers"]),
        application_process=row["application_process"],
        professions=sh.get("f", row["professions"], tuple),
        for_speakers=sh.get("l", row["for_speakers"], tuple),
        languages_note=js("languages_note"),
        alert=js("alert"),
        assured_date=date.fromisoformat(row["assured_date"]) if row["assured_date"] else None,
        assurer=row["assurer"],
    )
    return replace(service, provenance=_facts(js("provenance"), service))


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def embed_examples(
    examples: tuple[Example, ...], encoder: Encoder | None, root: Path = DATA_DIR
) -> Vectors | None:
    """Return one vector per example (None without an encoder or examples).

    Vectors shipped in `examples/vectors.npz` are used; only new texts are embedded.
    """
    if encoder is None or not examples:
        return None
    return vectors.embed([e.text for e in examples], encoder, vectors.load(root))


def _example_rows(sources: Sources, matrix: Vectors | None) -> list[dict[str, Any]]:
    blobs = [None] * len(sources.examples) if matrix is None else [r.tobytes() for r in matrix]
    return [
        {
            "id": i,
            "text": e.text,
            "language": e.language,
            "topics": json.dumps(e.topics),
            "who": e.who,
            "crisis": e.crisis,
            "vector": v,
        }
        for i, (e, v) in enumerate(zip(sources.examples, blobs, strict=True))
    ]


def _head_rows(sources: Sources, matrix: Vectors | None) -> list[dict[str, Any]]:
    """Return the linear heads learned from the bank, one row each (none without vectors)."""
    found = () if matrix is None else heads.train(sources.examples, matrix)
    return [
        {
            "name": h.name,
            "classes": json.dumps(h.classes),
            "rows": h.weights.shape[0],
            "weights": h.weights.tobytes(),
        }
        for h in found
    ]


def write(
    sources: Sources,
    target: Path,
    fingerprint: str = "",
    encoder: Encoder | bool | None = True,
) -> Path:
    """Write a new database next to `target` and swap it in atomically.

    The example bank is embedded with `encoder` (True: the bundled one, if it loads).
    """
    chosen = encoders.choose(encoder)
    import sqlite_utils  # only the build needs it (it imports numpy: 0.4 s at every start)

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=".kb-", suffix=".sqlite", dir=target.parent)
    os.close(handle)
    try:
        db = sqlite_utils.Database(tmp_name)
        db.table("services").insert_all(
            (service_row(s) for s in sources.services),
            pk="id",
            columns={
                "age_min": int,
                "age_max": int,
                "gender": str,
                "application_process": str,
                "assured_date": str,
                "assurer": str,
                "languages_note": str,
                "alert": str,
            },
        )
        db.table("service_topics").insert_all(
            (
                {"service_id": s.id, "topic": t, "rank": i}
                for s in sources.services
                for i, t in enumerate(s.topics)
            ),
            pk=("service_id", "topic"),
        )
        db.table("terms").insert_all(
            (
                {"kind": k, "key": key, "lang": lang, "term": term, "words": _words(term)}
                for k, key, lang, term in sources.terms
            ),
            alter=True,
        )
        matrix = embed_examples(sources.examples, chosen)
        examples = db.table("examples")
        examples.create(EXAMPLE_COLUMNS, pk="id")
        examples.insert_all(_example_rows(sources, matrix))
        learned = db.table("heads")
        learned.create({"name": str, "classes": str, "rows": int, "weights": bytes}, pk="name")
        learned.insert_all(_head_rows(sources, matrix))
        g = sources.gazetteer
        db.table("places").insert_all(
            (
                {
                    "id": i,
                    "state": p.state,
                    "city": p.city,
                    "district": p.district,
                    "needs_city": i in g.needs_city,
                    "offered": g.offered.index(i) if i in g.offered else None,
                }
                for i, p in enumerate(g.places)
            ),
            pk="id",
            columns={"offered": int},
        )
        db.table("place_aliases").insert_all(
            ({"place_id": i, "alias": a} for i, a in g.aliases), alter=True
        )
        db.table("place_postcodes").insert_all(
            ({"low": lo, "high": hi, "place_id": i} for lo, hi, i in g.postcodes),
            alter=True,
        )
        db.table("meta").insert_all(
            [
                {"key": "schema", "value": str(SCHEMA_VERSION)},
                {"key": "fingerprint", "value": fingerprint},
                {"key": "encoder", "value": chosen.name if chosen else ""},
            ],
            pk="key",
        )
        db.table("service_topics").create_index(["topic"], if_not_exists=True)
        db.conn.commit()
        db.close()
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target


def read(path: Path) -> Sources:
    """Load every table of a built database into memory."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        _check_schema(conn, path)
        shared = _Shared()
        services = tuple(
            service_from_row(dict(r), shared)
            for r in conn.execute("select * from services order by id")
        )
        term_rows = list(conn.execute("select * from terms order by rowid"))
        terms: tuple[TermRow, ...] = tuple(
            (r["kind"], r["key"], r["lang"], r["term"]) for r in term_rows
        )
        compiled = tuple(r["words"] for r in term_rows)
        rows = list(conn.execute("select * from places order by id"))
        places = tuple(Place(r["city"], r["district"], r["state"]) for r in rows)
        needs = frozenset(r["id"] for r in rows if r["needs_city"])
        listed = [r for r in rows if r["offered"] is not None]
        offered = tuple(r["id"] for r in sorted(listed, key=lambda r: r["offered"]))
        aliases = tuple(
            (r["place_id"], r["alias"])
            for r in conn.execute("select * from place_aliases order by rowid")
        )
        codes = tuple(
            (r["low"], r["high"], r["place_id"])
            for r in conn.execute("select * from place_postcodes order by rowid")
        )
        examples, matrix = _read_examples(conn)
        learned = _read_heads(conn) if matrix is not None else ()
    finally:
        conn.close()
    gazetteer = Gazetteer(places, aliases, codes, needs, offered)
    return Sources(services, gazetteer, terms, compiled, examples, matrix, learned)


def _check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Raise StaleDatabase unless the database was built with this SCHEMA_VERSION."""
    row = conn.execute("select value from meta where key = 'schema'").fetchone()
    found = row[0] if row else None
    if found != str(SCHEMA_VERSION):
        raise StaleDatabase(f"{path}: schema {found}, expected {SCHEMA_VERSION}")


def _read_examples(conn: sqlite3.Connection) -> tuple[tuple[Example, ...], Vectors | None]:
    """Return the bank and its vectors (None unless every example has one)."""
    rows = list(conn.execute("select * from examples order by id"))
    examples = tuple(
        Example(r["text"], r["language"], tuple(json.loads(r["topics"])), r["who"], r["crisis"])
        for r in rows
    )
    if not rows or any(r["vector"] is None for r in rows):
        return examples, None
    blob = b"".join(r["vector"] for r in rows)
    return examples, np.frombuffer(blob, dtype=np.float32).reshape(len(rows), -1)


def _read_heads(conn: sqlite3.Connection) -> tuple[heads.Head, ...]:
    """Return the linear heads stored at build time."""
    return tuple(
        heads.Head(
            r["name"],
            tuple(json.loads(r["classes"])),
            np.frombuffer(r["weights"], dtype=np.float32).reshape(r["rows"], -1),
        )
        for r in conn.execute("select * from heads order by rowid")
    )


def stored_fingerprint(path: Path) -> str | None:
    """Return the fingerprint a database was built from, or None if unreadable."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("select value from meta where key = 'fingerprint'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None

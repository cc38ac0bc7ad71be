"""`helpfinder kb export --hsds DIR` and `kb import --hsds DIR --out DIR`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

from knowledge import loader
from knowledge.hsds_export import export_tables, service_objects
from knowledge.hsds_files import (
    CHANGES_FILE,
    read_changes,
    read_tables,
    write_changes,
    write_package,
)
from knowledge.hsds_import import Record, changes, merge, records
from knowledge.schema import KnowledgeError, Problem


def _root(args: argparse.Namespace) -> Path:
    return Path(args.source) if args.source else loader.DATA_DIR


def export(args: argparse.Namespace) -> int:
    """Check the knowledge base, then write it as an HSDS 3.0 package into --hsds."""
    root = _root(args)
    sources = loader.load_sources(root)
    states = {p.city: p.state for p in sources.gazetteer.places if p.city and p.state}
    tables = export_tables(sources.services, states, read_changes(root / CHANGES_FILE))
    counts = write_package(Path(args.hsds), tables, service_objects(tables))
    used = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
    print(f"wrote {args.hsds}: {len(counts)} tables ({used}; the others header only)")
    return 0


class _Dumper(yaml.SafeDumper):
    """Write lists of words and small maps inside lists on one line, texts as blocks."""


class _Flow(dict[str, Any]):
    """A map written on one line: an area, an opening-hours entry."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.SequenceNode:
    flat = all(not isinstance(item, dict | list) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flat)


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(list, _list)
_Dumper.add_representer(_Flow, _flow)


def dump(record: Record) -> str:
    """Return a record as YAML in the field order of docs/formats.md."""
    shown = dict(record)
    for key in ("areas", "hours"):
        if shown.get(key):
            shown[key] = [_Flow(entry) for entry in shown[key]]
    return yaml.dump(
        shown, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
        default_flow_style=False,
    )  # fmt: skip


def _existing(folder: Path, sid: str) -> Any:
    path = folder / f"{sid}.yaml"
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def import_(args: argparse.Namespace) -> int:
    """Read an HSDS 3.0 package into service files in --out (merging the existing files)."""
    if not args.out:
        raise KnowledgeError([Problem("kb import", "--out", "name the folder to write into")])
    try:
        tables = read_tables(Path(args.hsds))
    except (OSError, ValueError) as error:
        raise KnowledgeError([Problem(args.hsds, "(package)", str(error))]) from error
    out, services = Path(args.out), _root(args) / "services"
    (out / "services").mkdir(parents=True, exist_ok=True)
    found = records(tables)
    fresh = []
    for record in found:
        existing = _existing(services, record["id"])
        fresh += [] if existing else [record["id"]]
        text = dump(merge(record, existing))
        (out / "services" / f"{record['id']}.yaml").write_text(text, encoding="utf-8")
    logged = changes(tables, found)
    if logged:
        write_changes(out / CHANGES_FILE, logged)
    print(f"wrote {len(found)} service files and {len(logged)} changes into {out}")
    if fresh:
        print(f"new, to complete (source, provenance, ro/en texts): {', '.join(fresh)}")
    return 0

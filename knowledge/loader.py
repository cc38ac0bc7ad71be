"""Read the knowledge base's YAML sources and check all of them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge import examples as bank
from knowledge.encoder import ENCODER_ID, Vectors
from knowledge.examples import Example
from knowledge.heads import Head
from knowledge.matcher import ComboGroup
from knowledge.model import Service
from knowledge.places import Gazetteer, load_gazetteer
from knowledge.schema import KnowledgeError, Problem, check_service
from knowledge.vocabulary import (
    AUDIENCES,
    GENDERS,
    INTENTS,
    PROFESSIONS,
    TOPICS,
    UNDERSTOOD_LANGUAGES,
)

DATA_DIR = Path(__file__).resolve().parent
"""The bundled knowledge base: services/, lexicon/ and places.yaml."""

TermRow = tuple[str, str, str, str]
"""(kind, key, language, term) as written in a lexicon file."""

LEXICON_FILES = (
    "topics.yaml",
    "who.yaml",
    "crisis.yaml",
    "language.yaml",
    "intents.yaml",
    "gender.yaml",
    "profession.yaml",
)
_CRISIS_SECTIONS = {
    "phrases": "crisis",
    "threats": "threat",
    "calm_idioms": "calm",
    "trivial_context": "trivial",
    "urgent": "urgent",
    "danger": "danger",
    "ongoing": "ongoing",
    "later": "later",
    "near": "near",
    "past": "past",
    "jokes": "joke",
    "serious": "serious",
}


@dataclass(frozen=True)
class Sources:
    """Everything the YAML files say, checked."""

    services: tuple[Service, ...]
    gazetteer: Gazetteer
    terms: tuple[TermRow, ...]
    compiled: tuple[str, ...] = ()
    """Per term, its compiled words as JSON (filled when read from a built database)."""
    examples: tuple[Example, ...] = ()
    vectors: Vectors | None = None
    """One embedding per example (filled at build time when the encoder loads)."""
    heads: tuple[Head, ...] = ()
    """Topic, who and crisis heads learned from the vectors at build time (knowledge.heads)."""


def _yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        problems.append(Problem(str(path), "(file)", f"cannot be read: {error}".replace("\n", " ")))
        return None


def source_files(root: Path) -> list[Path]:
    """Return every YAML source of the knowledge base, in a stable order."""
    files = sorted((root / "services").glob("*.yaml"))
    files += [root / "lexicon" / name for name in LEXICON_FILES]
    return [*files, root / "places.yaml", *bank.example_files(root)]


def build_code() -> list[Path]:
    """Return every module of knowledge/: a change to any of them means a rebuild too."""
    return sorted(Path(__file__).resolve().parent.glob("*.py"))


def fingerprint(root: Path) -> str:
    """Return a hash of every source file's name and bytes, and of the build code."""
    digest = hashlib.sha256(ENCODER_ID.encode() + b"\0")
    for path in [*source_files(root), *build_code()]:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
    return digest.hexdigest()


def _lexicon_section(
    data: Any,
    kind: str,
    keys: tuple[str, ...] | None,
    where: str,
    path: str,
    problems: list[Problem],
) -> Iterator[TermRow]:
    if not isinstance(data, dict):
        problems.append(Problem(path, where, "must be a map"))
        return
    for key, by_lang in data.items():
        if keys is not None and key not in keys:
            problems.append(Problem(path, f"{where}.{key}", f"is not one of: {', '.join(keys)}"))
            continue
        langs = by_lang
        if not isinstance(langs, dict):
            problems.append(Problem(path, f"{where}.{key}", "must map de/ro/en to lists"))
            continue
        for lang, terms in langs.items():
            if lang not in (*UNDERSTOOD_LANGUAGES, "ambiguous"):
                problems.append(Problem(path, f"{where}.{key}.{lang}", "is not a known language"))
                continue
            if not isinstance(terms, list):
                problems.append(Problem(path, f"{where}.{key}.{lang}", "must be a list of terms"))
                continue
            for term in terms:
                if not isinstance(term, str) or not term.strip() or "\n" in term:
                    problems.append(
                        Problem(path, f"{where}.{key}.{lang}", f"{term!r} is not a term")
                    )
                else:
                    yield (kind, str(key), str(lang), term.strip())


def _combos(data: Any, path: str, problems: list[Problem]) -> list[TermRow]:
    """Read `combos: {name: [group, group, ...]}`; a group maps de/ro/en to terms."""
    rows: list[TermRow] = []
    if not isinstance(data, dict):
        problems.append(Problem(path, "combos", "must map names to lists of groups"))
        return rows
    for name, groups in data.items():
        if not isinstance(groups, list) or len(groups) < 2:
            problems.append(Problem(path, f"combos.{name}", "needs a list of two or more groups"))
            continue
        for i, group in enumerate(groups):
            section = {ComboGroup(str(name), i).key(): group}
            rows += _lexicon_section(section, "combo", None, f"combos.{name}", path, problems)
    return rows


def load_lexicon(root: Path, problems: list[Problem]) -> list[TermRow]:
    """Read the four lexicon files into term rows."""
    lex = root / "lexicon"
    rows: list[TermRow] = []
    for name, kind, keys in (("topics.yaml", "topic", TOPICS), ("who.yaml", "who", AUDIENCES)):
        data = _yaml(lex / name, problems)
        if data is not None:
            rows += _lexicon_section(data, kind, keys, "(file)", str(lex / name), problems)
            missing = set(keys) - set(data or {})
            problems += [Problem(str(lex / name), k, "is missing") for k in sorted(missing)]
    crisis = _yaml(lex / "crisis.yaml", problems)
    if isinstance(crisis, dict):
        for section, kind in _CRISIS_SECTIONS.items():
            if section in crisis:
                rows += _lexicon_section(
                    {section: crisis[section]},
                    kind,
                    None,
                    section,
                    str(lex / "crisis.yaml"),
                    problems,
                )
        rows += _combos(crisis.get("combos") or {}, str(lex / "crisis.yaml"), problems)
        if "phrases" not in crisis:
            problems.append(Problem(str(lex / "crisis.yaml"), "phrases", "is missing"))
    optional: tuple[tuple[str, str, tuple[str, ...]], ...] = (
        ("intents.yaml", "intent", INTENTS),
        ("gender.yaml", "gender", GENDERS),
        ("profession.yaml", "profession", PROFESSIONS),
    )
    for name, kind, ids in optional:
        data = _yaml(lex / name, problems)
        if data is not None:
            rows += _lexicon_section(data, kind, ids, "(file)", str(lex / name), problems)
    language = _yaml(lex / "language.yaml", problems)
    if isinstance(language, dict):
        rows += _lexicon_section(
            {"words": language}, "lang", None, "(file)", str(lex / "language.yaml"), problems
        )
    return rows


def load_sources(root: Path = DATA_DIR) -> Sources:
    """Read and check every source file; raise KnowledgeError listing all problems."""
    problems: list[Problem] = []
    services = []
    seen: dict[str, str] = {}
    for path in sorted((root / "services").glob("*.yaml")):
        data = _yaml(path, problems)
        if data is None and path.stat().st_size:
            continue
        service, found = check_service(str(path), data, path.stem)
        problems += found
        if service:
            if service.id in seen:
                problems.append(Problem(str(path), "id", f"also used by {seen[service.id]}"))
            seen[service.id] = str(path)
            services.append(service)
    if not services and not problems:
        problems.append(Problem(str(root / "services"), "(folder)", "holds no service files"))
    places_data = _yaml(root / "places.yaml", problems) or {}
    gazetteer, found = load_gazetteer(places_data, str(root / "places.yaml"))
    problems += found
    terms = load_lexicon(root, problems)
    problems += _check_areas(services, gazetteer)
    examples = bank.load(root, problems)
    problems += bank.conflicts(examples)
    if problems:
        raise KnowledgeError(problems)
    ordered = tuple(sorted(services, key=lambda s: s.id))
    return Sources(ordered, gazetteer, tuple(terms), examples=tuple(examples))


def _check_areas(services: list[Service], gazetteer: Gazetteer) -> list[Problem]:
    """Report service areas that name a state, city or district places.yaml does not know."""
    known = {(p.state, p.city, p.district) for p in gazetteer.places}
    cities = {p.city for p in gazetteer.places if p.city}
    states = {p.state for p in gazetteer.places if p.state}
    problems = []
    for service in services:
        for area in service.areas:
            if area.city and area.city not in cities:
                problems.append(
                    Problem(service.id, "areas", f"city {area.city!r} is not in places.yaml")
                )
            elif area.district and not any(k[1:] == (area.city, area.district) for k in known):
                problems.append(
                    Problem(
                        service.id, "areas", f"district {area.district!r} is not in places.yaml"
                    )
                )
            elif area.state and area.state not in states:
                problems.append(
                    Problem(service.id, "areas", f"state {area.state!r} is not in places.yaml")
                )
    return problems

"""The bank of labelled example messages (`knowledge/examples/*.jsonl`) and its checks."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from knowledge import text
from knowledge.schema import Problem
from knowledge.vocabulary import AUDIENCES, CRISIS_KINDS, TOPICS, UNDERSTOOD_LANGUAGES

EXAMPLES_DIR = "examples"
TOPIC_POSITION = (1.0, 0.5, 0.33)
"""How much an example's first, second and third topic count (in the vote and in the heads)."""


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled message: what it is about, who is affected, which crisis (if any)."""

    text: str
    language: str
    topics: tuple[str, ...]
    who: str | None
    crisis: str | None

    def weighted_topics(self) -> tuple[tuple[str, float], ...]:
        """Return the first three topics with how much each counts (TOPIC_POSITION)."""
        return tuple(zip(self.topics, TOPIC_POSITION, strict=False))


def example_files(root: Path) -> list[Path]:
    """Return the bank's files in a stable order."""
    return sorted((root / EXAMPLES_DIR).glob("*.jsonl"))


def _parse(raw: object, where: str, problems: list[Problem]) -> Example | None:
    if not isinstance(raw, dict):
        problems.append(Problem(where, "(line)", "must be a JSON object"))
        return None
    before = len(problems)
    message, language = raw.get("text"), raw.get("language")
    topics, who, crisis = raw.get("topics"), raw.get("who"), raw.get("crisis")
    if not isinstance(message, str) or not message.strip():
        problems.append(Problem(where, "text", "must be a non-empty string"))
    if language not in UNDERSTOOD_LANGUAGES:
        problems.append(Problem(where, "language", f"{language!r} is not a known language"))
    if not isinstance(topics, list) or any(t not in TOPICS for t in topics):
        problems.append(Problem(where, "topics", f"{topics!r} are not topic ids"))
    if who is not None and who not in AUDIENCES:
        problems.append(Problem(where, "who", f"{who!r} is not an audience id"))
    if crisis is not None and crisis not in CRISIS_KINDS:
        problems.append(Problem(where, "crisis", f"{crisis!r} is not a crisis kind"))
    if len(problems) > before:
        return None
    assert isinstance(message, str) and isinstance(topics, list)
    return Example(message.strip(), str(language), tuple(topics), who, crisis)


def load(root: Path, problems: list[Problem]) -> list[Example]:
    """Read every example file; malformed lines become problems."""
    out: list[Example] = []
    for path in example_files(root):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(Problem(where, "(line)", f"is not JSON: {error.msg}"))
                continue
            if example := _parse(raw, where, problems):
                out.append(example)
    return out


def conflicts(examples: list[Example]) -> list[Problem]:
    """Return duplicates (same normalised text) and contradictions (same text, other labels)."""
    by_text: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_text[text.normalise(example.text)].append(example)
    problems = []
    for key, group in sorted(by_text.items()):
        if len(group) < 2:
            continue
        labels = {(e.topics[:1], e.who, e.crisis) for e in group}
        what = "contradicting labels" if len(labels) > 1 else "duplicate"
        problems.append(Problem(f"examples: {key[:60]!r}", "text", f"{what} ({len(group)}x)"))
    return problems

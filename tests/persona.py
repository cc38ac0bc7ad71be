"""Run the counsellor's persona conversations (tests/personas/*.yaml) and check expectations.

Each conversation starts as Telegram does (/start with the app's language), then sends the
persona's messages. After a step with `expect`, every key is one expectation:
emergency, safety_check, first_any, top3_all, top3_any, never, max_lines, speaks.
`python -m tests.persona` prints the score (expectations held / all) and every miss.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.conversation import Conversation, Outgoing
from bot.terminal import CHAT_ID, event_for
from flows.events import Choose, Start
from knowledge.finder import Finder

DIR = Path(__file__).resolve().parent / "personas"
BERLIN = ZoneInfo("Europe/Berlin")
KEYS = (
    "emergency",
    "safety_check",
    "first_any",
    "top3_all",
    "top3_any",
    "never",
    "max_lines",
    "speaks",
)


def scripts() -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (file stem, conversation) for every persona conversation."""
    for path in sorted(DIR.glob("*.yaml")):
        for script in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield path.stem, script


@dataclass
class Outcome:
    """What one conversation's expectations came to."""

    held: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.held + len(self.misses)


def _observe(out: Outgoing) -> dict[str, Any]:
    cards = [s for r in out.replies for s in r.cards]
    options = [o.id for r in out.replies for o in r.options]
    return {
        "ids": [s.service.id for s in cards],
        "first": cards[0] if cards else None,
        "emergency": any(r.code in ("emergency", "crisis") for s in cards for r in s.reasons),
        "safety_check": any(o.startswith("safe:") for o in options),
        "lines": max((len(m.text.splitlines()) for m in out.messages), default=0),
    }


def _holds(key: str, want: Any, seen: dict[str, Any]) -> bool:
    ids, first = seen["ids"], seen["first"]
    checks = {
        "emergency": lambda: seen["emergency"] == want,
        "safety_check": lambda: seen["safety_check"] == want,
        "first_any": lambda: bool(ids) and ids[0] in want,
        "top3_all": lambda: all(i in ids[:3] for i in want),
        "top3_any": lambda: any(i in ids[:3] for i in want),
        "never": lambda: not set(ids) & set(want),
        "max_lines": lambda: seen["lines"] <= want,
        "speaks": lambda: first is not None and want in first.service.languages,
    }
    return bool(checks[key]())


def run(finder: Finder, script: dict[str, Any]) -> Outcome:
    """Play one conversation and check its expectations."""
    conversation = Conversation(finder)
    now = datetime.fromisoformat(script["at"]).replace(tzinfo=BERLIN)
    hint = script.get("lang")
    conversation.handle(CHAT_ID, Start("", hint), now, hint)
    outcome = Outcome()
    for n, step in enumerate(script["steps"], 1):
        event = Choose(step["tap"]) if "tap" in step else event_for(step["send"])
        seen = _observe(conversation.handle(CHAT_ID, event, now, hint))
        for key, want in (step.get("expect") or {}).items():
            if _holds(key, want, seen):
                outcome.held += 1
            else:
                got = {**seen, "first": seen["ids"][:1]}
                outcome.misses.append(f"{script['name']} step {n}: {key}={want!r}; got {got}")
    return outcome


def score(finder: Finder) -> dict[str, Outcome]:
    """Return the outcome of every conversation, keyed by `file: name`."""
    return {f"{stem}: {s['name']}": run(finder, s) for stem, s in scripts()}


if __name__ == "__main__":
    results = score(Finder.load())
    held = sum(o.held for o in results.values())
    total = sum(o.total for o in results.values())
    perfect = sum(not o.misses for o in results.values())
    print(f"expectations held: {held}/{total}; conversations fully right: {perfect}/{len(results)}")
    if "-v" in sys.argv:
        for outcome in results.values():
            for miss in outcome.misses:
                print("  " + miss)

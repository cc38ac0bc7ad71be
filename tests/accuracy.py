"""Score understanding against labelled messages: topic@3, crisis, place, language, who."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.finder import Finder

DATA = Path(__file__).resolve().parent / "data" / "utterances.jsonl"


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, note: str) -> None:
        self.total += 1
        self.hits += ok
        if not ok:
            self.misses.append(note)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


def evaluate(finder: Finder, rows: list[dict[str, Any]]) -> dict[str, dict[str, Score]]:
    """Return scores per metric and per language ("all" too)."""
    scores: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    for row in rows:
        u = finder.understand(row["text"])
        place = u.place.as_contract() if u.place and u.place.city else None
        got = {
            "topics": list(u.topics),
            "crisis": u.crisis,
            "place": place,
            "language": u.language,
            "who": u.who,
        }
        note = f"{row['text'][:70]!r}: want {{}} got {{}}"
        for lang in (row["language"], "all"):
            s = scores[lang]
            if row["topics"]:
                s["topic@3"].add(
                    row["topics"][0] in u.topics[:3], note.format(row["topics"], got["topics"])
                )
                s["topic@1"].add(
                    row["topics"][0] in u.topics[:1], note.format(row["topics"], got["topics"])
                )
            else:
                s["no-topic"].add(not u.topics, note.format([], got["topics"]))
            answered = "emergency" if u.crisis else "check" if u.safety_check else "none"
            if row["crisis"]:
                s["crisis_recall"].add(answered != "none", note.format(True, answered))
                s["emergency_recall"].add(u.crisis, note.format("emergency", answered))
            if u.crisis:
                s["crisis_precision"].add(row["crisis"], note.format(False, True))
            elif u.safety_check and not row["crisis"]:
                s["calm_no_check"].add(False, note.format("calm", "safety check"))
            elif not row["crisis"]:
                s["calm_no_check"].add(True, "")
            s["place"].add(place == row["place"], note.format(row["place"], place))
            s["language"].add(
                u.language == row["language"], note.format(row["language"], u.language)
            )
            s["who"].add(u.who == row["who"], note.format(row["who"], u.who))
    return scores


def report(scores: dict[str, dict[str, Score]]) -> str:
    metrics = [
        "topic@1",
        "topic@3",
        "no-topic",
        "crisis_recall",
        "emergency_recall",
        "crisis_precision",
        "calm_no_check",
        "place",
        "language",
        "who",
    ]
    lines = ["lang  " + "".join(m[:15].rjust(16) for m in metrics)]
    for lang in [*sorted(k for k in scores if k != "all"), "all"]:
        cells = "".join(
            f"{scores[lang][m].rate:.3f} ({scores[lang][m].total})".rjust(16) for m in metrics
        )
        lines.append(lang.ljust(6) + cells)
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    result = evaluate(Finder.load(), load(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA))
    print(report(result))
    for metric, score in result["all"].items():
        for miss in score.misses:
            print(f"[{metric}] {miss}")

"""Score every labelled set and compare with an earlier run, to judge a change before committing.

    python -m tests.compare save OUT.json [SET ...]   # score (all sets by default) and save
    python -m tests.compare diff BEFORE.json AFTER.json

`save` keeps, per set, the rate of every metric for all messages, for de/ro/en together and for
the six other languages together. `diff` prints every rate that moved by 0.001 or more, so a
change that helps one set and hurts another is seen at once. The sets in tests/data are read,
never changed; a held-out set that has not had its first scoring yet must not be passed here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from knowledge.finder import Finder
from tests.accuracy import Score, evaluate, load

DATA = Path(__file__).resolve().parent / "data"
INTERFACE = ("de", "ro", "en")


def pooled(scores: dict[str, dict[str, Score]], langs: list[str]) -> dict[str, float]:
    """Return each metric's rate over the given languages pooled (hits over totals)."""
    metrics = {m for lang in langs for m in scores[lang]}
    rates = {}
    for metric in sorted(metrics):
        hits = sum(scores[lang][metric].hits for lang in langs if metric in scores[lang])
        total = sum(scores[lang][metric].total for lang in langs if metric in scores[lang])
        if total:
            rates[metric] = round(hits / total, 4)
    return rates


def score_sets(finder: Finder, names: list[str]) -> dict[str, dict[str, dict[str, float]]]:
    """Return {set: {"all" | "main" | "six": {metric: rate}}}."""
    out = {}
    for name in names:
        scores = evaluate(finder, load(DATA / f"{name}.jsonl"))
        langs = [lang for lang in scores if lang != "all"]
        parts = {"all": pooled(scores, ["all"])}
        main = [lang for lang in langs if lang in INTERFACE]
        six = [lang for lang in langs if lang not in INTERFACE]
        if main and six:
            parts["main"] = pooled(scores, main)
        if six:
            parts["six"] = pooled(scores, six)
        out[name] = parts
    return out


def diff(before: dict, after: dict) -> list[str]:
    """Return one line per rate that moved by at least 0.001."""
    lines = []
    for name in sorted(after, key=lambda n: (len(n), n)):
        for part, rates in after[name].items():
            for metric, rate in rates.items():
                old = before.get(name, {}).get(part, {}).get(metric)
                if old is None or abs(rate - old) >= 0.001:
                    was = "new" if old is None else f"{old:.3f}"
                    lines.append(f"{name:10} {part:4} {metric:17} {was} -> {rate:.3f}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "save":
        names = argv[2:] or sorted(p.stem for p in DATA.glob("*.jsonl"))
        result = score_sets(Finder.load(), names)
        Path(argv[1]).write_text(json.dumps(result, indent=1), encoding="utf-8")
        return 0
    if len(argv) == 3 and argv[0] == "diff":
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:])
        print("\n".join(diff(before, after)) or "no rate moved")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How long a prefix must the encoder see? Accuracy of the fused understanding per prefix.

`python -m benchmarks.prefix_length [FILE ...]` cuts every message to N characters before it
reaches the encoder (the lexicon still reads the whole message) and prints topic@3, crisis
recall and the encoder's p99 per N. Default: the dev set and the three older held-out sets
(the fresh heldout4 / heldout5 stay out of every choice of a setting).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from statistics import quantiles

from knowledge import encoder
from knowledge.finder import Finder
from tests.accuracy import evaluate, load

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
LIMITS = (60, 120, 200, 300, 500)


def measure(finder: Finder, rows: list[dict[str, object]], limit: int) -> str:
    """Return one line of figures with the encoder's prefix set to `limit` characters."""
    encoder.MAX_ENCODE_CHARS = limit
    encoder.MAX_ENCODE_BYTES = limit * 2
    timings: list[float] = []
    embed = finder.embed

    def timed(text: str) -> object:
        started = time.perf_counter()
        out = embed(text)
        timings.append((time.perf_counter() - started) * 1000)
        return out

    finder.embed = timed  # type: ignore[method-assign]
    try:
        scores = evaluate(finder, rows)["all"]
    finally:
        finder.embed = embed  # type: ignore[method-assign]
    p99 = quantiles(timings, n=100)[98] if len(timings) > 1 else 0.0
    return (
        f"{limit:>5} chars  topic@3 {scores['topic@3'].rate:.3f}"
        f"  crisis recall {scores['crisis_recall'].rate:.3f}"
        f"  encoder p99 {p99:6.1f} ms"
    )


def main(paths: list[Path]) -> None:
    """Print the figures for every limit, over all messages and over the long ones."""
    finder = Finder.load()
    rows = [row for path in paths for row in load(path)]
    long_rows = [r for r in rows if len(str(r["text"])) > 150]
    print(f"{len(rows)} messages, {len(long_rows)} longer than 150 characters")
    for name, subset in (("all", rows), ("long", long_rows)):
        print(f"-- {name}")
        for limit in LIMITS:
            print(measure(finder, subset, limit), flush=True)


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    main(args or [DATA / f"{n}.jsonl" for n in ("utterances", "heldout", "heldout2", "heldout3")])

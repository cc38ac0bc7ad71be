"""One scale of the benchmark: `build N PATH` writes a KB, `query PATH` loads it and times it.

Each runs in its own process, so peak memory is that of a bot process loading the database,
not of the generator.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from datetime import datetime
from pathlib import Path
from statistics import quantiles
from typing import Any

from knowledge.hours import BERLIN

MESSAGES = Path(__file__).resolve().parent / "messages.txt"
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=BERLIN)


def build(count: int, path: Path) -> dict[str, float]:
    """Generate a synthetic KB and time writing it to SQLite."""
    from benchmarks.synth import synthetic_sources
    from knowledge import store

    sources = synthetic_sources(count)
    started = time.perf_counter()
    store.write(sources, path)
    return {"services": count, "build_s": round(time.perf_counter() - started, 3)}


def query(path: Path, rounds: int = 1) -> dict[str, float]:
    """Load a KB as the bot does, then time understanding + ranking per message."""
    from knowledge.finder import Finder

    started = time.perf_counter()
    finder = Finder.load(path)
    load_s = time.perf_counter() - started
    messages = MESSAGES.read_text(encoding="utf-8").splitlines()
    for message in messages[:20]:  # warm caches once
        finder.suggest(finder.understand(message), NOW)
    timings = []
    for _ in range(rounds):
        for message in messages:
            t0 = time.perf_counter_ns()
            finder.suggest(finder.understand(message), NOW)
            timings.append((time.perf_counter_ns() - t0) / 1e6)
    cuts = quantiles(timings, n=100, method="inclusive")
    encoder = _encoder_ms(finder, messages)
    long_ms = _long_message_ms(finder)
    return {
        "load_s": round(load_s, 3),
        "p50_ms": round(cuts[49], 3),
        "p99_ms": round(cuts[98], 3),
        "messages": len(timings),
        "messages_per_s": round(1000 * len(timings) / sum(timings), 1),
        "encoder_p50_ms": encoder[0],
        "encoder_p99_ms": encoder[1],
        "long_4096_ms": long_ms,
        "encoder": finder.encoder is not None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _encoder_ms(finder: Any, messages: list[str]) -> tuple[float, float]:
    """Return p50 and p99 of the encoder alone, over the messages that need it."""
    timings = []
    for message in messages:
        if finder.needs_meaning(finder.read(message)):
            t0 = time.perf_counter_ns()
            finder.embed(message)
            timings.append((time.perf_counter_ns() - t0) / 1e6)
    if len(timings) < 2:
        return 0.0, 0.0
    cuts = quantiles(timings, n=100, method="inclusive")
    return round(cuts[49], 3), round(cuts[98], 3)


def _long_message_ms(finder: Any) -> float:
    """Return the slowest of three answers to a 4 096-character message."""
    words = MESSAGES.read_text(encoding="utf-8").replace("\n", " ")
    message = (words * (1 + 4096 // len(words)))[:4096]
    slowest = 0.0
    for _ in range(3):
        t0 = time.perf_counter_ns()
        finder.suggest(finder.understand(message), NOW)
        slowest = max(slowest, (time.perf_counter_ns() - t0) / 1e6)
    return round(slowest, 1)


if __name__ == "__main__":
    if sys.argv[1] == "build":
        print(json.dumps(build(int(sys.argv[2]), Path(sys.argv[3]))))
    else:
        print(json.dumps(query(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)))

"""`helpfinder bench`: latency, memory and build time per scale, updates/s, cold start."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGETS = (
    "p99 <= 5 ms @1k, <= 25 ms @100k, growth <= 5, >= 1000 updates/s, <= 300 MB @100k, cold <= 1 s"
)


def _run(*args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def scale(count: int, rounds: int, folder: Path) -> dict[str, Any]:
    """Build a synthetic KB in one process, load and query it in a fresh one."""
    path = folder / f"kb-{count}.sqlite"
    result = _run("build", str(count), str(path))
    result.update(_run("query", str(path), str(rounds)))
    path.unlink()
    return result


async def _updates_per_s(conversations: int) -> float:
    from bot.offline import RecordingRequest, UpdateFactory, to_update
    from bot.settings import Settings
    from bot.telegram import build_application
    from knowledge.finder import Finder

    request = RecordingRequest()
    app = build_application(
        Settings(token="1:BENCH"), Finder.load(), request=request, rate_limit=False
    )
    factory = UpdateFactory()
    topics = ("violence", "exploitation", "neglect", "migration", "bullying")
    updates = []
    for chat in range(1, conversations + 1):
        lang = ("de", "ro", "en")[chat % 3]
        updates.append(
            [
                factory.message(chat, f"/start {lang}", language=lang),
                factory.press(chat, "who:self"),
                factory.message(chat, ("nordstadt", "44145", "hörde", "bielefeld")[chat % 4]),
                factory.press(chat, f"topic:{topics[chat % len(topics)]}"),
                factory.press(chat, "nav:more"),
            ]
        )
    async with app:

        async def chat(turns: list[dict[str, Any]]) -> None:
            for data in turns:
                await app.process_update(to_update(data, app.bot))

        started = time.perf_counter()
        await asyncio.gather(*(chat(t) for t in updates))
        elapsed = time.perf_counter() - started
    return sum(map(len, updates)) / elapsed


def cold_start(runs: int = 5) -> float:
    """Median wall time of a fresh `helpfinder ask` process answering one message."""
    cmd = [sys.executable, "-m", "bot.cli", "ask", "mein vater schlägt mich, nordstadt", "--json"]
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)  # builds the cache once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return median(times)


def main(args: argparse.Namespace) -> int:
    """Run every measurement; print a table, then (with --json) one JSON object last."""
    scales = [int(s) for s in args.scales.split(",") if s]
    rounds = max(1, args.messages // 208)
    results: dict[str, Any] = {"scales": []}
    with tempfile.TemporaryDirectory() as folder:
        for count in scales:
            row = scale(count, rounds, Path(folder))
            results["scales"].append(row)
            print(
                f"{count:>7} services  build {row['build_s']:7.2f} s  load {row['load_s']:6.2f} s"
                f"  p50 {row['p50_ms']:6.2f} ms  p99 {row['p99_ms']:6.2f} ms"
                f"  peak {row['peak_rss_mb']:6.1f} MB",
                flush=True,
            )
    results["updates_per_s"] = round(asyncio.run(_updates_per_s(args.conversations)), 1)
    print(f"updates/s through python-telegram-bot: {results['updates_per_s']}", flush=True)
    results["cold_start_s"] = round(cold_start(), 3)
    print(f"cold start of `helpfinder ask`: {results['cold_start_s']} s", flush=True)
    by = {row["services"]: row for row in results["scales"]}
    if 1000 in by and 100000 in by:
        results["p99_growth_1k_to_100k"] = round(by[100000]["p99_ms"] / by[1000]["p99_ms"], 2)
        print(f"p99 growth 1k -> 100k: {results['p99_growth_1k_to_100k']}x   (targets: {TARGETS})")
    if args.json:
        print(json.dumps(results))
    return 0

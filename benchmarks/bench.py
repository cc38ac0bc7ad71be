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
from datetime import datetime
from pathlib import Path
from statistics import median, quantiles
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HELP = "measure speed, memory and scale"
"""The `helpfinder bench` subcommand: found through the `helpfinder.commands` entry point."""
TARGETS = (
    "free text p50 <= 25 ms, p99 <= 60 ms; buttons/places p99 <= 2 ms; 4096 chars <= 300 ms; "
    ">= 40 free-text msg/s; >= 300 updates/s; cold <= 1 s; <= 400 MB @100k"
)
LONG = ("ich hab angst, er schreit wieder und ich weiss nicht was ich machen soll " * 60)[:4096]


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
    from bot.settings import Settings
    from bot.telegram import build_application
    from knowledge.finder import Finder
    from tests.offline import RecordingRequest, UpdateFactory, to_update

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
                factory.message(chat, FREE_TEXT[chat % len(FREE_TEXT)]),
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


FREE_TEXT = (
    "mein stiefvater kommt nachts in mein zimmer",
    "tata ma bate cand bea",
    "an older guy keeps buying me stuff and wants me to meet his friends",
    "wir suchen einen kitaplatz für unseren sohn",
)


async def _long_amid_others(others: int = 30) -> dict[str, float]:
    """Send one 4 096-character message while other chats press buttons; time both."""
    from bot.settings import Settings
    from bot.telegram import build_application
    from knowledge.finder import Finder
    from tests.offline import RecordingRequest, UpdateFactory, to_update

    app = build_application(
        Settings(token="1:BENCH"), Finder.load(), request=RecordingRequest(), rate_limit=False
    )
    factory = UpdateFactory()
    async with app:
        for chat in range(1, others + 2):
            await app.process_update(to_update(factory.message(chat, "/start de"), app.bot))

        async def timed(data: dict[str, Any]) -> float:
            started = time.perf_counter()
            await app.process_update(to_update(data, app.bot))
            return (time.perf_counter() - started) * 1000

        long_task = asyncio.create_task(timed(factory.message(1, LONG)))
        await asyncio.sleep(0)
        presses = [timed(factory.press(chat, "who:self")) for chat in range(2, others + 2)]
        button_ms = await asyncio.gather(*presses)
        long_ms = await long_task
    return {"long_ms": round(long_ms, 1), "buttons_meanwhile_max_ms": round(max(button_ms), 1)}


def _buttons_and_places(rounds: int = 200) -> tuple[float, float]:
    """Return p50 and p99 (ms) of button presses, commands and place answers in a dialogue."""
    from bot.conversation import Conversation
    from flows.events import Choose, Command, Start, Text
    from knowledge.finder import Finder
    from knowledge.hours import BERLIN

    conversation = Conversation(Finder.load())
    now = datetime(2026, 11, 25, 15, 0, tzinfo=BERLIN)
    steps = (
        Choose("who:self"),
        Text("44145"),
        Choose("topic:violence"),
        Choose("nav:more"),
        Command("help"),
        Command("restart"),
        Choose("who:own_child"),
        Text("nordstadt"),
    )
    timings = []
    for chat in range(rounds):
        conversation.handle(chat, Start("de"), now)
        for event in steps:
            started = time.perf_counter_ns()
            conversation.handle(chat, event, now)
            timings.append((time.perf_counter_ns() - started) / 1e6)
    cuts = quantiles(timings, n=100, method="inclusive")
    return round(cuts[49], 3), round(cuts[98], 3)


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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the bench subcommand's options."""
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object as the last line"
    )
    parser.add_argument("--scales", default="100,1000,10000,100000")
    parser.add_argument("--messages", type=int, default=624, help="timed messages per scale")
    parser.add_argument("--conversations", type=int, default=300)


def _checkout_on_path() -> None:
    """Make the checkout's tests/ importable: the bench drives the bot with its fake Bot API.

    The benchmarks are a tool of the source checkout, not of an installed bot.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def main(args: argparse.Namespace) -> int:
    """Run every measurement; print a table, then (with --json) one JSON object last."""
    scales = [int(s) for s in args.scales.split(",") if s]
    rounds = max(1, args.messages // 208)
    results: dict[str, Any] = {"scales": []}
    _checkout_on_path()
    with tempfile.TemporaryDirectory() as folder:
        for count in scales:
            row = scale(count, rounds, Path(folder))
            results["scales"].append(row)
            print(
                f"{count:>7} services  build {row['build_s']:7.2f} s  load {row['load_s']:6.2f} s"
                f"  free text p50 {row['p50_ms']:6.2f} ms  p99 {row['p99_ms']:6.2f} ms"
                f"  {row['messages_per_s']:6.1f} msg/s  4096 chars {row['long_4096_ms']:6.1f} ms"
                f"  peak {row['peak_rss_mb']:6.1f} MB",
                flush=True,
            )
            print(
                f"{'':>7}   of which the encoder: p50 {row['encoder_p50_ms']:6.2f} ms"
                f"  p99 {row['encoder_p99_ms']:6.2f} ms (loaded: {row['encoder']})",
                flush=True,
            )
    results["buttons_p50_ms"], results["buttons_p99_ms"] = _buttons_and_places()
    print(
        f"buttons, commands, place answers: p50 {results['buttons_p50_ms']} ms"
        f"  p99 {results['buttons_p99_ms']} ms",
        flush=True,
    )
    results["long_amid_others"] = asyncio.run(_long_amid_others())
    print(
        f"4096-character message through the bot: {results['long_amid_others']['long_ms']} ms;"
        f" 30 other chats' buttons meanwhile, slowest:"
        f" {results['long_amid_others']['buttons_meanwhile_max_ms']} ms",
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

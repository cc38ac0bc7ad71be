"""Run the benchmark and write benchmarks/RESULTS.md and benchmarks/scale.png (one command)."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent


def plot(result: dict, path: Path) -> None:
    rows = result["scales"]
    sizes = [r["services"] for r in rows]
    fig, left = plt.subplots(figsize=(7, 4.2))
    left.plot(sizes, [r["p50_ms"] for r in rows], "o-", label="p50 latency")
    left.plot(sizes, [r["p99_ms"] for r in rows], "s-", label="p99 latency")
    left.plot(sizes, [r["encoder_p99_ms"] for r in rows], "x:", label="p99 of the encoder alone")
    left.set_xscale("log")
    left.set_xlabel("services in the knowledge base")
    left.set_ylabel("ms per free-text message (understand + rank)")
    right = left.twinx()
    right.plot(sizes, [r["peak_rss_mb"] for r in rows], "^--", color="tab:red", label="peak RSS")
    right.set_ylabel("peak memory (MB)")
    lines = left.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    labels = left.get_legend_handles_labels()[1] + right.get_legend_handles_labels()[1]
    left.legend(lines, labels, loc="upper left")
    left.set_title("helpfinder: latency and memory against knowledge-base size")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def markdown(result: dict) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Regenerate with `make bench-plot` (runs `helpfinder bench --json`). Machine: "
        f"{platform.machine()}, Python {platform.python_version()}, 2 cores.",
        "",
        "Free text: the 208 mixed messages of `benchmarks/messages.txt` (de, ro, en), understood"
        " (lexicon, encoder, fusion) and ranked, in a fresh process that loads the database as"
        " the bot does; the encoder's share is measured on its own.",
        "",
        "| services | build (s) | load (s) | free text p50 (ms) | p99 (ms) | messages/s |"
        " encoder p50 (ms) | encoder p99 (ms) | 4 096 chars (ms) | peak RSS (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["scales"]:
        lines.append(
            f"| {r['services']:,} | {r['build_s']} | {r['load_s']} | {r['p50_ms']} | "
            f"{r['p99_ms']} | {r['messages_per_s']} | {r['encoder_p50_ms']} | "
            f"{r['encoder_p99_ms']} | {r['long_4096_ms']} | {r['peak_rss_mb']} |"
        )
    lines += [
        "",
        "- updates/s through python-telegram-bot in-process (6-turn conversations with one "
        f"free-text message, many chats at once): **{result['updates_per_s']}**",
        f"- cold start, a fresh `helpfinder ask` answering one message: "
        f"**{result['cold_start_s']} s**",
        f"- buttons, commands and place answers through the dialogue: p50 "
        f"**{result['buttons_p50_ms']} ms**, p99 **{result['buttons_p99_ms']} ms**",
        f"- a 4 096-character message through the bot: "
        f"**{result['long_amid_others']['long_ms']} ms**; 30 other chats pressing buttons "
        f"meanwhile, the slowest answered in "
        f"**{result['long_amid_others']['buttons_meanwhile_max_ms']} ms** (the encoder runs in a "
        f"worker thread)",
    ]
    if "p99_growth_1k_to_100k" in result:
        lines.append(
            f"- p99 growth from 1 000 to 100 000 services: **{result['p99_growth_1k_to_100k']}x**"
        )
    lines += ["", "![latency and memory against size](scale.png)", ""]
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark, or read its saved output (`python -m benchmarks.report FILE`)."""
    if len(sys.argv) > 1:
        out = Path(sys.argv[1]).read_text(encoding="utf-8")
    else:
        out = subprocess.run(
            [sys.executable, "-m", "bot.cli", "bench", "--json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    print(out, end="")
    result = json.loads(out.strip().splitlines()[-1])
    plot(result, HERE / "scale.png")
    (HERE / "RESULTS.md").write_text(markdown(result) + (HERE / "NOTES.md").read_text())


if __name__ == "__main__":
    main()

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
    left.set_xscale("log")
    left.set_xlabel("services in the knowledge base")
    left.set_ylabel("ms per message (understand + rank)")
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
        "| services | build (s) | load (s) | p50 (ms) | p99 (ms) | peak RSS (MB) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["scales"]:
        lines.append(
            f"| {r['services']:,} | {r['build_s']} | {r['load_s']} | {r['p50_ms']} | "
            f"{r['p99_ms']} | {r['peak_rss_mb']} |"
        )
    lines += [
        "",
        f"- updates/s through python-telegram-bot in-process (5-turn conversations, "
        f"many chats at once): **{result['updates_per_s']}**",
        f"- cold start, a fresh `helpfinder ask` answering one message: "
        f"**{result['cold_start_s']} s**",
    ]
    if "p99_growth_1k_to_100k" in result:
        lines.append(
            f"- p99 growth from 1 000 to 100 000 services: **{result['p99_growth_1k_to_100k']}x**"
        )
    lines += ["", "![latency and memory against size](scale.png)", ""]
    return "\n".join(lines)


def main() -> None:
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

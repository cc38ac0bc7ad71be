"""The benchmark runs (smallest scale only, to keep the suite fast) and prints its JSON."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_smoke() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "bench",
            "--scales",
            "100",
            "--conversations",
            "20",
            "--messages",
            "208",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=300,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    [row] = result["scales"]
    assert row["services"] == 100 and row["p99_ms"] > 0 and row["peak_rss_mb"] > 0
    assert result["updates_per_s"] > 0 and result["cold_start_s"] > 0


def test_synthetic_knowledge_base_is_deterministic() -> None:
    from benchmarks.synth import synthetic_sources

    a, b = synthetic_sources(300, seed=1), synthetic_sources(300, seed=1)
    assert a.services == b.services and len(a.services) == 300
    assert synthetic_sources(300, seed=2).services != a.services

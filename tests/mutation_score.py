"""Score a finished `mutmut run` per file: killed / (mutants - equivalent ones listed).

`python -m tests.mutation_score [--floor 85]` reads mutmut's results (mutants/**/*.meta) and
the equivalent mutants listed in tests/README.md, prints one line per mutated file and the
survivors not listed as equivalent, and exits 1 when a file is under the floor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED = {1, 3}
"""pytest's exit codes for failed tests (3: an internal error, also a kill)."""
TIMEOUT = {36, -24, 24, 152, 255}
"""A mutant whose tests ran past the limit (an endless loop): detected, counted as killed."""
EQUIVALENT = re.compile(r"^- `([\w.]+__mutmut_\d+)`")
"""A line of tests/README.md's list of equivalent mutants: "- `name`: why"."""


def mutated_files(root: Path = ROOT) -> list[str]:
    config = tomllib.loads((root / "pyproject.toml").read_text())
    return list(config["tool"]["mutmut"]["only_mutate"])


def equivalents(root: Path = ROOT) -> set[str]:
    lines = (root / "tests" / "README.md").read_text(encoding="utf-8").splitlines()
    return {m.group(1) for line in lines if (m := EQUIVALENT.match(line))}


def results(path: str, root: Path = ROOT) -> dict[str, int | None]:
    meta = root / "mutants" / f"{path}.meta"
    if not meta.exists():
        return {}
    codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
    return codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--floor", type=float, default=85.0, help="per-file score to reach (%%)")
    args = parser.parse_args(argv)
    listed = equivalents()
    below = False
    print(
        f"{'file':28} {'total':>6} {'killed':>7} {'timeout':>8} {'equiv':>6} {'survived':>9}"
        f" {'score':>7}"
    )
    survivors: list[str] = []
    for path in mutated_files():
        codes = results(path)
        killed = sum(code in KILLED for code in codes.values())
        timeout = sum(code in TIMEOUT for code in codes.values())
        survivors_all = [n for n, c in codes.items() if c not in KILLED | TIMEOUT]
        equivalent = sum(name in listed for name in survivors_all)  # a killed one is no longer
        alive = [n for n in survivors_all if n not in listed]
        survivors += sorted(alive)
        counted = len(codes) - equivalent
        score = 100.0 * (killed + timeout) / counted if counted else 0.0
        below |= score < args.floor
        print(
            f"{path:28} {len(codes):6} {killed:7} {timeout:8} {equivalent:6} {len(alive):9}"
            f" {score:6.1f}%"
        )
    if survivors:
        print("\nsurvivors not listed as equivalent (`.venv/bin/mutmut show NAME` shows each):")
        print("\n".join(f"  {name}" for name in survivors))
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())

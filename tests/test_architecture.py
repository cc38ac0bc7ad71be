"""flows/ is sans-I/O: no telegram, asyncio, sqlite3, no clock reads, transitively."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "telegram",
    "asyncio",
    "sqlite3",
    "sqlite_utils",
    "time",
    "socket",
    "httpx",
    "requests",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def closure(start: set[str]) -> set[str]:
    """Follow project-internal imports from flows/ to everything they pull in."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        top = name.split(".")[0]
        if top in {"flows", "knowledge", "bot"}:
            candidate = ROOT / (name.replace(".", "/") + ".py")
            if candidate.exists():
                todo += imported_modules(candidate)
    return seen


@pytest.mark.parametrize("path", sorted((ROOT / "flows").glob("*.py")), ids=lambda p: p.name)
def test_flows_do_no_io(path: Path) -> None:
    reached = closure(imported_modules(path))
    bad = {n for n in reached if n.split(".")[0] in FORBIDDEN or n.startswith("bot")}
    assert not bad, f"{path.name} reaches {sorted(bad)}"
    source = path.read_text()
    for clock in ("datetime.now(", "date.today(", "time.time(", "monotonic("):
        assert clock not in source


def test_flows_import_without_telegram_or_sqlite() -> None:
    """Import the dialogue in a fresh interpreter and check what it pulled in.

    (`time` is left out here: the standard library loads it anyway; the source check above
    still forbids flows/ from importing it.)
    """
    banned = sorted(FORBIDDEN - {"time"})
    code = (
        "import sys, flows.dialogue, flows.table; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {banned!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.strip()
    assert out == "[]"

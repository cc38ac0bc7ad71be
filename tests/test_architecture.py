"""flows/ is sans-I/O: no telegram, asyncio, sqlite3, no clock reads, transitively."""

import ast
import re
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


PACKAGES = ("bot", "flows", "knowledge")
LAYERS = {"knowledge": {"knowledge"}, "flows": {"flows", "knowledge"}, "bot": set(PACKAGES)}
"""Who may import whom: knowledge below flows below bot; none of them imports benchmarks or
tests (the bench command comes in through an entry point, see bot/cli.py)."""


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).glob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_each_layer_imports_only_the_layers_below(package: str) -> None:
    project = {*PACKAGES, "benchmarks", "tests"}
    for path in modules(package):
        tops = {name.split(".")[0] for name in imported_modules(path)}
        assert tops & project <= LAYERS[package], f"{path.relative_to(ROOT)}: {sorted(tops)}"


def test_test_helpers_live_in_tests() -> None:
    assert not (ROOT / "bot" / "offline.py").exists()
    assert (ROOT / "tests" / "offline.py").exists()


def test_mypy_strict_covers_every_package() -> None:
    import tomllib

    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert mypy["strict"] is True and set(PACKAGES) <= set(mypy["files"])
    assert not any(o.get("ignore_errors") for o in mypy.get("overrides", []))


def _assigned(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {
        t.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(t, ast.Name)
    }


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("COMMANDS", "flows/events.py"),
        ("LANGUAGES", "knowledge/vocabulary.py"),
        ("LOCALES", None),
        ("DEFAULT_LOCALE", "knowledge/vocabulary.py"),
        ("SUGGESTION_LIMIT", "knowledge/rank.py"),
        ("PLACE_CHOICES", None),
    ],
)
def test_one_list_in_one_place(name: str, home: str | None) -> None:
    defined = {
        str(p.relative_to(ROOT)) for pkg in PACKAGES for p in modules(pkg) if name in _assigned(p)
    }
    assert defined == ({home} if home else set())


@pytest.mark.parametrize(
    ("pattern", "home"),
    [
        (r"datetime\.now\(", "bot/clock.py"),
        (r"astimezone\(|tzinfo=BERLIN|ZoneInfo\(", "knowledge/hours.py"),
        (r"limit: int = \d", None),
        (r'"Dortmund"|"Bielefeld"|"Schwerin"', None),
    ],
)
def test_clock_berlin_time_limits_and_cities_are_not_scattered(
    pattern: str, home: str | None
) -> None:
    found = {
        str(p.relative_to(ROOT))
        for pkg in PACKAGES
        for p in modules(pkg)
        if re.search(pattern, p.read_text())
    }
    assert found == ({home} if home else set())

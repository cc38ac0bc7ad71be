"""End-to-end fixtures: the emulator (node) and the real `helpfinder bot` process."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.tgharness import BotProcess, Emulator

HERE = Path(__file__).resolve().parent
NOT_READY = "node or tests/e2e/node_modules missing: run `make e2e-setup`"


def emulator_ready() -> bool:
    """Return whether the npm Bot API emulator can run: node and its package installed."""
    return (
        shutil.which("node") is not None and (HERE / "node_modules" / "telegram-test-api").is_dir()
    )


def need_emulator() -> None:
    """Skip a test that needs the emulator when it cannot run (fail in CI, where it must)."""
    if emulator_ready():
        return
    if os.environ.get("CI"):
        pytest.fail(f"end-to-end tests need the emulator in CI: {NOT_READY}")
    pytest.skip(NOT_READY)


BOT = [sys.executable, "-m", "bot.cli", "bot"]


@pytest.fixture(scope="session")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the bot process may write: its log, its cache, its temp files (scanned later)."""
    return tmp_path_factory.mktemp("e2e")


def bot_env(workdir: Path, base_url: str, **extra: str) -> dict[str, str]:
    env = {
        "TELEGRAM_BASE_URL": f"{base_url}/bot",
        "XDG_CACHE_HOME": str(workdir / "cache"),
        "TMPDIR": str(workdir / "tmp"),
        "HELPFINDER_LOG_LEVEL": "DEBUG",
        "HELPFINDER_POLL_TIMEOUT": "2",
    }
    (workdir / "tmp").mkdir(exist_ok=True)
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    need_emulator()
    with Emulator(store_timeout=600) as emu:
        yield emu


@pytest.fixture(scope="module")
def bot(emulator: Emulator, workdir: Path) -> Iterator[BotProcess]:
    token = "111:E2E"
    proc = BotProcess(
        BOT, token, emulator, log_path=workdir / "bot.log", env=bot_env(workdir, emulator.url)
    )
    with proc:
        yield proc

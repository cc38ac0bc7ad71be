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
READY = shutil.which("node") is not None and (HERE / "node_modules" / "telegram-test-api").exists()

if not READY:
    if os.environ.get("CI"):
        raise RuntimeError("end-to-end tests need node and `make e2e-setup` (npm ci in tests/e2e)")
    pytest.skip(
        "node or tests/e2e/node_modules missing: run `make e2e-setup`", allow_module_level=True
    )

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

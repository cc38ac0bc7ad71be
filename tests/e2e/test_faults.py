"""Faults between bot and Bot API: 429, 5xx, timeouts, refused connections, SIGKILL."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.i18n import gettext
from flows import messages as m
from tests.e2e.conftest import BOT, bot_env
from tests.e2e.faultproxy import FaultProxy
from tests.e2e.test_e2e import joined, turn
from tests.e2e.tgharness import BotProcess, Emulator, Session

TOKEN = "222:FAULT"


@pytest.fixture(scope="module")
def proxy(emulator: Emulator) -> Iterator[FaultProxy]:
    fault = FaultProxy(emulator.url).start()
    yield fault
    fault.stop()


@pytest.fixture(scope="module")
def bot_behind_proxy(emulator: Emulator, proxy: FaultProxy, workdir: Path) -> Iterator[BotProcess]:
    proc = BotProcess(
        BOT, TOKEN, emulator, log_path=workdir / "bot-faults.log", env=bot_env(workdir, proxy.url)
    )
    with proc:
        yield proc


async def conversations(url: str, first_id: int, count: int, timeout: float = 60) -> int:
    """Start `count` conversations at once; return how many got their question."""

    async def one(i: int, s: Session) -> bool:
        user = s.user(first_id + i)
        await user.send("/start de")
        try:
            out = await turn(user, timeout)
        except TimeoutError:
            return False
        return gettext("de", m.ASK_WHO) in joined(out)

    async with Session(url, TOKEN) as s:
        return sum(await asyncio.gather(*(one(i, s) for i in range(count))))


@pytest.mark.parametrize(("mode", "rate"), [("429", 0.5), ("500", 0.3), ("502", 0.3)])
async def test_errors_are_retried_and_nothing_is_lost(
    emulator, proxy, bot_behind_proxy, mode, rate
) -> None:
    proxy.mode, proxy.rate, proxy.injected = mode, rate, {}
    base = {"429": 100, "500": 200, "502": 300}[mode]
    try:
        answered = await conversations(emulator.url, 8000 + base, 20)
    finally:
        proxy.mode = "pass"
    print(
        f"\n{mode} on {rate:.0%} of sends: {proxy.injected.get(mode, 0)} injected, "
        f"{answered}/20 users answered"
    )
    assert proxy.injected.get(mode, 0) > 0
    assert answered == 20


async def test_slow_api_timeouts_are_survived(emulator, proxy, bot_behind_proxy) -> None:
    proxy.mode, proxy.rate, proxy.injected, proxy.budget = "slow", 0.5, {}, 6
    try:
        answered = await conversations(emulator.url, 8400, 10, timeout=90)
    finally:
        proxy.mode, proxy.budget = "pass", None
    slow = proxy.injected.get("slow", 0)
    print(
        f"\nslow (8 s, beyond the 5 s read timeout) on 50% of sends: {slow} injected, "
        f"{answered}/10 answered"
    )
    assert slow > 0
    assert answered == 10


async def test_refused_connections_for_a_while(emulator, proxy, bot_behind_proxy) -> None:
    async with Session(emulator.url, TOKEN) as s:
        users = [s.user(8500 + i) for i in range(10)]
        await asyncio.to_thread(proxy.stop)
        await asyncio.gather(*(u.send("/start en") for u in users))  # arrive while refused
        await asyncio.sleep(4)
        await asyncio.to_thread(proxy.start)
        outs = await asyncio.gather(*(turn(u, 60) for u in users), return_exceptions=True)
    answered = sum(not isinstance(o, BaseException) for o in outs)
    print(f"\nconnections refused for 4 s: {answered}/10 messages received meanwhile answered")
    assert answered == 10


def kill(proc: BotProcess) -> None:
    assert proc.proc is not None
    proc.proc.send_signal(signal.SIGKILL)
    proc.proc.wait(10)


@pytest.mark.parametrize("persistent", [False, True], ids=["no-persistence", "persistence"])
async def test_sigkill_mid_conversation(emulator, workdir, persistent) -> None:
    token = f"333:KILL{int(persistent)}"
    extra = (
        {
            "HELPFINDER_PERSISTENCE": str(workdir / "sessions.sqlite"),
            "HELPFINDER_SESSION_SECRET": "e2e-secret-" * 4,
        }
        if persistent
        else {}
    )
    env = bot_env(workdir, emulator.url, **extra)
    log = workdir / f"bot-kill-{int(persistent)}.log"
    first = BotProcess(BOT, token, emulator, log_path=log, env=env).start()
    async with Session(emulator.url, token) as s:
        user = s.user(8600 + int(persistent))
        await user.send("/start de")
        menu = (await turn(user))[-1]
        await user.press(menu, "who:own_child")
        where = (await turn(user))[-1]
        kill(first)
        second = BotProcess(BOT, token, emulator, log_path=log.with_suffix(".2.log"), env=env)
        second.start()
        try:
            started = time.monotonic()
            await user.press(where, "place:Dortmund|Nordstadt")
            out = joined(await turn(user, 30))
            print(
                f"\nrestart after SIGKILL ({'with' if persistent else 'without'} persistence): "
                f"answered in {time.monotonic() - started:.1f} s"
            )
            if persistent:
                assert gettext("de", m.ASK_TOPIC) in out  # resumed: who and place are known
            else:
                assert gettext("de", m.ASK_WHO) in out  # a kind restart, not silence
        finally:
            second.stop()

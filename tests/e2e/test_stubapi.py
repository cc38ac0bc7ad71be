"""The real `helpfinder bot` against a Bot API stub that keeps updates until confirmed.

Probes the emulator cannot show: an update the library cannot parse (logged? blocking?), a
Bot API that is not up yet at start-up, /exit after a restart, and the webhook's secret.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from bot.i18n import gettext
from flows import messages as m
from tests.e2e.conftest import bot_env
from tests.e2e.stubapi import StubApi, free_port, user_message

BOT = [sys.executable, "-m", "bot.cli", "bot"]
USER_ID = 731_904_226
FIRST_NAME, USERNAME, WORD = "Quirinella", "zebrafink_77", "Xylophonbaum"
SECRET = "s" * 40


def launch(workdir: Path, api_url: str, name: str, *args: str, **extra: str) -> subprocess.Popen:
    env = {**bot_env(workdir, api_url, **extra), "TELEGRAM_BOT_TOKEN": "555:STUB"}
    env = {**__import__("os").environ, **env, "PYTHONUNBUFFERED": "1"}
    with open(workdir / f"{name}.log", "wb") as log:
        return subprocess.Popen([*BOT, *args], env=env, stdout=log, stderr=subprocess.STDOUT)


def stop(proc: subprocess.Popen, kill: bool = False) -> int:
    if proc.poll() is None:
        proc.kill() if kill else proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


@pytest.fixture
def api() -> Iterator[StubApi]:
    with StubApi() as stub:
        yield stub


def unparseable(user_id: int) -> dict:
    update = user_message(user_id, 1, f"{WORD} hilfe", FIRST_NAME, USERNAME)
    update["message"]["date"] = "gestern"  # python-telegram-bot cannot parse this update
    return update


async def test_unparseable_update_is_skipped_unlogged_and_blocks_no_one(api, tmp_path) -> None:
    proc = launch(tmp_path, api.url, "bot")
    try:
        api.wait_for("getUpdates", timeout=60)
        api.push(unparseable(USER_ID))
        api.push(user_message(1002, 2, "/start de"))
        answered = api.wait_for("sendMessage", timeout=30)
        polls_before = len(api.calls("getUpdates"))
        time.sleep(3)
        polls = len(api.calls("getUpdates")) - polls_before
    finally:
        stop(proc)
    log = (tmp_path / "bot.log").read_text(errors="replace")
    print(f"\nunparseable update: {polls} getUpdates calls in 3 s after it, {len(log)} log bytes")
    assert answered[0]["chat_id"] == 1002
    assert api.updates == [] or all(u["update_id"] > 2 for u in api.updates)  # confirmed
    assert polls <= 6  # long polling, not a retry storm (it was ~20 a second)
    for secret in (str(USER_ID), FIRST_NAME, USERNAME, WORD, "gestern"):
        assert secret not in log
    assert "Traceback" not in log and "update=unparseable" in log


async def test_bot_api_down_at_start_is_retried(tmp_path) -> None:
    port = free_port()
    proc = launch(tmp_path, f"http://127.0.0.1:{port}", "bot")
    log_path = tmp_path / "bot.log"
    try:
        deadline = time.monotonic() + 60
        while "attempt=2" not in log_path.read_text(errors="replace"):  # refused twice
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        with StubApi(port) as api:
            api.wait_for("getUpdates", timeout=60)
            api.push(user_message(1003, 1, "/start de"))
            api.wait_for("sendMessage", timeout=30)
    finally:
        stop(proc)
    log = log_path.read_text(errors="replace")
    attempts = log.count("bot api unreachable")
    print(f"\nBot API down at start: {attempts} attempts refused (one line each), then served")
    assert attempts >= 2 and "Traceback" not in log


async def test_api_never_up_is_one_line_and_exit_1(tmp_path) -> None:
    port = free_port()
    proc = launch(tmp_path, f"http://127.0.0.1:{port}", "bot", HELPFINDER_START_ATTEMPTS="2")
    assert proc.wait(60) == 1
    log = (tmp_path / "bot.log").read_text(errors="replace")
    assert "Traceback" not in log and "did not answer after 2 attempts" in log


async def test_exit_after_restart_deletes_every_message(api, tmp_path) -> None:
    extra = {
        "HELPFINDER_PERSISTENCE": str(tmp_path / "sessions.sqlite"),
        "HELPFINDER_SESSION_SECRET": SECRET,
    }
    first = launch(tmp_path, api.url, "first", **extra)
    try:
        api.wait_for("getUpdates", timeout=60)
        api.push(user_message(1004, 1, "/start de"))
        api.push(user_message(1004, 2, "mein vater schlägt mich"))
        api.wait_for("sendMessage", 2, timeout=30)
        time.sleep(1)
    finally:
        stop(first, kill=True)
    tracked = {1, 2} | {5001 + i for i in range(len(api.calls("sendMessage")))}
    second = launch(tmp_path, api.url, "second", **extra)
    try:
        api.push(user_message(1004, 3, "/exit"))
        deleted = {c["message_id"] for c in api.wait_for("deleteMessage", len(tracked) + 1, 60)}
    finally:
        stop(second)
    print(
        f"\n/exit after SIGKILL and restart: {len(deleted & (tracked | {3}))} of "
        f"{len(tracked) + 1} messages deleted"
    )
    assert tracked | {3} <= deleted


def test_webhook_without_a_secret_does_not_start(api, tmp_path) -> None:
    proc = launch(tmp_path, api.url, "hook", "--webhook", HELPFINDER_WEBHOOK_URL="https://x/t")
    assert proc.wait(60) == 2
    log = (tmp_path / "hook.log").read_text()
    assert "HELPFINDER_WEBHOOK_SECRET" in log and "Traceback" not in log


def post(port: int, headers: dict[str, str], body: bytes = b"", declared: int = 0) -> int:
    """POST to the webhook; a big `declared` length is announced but only `body` sent."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("POST", "/telegram")
    for key, value in {**headers, "Content-Length": str(declared or len(body))}.items():
        conn.putheader(key, value)
    conn.endheaders()
    try:
        conn.send(body)
        return conn.getresponse().status
    finally:
        conn.close()


def test_webhook_checks_the_secret_before_the_body(api, tmp_path) -> None:
    port = free_port()
    proc = launch(
        tmp_path,
        api.url,
        "hook",
        "--webhook",
        HELPFINDER_WEBHOOK_URL="https://x/telegram",
        HELPFINDER_WEBHOOK_SECRET=SECRET,
        HELPFINDER_WEBHOOK_PORT=str(port),
    )
    try:
        api.wait_for("setWebhook", timeout=60)
        rss = psutil.Process(proc.pid).memory_info().rss
        forged = user_message(1005, 1, "/exit")
        forged_body = __import__("json").dumps({"update_id": 9, **forged}).encode()
        refused = post(port, {"Content-Type": "application/json"}, forged_body)
        big = [post(port, {}, b"x" * 65536, declared=90 << 20) for _ in range(3)]
        growth = (psutil.Process(proc.pid).memory_info().rss - rss) >> 20
        ok = post(port, {"X-Telegram-Bot-Api-Secret-Token": SECRET}, forged_body)
        api.wait_for("sendMessage", timeout=30)
    finally:
        stop(proc)
    print(f"\nwebhook: forged /exit {refused}, 3 × 90 MiB announced {big}, memory +{growth} MiB")
    assert refused == 403 and ok == 200
    assert all(status in (403, 413) for status in big)
    assert growth < 20
    assert api.calls("deleteMessage") == [] or refused != 200
    assert gettext("de", m.EXITED) in api.calls("sendMessage")[-1]["text"]

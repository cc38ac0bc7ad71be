"""Start-up and operation under bad conditions: secrets, files, logs, a Bot API not up yet."""

from __future__ import annotations

import logging
import shutil
import sqlite3

import pytest

from bot import cli
from bot.settings import Settings, SettingsError

TOKEN = {"TELEGRAM_BOT_TOKEN": "123:TEST"}
STRONG = "k" * 32
FIRST_NAME, USERNAME, WORD, USER_ID = "Quirinella", "zebrafink_77", "Xylophonbaum", 731_904_226


@pytest.mark.parametrize("secret", ["x", " ", " " * 40, "k" * 31])
def test_persistence_refuses_a_weak_session_secret(secret) -> None:
    env = {**TOKEN, "HELPFINDER_PERSISTENCE": "s.sqlite", "HELPFINDER_SESSION_SECRET": secret}
    with pytest.raises(SettingsError, match="at least 32"):
        Settings.from_env(env)


def test_persistence_accepts_a_strong_session_secret() -> None:
    env = {**TOKEN, "HELPFINDER_PERSISTENCE": "s.sqlite", "HELPFINDER_SESSION_SECRET": STRONG}
    assert Settings.from_env(env).session_secret == STRONG.encode()


@pytest.mark.parametrize("secret", [None, "x", "k" * 31, "k" * 31 + " ", "ä" * 40])
def test_webhook_mode_refuses_a_missing_or_weak_secret(secret) -> None:
    env = {**TOKEN, "HELPFINDER_WEBHOOK_URL": "https://example.org/telegram"}
    if secret is not None:
        env["HELPFINDER_WEBHOOK_SECRET"] = secret
    with pytest.raises(SettingsError, match="HELPFINDER_WEBHOOK_SECRET"):
        Settings.from_env(env).check_webhook()
    Settings.from_env({**env, "HELPFINDER_WEBHOOK_SECRET": STRONG}).check_webhook()


def test_a_library_never_logs_update_contents(capsys) -> None:
    from bot.logs import configure

    configure("DEBUG")
    update = {"from": {"id": USER_ID, "first_name": FIRST_NAME, "username": USERNAME}}
    try:
        raise ValueError(f"cannot parse {WORD}")
    except ValueError as error:
        logging.getLogger("telegram.ext.Updater").critical(
            "Error while parsing updates! Received data was %r", update, exc_info=error
        )
    logging.getLogger("telegram.ext.Application").error("update %s", WORD)
    err = capsys.readouterr().err
    assert "Error while parsing updates" in err and "ValueError" in err
    for secret in (str(USER_ID), FIRST_NAME, USERNAME, WORD):
        assert secret not in err


def test_an_unparseable_update_is_confirmed_not_parsed() -> None:
    from bot.apibot import parse_updates

    bad = {"update_id": 7, "message": {"message_id": 1, "date": "gestern", "chat": "x"}}
    good = {"update_id": 8}
    updates = parse_updates([bad, good, {"no": "id"}], None)
    assert [u.update_id for u in updates] == [7, 8]
    assert updates[0].effective_message is None


class Flaky:
    """A bot whose getMe fails `failures` times, then answers."""

    def __init__(self, failures: int) -> None:
        self.failures, self.calls = failures, 0

    async def initialize(self) -> None:
        from telegram.error import NetworkError

        self.calls += 1
        if self.calls <= self.failures:
            raise NetworkError("connection refused")


async def test_start_up_retries_the_bot_api_with_backoff(caplog) -> None:
    from bot.apibot import connect

    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    bot = Flaky(failures=6)
    with caplog.at_level(logging.WARNING, logger="helpfinder"):
        await connect(bot, attempts=8, sleep=sleep)
    assert bot.calls == 7
    assert waits == [1, 2, 4, 8, 16, 30]
    assert len(caplog.records) == 6 and "Traceback" not in caplog.text


async def test_start_up_gives_up_after_the_last_attempt() -> None:
    from bot.apibot import ApiUnreachable, connect

    async def sleep(seconds: float) -> None:
        return None

    with pytest.raises(ApiUnreachable, match="3 attempts"):
        await connect(Flaky(failures=99), attempts=3, sleep=sleep)


@pytest.mark.parametrize("damage", [b"", b"SQLite format 3\x00" + b"\xff" * 4000, b"junk"])
def test_a_damaged_knowledge_base_cache_is_rebuilt(damage, kb_path, tmp_path) -> None:
    from bot.kbcache import load_finder

    cache = tmp_path / "kb.sqlite"
    cache.write_bytes(damage)
    rebuilt = []

    def rebuild(root, path):
        rebuilt.append(path)
        shutil.copy(kb_path, path)
        return path

    finder = load_finder(cache, rebuild)
    assert rebuilt == [cache] and cache.read_bytes() == kb_path.read_bytes()
    assert finder.by_id


def _locked(path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("create table t (x)")
    holder.execute("begin exclusive")
    return holder


def _damage(kind: str, tmp_path):
    """Return a persistence path that cannot be used, in one of four ways."""
    if kind == "missing-directory":
        return tmp_path / "no" / "such" / "s.sqlite", None
    if kind == "a-directory":
        (tmp_path / "dir.sqlite").mkdir()
        return tmp_path / "dir.sqlite", None
    path = tmp_path / "s.sqlite"
    if kind == "corrupt":
        path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8000)
        return path, None
    return path, _locked(path)


@pytest.mark.parametrize("kind", ["corrupt", "locked", "missing-directory", "a-directory"])
def test_bad_persistence_is_one_clear_line_and_exit_2(kind, kb_path, tmp_path, monkeypatch, capsys):
    path, holder = _damage(kind, tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:TEST")
    monkeypatch.setenv("HELPFINDER_DB", str(kb_path))
    monkeypatch.setenv("HELPFINDER_PERSISTENCE", str(path))
    monkeypatch.setenv("HELPFINDER_SESSION_SECRET", STRONG)
    try:
        code = cli.main(["bot"])
    finally:
        if holder is not None:
            holder.close()
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "persistence" in line]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err
    assert "HELPFINDER_PERSISTENCE_OPTIONAL" in lines[0]


def test_bad_persistence_may_be_allowed_by_the_operator(kb_path, tmp_path, monkeypatch) -> None:
    from bot import runner

    path, _ = _damage("corrupt", tmp_path)
    for key, value in {
        "TELEGRAM_BOT_TOKEN": "123:TEST",
        "HELPFINDER_DB": str(kb_path),
        "HELPFINDER_PERSISTENCE": str(path),
        "HELPFINDER_SESSION_SECRET": STRONG,
        "HELPFINDER_PERSISTENCE_OPTIONAL": "1",
    }.items():
        monkeypatch.setenv(key, value)
    served = []

    async def serve(app, settings, use_webhook):
        served.append(settings.persistence)

    monkeypatch.setattr(runner, "serve", serve)
    assert cli.main(["bot"]) == 0
    assert served == [None]

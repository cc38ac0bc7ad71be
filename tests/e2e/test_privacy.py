"""Privacy, proven: nothing the user typed or is called appears in anything the bot wrote."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import BOT, bot_env
from tests.e2e.test_e2e import turn
from tests.e2e.tgharness import BotProcess, Session

TOKEN = "444:PRIVACY"
USER_ID = 731_904_226
FIRST_NAME = "Quirinella"
USERNAME = "zebrafink_77"
WORDS = ["Xylophonbaum", "mandarinhuhn", "Pfeffermühlenweg"]


def everything_written(root: Path) -> dict[Path, bytes]:
    """Every file under root (logs, caches, databases and their WAL files, temp files)."""
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


async def test_nothing_identifying_is_written_anywhere(emulator, tmp_path) -> None:
    env = bot_env(
        tmp_path,
        emulator.url,
        HELPFINDER_LOG_LEVEL="DEBUG",
        HELPFINDER_PERSISTENCE=str(tmp_path / "sessions.sqlite"),
        HELPFINDER_SESSION_SECRET="privacy-test-secret-" * 3,
    )
    proc = BotProcess(BOT, TOKEN, emulator, log_path=tmp_path / "bot.log", env=env)
    with proc:
        async with Session(emulator.url, TOKEN) as s:
            user = s.user(USER_ID, FIRST_NAME, USERNAME)
            await user.send("/start de")
            menu = (await turn(user))[-1]
            await user.send(f"{WORDS[0]} mein vater schlägt mich {WORDS[1]}")
            await turn(user)
            await user.send(f"ich wohne am {WORDS[2]} in hörde")
            await turn(user)
            await user.press(menu, "who:self")
            await turn(user)
            await user.send(f"ich will nicht mehr leben {WORDS[0]}")
            await turn(user)
    files = everything_written(tmp_path)
    assert tmp_path / "bot.log" in files and tmp_path / "sessions.sqlite" in files
    secrets = [str(USER_ID), FIRST_NAME, USERNAME, *WORDS]
    forms = {s: {s.encode(), s.lower().encode(), s.encode("utf-16-le")} for s in secrets}
    found = [
        (p.name, s)
        for p, data in files.items()
        for s, variants in forms.items()
        if any(v in data for v in variants)
    ]
    assert found == [], found
    print(
        f"\nscanned {len(files)} files, {sum(map(len, files.values()))} bytes: "
        f"none holds the user id, name, username or message words"
    )

"""The real `helpfinder bot` process over HTTP against a Bot API emulator, driven like users."""

from __future__ import annotations

import asyncio
import html
import re
import time
from pathlib import Path

import yaml

from bot.i18n import gettext
from flows import messages as m
from tests.e2e.tgharness import BotMessage, Session, User

TOKEN = "111:E2E"


async def turn(user: User, timeout: float = 15.0) -> list[BotMessage]:
    """Collect the bot's messages up to and including the next one with buttons."""
    got: list[BotMessage] = []
    deadline = time.monotonic() + timeout
    while not got or not got[-1].buttons:
        got.append(await user.reply(max(0.1, deadline - time.monotonic())))
    return got


def joined(messages: list[BotMessage]) -> str:
    return "\n".join(msg.text or "" for msg in messages)


async def test_german_conversation_with_buttons(emulator, bot) -> None:
    async with Session(emulator.url, TOKEN) as s:
        user = s.user(5001, "Lena")
        await user.send("/start de")
        menu = (await turn(user))[-1]
        assert menu.parse_mode == "HTML" and gettext("de", m.ASK_WHO) in menu.text
        await user.press(menu, "who:self")
        where = (await turn(user))[-1]
        await user.press(where, "place:Dortmund|Nordstadt")
        what = (await turn(user))[-1]
        await user.press(what, "topic:exploitation")
        result = joined(await turn(user))
        assert "Mitternachtsmission" in result and "0231 144491" in result


async def test_english_parent_conversation_to_local_service(emulator, bot) -> None:
    async with Session(emulator.url, TOKEN) as s:
        user = s.user(5006, "Kim")
        await user.send("/start en")
        await turn(user)
        await user.send(
            "my daughter (15) has a much older boyfriend who wants her to sleep with his "
            "friends for money"
        )
        where = joined(await turn(user))
        assert gettext("en", m.ASK_PLACE) in where
        await user.send("we live in 44147")
        result = joined(await turn(user))
        assert gettext("en", m.ADVICE_OWN_CHILD) in result
        assert "Mitternachtsmission" in result and "Dortmund-Nordstadt" in result


async def test_deep_link_romanian_nordstadt(emulator, bot) -> None:
    async with Session(emulator.url, TOKEN) as s:
        user = s.user(5002, "Ioana")
        await user.send("/start ro_nordstadt")
        menu = await turn(user)
        assert gettext("ro", m.ASK_WHO) in joined(menu)
        await user.send("ma bate tata acasa")
        check = (await turn(user))[-1]
        assert gettext("ro", m.SAFETY_CHECK) in check.text  # ongoing violence: safe right now?
        await user.press(check, "safe:yes")
        result = joined(await turn(user))
        assert "Dortmund-Nordstadt" in result and "Kinderschutz-Zentrum" in result


async def test_crisis_in_the_middle_of_a_button_question_english(emulator, bot) -> None:
    async with Session(emulator.url, TOKEN) as s:
        user = s.user(5003, "Sam")
        await user.send("/start en")
        await turn(user)
        await user.send("i want to kill myself")
        out = await turn(user)
        assert out[0].text.startswith(gettext("en", m.CRISIS_KINDS["suicidal"])[:30])
        assert "112" in out[0].text and "TelefonSeelsorge" in out[0].text
        assert len(out[0].text.splitlines()) <= 20  # one phone screen
        assert out[-1].buttons  # the question is asked again: the dialogue goes on


async def test_exit_deletes_the_conversation(emulator, bot) -> None:
    async with Session(emulator.url, TOKEN) as s:
        user = s.user(5004, "Mara")
        await user.send("/start de")
        first = await turn(user)
        await user.send("mein freund will dass ich für geld mit anderen schlafe")
        second = await turn(user)
        await user.send("/exit")
        bye = await user.reply()
        assert bye.text == gettext("de", m.EXITED)
        for message in [*first, *second]:
            assert await user.message(message.message_id) is None
        history = [
            h
            for h in await s.history()
            if str(h.get("message", {}).get("chat_id", "")) == str(user.id)
            or h.get("message", {}).get("from", {}).get("id") == user.id
        ]
        texts = " ".join(str(h.get("message", {}).get("text", "")) for h in history)
        assert "geld" not in texts


async def test_non_text_gets_a_kind_answer(emulator, bot) -> None:
    async with Session(emulator.url, TOKEN) as s:
        user = s.user(5005, "Ana")
        await user.send("/start ro")
        await turn(user)
        await user.send(None, location={"latitude": 51.52, "longitude": 7.46})
        out = await turn(user)
        assert gettext("ro", m.UNSUPPORTED) in joined(out)


NGK = "nummer-gegen-kummer-kinder-jugendtelefon"
EXPECTED: dict[object, tuple[set[str], set[str]]] = {
    "exploitation": ({"krisenchat"}, {"krisenchat", NGK, "nummer-gegen-kummer-online-beratung"}),
    "neglect": ({"krisenchat"}, {"krisenchat", NGK, "nummer-gegen-kummer-online-beratung"}),
    "violence": (
        {NGK, "telefonseelsorge"},
        {"krisenchat", NGK, "telefonseelsorge", "weisser-ring-opfer-telefon"},
    ),
    "bullying": ({"juuuport"}, {"juuuport", "jugendnotmail", "krisenchat"}),
    ("migration", "de"): (
        {"faire-mobilitaet-bulgarisch"},
        {"faire-mobilitaet-bulgarisch", "faire-mobilitaet-rumaenisch"},
    ),
    ("migration", "ro"): ({"faire-mobilitaet-rumaenisch"}, {"faire-mobilitaet-rumaenisch"}),
    ("migration", "en"): (
        {"krisenchat", NGK},
        {"krisenchat", NGK, "nummer-gegen-kummer-online-beratung"},
    ),
}
"""Someone asking for themselves, anywhere in Germany: the nationwide lines expected on the
first page, and those that may lead (an open line leads at night). Written out from the
service files, not computed by the code under test."""
SERVICES = Path(__file__).resolve().parents[2] / "knowledge" / "services"


def card_ids(result: str, lang: str) -> list[str]:
    """Return the ids of the services whose names stand in bold on the cards, in order."""
    by_name = {}
    for path in SERVICES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_name[data["name"].get(lang) or data["name"]["de"]] = data["id"]
    names = [html.unescape(n) for n in re.findall(r"<b>(.*?)</b>", result)]
    return [by_name[n] for n in names if n in by_name]


async def test_hundred_users_in_parallel_and_a_flooder(emulator, bot) -> None:
    """100 users finish their own conversations (no cross-talk) while one more floods."""
    topics = ["exploitation", "violence", "neglect", "bullying", "migration"]

    async def one(i: int, s: Session) -> tuple[int, str, str]:
        user = s.user(6000 + i, f"U{i}")
        lang = ("de", "ro", "en")[i % 3]
        await user.send(f"/start {lang}")
        menu = (await turn(user, 60))[-1]
        await user.press(menu, "who:self")
        await user.press((await turn(user, 60))[-1], "place:none")
        topic = topics[i % len(topics)]
        await user.press((await turn(user, 60))[-1], f"topic:{topic}")
        result = joined(await turn(user, 60))
        return i, topic, result

    async def flood(s: Session) -> int:
        flooder = s.user(7999, "Flood")
        for _ in range(60):
            await flooder.send("spam spam spam")
        await asyncio.sleep(3)
        got = 0
        try:
            while True:
                await flooder.reply(1.0)
                got += 1
        except TimeoutError:
            return got

    async with Session(emulator.url, TOKEN) as s:
        started = time.monotonic()
        results, flood_answers = await asyncio.gather(
            asyncio.gather(*(one(i, s) for i in range(100))), flood(s)
        )
        elapsed = time.monotonic() - started
    for i, topic, result in results:
        lang = ("de", "ro", "en")[i % 3]
        leaders, page = EXPECTED[(topic, lang)] if (topic, lang) in EXPECTED else EXPECTED[topic]
        shown = card_ids(result, lang)
        assert len(shown) == min(3, len(page)), (i, topic, shown)
        assert shown[0] in leaders, (i, topic, shown)  # which one leads depends on the hour
        assert set(shown) <= page, (i, topic, shown)
    assert flood_answers < 60
    print(
        f"\n100 parallel conversations in {elapsed:.1f} s; "
        f"flooder got {flood_answers} of 60 answered"
    )

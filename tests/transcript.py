"""Run transcript files (send / tap / expect) against Conversation and the terminal adapter."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from bot.conversation import Conversation
from bot.terminal import CHAT_ID, event_for, run
from flows.events import Choose

DIR = Path(__file__).resolve().parent / "transcripts"
SERVICES = Path(__file__).resolve().parent.parent / "knowledge" / "services"
ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
"""Bidi isolates around numbers and Latin names in Arabic: not part of what is read."""


def load(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def card_head(service_id: str, locale: str) -> list[str]:
    """Return the first two lines a crisis card of a service must show: its name (in the
    locale, else German) and how to reach it, read from the service file itself."""
    data = yaml.safe_load((SERVICES / f"{service_id}.yaml").read_text(encoding="utf-8"))
    name = data["name"].get(locale) or data["name"]["de"]
    reach = f"📞 {data['phone']}" if data.get("phone") else f"💬 {data['chat_url']}"
    return [name, reach]


def check_cards(output: str, ids: list[str], locale: str, where: str) -> None:
    """Check that the emergency cards of these services come in this order, each with its
    name and number, and that no other card stands between them."""
    lines = output.translate(ISOLATES).splitlines()
    heads = {i: card_head(i, locale) for i in ids}
    found = [i for i, line in enumerate(lines) if line.startswith(("📞 ", "💬 "))]
    shown = [lines[i - 1 : i + 1] for i in found if i > 0 and not lines[i - 1].startswith("📞")]
    want = [heads[i] for i in ids]
    assert shown[: len(want)] == want, f"{where}: expected cards {ids} first, got {shown}"


def check(output: str, step: dict[str, Any], where: str, locale: str = "de") -> None:
    if "cards" in step:
        check_cards(output, step["cards"], locale, where)
    folded = output.casefold()
    for want in step.get("expect", []):
        assert want.casefold() in folded, f"{where}: expected {want!r} in:\n{output}"
    for unwanted in step.get("expect_not", []):
        assert unwanted.casefold() not in folded, (
            f"{where}: did not expect {unwanted!r} in:\n{output}"
        )


def via_conversation(conversation: Conversation, script: dict[str, Any], now: Any) -> None:
    """Drive Conversation directly: `send` as typed text or command, `tap` as a button id."""
    for i, step in enumerate(script["steps"]):
        event = Choose(step["tap"]) if "tap" in step else event_for(step["send"])
        out = conversation.handle(CHAT_ID, event, now, hint=script.get("hint"))
        rendered = "\n".join(
            m.text + "\n" + "\n".join(f"[{b[0]}]" for b in m.buttons) for m in out.messages
        )
        check(rendered, step, f"{script['name']} step {i + 1}", script.get("lang", "de"))


def via_terminal(conversation: Conversation, script: dict[str, Any], now: Any) -> None:
    """Drive the terminal adapter: a tap becomes the number of that option on screen."""
    out = io.StringIO()
    marks: list[int] = []

    def lines() -> Iterator[str]:
        for step in script["steps"]:
            marks.append(len(out.getvalue()))
            if "tap" in step:
                options = [o.id for o in conversation.store.get(CHAT_ID).options]
                assert step["tap"] in options, (
                    f"{script['name']}: {step['tap']} not offered: {options}"
                )
                yield f"{options.index(step['tap']) + 1}\n"
            else:
                yield step["send"] + "\n"

    assert run(lines(), out, script.get("lang"), now, conversation) == 0
    text = out.getvalue()
    marks.append(len(text))
    for i, step in enumerate(script["steps"]):
        where = f"{script['name']} (terminal) step {i + 1}"
        check(text[marks[i] : marks[i + 1]], step, where, script.get("lang", "de"))

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


def load(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def check(output: str, step: dict[str, Any], where: str) -> None:
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
        check(rendered, step, f"{script['name']} step {i + 1}")


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
        check(text[marks[i] : marks[i + 1]], step, f"{script['name']} (terminal) step {i + 1}")

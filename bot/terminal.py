"""`helpfinder chat`: the dialogue in a terminal, numbered options, streams injected."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TextIO

from bot.conversation import Conversation, Outgoing
from bot.kbcache import load_finder
from flows.events import Command, Start, Text
from knowledge.hours import BERLIN

CHAT_ID = "terminal"
COMMANDS = ("help", "language", "restart", "privacy", "exit")


def show(out: Outgoing, stream: TextIO) -> None:
    """Print the bot's messages with their options numbered."""
    for message in out.messages:
        stream.write(message.text + "\n")
        for number, (label, _) in enumerate(message.buttons, 1):
            stream.write(f"  {number}. {label}\n")
        stream.write("\n")
    stream.flush()


def event_for(line: str) -> Start | Command | Text:
    """Turn one typed line into an event: /start, a command, or text."""
    stripped = line.strip()
    if stripped.startswith("/"):
        name, _, payload = stripped[1:].partition(" ")
        name = name.lower()
        if name == "start":
            return Start(payload.strip())
        if name in COMMANDS:
            return Command(name)
    return Text(line)


def run(
    stdin: Iterable[str],
    stdout: TextIO,
    lang: str | None = None,
    now: datetime | None = None,
    conversation: Conversation | None = None,
) -> int:
    """Talk until end of input; return the exit status."""
    conversation = conversation or Conversation(load_finder())
    clock = (lambda: now) if now else (lambda: datetime.now(BERLIN))
    show(conversation.handle(CHAT_ID, Start(lang or ""), clock(), hint=lang), stdout)
    for line in stdin:
        out = conversation.handle(CHAT_ID, event_for(line.rstrip("\n")), clock())
        show(out, stdout)
    return 0

"""`helpfinder chat`: the dialogue in a terminal, numbered options, streams injected."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TextIO

from bot import clock
from bot.conversation import Conversation, Outgoing
from bot.i18n import gettext
from bot.kbcache import load_finder
from flows import messages as m
from flows.events import COMMANDS, Command, Start, Text

CHAT_ID = "terminal"


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


PROMPT = "> "
"""Shown before each line only when a person types (stdin is a terminal)."""


def run(
    stdin: Iterable[str],
    stdout: TextIO,
    lang: str | None = None,
    now: datetime | None = None,
    conversation: Conversation | None = None,
    interactive: bool = False,
) -> int:
    """Talk until end of input; return the exit status.

    Interactive (a person at a terminal): say how to quit once and show a prompt before each
    line. Piped input gets neither, so scripted use reads only the bot's messages.
    """
    conversation = conversation or Conversation(load_finder())

    def read() -> datetime:
        return now if now is not None else clock.now()

    show(conversation.handle(CHAT_ID, Start(lang or ""), read(), hint=lang), stdout)
    if interactive:
        stdout.write(gettext(conversation.locale(CHAT_ID), m.TERMINAL_HINT) + "\n\n")
    for line in _lines(stdin, stdout, interactive):
        show(conversation.handle(CHAT_ID, event_for(line.rstrip("\n")), read()), stdout)
    return 0


def _lines(stdin: Iterable[str], stdout: TextIO, interactive: bool) -> Iterator[str]:
    """Yield typed lines, with a prompt before each when a person types."""
    lines = iter(stdin)
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = next(lines, None)
        if line is None:
            if interactive:
                stdout.write("\n")
            return
        yield line

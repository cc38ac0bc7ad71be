"""Events in, replies out: plain values the adapters translate from and to transports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from flows.messages import COMMAND_DESCRIPTIONS
from knowledge.model import Suggestion

COMMANDS: Final = tuple(name for name in COMMAND_DESCRIPTIONS if name != "start")
"""The commands besides /start, in menu order: the one list (their menu texts: messages)."""


@dataclass(frozen=True)
class Start:
    """/start, with an optional deep-link payload (`ro_nordstadt`) and a language hint."""

    payload: str = ""
    hint: str | None = None


@dataclass(frozen=True)
class Text:
    """A text message (also an edited one); `vector`: its embedding, made off the event loop."""

    text: str
    hint: str | None = None
    vector: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Choose:
    """A button pressed: its stable option id, e.g. `who:own_child`."""

    option: str


@dataclass(frozen=True)
class Command:
    """A command other than /start: help, language, restart, privacy, exit."""

    name: str


@dataclass(frozen=True)
class Unsupported:
    """Anything that is not text: sticker, photo, voice, location, document…"""

    kind: str


Event = Start | Text | Choose | Command | Unsupported


@dataclass(frozen=True)
class Option:
    """A button: a stable id and a marked label with params."""

    id: str
    label: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reply:
    """One message to send: a marked message id with params, buttons and contact cards."""

    msg: str
    params: dict[str, Any] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    cards: tuple[Suggestion, ...] = ()
    effect: str | None = None
    """`wipe`: delete the conversation's messages and forget the session first."""
    style: str = "full"
    """`short`: cards with name, how to reach and hours only (crisis replies)."""
    locale: str | None = None
    """Render this reply in another language than the session's (a note in the person's own)."""


QUICK_EXIT = "exit"
EXIT_OPTION = "nav:exit"
"""The quick exit, as a command and as a button: it overtakes a chat's queued updates."""


def quits(event: Event) -> bool:
    """Return whether an event is the quick exit."""
    return (isinstance(event, Command) and event.name == QUICK_EXIT) or (
        isinstance(event, Choose) and event.option == EXIT_OPTION
    )

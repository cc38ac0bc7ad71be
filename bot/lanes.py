"""One lane per chat: a chat's updates in order, other chats concurrent; the quick exit overtakes.

python-telegram-bot runs updates concurrently. A conversation needs its own updates one at a
time and in order, so each chat gets a lane (a FIFO lock) entered before anything is awaited.
When the quick exit arrives, the updates queued before it are skipped and the one in flight
sends nothing more (`superseded()`), so nothing it would say arrives after "Deleted".
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Coroutine
from dataclasses import dataclass, field
from typing import Any, Protocol

from telegram.ext import BaseUpdateProcessor


@dataclass
class Lane:
    """One chat's queue: a FIFO lock, how many quick exits arrived, how many updates wait."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    exits: int = 0
    waiting: int = 0


@dataclass(frozen=True)
class Ticket:
    """An update's place in its lane: the count of quick exits when it arrived."""

    lane: Lane
    exits: int

    def superseded(self) -> bool:
        """Return whether a quick exit arrived after this update."""
        return self.lane.exits != self.exits


_ticket: contextvars.ContextVar[Ticket | None] = contextvars.ContextVar("ticket", default=None)


def superseded() -> bool:
    """Return whether a quick exit arrived after the update being processed in this task."""
    ticket = _ticket.get()
    return ticket is not None and ticket.superseded()


class Arrivals(Protocol):
    """What the processor asks of the bot when an update arrives, before anything waits."""

    def arrive(self, update: object) -> tuple[str | None, bool]:
        """Note the update (its message id); return its chat's lane key and whether it quits."""
        ...


WAITING_LIMIT = 4096
"""Updates that may wait at once (for their lane or a slot) before new ones queue up."""

CONCURRENT_CHATS = 64
"""How many chats are answered at once (each chat's own updates stay in order)."""


class ChatLanes(BaseUpdateProcessor):
    """An update processor: one chat's updates in order, up to `limit` chats at once.

    The base class admits updates in arrival order (a FIFO semaphore of WAITING_LIMIT); each
    then waits for its chat's lane and only then for one of `limit` slots, so a chat with many
    queued updates holds one slot, not all of them.
    """

    def __init__(self, arrivals: Arrivals, limit: int = CONCURRENT_CHATS) -> None:
        super().__init__(WAITING_LIMIT)
        self.arrivals = arrivals
        self._lanes: dict[str, Lane] = {}
        self._slots = asyncio.Semaphore(limit)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's lane (FIFO), then a free slot; skip what a quick exit overtook."""
        key, quits = self.arrivals.arrive(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        lane = self._lanes.setdefault(key, Lane())
        lane.exits += quits
        ticket = Ticket(lane, lane.exits)
        lane.waiting += 1
        try:
            async with lane.lock:
                if ticket.superseded():
                    _close(coroutine)
                    return
                async with self._slots:
                    _ticket.set(ticket)
                    await coroutine
        finally:
            lane.waiting -= 1
            if lane.waiting == 0:
                del self._lanes[key]

    def __len__(self) -> int:
        return len(self._lanes)


def _close(coroutine: Awaitable[Any]) -> None:
    """Drop a coroutine that will never run, without a 'never awaited' warning."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()

"""The ids of a chat's messages, for the quick exit: kept 48 hours, apart from the dialogue.

The dialogue state expires after 30 minutes idle; Telegram lets a bot delete messages for 48
hours. So the ids live here, under the same keyed hash as the session, in memory or (with
persistence) in the same SQLite file, and `/exit` takes every one of the last 48 hours.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

KEEP_SECONDS = 48 * 3600
"""Telegram lets a bot delete a message (its own and the user's) for 48 hours."""
MAX_TRACKED = 1000
"""Message ids kept per chat in memory (a flood cannot grow memory without bound)."""


class Tracker(Protocol):
    """Where message ids are kept: memory, or the persistence database."""

    def track(self, key: str, message_id: int, at: float) -> None: ...

    def take(self, key: str, since: float) -> list[int]: ...


class MemoryTracker:
    """Message ids per keyed hash in memory, oldest dropped first beyond MAX_TRACKED."""

    def __init__(self) -> None:
        self._ids: dict[str, deque[tuple[float, int]]] = {}

    def track(self, key: str, message_id: int, at: float) -> None:
        """Remember one message id of a chat."""
        self._ids.setdefault(key, deque(maxlen=MAX_TRACKED)).append((at, message_id))
        if len(self._ids) > 4 * MAX_TRACKED:
            self._prune(at - KEEP_SECONDS)

    def take(self, key: str, since: float) -> list[int]:
        """Return and forget a chat's ids tracked since `since`."""
        return [i for at, i in self._ids.pop(key, ()) if at >= since]

    def _prune(self, since: float) -> None:
        for key in [k for k, ids in self._ids.items() if ids[-1][0] < since]:
            del self._ids[key]


class MessageLog:
    """Chat id -> the ids of its messages of the last 48 hours (both sides)."""

    def __init__(
        self,
        key: Callable[[object], str],
        tracker: Tracker | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._key = key
        self.tracker: Tracker = tracker if tracker is not None else MemoryTracker()
        self.clock = clock

    def add(self, chat_id: object, message_id: int) -> None:
        """Remember a message of a chat (sent or received) for the quick exit."""
        self.tracker.track(self._key(chat_id), message_id, self.clock())

    def take(self, chat_id: object) -> list[int]:
        """Return every id of a chat's last 48 hours, sorted, and forget them."""
        ids = self.tracker.take(self._key(chat_id), self.clock() - KEEP_SECONDS)
        return sorted(set(ids))

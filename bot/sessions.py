"""Sessions in memory, keyed by a keyed hash of the chat id, forgotten after 30 minutes idle."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from time import monotonic

from flows.events import Option
from flows.state import State

IDLE_SECONDS = 30 * 60
FLOOD_WINDOW = 10.0
FLOOD_LIMIT = 8
"""More than FLOOD_LIMIT messages within FLOOD_WINDOW seconds from one chat is a flood."""


@dataclass
class Session:
    """One conversation's memory: the dialogue state and what the adapters need."""

    state: State = field(default_factory=State)
    options: tuple[Option, ...] = ()
    message_ids: list[int] = field(default_factory=list)
    seen: float = 0.0
    recent: list[float] = field(default_factory=list)
    warned: bool = False


class SessionStore:
    """Chat id -> Session, where the chat id itself is never kept, only its keyed hash."""

    def __init__(
        self,
        secret: bytes | None = None,
        clock: Callable[[], float] = monotonic,
        idle: float = IDLE_SECONDS,
    ) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self._clock = clock
        self._idle = idle
        self._sessions: dict[str, Session] = {}

    def key(self, chat_id: object) -> str:
        """Return the keyed hash that stands for a chat."""
        return hmac.new(self._secret, str(chat_id).encode(), hashlib.sha256).hexdigest()

    def get(self, chat_id: object) -> Session:
        """Return a chat's session, a fresh one if none or expired."""
        self.expire()
        now = self._clock()
        session = self._sessions.setdefault(self.key(chat_id), Session())
        session.seen = now
        return session

    def forget(self, chat_id: object) -> None:
        """Drop a chat's session at once."""
        self._sessions.pop(self.key(chat_id), None)

    def expire(self) -> int:
        """Forget sessions idle longer than the limit; return how many."""
        cutoff = self._clock() - self._idle
        stale = [k for k, s in self._sessions.items() if s.seen < cutoff]
        for k in stale:
            del self._sessions[k]
        return len(stale)

    def flooding(self, session: Session) -> bool:
        """Count one message; return whether the chat is over the flood limit."""
        now = self._clock()
        session.recent = [t for t in session.recent if now - t < FLOOD_WINDOW] + [now]
        if len(session.recent) <= FLOOD_LIMIT:
            session.warned = False
            return False
        return True

    def __len__(self) -> int:
        return len(self._sessions)

    def keys(self) -> list[str]:
        """Return the stored keys (hashes only), for tests."""
        return list(self._sessions)

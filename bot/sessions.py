"""Sessions in memory, keyed by a keyed hash of the chat id, forgotten after 30 minutes idle."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from time import monotonic
from typing import Protocol

from flows.events import Option
from flows.state import State

IDLE_SECONDS = 30 * 60
SWEEP_SECONDS = 60.0
"""How often idle sessions are swept out (a session found idle is dropped at once anyway)."""
FLOOD_WINDOW = 10.0
FLOOD_LIMIT = 8
"""More than FLOOD_LIMIT messages within FLOOD_WINDOW seconds from one chat is a flood."""


class Reset:
    """A stored state that no longer fits the state format: start afresh and say so."""


@dataclass
class Session:
    """One conversation's memory: the dialogue state and what the adapters need."""

    state: State = field(default_factory=State)
    options: tuple[Option, ...] = ()
    seen: float = 0.0
    recent: list[float] = field(default_factory=list)
    warned: bool = False
    reset: bool = False
    """The stored state could not be read: the next reply begins with a kind word."""


class Backing(Protocol):
    """Where sessions survive a restart (bot.persistence.SessionDatabase)."""

    def load(self, key: str) -> State | Reset | None: ...

    def save(self, key: str, state: State) -> None: ...

    def delete(self, key: str) -> None: ...


def keyed_hash(secret: bytes, chat_id: object) -> str:
    """Return HMAC-SHA256(secret, chat id) in hex: what stands for a chat anywhere."""
    return hmac.new(secret, str(chat_id).encode(), hashlib.sha256).hexdigest()


class SessionStore:
    """Chat id -> Session, where the chat id itself is never kept, only its keyed hash."""

    def __init__(
        self,
        secret: bytes | None = None,
        clock: Callable[[], float] = monotonic,
        idle: float = IDLE_SECONDS,
        backing: Backing | None = None,
    ) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self.clock = clock
        self._idle = idle
        self._sessions: dict[str, Session] = {}
        self.backing = backing
        self._swept = clock()

    def key(self, chat_id: object) -> str:
        """Return the keyed hash that stands for a chat."""
        return keyed_hash(self._secret, chat_id)

    def get(self, chat_id: object) -> Session:
        """Return a chat's session: in memory, else from the backing store, else a fresh one."""
        if self.clock() - self._swept > SWEEP_SECONDS:
            self.expire()
        key = self.key(chat_id)
        session = self._sessions.get(key)
        if session is not None and session.seen < self.clock() - self._idle:
            del self._sessions[key]
            session = None
        if session is None:
            stored = self.backing.load(key) if self.backing is not None else None
            session = self._sessions[key] = (
                Session(state=stored)
                if isinstance(stored, State)
                else Session(reset=isinstance(stored, Reset))
            )
        session.seen = self.clock()
        return session

    def save(self, chat_id: object) -> None:
        """Write a chat's state through to the backing store, if there is one."""
        key = self.key(chat_id)
        if self.backing is not None and key in self._sessions:
            self.backing.save(key, self._sessions[key].state)

    def forget(self, chat_id: object) -> None:
        """Drop a chat's session at once, in memory and in the backing store."""
        key = self.key(chat_id)
        self._sessions.pop(key, None)
        if self.backing is not None:
            self.backing.delete(key)

    def expire(self) -> int:
        """Forget sessions idle longer than the limit; return how many."""
        self._swept = self.clock()
        cutoff = self._swept - self._idle
        stale = [k for k, s in self._sessions.items() if s.seen < cutoff]
        for k in stale:
            del self._sessions[k]
        return len(stale)

    def flooding(self, session: Session) -> bool:
        """Count one message; return whether the chat is over the flood limit."""
        now = self.clock()
        session.recent = [t for t in session.recent if now - t < FLOOD_WINDOW] + [now]
        if len(session.recent) <= FLOOD_LIMIT:
            session.warned = False
            return False
        return True

    def __len__(self) -> int:
        return len(self._sessions)

    def hashed_keys(self) -> list[str]:
        """Return the stored keys (hashes only), for tests."""
        return list(self._sessions)

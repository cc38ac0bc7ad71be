"""Optional persistence across restarts: only the session value, under the keyed hash, in SQLite.

Off by default. Stores nothing but `State` JSON (language, who, place, topics, pending question)
keyed by HMAC-SHA256(secret, chat id), with the time it was last used; rows idle longer than
the session limit are deleted on every write and ignored on read.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from flows.state import State


class SessionDatabase:
    """A tiny key -> State table with idle expiry."""

    def __init__(
        self, path: str | Path, idle: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.idle, self.clock = idle, clock
        self.conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.conn.execute("pragma journal_mode=wal")
        self.conn.execute(
            "create table if not exists sessions (key text primary key, state text, seen real)"
        )

    def load(self, key: str) -> State | None:
        """Return the stored state for a key if it is not expired."""
        row = self.conn.execute(
            "select state from sessions where key = ? and seen >= ?",
            (key, self.clock() - self.idle),
        ).fetchone()
        return State.from_json(row[0]) if row else None

    def save(self, key: str, state: State) -> None:
        """Store a state and drop expired rows."""
        now = self.clock()
        self.conn.execute(
            "insert into sessions (key, state, seen) values (?, ?, ?) on conflict(key) do update"
            " set state = excluded.state, seen = excluded.seen",
            (key, state.to_json(), now),
        )
        self.conn.execute("delete from sessions where seen < ?", (now - self.idle,))

    def delete(self, key: str) -> None:
        """Forget a key at once."""
        self.conn.execute("delete from sessions where key = ?", (key,))

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

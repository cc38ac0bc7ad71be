"""Optional persistence across restarts: the session value and message ids, under the keyed hash.

Off by default. Stores nothing but the versioned `State` JSON (language, who, place, topics,
pending question) keyed by HMAC-SHA256(secret, chat id), with the time it was last used, and
the ids of the chat's messages for the quick exit (48 hours). Rows idle longer than their limit
are deleted on every write and ignored on read. The file is created 0600 (SQLite gives its
`-wal` and `-shm` the same mode); deleted rows are overwritten (`secure_delete`) and the WAL is
checkpointed and truncated after a delete, so a forgotten session is not left readable.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Callable
from pathlib import Path

from bot.sessions import Reset
from bot.tracking import KEEP_SECONDS
from flows.state import State
from flows.stored import READABLE_VERSIONS, STATE_VERSION, encode_state
from flows.stored import decode_state as decode_state_or_none

__all__ = ["READABLE_VERSIONS", "STATE_VERSION", "SessionDatabase", "decode_state", "encode_state"]

BUSY_MS = 2000
"""How long to wait for a lock held by another process before giving up."""
SCHEMA = (
    "create table if not exists sessions (key text primary key, state text, seen real)",
    "create table if not exists messages (key text, message_id integer, at real)",
    "create index if not exists messages_key on messages (key)",
)


class PersistenceError(Exception):
    """The persistence file cannot be used; the message says why and what to do."""


def decode_state(raw: str) -> State | Reset:
    """Read a stored state; anything of another version or shape becomes a Reset."""
    state = decode_state_or_none(raw)
    return Reset() if state is None else state


def _private_file(path: Path) -> None:
    """Create the database file for its owner only; take every right from group and others."""
    os.close(os.open(path, os.O_CREAT | os.O_RDONLY, 0o600))
    os.chmod(path, stat.S_IMODE(path.stat().st_mode) & 0o600)


def _connect(path: Path) -> sqlite3.Connection:
    """Open, check and prepare the database; raise PersistenceError saying what is wrong."""
    try:
        _private_file(path)
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        conn.execute(f"pragma busy_timeout = {BUSY_MS}")
        conn.execute("pragma journal_mode = wal")
        conn.execute("pragma secure_delete = on")
        for statement in SCHEMA:
            conn.execute(statement)
        conn.execute("pragma user_version = 1")  # a write: read-only and locked files fail here
        conn.execute("select count(*) from sessions").fetchone()
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise PersistenceError(f"{path}: {reason}") from None
    return conn


class SessionDatabase:
    """A tiny key -> State table with idle expiry, and key -> message ids for 48 hours."""

    def __init__(
        self, path: str | Path, idle: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.idle, self.clock = idle, clock
        self.conn = _connect(Path(path))

    def load(self, key: str) -> State | Reset | None:
        """Return the stored state for a key if it is not expired (Reset if it no longer fits)."""
        row = self.conn.execute(
            "select state from sessions where key = ? and seen >= ?",
            (key, self.clock() - self.idle),
        ).fetchone()
        if row is None:
            return None
        state = decode_state(row[0])
        if isinstance(state, Reset):
            self.delete(key)
        return state

    def save(self, key: str, state: State) -> None:
        """Store a state and drop expired rows."""
        now = self.clock()
        self.conn.execute(
            "insert into sessions (key, state, seen) values (?, ?, ?) on conflict(key) do update"
            " set state = excluded.state, seen = excluded.seen",
            (key, encode_state(state), now),
        )
        self.conn.execute("delete from sessions where seen < ?", (now - self.idle,))
        self.conn.execute("delete from messages where at < ?", (now - KEEP_SECONDS,))

    def delete(self, key: str) -> None:
        """Forget a key at once, and leave nothing of it in the write-ahead log."""
        self.conn.execute("delete from sessions where key = ?", (key,))
        self.checkpoint()

    def track(self, key: str, message_id: int, at: float) -> None:
        """Remember one message id of a chat for the quick exit."""
        self.conn.execute(
            "insert into messages (key, message_id, at) values (?, ?, ?)", (key, message_id, at)
        )

    def take(self, key: str, since: float) -> list[int]:
        """Return and forget a chat's message ids tracked since `since`."""
        rows = self.conn.execute(
            "select message_id from messages where key = ? and at >= ?", (key, since)
        ).fetchall()
        self.conn.execute("delete from messages where key = ?", (key,))
        self.checkpoint()
        return [int(r[0]) for r in rows]

    def checkpoint(self) -> None:
        """Copy the WAL into the database and truncate it to zero bytes."""
        self.conn.execute("pragma wal_checkpoint(truncate)")

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

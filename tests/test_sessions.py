"""Sessions: keyed hashes only, idle expiry, wipe, flood limit, optional persistence."""

import json
from dataclasses import fields

import pytest

from bot.persistence import SessionDatabase
from bot.sessions import FLOOD_LIMIT, IDLE_SECONDS, SessionStore
from flows.state import State


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_keys_are_keyed_hashes_not_ids() -> None:
    store = SessionStore(secret=b"k")
    store.get(123456789)
    [key] = store.hashed_keys()
    assert "123456789" not in key and len(key) == 64
    assert SessionStore(secret=b"other").key(123456789) != key


def test_idle_sessions_are_forgotten_after_30_minutes() -> None:
    clock = Clock()
    store = SessionStore(clock=clock)
    store.get(1).state = State(who="self")
    clock.now += IDLE_SECONDS - 1
    assert store.get(1).state.who == "self"
    clock.now += IDLE_SECONDS + 1
    assert store.get(1).state.who is None


def test_flood_limit_counts_per_chat() -> None:
    clock = Clock()
    store = SessionStore(clock=clock)
    a, b = store.get("a"), store.get("b")
    assert not any(store.flooding(a) for _ in range(FLOOD_LIMIT))
    assert store.flooding(a)
    assert not store.flooding(b)
    clock.now += 11
    assert not store.flooding(a)


def test_persistence_keeps_only_state_under_hash(tmp_path) -> None:
    clock = Clock()
    path = tmp_path / "sessions.sqlite"
    store = SessionStore(secret=b"s", backing=SessionDatabase(path, IDLE_SECONDS, clock))
    store.get(424242).state = State(locale="ro", who="own_child", topics=("violence",))
    store.save(424242)
    again = SessionStore(secret=b"s", backing=SessionDatabase(path, IDLE_SECONDS, clock))
    assert again.get(424242).state.who == "own_child"
    # the rows sit in the write-ahead log until a checkpoint: read every file SQLite wrote
    written = b"".join(p.read_bytes() for p in tmp_path.glob("sessions.sqlite*"))
    assert b"own_child" in written  # the state is there, so the bytes read are the right ones
    assert b"424242" not in written and again.key(424242).encode() in written
    clock.now += IDLE_SECONDS + 1
    third = SessionStore(secret=b"s", backing=SessionDatabase(path, IDLE_SECONDS, clock))
    assert third.get(424242).state == State()


def test_forget_deletes_from_persistence(tmp_path) -> None:
    db = SessionDatabase(tmp_path / "s.sqlite", IDLE_SECONDS)
    store = SessionStore(secret=b"s", backing=db)
    store.get(7).state = State(who="self")
    store.save(7)
    store.forget(7)
    assert db.load(store.key(7)) is None


def files_of(path) -> dict[str, bytes]:
    """The database and its -wal and -shm files, as bytes."""
    out = {}
    for suffix in ("", "-wal", "-shm"):
        f = path.with_name(path.name + suffix)
        if f.exists():
            out[suffix or "db"] = f.read_bytes()
    return out


def test_a_forgotten_session_is_not_left_readable_in_the_wal(tmp_path) -> None:
    path = tmp_path / "s.sqlite"
    store = SessionStore(secret=b"s" * 32, backing=SessionDatabase(path, IDLE_SECONDS))
    for n in range(20):  # some history, as a running bot has
        store.get(n).state = State(who="self")
        store.save(n)
    store.get(424242).state = State(locale="ro", who="professional", city="Schwerin")
    store.save(424242)
    key = store.key(424242).encode()
    assert any(key in data for data in files_of(path).values())
    store.forget(424242)
    leftovers = [
        name for name, data in files_of(path).items() if key in data or b"Schwerin" in data
    ]
    assert leftovers == []


def test_persistence_files_are_readable_by_their_owner_only(tmp_path) -> None:
    path = tmp_path / "s.sqlite"
    store = SessionStore(secret=b"s" * 32, backing=SessionDatabase(path, IDLE_SECONDS))
    store.get(1).state = State(who="self")
    store.save(1)
    modes = {
        f.name: oct(f.stat().st_mode & 0o777) for f in tmp_path.iterdir() if f.name.startswith("s.")
    }
    assert modes and set(modes.values()) == {"0o600"}, modes


def test_message_ids_outlive_the_idle_session_for_48_hours() -> None:
    from bot.tracking import MessageLog

    clock = Clock()
    store = SessionStore(secret=b"s" * 32, clock=clock)
    log = MessageLog(store.key, clock=clock)
    log.add(7, 1)
    clock.now += 47 * 3600
    log.add(7, 2)
    clock.now += 2 * 3600  # the first is 49 hours old: Telegram would refuse to delete it
    assert log.take(7) == [2]
    assert log.take(7) == []


def test_message_ids_persist_under_the_keyed_hash_only(tmp_path) -> None:
    from bot.tracking import MessageLog

    path = tmp_path / "s.sqlite"
    store = SessionStore(secret=b"s" * 32)
    MessageLog(store.key, SessionDatabase(path, IDLE_SECONDS)).add(777_123_456, 41)
    again = MessageLog(store.key, SessionDatabase(path, IDLE_SECONDS))
    assert all(b"777123456" not in data for data in files_of(path).values())
    assert again.take(777_123_456) == [41]


@pytest.mark.parametrize(
    "raw",
    [
        '{"who": "self"}',  # the format before versions
        '{"version": 1, "state": {"who": "self", "mood": "x"}}',  # a field renamed
        '{"version": 1, "state": {"topics": "violence"}}',  # a field changed type
        '{"version": 1, "state": {"page": true}}',
        '{"version": 99, "state": {}}',
        "not json",
        "[]",
    ],
)
def test_stored_states_that_no_longer_fit_start_afresh(raw) -> None:
    from bot.persistence import decode_state
    from bot.sessions import Reset

    assert isinstance(decode_state(raw), Reset)


def test_stored_states_round_trip_with_their_version() -> None:
    from bot.persistence import decode_state, encode_state

    state = State(locale="ro", who="own_child", topics=("violence", "neglect"), age=14)
    assert decode_state(encode_state(state)) == state


def test_a_changed_state_format_needs_a_new_version() -> None:
    from bot.persistence import STATE_VERSION

    names = tuple(f.name for f in fields(State))
    assert (STATE_VERSION, names) == (2, VERSION_2), "State changed: bump STATE_VERSION here"


def test_a_row_of_version_1_is_read_with_the_new_fields_at_their_defaults() -> None:
    from bot.persistence import decode_state

    old = {f: getattr(State(), f) for f in VERSION_1} | {"locale": "ro", "who": "self"}
    raw = json.dumps({"version": 1, "state": old}, default=list)
    assert decode_state(raw) == State(locale="ro", who="self")


VERSION_1 = (
    "locale",
    "locale_chosen",
    "who",
    "city",
    "district",
    "state",
    "place_done",
    "topics",
    "topic_done",
    "pending",
    "proposal",
    "page",
    "spoken",
    "crisis_kind",
    "checked",
    "age",
    "gender",
    "profession",
    "uninsured",
)
"""The fields of State when STATE_VERSION was 1."""
VERSION_2 = (*VERSION_1, "friend", "by_phone")
"""Version 2 added two flags with defaults."""

"""Sessions: keyed hashes only, idle expiry, wipe, flood limit, optional persistence."""

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
    assert b"424242" not in path.read_bytes()
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

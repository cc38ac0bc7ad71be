"""The one clock read: the current moment in Berlin, or a moment given for tests."""

from __future__ import annotations

from datetime import datetime

from knowledge.hours import BERLIN, in_berlin


def now() -> datetime:
    """Return the current moment in Berlin time."""
    return datetime.now(BERLIN)


def moment(value: str | None) -> datetime:
    """Return an ISO moment (`--now`; naive means Berlin time), or the current one."""
    return in_berlin(datetime.fromisoformat(value)) if value else now()

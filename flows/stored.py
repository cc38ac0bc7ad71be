"""The stored form of a session: versioned JSON, read back tolerantly.

A row of a readable version is read when every field it has is still a field of State with a
value of the right type; anything else (another version, a renamed field, a changed type, an
open question that no longer exists) is not read, and the session starts afresh.
"""

from __future__ import annotations

import json
import typing
from dataclasses import asdict, fields
from enum import Enum
from types import UnionType
from typing import Any, Final

from flows.state import State

STATE_VERSION: Final = 2
"""Bump when State's stored form changes; rows of versions not readable start afresh."""
READABLE_VERSIONS: Final = frozenset({1, STATE_VERSION})
"""Versions whose fields are all still in State with the same meaning (2 only added the
`friend` and `by_phone` flags): their rows are read, the new fields take their defaults.
`pending` became an enum of the same strings without a change of the stored form."""


def encode_state(state: State) -> str:
    """Serialise a state with its format version."""
    return json.dumps({"version": STATE_VERSION, "state": asdict(state)}, sort_keys=True)


def _fits(value: Any, kind: Any) -> bool:
    """Return whether a JSON value fits a field type (str | None, int, bool, enum, tuple)."""
    if isinstance(kind, UnionType):
        return any(_fits(value, k) for k in typing.get_args(kind))
    if kind is type(None):
        return value is None
    if typing.get_origin(kind) is tuple:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return value in {member.value for member in kind}
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def decode_state(raw: str) -> State | None:
    """Read a stored state; None for anything of another version or shape."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") not in READABLE_VERSIONS:
        return None
    values = data.get("state")
    hints = typing.get_type_hints(State)
    known = {f.name for f in fields(State)}
    if not isinstance(values, dict) or not set(values) <= known:
        return None
    if not all(_fits(v, hints[k]) for k, v in values.items()):
        return None
    decoded: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
    return State(**decoded)

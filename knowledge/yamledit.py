"""Read and write service files keeping their comments, key order and quoting (ruamel.yaml)."""

from __future__ import annotations

import io
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def load(path: Path) -> CommentedMap:
    """Return a service file as an ordered, comment-keeping map."""
    data: CommentedMap = _yaml().load(path.read_text(encoding="utf-8"))
    return data


def dump(data: CommentedMap, path: Path) -> None:
    """Write a map back (comments, order and quotes as read)."""
    out = io.StringIO()
    _yaml().dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")


PLAIN = frozenset(("status",))
"""Keys whose values are ids, written without quotes."""


def quoted(value: Any) -> Any:
    """Return strings double-quoted (dates and URLs stay strings), lists in one line."""
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        seq = CommentedSeq(quoted(v) for v in value)
        seq.fa.set_flow_style()
        return seq
    return value


def plain_list(values: list[Any]) -> CommentedSeq:
    """Return a one-line list of unquoted ids (`[mo, tu]`)."""
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def flow(entry: Mapping[str, Any]) -> CommentedMap:
    """Return a one-line `{key: value, ...}` map, strings quoted, None values left out."""
    out = CommentedMap(
        (k, v if k in PLAIN or isinstance(v, CommentedSeq) else quoted(v))
        for k, v in entry.items()
        if v is not None
    )
    out.fa.set_flow_style()
    return out


def replace_list(data: MutableMapping[str, Any], key: str, values: list[Any]) -> None:
    """Set a list field, keeping its one-line or block style."""
    old = data.get(key)
    if isinstance(old, CommentedSeq):
        del old[:]
        old.extend(values)
    else:
        data[key] = quoted(list(values))


def put(data: CommentedMap, key: str, value: Any, after: str | None = None) -> None:
    """Set a key; a new one goes right after `after` (or at the end)."""
    if key in data or after is None or after not in data:
        data[key] = value
    else:
        data.insert(list(data).index(after) + 1, key, value)

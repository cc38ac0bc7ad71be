"""Load the knowledge base; a cache file that cannot be read is rebuilt, not fatal.

The built SQLite file is an artifact of the YAML sources: when it is corrupt, empty or cut
short, the sources are still there, so it is built again (atomically) instead of stopping the
bot at every start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from bot.logs import log
from knowledge import finder as finders
from knowledge.finder import Finder
from knowledge.loader import DATA_DIR

UNREADABLE = (sqlite3.Error, KeyError, IndexError, ValueError, TypeError)
"""What reading a damaged database raises (malformed image, missing tables or columns)."""


class CacheError(Exception):
    """The knowledge-base file can neither be read nor rebuilt."""


def load_finder(
    path: Path | None = None, rebuild: Callable[[Path, Path], Path] = finders.build
) -> Finder:
    """Load the knowledge base, rebuilding its file from the sources if it cannot be read."""
    path = path or finders.default_database()
    try:
        return Finder.load(path)
    except UNREADABLE as error:
        log.warning("knowledge base file unreadable error=%s: rebuilding", type(error).__name__)
    try:
        return Finder.load(rebuild(DATA_DIR, path))
    except (OSError, *UNREADABLE) as error:
        raise CacheError(
            f"helpfinder: the knowledge base {path} cannot be read or rebuilt "
            f"({type(error).__name__}: {error}); remove it or set HELPFINDER_DB"
        ) from None

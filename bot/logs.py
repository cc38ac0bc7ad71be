"""Logging that names event types and states only: never text, ids, names or places."""

from __future__ import annotations

import logging
import sys

QUIET = ("telegram", "httpx", "httpcore", "apscheduler", "asyncio", "hpack", "tornado")
"""Libraries that log request URLs (with the token) or update contents at INFO/DEBUG."""

log = logging.getLogger("helpfinder")


def quiet_libraries() -> None:
    """Keep third-party loggers at WARNING: at DEBUG they write chat ids and message texts."""
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


def configure(level: str = "INFO") -> None:
    """Log to stderr at `level`; third-party loggers stay at WARNING whatever the level."""
    logging.basicConfig(
        stream=sys.stderr,
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        force=True,
    )
    quiet_libraries()

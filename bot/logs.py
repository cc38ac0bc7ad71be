"""Logging that names event types and states only: never text, ids, names or places."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

QUIET = ("telegram", "httpx", "httpcore", "apscheduler", "asyncio", "hpack", "tornado")
"""Libraries that log request URLs (with the token) or update contents at INFO/DEBUG."""
OWN = "helpfinder"

log = logging.getLogger(OWN)


def quiet_libraries() -> None:
    """Keep third-party loggers at WARNING: at DEBUG they write chat ids and message texts."""
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)


class Withhold(logging.Filter):
    """Strip a library's record to its fixed message and the exception's type.

    python-telegram-bot logs an update it cannot parse at CRITICAL with the whole update as an
    argument (names, ids, text), and tracebacks may quote data too: whatever the level, a
    library record keeps only its constant format string and the exception type.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == OWN or record.name.startswith(OWN + "."):
            return True
        message = str(record.msg).replace("%r", "…").replace("%s", "…")
        if record.exc_info and record.exc_info[0] is not None:
            message += f" error={record.exc_info[0].__name__}"
        record.msg, record.args = message, ()
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def configure(level: str = "INFO", stream: TextIO | None = None) -> None:
    """Log to stderr at `level`; third-party loggers stay at WARNING and are withheld."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(Withhold())
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        handlers=[handler],
        force=True,
    )
    quiet_libraries()

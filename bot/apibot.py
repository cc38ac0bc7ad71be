"""The Bot API client: tolerant of updates it cannot parse, patient with a Bot API not yet up."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, cast

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput, TimePeriod
from telegram.error import InvalidToken, NetworkError
from telegram.ext import ExtBot

from bot.logs import log

START_BACKOFF = 1.0
START_BACKOFF_MAX = 30.0
"""Start-up waits 1, 2, 4 … 30 s between attempts (8 attempts: about 2 minutes)."""


class ApiUnreachable(Exception):
    """The Bot API did not answer at start-up after every attempt."""


def parse_updates(raw: Sequence[Any], bot: Any) -> tuple[Update, ...]:
    """Parse each update on its own; one that does not parse becomes an empty Update.

    The empty Update keeps its update_id, so polling confirms it and moves on; its content is
    neither logged nor handled. Without an update_id there is nothing to confirm: it is dropped.
    """
    out: list[Update] = []
    for item in raw:
        try:
            update = Update.de_json(item, bot)
        except Exception:  # any malformed field: pydantic-free PTB raises many kinds
            update = None
        if update is not None:
            out.append(update)
            continue
        update_id = item.get("update_id") if isinstance(item, dict) else None
        log.warning("update=unparseable skipped=%s", "yes" if isinstance(update_id, int) else "no")
        if isinstance(update_id, int) and not isinstance(update_id, bool):
            out.append(Update(update_id=update_id))
    return tuple(out)


class TolerantBot(ExtBot[Any]):
    """An ExtBot whose getUpdates parses one update at a time (see `parse_updates`)."""

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: TimePeriod | None = None,
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        """Long-poll for updates, as Bot.get_updates does, parsing each one tolerantly."""
        data: JSONDict = {
            "timeout": timeout,
            "offset": offset,
            "limit": limit,
            "allowed_updates": allowed_updates,
        }
        base = (
            read_timeout or 0
            if not isinstance(read_timeout, DefaultValue)
            else self._request[0].read_timeout or 0
        )
        seconds = timeout.total_seconds() if isinstance(timeout, dtm.timedelta) else timeout or 0
        result = await self._post(
            "getUpdates",
            data,
            read_timeout=base + seconds,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
            api_kwargs=api_kwargs,
        )
        updates = parse_updates(cast("list[JSONDict]", result), self)
        for update in updates:
            self.insert_callback_data(update)
        return updates


async def connect(
    bot: Any,
    attempts: int,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
) -> None:
    """Initialise the bot (getMe), retrying with backoff; one log line per failed attempt."""
    delay = START_BACKOFF
    for attempt in range(1, attempts + 1):
        try:
            await bot.initialize()
            return
        except InvalidToken:
            raise
        except NetworkError as error:  # refused, timed out, 5xx: the API may come up yet
            log.warning(
                "bot api unreachable error=%s attempt=%d of %d retry_in=%.0fs",
                type(error).__name__,
                attempt,
                attempts,
                delay if attempt < attempts else 0,
            )
            if attempt == attempts:
                break
            await sleep(delay)
            delay = min(delay * 2, START_BACKOFF_MAX)
    raise ApiUnreachable(f"the Bot API did not answer after {attempts} attempts")

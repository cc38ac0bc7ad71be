"""Sending to the Bot API: split to Telegram's limit, retry what fails, stop at a quick exit."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.lanes import superseded
from bot.logs import log

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
TELEGRAM_LIMIT = 4096


def split_text(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split a message at paragraph breaks so every part fits Telegram's limit."""
    parts: list[str] = []
    for paragraph in text.split("\n\n"):
        while len(paragraph) > limit:
            parts.append(paragraph[:limit])
            paragraph = paragraph[limit:]
        if parts and len(parts[-1]) + 2 + len(paragraph) <= limit:
            parts[-1] += "\n\n" + paragraph
        else:
            parts.append(paragraph)
    return parts or [""]


SEND_ATTEMPTS = 10
SEND_BACKOFF = 0.5
SEND_BACKOFF_MAX = 8.0
"""Seconds before the first retry of a failed send; doubling up to 8 s (about 50 s in all)."""


async def send_with_retry(
    bot: Any, chat_id: int, text: str, keyboard: InlineKeyboardMarkup | None
) -> Any:
    """Send one message; on 5xx, timeouts and refused connections back off and try again.

    Return None, sending nothing more, once a quick exit has arrived for the chat.
    """
    delay = SEND_BACKOFF
    for attempt in range(SEND_ATTEMPTS):
        if superseded():
            return None
        try:
            return await bot.send_message(
                chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard,
                link_preview_options=NO_PREVIEW,
            )
        except RetryAfter as error:
            wait = error.retry_after
            delay_s = wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
            log.warning("send retry_after=%.1f attempt=%d", delay_s, attempt + 1)
            await asyncio.sleep(delay_s)
        except NetworkError as error:  # TimedOut is a NetworkError too
            if attempt == SEND_ATTEMPTS - 1:
                raise
            log.warning("send failed error=%s attempt=%d", type(error).__name__, attempt + 1)
            await asyncio.sleep(delay)
            delay = min(delay * 2, SEND_BACKOFF_MAX)
    raise TimedOut("send_message kept failing")

"""`helpfinder bot`: the Telegram adapter (python-telegram-bot v22), polling or webhook."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import Any

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.conversation import Conversation, Outgoing
from bot.i18n import DEFAULT, LOCALES, gettext
from bot.logs import configure, log, quiet_libraries
from bot.persistence import SessionDatabase
from bot.sessions import IDLE_SECONDS, SessionStore
from bot.settings import Settings, SettingsError
from flows import messages as m
from flows.events import Choose, Command, Event, Start, Text, Unsupported
from knowledge.finder import Finder
from knowledge.hours import BERLIN

COMMANDS = ("help", "language", "restart", "privacy", "exit")
MAX_TRACKED = 1000
"""Message ids kept per chat for /exit; Telegram lets a bot delete only the last 48 hours."""
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class Bot:
    """The handlers: Telegram update -> Event -> Conversation -> Telegram messages."""

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.encoder_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encoder")
        """The sentence encoder runs here, one message at a time, off the event loop."""

    async def meaning(self, chat_id: int, event: Event) -> Event:
        """Embed free text in the worker thread, so a long message stalls no other chat."""
        if not isinstance(event, Text) or not self.conversation.needs_meaning(chat_id, event.text):
            return event
        loop = asyncio.get_running_loop()
        vector = await loop.run_in_executor(self.encoder_pool, self.conversation.embed, event.text)
        return replace(event, vector=vector)

    @property
    def store(self) -> SessionStore:
        """Return the session store."""
        return self.conversation.store

    async def dispatch(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, event: Event
    ) -> None:
        """Run one event for the update's chat and send what the dialogue answers."""
        chat = update.effective_chat
        if chat is None:
            return
        session = self.store.get(chat.id)
        async with session.lock:  # one update of a chat at a time, in order
            await self._dispatch(update, context, chat.id, event)

    async def _dispatch(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int, event: Event
    ) -> None:
        user = update.effective_user
        event = await self.meaning(chat_id, event)
        session = self.store.get(chat_id)
        message_ids = session.message_ids
        if update.effective_message is not None and update.callback_query is None:
            message_ids.append(update.effective_message.message_id)
        hint = user.language_code if user else None
        out = self.conversation.handle(chat_id, event, datetime.now(BERLIN), hint)
        log.info(
            "event=%s state=%s replies=%d",
            type(event).__name__,
            self.store.get(chat_id).state.pending if not out.wipe else "wiped",
            len(out.messages),
        )
        if out.wipe:  # the conversation already forgot the session
            await self.wipe(context, chat_id, message_ids)
            message_ids = []
        await self.send(context, chat_id, out, message_ids)
        del message_ids[:-MAX_TRACKED]

    async def send(
        self,
        context: ContextTypes.DEFAULT_TYPE,
        chat_id: int,
        out: Outgoing,
        message_ids: list[int],
    ) -> None:
        """Send rendered messages with inline keyboards; remember their ids for /exit."""
        for rendered in out.messages:
            chunks = split_text(rendered.text)
            for n, chunk in enumerate(chunks):
                keyboard = None
                if rendered.buttons and n == len(chunks) - 1:
                    rows = [
                        [InlineKeyboardButton(label, callback_data=data)]
                        for label, data in rendered.buttons
                    ]
                    keyboard = InlineKeyboardMarkup(rows)
                sent = await send_with_retry(context.bot, chat_id, chunk, keyboard)
                message_ids.append(sent.message_id)

    async def wipe(
        self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_ids: list[int]
    ) -> None:
        """Delete every message of the conversation the Bot API still lets us delete."""

        async def delete(message_id: int) -> None:
            # older than 48 hours or already gone: nothing more the bot can do
            with contextlib.suppress(TelegramError):
                await context.bot.delete_message(chat_id, message_id)

        await asyncio.gather(*(delete(i) for i in sorted(set(message_ids))))

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        payload = " ".join(context.args or [])[:64]
        await self.dispatch(update, context, Start(payload))

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = update.effective_message.text if update.effective_message else ""
        name = (text or "/help")[1:].split()[0].split("@")[0].lower()
        await self.dispatch(update, context, Command(name if name in COMMANDS else "help"))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        await self.dispatch(update, context, Text(message.text or "" if message else ""))

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        kind = "other"
        if message is not None:
            kind = next(
                (
                    k
                    for k in (
                        "sticker",
                        "photo",
                        "voice",
                        "video",
                        "location",
                        "document",
                        "audio",
                        "contact",
                        "animation",
                        "video_note",
                        "poll",
                    )
                    if getattr(message, k, None)
                ),
                "other",
            )
        await self.dispatch(update, context, Unsupported(kind))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        await query.answer()
        await self.dispatch(update, context, Choose(str(query.data or "")[:64]))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer the user with a translated apology; log the exception type only."""
        log.error("error=%s", type(context.error).__name__)
        if isinstance(update, Update) and update.effective_chat:
            user = update.effective_user
            locale = self.conversation.locale(
                update.effective_chat.id, user.language_code if user else None
            )
            try:
                await context.bot.send_message(update.effective_chat.id, gettext(locale, m.ERROR))
            except TelegramError as error:
                log.error("error=%s while apologising", type(error).__name__)


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
    """Send one message; on 5xx, timeouts and refused connections back off and try again."""
    delay = SEND_BACKOFF
    for attempt in range(SEND_ATTEMPTS):
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


async def set_commands(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Publish the command menu in each language (and German as the default)."""
    for locale in (*LOCALES, None):
        commands = [
            BotCommand(name, gettext(locale or DEFAULT, text))
            for name, text in m.COMMAND_DESCRIPTIONS.items()
        ]
        try:
            await app.bot.set_my_commands(commands, language_code=locale)
        except TelegramError as error:
            log.warning("set_my_commands failed: %s", type(error).__name__)


def build_application(
    settings: Settings,
    finder: Finder,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Wire the bot: handlers, error handler, command menus; `request` lets tests record calls."""
    quiet_libraries()
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        Application.builder().token(settings.token).concurrent_updates(64).post_init(set_commands)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.base_file_url:
        builder = builder.base_file_url(settings.base_file_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request)
    else:
        builder = builder.connection_pool_size(64).pool_timeout(10.0)
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=5))
    app = builder.build()
    backing = None
    if settings.persistence:
        backing = SessionDatabase(settings.persistence, IDLE_SECONDS)
    store = SessionStore(secret=settings.session_secret, backing=backing)
    bot = Bot(Conversation(finder, store, markup="html"))
    app.bot_data["helpfinder"] = bot
    app.add_handler(CommandHandler("start", bot.on_start))
    app.add_handler(MessageHandler(filters.COMMAND, bot.on_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, bot.on_text))
    app.add_handler(CallbackQueryHandler(bot.on_button))
    app.add_handler(MessageHandler(~filters.TEXT & ~filters.COMMAND, bot.on_other))
    app.add_error_handler(bot.on_error)
    return app


def main(args: argparse.Namespace) -> int:
    """Run the bot until stopped; exit 2 without a token."""
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    configure(settings.log_level)
    app = build_application(settings, Finder.load())
    log.info("starting mode=%s", "webhook" if args.webhook else "polling")
    if args.webhook:
        if not settings.webhook_url:
            print(
                "webhook mode needs HELPFINDER_WEBHOOK_URL (the public https URL)", file=sys.stderr
            )
            return 2
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(
            allowed_updates=Update.ALL_TYPES,
            timeout=int(settings.poll_timeout),
            drop_pending_updates=False,
        )
    return 0

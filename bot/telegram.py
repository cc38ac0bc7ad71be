"""`helpfinder bot`: the Telegram adapter (python-telegram-bot v22), polling or webhook."""

from __future__ import annotations

import asyncio
import contextlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot import clock
from bot.apibot import TolerantBot
from bot.conversation import Conversation, Outgoing
from bot.i18n import gettext, negotiate
from bot.lanes import ChatLanes, superseded
from bot.logs import log, quiet_libraries
from bot.persistence import SessionDatabase
from bot.sending import send_with_retry, split_text
from bot.sessions import IDLE_SECONDS, SessionStore
from bot.settings import Settings
from bot.tracking import MessageLog
from flows import messages as m
from flows.events import COMMANDS, Choose, Command, Event, Start, Text, Unsupported, quits
from knowledge.finder import Finder
from knowledge.vocabulary import DEFAULT_LOCALE, LANGUAGES


def command_name(text: str | None) -> str:
    """Return a command's name (`/Exit@helpfinder_bot now` -> `exit`), `help` if unknown."""
    words = (text or "").lstrip("/").split()
    name = words[0].split("@")[0].lower() if words else ""
    return name if name in COMMANDS else "help"


def quick_exit(update: Update) -> bool:
    """Return whether an update is the quick exit (/exit or its button)."""
    if update.callback_query is not None:
        return quits(Choose(str(update.callback_query.data or "")[:64]))
    message = update.effective_message
    if message is None or not filters.COMMAND.check_update(update):
        return False
    return quits(Command(command_name(message.text)))


class Bot:
    """The handlers: Telegram update -> Event -> Conversation -> Telegram messages."""

    def __init__(self, conversation: Conversation, messages: MessageLog | None = None) -> None:
        self.conversation = conversation
        self.messages = messages or MessageLog(conversation.store.key)
        """The ids of each chat's messages of the last 48 hours, for /exit."""
        self.encoder_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encoder")
        """The sentence encoder runs here, one message at a time, off the event loop."""

    def arrive(self, update: object) -> tuple[str | None, bool]:
        """Note a user's message id at once; return the chat's lane key and if it quits."""
        if not isinstance(update, Update) or update.effective_chat is None:
            return None, False
        chat_id = update.effective_chat.id
        if update.effective_message is not None and update.callback_query is None:
            self.messages.add(chat_id, update.effective_message.message_id)
        return self.store.key(chat_id), quick_exit(update)

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
        """Run one event for the update's chat and send what the dialogue answers.

        The chat's lane (bot.lanes) already holds its other updates back.
        """
        chat = update.effective_chat
        if chat is None or superseded():
            return
        user = update.effective_user
        event = await self.meaning(chat.id, event)
        if superseded():  # the quick exit arrived while the encoder read the message
            return
        hint = user.language_code if user else None
        out = self.conversation.handle(chat.id, event, clock.now(), hint)
        log.info(
            "event=%s state=%s replies=%d",
            type(event).__name__,
            self.store.get(chat.id).state.pending if not out.wipe else "wiped",
            len(out.messages),
        )
        if out.wipe:  # the conversation already forgot the session
            await self.wipe(context, chat.id)
        await self.send(context, chat.id, out)

    async def send(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, out: Outgoing) -> None:
        """Send rendered messages with inline keyboards; remember their ids for /exit.

        Once a quick exit has arrived for the chat nothing more is sent.
        """
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
                if sent is None:
                    return
                self.messages.add(chat_id, sent.message_id)

    async def wipe(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
        """Delete every message of the chat's last 48 hours the Bot API lets us delete."""

        async def delete(message_id: int) -> None:
            # older than 48 hours or already gone: nothing more the bot can do
            with contextlib.suppress(TelegramError):
                await context.bot.delete_message(chat_id, message_id)

        ids = self.messages.take(chat_id)
        log.info("wipe messages=%d", len(ids))
        await asyncio.gather(*(delete(i) for i in ids))

    async def on_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        payload = " ".join(context.args or [])[:64]
        await self.dispatch(update, context, Start(payload))

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = update.effective_message.text if update.effective_message else ""
        await self.dispatch(update, context, Command(command_name(text)))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        await self.dispatch(update, context, Text(message.text or "" if message else ""))

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        kind = "other"
        if message is not None:
            kind = next((k for k in MEDIA if getattr(message, k, None)), "other")
        await self.dispatch(update, context, Unsupported(kind))

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        try:  # a late press gets 400 "query is too old": the press still counts
            await query.answer()
        except TelegramError as error:
            log.warning("answer_callback failed error=%s", type(error).__name__)
        await self.dispatch(update, context, Choose(str(query.data or "")[:64]))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer with a translated apology; log the exception type only.

        An error of our own (not the Bot API's) starts the chat afresh, so a state that makes
        the dialogue fail cannot silence the chat for good.
        """
        log.error("error=%s", type(context.error).__name__)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        chat_id = update.effective_chat.id
        user = update.effective_user
        hint = user.language_code if user else None
        if not isinstance(context.error, TelegramError):
            self.store.forget(chat_id)
        try:
            locale = self.conversation.locale(chat_id, hint)
        except Exception as error:  # the apology must not fail where the update failed
            log.error("error=%s while finding the language", type(error).__name__)
            locale = negotiate(hint) or DEFAULT_LOCALE
        try:
            await context.bot.send_message(chat_id, gettext(locale, m.ERROR))
        except TelegramError as error:
            log.error("error=%s while apologising", type(error).__name__)


MEDIA = (
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
"""Message kinds named in the log and answered kindly (text only, please)."""


async def set_commands(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Publish the command menu in each language (and German as the default)."""
    for locale in (*LANGUAGES, None):
        commands = [
            BotCommand(name, gettext(locale or DEFAULT_LOCALE, text))
            for name, text in m.COMMAND_DESCRIPTIONS.items()
        ]
        try:
            await app.bot.set_my_commands(commands, language_code=locale)
        except TelegramError as error:
            log.warning("set_my_commands failed: %s", type(error).__name__)


def api_bot(
    settings: Settings,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> TolerantBot:
    """Return the Bot API client; `request` lets tests record calls."""
    if request is None:
        request = HTTPXRequest(connection_pool_size=64, pool_timeout=10.0)
        updates_request = updates_request or HTTPXRequest()
    return TolerantBot(
        settings.token,
        base_url=settings.base_url or "https://api.telegram.org/bot",
        base_file_url=settings.base_file_url or "https://api.telegram.org/file/bot",
        request=request,
        get_updates_request=updates_request or request,
        rate_limiter=AIORateLimiter(max_retries=5) if rate_limit else None,
    )


def build_application(
    settings: Settings,
    finder: Finder,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Wire the bot: handlers, error handler, one lane per chat; may raise PersistenceError."""
    quiet_libraries()
    database = None
    if settings.persistence:
        database = SessionDatabase(settings.persistence, IDLE_SECONDS)
    store = SessionStore(secret=settings.session_secret, backing=database)
    bot = Bot(Conversation(finder, store, markup="html"), MessageLog(store.key, database))
    app = (
        Application.builder()
        .bot(api_bot(settings, request, updates_request, rate_limit))
        .concurrent_updates(ChatLanes(bot))
        .build()
    )
    app.bot_data["helpfinder"] = bot
    app.add_handler(CommandHandler("start", bot.on_start))
    app.add_handler(MessageHandler(filters.COMMAND, bot.on_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, bot.on_text))
    app.add_handler(CallbackQueryHandler(bot.on_button))
    app.add_handler(MessageHandler(~filters.TEXT & ~filters.COMMAND, bot.on_other))
    app.add_error_handler(bot.on_error)
    return app

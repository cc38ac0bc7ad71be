"""`helpfinder bot`: start-up checks, then polling or the webhook until SIGTERM / SIGINT.

Every failure an operator can fix is one clear line and exit 2 (settings, persistence, the
knowledge base, a rejected token); a Bot API that does not answer is retried with backoff
(bot.apibot.connect), then one line and exit 1. Never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from dataclasses import replace
from typing import Any

from telegram import Update
from telegram.error import InvalidToken

from bot import webhook
from bot.apibot import ApiUnreachable, connect
from bot.kbcache import CacheError, load_finder
from bot.logs import configure, log
from bot.persistence import PersistenceError
from bot.settings import Settings, SettingsError
from bot.telegram import build_application, set_commands

App = Any
"""A python-telegram-bot Application."""


def _stop_event() -> asyncio.Event:
    """Return an event set by SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def serve(app: App, settings: Settings, use_webhook: bool) -> None:
    """Connect (with retries), then take updates until stopped."""
    stop = _stop_event()
    await connect(app.bot, settings.start_attempts)
    async with app:
        await set_commands(app)
        server = None
        if use_webhook:
            secret = settings.webhook_secret or ""
            server = webhook.start(app, settings.webhook_listen, settings.webhook_port, secret)
            await app.bot.set_webhook(
                str(settings.webhook_url), secret_token=secret, allowed_updates=Update.ALL_TYPES
            )
        else:
            await app.updater.start_polling(
                allowed_updates=Update.ALL_TYPES,
                timeout=int(settings.poll_timeout),
                drop_pending_updates=False,
            )
        await app.start()
        log.info("started mode=%s", "webhook" if use_webhook else "polling")
        await stop.wait()
        if server is not None:
            server.stop()
        else:
            await app.updater.stop()
        await app.stop()


def application(settings: Settings) -> tuple[App, Settings]:
    """Build the application; a bad persistence file is fatal unless the operator allows it."""
    finder = load_finder()
    try:
        return build_application(settings, finder), settings
    except PersistenceError as error:
        if not settings.persistence_optional:
            raise
        log.warning("persistence off: the file cannot be used (%s)", error)
        settings = replace(settings, persistence=None)
        return build_application(settings, finder), settings


def main(args: argparse.Namespace) -> int:
    """Run the bot until stopped; one clear line and an exit code on any start-up failure."""
    try:
        settings = Settings.from_env()
        if args.webhook:
            settings.check_webhook()
        configure(settings.log_level)
        app, settings = application(settings)
        asyncio.run(serve(app, settings, args.webhook))
    except (SettingsError, CacheError) as error:
        return _fail(str(error), 2)
    except PersistenceError as error:
        return _fail(
            f"helpfinder: the persistence file cannot be used: {error}. Fix or remove it, or "
            "set HELPFINDER_PERSISTENCE_OPTIONAL=1 to start without persistence",
            2,
        )
    except InvalidToken:
        return _fail("helpfinder: the Bot API rejected TELEGRAM_BOT_TOKEN: check the token", 2)
    except ApiUnreachable as error:
        return _fail(f"helpfinder: {error}; check the network or TELEGRAM_BASE_URL", 1)
    return 0


def _fail(line: str, code: int) -> int:
    print(line, file=sys.stderr)
    return code

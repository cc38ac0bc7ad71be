"""Configuration: one frozen settings object, read once from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


class SettingsError(Exception):
    """A setting is missing or malformed; the message says what to set."""


NO_TOKEN = (
    "helpfinder bot needs a Telegram bot token in TELEGRAM_BOT_TOKEN.\n"
    "Get one from @BotFather in Telegram (/newbot), then run:\n"
    "  TELEGRAM_BOT_TOKEN=123456:ABC... helpfinder bot\n"
    "To try the dialogue without Telegram, run: helpfinder chat"
)


@dataclass(frozen=True)
class Settings:
    """Everything `helpfinder bot` reads from the environment."""

    token: str
    base_url: str | None = None
    base_file_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    session_secret: bytes | None = None
    persistence: str | None = None
    log_level: str = "INFO"
    poll_timeout: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        """Read the settings; raise SettingsError saying what to set."""
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise SettingsError(NO_TOKEN)
        base = env.get("TELEGRAM_BASE_URL") or env.get("TELEGRAM_API_BASE_URL") or None
        file_url = env.get("TELEGRAM_API_FILE_URL") or (
            base.replace("/bot", "/file/bot") if base else None
        )
        try:
            port = int(env.get("HELPFINDER_WEBHOOK_PORT", "8443"))
            timeout = float(env.get("HELPFINDER_POLL_TIMEOUT", "10"))
        except ValueError as error:
            raise SettingsError(
                f"HELPFINDER_WEBHOOK_PORT / HELPFINDER_POLL_TIMEOUT: {error}"
            ) from None
        secret = env.get("HELPFINDER_SESSION_SECRET")
        if env.get("HELPFINDER_PERSISTENCE") and not secret:
            raise SettingsError(
                "HELPFINDER_PERSISTENCE needs HELPFINDER_SESSION_SECRET (a long random string) "
                "so that stored sessions stay keyed by a hash the database alone cannot reverse"
            )
        return cls(
            token=token,
            base_url=base,
            base_file_url=file_url,
            webhook_url=env.get("HELPFINDER_WEBHOOK_URL") or None,
            webhook_listen=env.get("HELPFINDER_WEBHOOK_LISTEN", "127.0.0.1"),
            webhook_port=port,
            webhook_secret=env.get("HELPFINDER_WEBHOOK_SECRET") or None,
            session_secret=secret.encode() if secret else None,
            persistence=env.get("HELPFINDER_PERSISTENCE") or None,
            log_level=env.get("HELPFINDER_LOG_LEVEL", "INFO").upper(),
            poll_timeout=timeout,
        )

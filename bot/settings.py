"""Configuration: one frozen settings object, read once from the environment."""

from __future__ import annotations

import os
import re
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


MIN_SECRET = 32
"""Characters a webhook or session secret must have at least."""
WEBHOOK_SECRET_CHARS = re.compile(r"[A-Za-z0-9_-]{32,256}")
"""What Telegram accepts as a webhook `secret_token`."""
TRUE = ("1", "true", "yes", "on")


def strong(secret: str | None) -> bool:
    """Return whether a secret is long enough (leading and trailing spaces do not count)."""
    return secret is not None and len(secret.strip()) >= MIN_SECRET


def _session_secret(env: Mapping[str, str]) -> bytes | None:
    """Return the session secret; with persistence it must be strong."""
    secret = env.get("HELPFINDER_SESSION_SECRET") or None
    if env.get("HELPFINDER_PERSISTENCE") and not strong(secret):
        raise SettingsError(
            f"HELPFINDER_PERSISTENCE needs HELPFINDER_SESSION_SECRET of at least {MIN_SECRET} "
            "characters (e.g. `openssl rand -hex 32`), so that stored sessions stay keyed by a "
            "hash the database alone cannot reverse"
        )
    if secret is not None and not strong(secret):
        raise SettingsError(
            f"HELPFINDER_SESSION_SECRET is too weak: use at least {MIN_SECRET} characters "
            "(e.g. `openssl rand -hex 32`)"
        )
    return secret.encode() if secret else None


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
    persistence_optional: bool = False
    start_attempts: int = 8
    """How often start-up tries the Bot API (waiting 1, 2, 4 … 30 s between) before exit 1."""
    """Start without persistence (one warning) when the file cannot be used, instead of exit 2."""

    def check_webhook(self) -> None:
        """Raise SettingsError unless webhook mode has a public URL and a strong secret."""
        if not self.webhook_url:
            raise SettingsError("webhook mode needs HELPFINDER_WEBHOOK_URL (the public https URL)")
        if not WEBHOOK_SECRET_CHARS.fullmatch(self.webhook_secret or ""):
            raise SettingsError(
                f"webhook mode needs HELPFINDER_WEBHOOK_SECRET: {MIN_SECRET} to 256 characters "
                "of A-Z, a-z, 0-9, _ and - (e.g. `openssl rand -hex 32`); Telegram sends it "
                "with every update and the bot refuses requests without it"
            )

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
            attempts = max(1, int(env.get("HELPFINDER_START_ATTEMPTS", "8")))
        except ValueError as error:
            raise SettingsError(
                f"HELPFINDER_WEBHOOK_PORT / HELPFINDER_POLL_TIMEOUT / HELPFINDER_START_ATTEMPTS: "
                f"{error}"
            ) from None
        return cls(
            token=token,
            base_url=base,
            base_file_url=file_url,
            webhook_url=env.get("HELPFINDER_WEBHOOK_URL") or None,
            webhook_listen=env.get("HELPFINDER_WEBHOOK_LISTEN", "127.0.0.1"),
            webhook_port=port,
            webhook_secret=env.get("HELPFINDER_WEBHOOK_SECRET") or None,
            session_secret=_session_secret(env),
            persistence=env.get("HELPFINDER_PERSISTENCE") or None,
            log_level=env.get("HELPFINDER_LOG_LEVEL", "INFO").upper(),
            poll_timeout=timeout,
            persistence_optional=env.get("HELPFINDER_PERSISTENCE_OPTIONAL", "").lower() in TRUE,
            start_attempts=attempts,
        )

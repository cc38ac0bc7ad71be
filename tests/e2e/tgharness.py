"""End-to-end harness (from ../shared/telegram-emulator): bot <-> emulator.js <-> simulated users.

    with Emulator() as emu, BotProcess("python my_bot.py", TOKEN, emu):
        async with Session(emu.url, TOKEN) as s:
            user = s.user(1001)
            await user.send("/start")
            menu = await user.reply()
            await user.press(menu, "Banana")      # button text or callback_data
            ...

The bot gets TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL (".../bot") and TELEGRAM_API_FILE_URL
(".../file/bot") in its environment; {token}, {base_url} and {file_url} in its command line
are filled in too.  See README.md.
"""

from __future__ import annotations

import os
import select
import shlex
import subprocess
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
BOT_USER = {"id": 666, "is_bot": True, "first_name": "Test First name", "username": "TestNameBot"}


class Emulator:
    """`node emulator.js` on 127.0.0.1 (free port by default), as a context manager."""

    def __init__(
        self,
        port: int = 0,
        store_timeout: int = 60,
        bot_username: str = "TestNameBot",
        raw: bool = False,
        log=None,
    ):
        self.cmd = [
            "node",
            str(HERE / "emulator.js"),
            "--port",
            str(port),
            "--store-timeout",
            str(store_timeout),
            "--bot-username",
            bot_username,
        ] + (["--raw"] if raw else [])
        self.log = log  # file object for the emulator's stderr (DEBUG=TelegramServer:* output)
        self.proc: subprocess.Popen | None = None
        self.url = ""

    @property
    def bot_base_url(self) -> str:  # PTB: Application.builder().base_url(...); token appended
        return f"{self.url}/bot"

    @property
    def bot_file_url(self) -> str:  # PTB: .base_file_url(...)
        return f"{self.url}/file/bot"

    def start(self, timeout: float = 15) -> Emulator:
        self.proc = subprocess.Popen(
            self.cmd, cwd=HERE, stdout=subprocess.PIPE, stderr=self.log, text=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if select.select([self.proc.stdout], [], [], 0.1)[0]:
                line = self.proc.stdout.readline()
                if line.startswith("READY "):
                    self.url = line.split()[1]
                    return self
                if not line:
                    break
        self.stop()
        raise RuntimeError(f"emulator did not start: {' '.join(self.cmd)}")

    def status(self) -> dict:
        """{"calls": {token: {method: count}}}: Bot API calls the emulator has seen."""
        return httpx.post(f"{self.url}/harness/status").json()["result"]

    def calls(self, token: str) -> dict:
        return self.status()["calls"].get(token, {})

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class BotProcess:
    """The bot under test as a subprocess pointed at the emulator; output goes to `log_path`."""

    def __init__(
        self,
        cmd: str | list[str],
        token: str,
        emulator: Emulator,
        log_path: str | os.PathLike | None = None,
        env: dict | None = None,
        redirect: bool = False,
    ):
        fill = {
            "token": token,
            "base_url": emulator.bot_base_url,
            "file_url": emulator.bot_file_url,
        }
        argv = shlex.split(cmd) if isinstance(cmd, str) else list(cmd)
        self.argv = [a.format(**fill) if "{" in a else a for a in argv]
        self.env = {
            **os.environ,
            **(env or {}),
            "TELEGRAM_BOT_TOKEN": token,
            "TELEGRAM_API_BASE_URL": fill["base_url"],
            "TELEGRAM_API_FILE_URL": fill["file_url"],
            "PYTHONUNBUFFERED": "1",
        }
        if redirect:  # for bots that do not take a base URL: see redirect/sitecustomize.py
            path = [str(HERE / "redirect"), self.env.get("PYTHONPATH", "")]
            self.env["PYTHONPATH"] = os.pathsep.join(p for p in path if p)
        self.token, self.emulator = token, emulator
        self.log_path = Path(log_path) if log_path else HERE / f"bot-{os.getpid()}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60, wait_polling: bool = True) -> BotProcess:
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while wait_polling and not self.emulator.calls(self.token).get("getUpdates"):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"bot did not start polling; log tail:\n{self.log_tail()}")
            time.sleep(0.05)
        return self

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""

    def stop(self, timeout: float = 15) -> int | None:
        """SIGTERM (PTB's run_polling shuts down gracefully on it), then SIGKILL."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def __enter__(self) -> BotProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass
class BotMessage:
    """A message the bot sent, as the emulator stores it (`raw`)."""

    message_id: int
    chat_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: dict | None
    raw: dict

    @classmethod
    def from_stored(cls, stored: dict) -> BotMessage:
        m = stored["message"]
        return cls(
            stored["messageId"],
            int(m["chat_id"]),
            m.get("text"),
            m.get("parse_mode"),
            m.get("reply_markup"),
            stored,
        )

    @property
    def buttons(self) -> list[dict]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def button(self, label: str) -> dict:
        for b in self.buttons:
            if label in (b.get("text"), b.get("callback_data")):
                return b
        raise LookupError(f"no button {label!r} in {self.buttons}")


class Session:
    """HTTP client for the emulator's client API, for one bot token."""

    def __init__(self, url: str, token: str):
        self.url, self.token = url, token
        self.http = httpx.AsyncClient(
            base_url=url, timeout=60, limits=httpx.Limits(max_connections=None)
        )

    def user(self, user_id: int, first_name: str = "Tester", username: str | None = None) -> User:
        return User(self, user_id, first_name, username or f"user{user_id}")

    async def post(self, path: str, data: dict) -> dict:
        r = await self.http.post(path, json=data)
        r.raise_for_status()
        return r.json()

    async def history(self) -> list[dict]:
        """Everything stored for this token (bot and user messages, oldest first)."""
        return (await self.post("/getUpdatesHistory", {"token": self.token}))["result"]

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.http.aclose()


class User:
    """A simulated user in a private chat with the bot (chat id == user id)."""

    def __init__(self, session: Session, user_id: int, first_name: str, username: str):
        self.s, self.id = session, user_id
        self.from_ = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "username": username,
        }
        self.chat = {
            "id": user_id,
            "type": "private",
            "first_name": first_name,
            "username": username,
        }
        self._inbox: deque[BotMessage] = deque()

    async def send(self, text: str | None = None, **fields) -> None:
        """Send a text message; text starting with "/" goes as a command (bot_command entity).
        Other Message fields pass through as given, e.g. send(location={...})."""
        msg = {
            "botToken": self.s.token,
            "from": self.from_,
            "chat": self.chat,
            "date": int(time.time()),
            **({"text": text} if text is not None else {}),
            **fields,
        }
        if text and text.startswith("/"):
            length = len(text.split()[0])
            msg["entities"] = [{"offset": 0, "length": length, "type": "bot_command"}]
        await self.s.post("/sendCommand" if "entities" in msg else "/sendMessage", msg)

    async def press(self, message: BotMessage, button: str) -> None:
        """Press the inline button (by text or callback_data) of a message the bot sent."""
        data = message.button(button)["callback_data"]
        shown = {
            "message_id": message.message_id,
            "date": int(message.raw["time"] // 1000),
            "chat": self.chat,
            "from": BOT_USER,
            "text": message.text,
        }
        if message.reply_markup:
            shown["reply_markup"] = message.reply_markup
        await self.s.post(
            "/sendCallback",
            {"botToken": self.s.token, "from": self.from_, "message": shown, "data": data},
        )

    async def replies(self, count: int = 1, timeout: float = 5.0) -> list[BotMessage]:
        """Wait for the next `count` new messages from the bot to this chat."""
        deadline = time.monotonic() + timeout
        while len(self._inbox) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                got = [m.text for m in self._inbox]
                raise TimeoutError(f"user {self.id}: wanted {count} replies, got {got}")
            res = await self.s.post(
                "/getUpdates", {"token": self.s.token, "chatId": self.id, "timeout": min(left, 10)}
            )
            self._inbox.extend(BotMessage.from_stored(u) for u in res["result"])
        return [self._inbox.popleft() for _ in range(count)]

    async def reply(self, timeout: float = 5.0) -> BotMessage:
        return (await self.replies(1, timeout))[0]

    async def no_reply(self, wait: float = 0.5) -> None:
        """Assert the bot sends nothing more within `wait` seconds."""
        try:
            extra = await self.replies(1, wait)
        except TimeoutError:
            return
        raise AssertionError(f"user {self.id}: unexpected reply {extra[0].text!r}")

    async def message(self, message_id: int) -> BotMessage | None:
        """Current state of a bot message (after edits); None once deleted."""
        for stored in await self.s.history():
            if stored.get("messageId") == message_id and "chat_id" in stored.get("message", {}):
                return BotMessage.from_stored(stored)
        return None

"""A small Bot API of our own that keeps updates until they are confirmed, as Telegram does.

The npm emulator forgets an update once it has delivered it, so it cannot show an update that
blocks polling. This stub keeps every update until a getUpdates call confirms it (offset
greater than its id), records every call, and can fail or delay chosen methods.

    with StubApi() as api:
        api.push({"message": {...}})            # update_id filled in
        api.wait_for("sendMessage")             # the bot answered
        api.calls("deleteMessage")              # parameters of every call, in order
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl

from tests.e2e.localserver import LocalServer, QuietHandler

BOT_USER = {"id": 666, "is_bot": True, "first_name": "Stub", "username": "stub_bot"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _params(body: bytes, kind: str) -> dict[str, Any]:
    """Decode a Bot API request body: JSON, or a form whose values may be JSON."""
    if not body:
        return {}
    if "json" in kind:
        return dict(json.loads(body))
    out: dict[str, Any] = {}
    for key, value in parse_qsl(body.decode(), keep_blank_values=True):
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


class StubApi(LocalServer):
    """The stub server on 127.0.0.1 (a free port unless given)."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self.updates: list[dict[str, Any]] = []
        self.log: list[tuple[str, dict[str, Any]]] = []
        self.failures: dict[str, tuple[int, str]] = {}
        """method -> (HTTP status, description) answered instead of success."""
        self.delays: dict[str, float] = {}
        """method -> seconds to wait before answering (once per call)."""
        self._next_update = 1
        self._next_message = 5000
        self._cond = threading.Condition()

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update (its update_id is given); return the id."""
        with self._cond:
            update_id = self._next_update
            self._next_update += 1
            self.updates.append({"update_id": update_id, **update})
            self._cond.notify_all()
        return update_id

    def calls(self, method: str) -> list[dict[str, Any]]:
        with self._cond:
            return [p for m, p in self.log if m == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 30) -> list[dict[str, Any]]:
        """Wait until `method` was called `count` times; return the calls."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len([1 for m, _ in self.log if m == method]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{method}: wanted {count}, log {[m for m, _ in self.log]}")
                self._cond.wait(left)
        return self.calls(method)

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Return (status, body) for one Bot API call."""
        if method in self.failures:
            status, description = self.failures[method]
            return status, {"ok": False, "error_code": status, "description": description}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method in ("sendMessage", "editMessageText"):
            with self._cond:
                self._next_message += 1
                message_id = self._next_message
            chat = {"id": int(params.get("chat_id", 0)), "type": "private"}
            message = {"message_id": message_id, "date": int(time.time()), "chat": chat}
            return 200, {"ok": True, "result": {**message, "from": BOT_USER, "text": ""}}
        return 200, {"ok": True, "result": True}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + min(timeout, 2.0)
        with self._cond:
            if offset:  # confirms every update below the offset
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self._cond.wait(deadline - time.monotonic())
            return list(self.updates[: int(params.get("limit") or 100)])

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = self.body()
                method = self.path.rsplit("/", 1)[-1]
                params = _params(body, self.headers.get("content-type") or "")
                with stub._cond:
                    stub.log.append((method, params))
                    stub._cond.notify_all()
                time.sleep(stub.delays.pop(method, 0.0))
                self.answer_json(*stub.answer(method, params))

            do_GET = do_POST

        return Handler


def user_message(
    user_id: int, message_id: int, text: str, first_name: str = "Ana", username: str = "ana"
) -> dict[str, Any]:
    """Return the `message` part of an update from a private chat (a command if text is /...)."""
    who = {"id": user_id, "is_bot": False, "first_name": first_name, "username": username}
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": first_name},
        "from": {**who, "language_code": "de"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"message": message}

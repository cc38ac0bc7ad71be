"""An offline Bot API for in-process tests and benchmarks: records calls, answers plausibly."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 777000, "is_bot": True, "first_name": "helpfinder", "username": "helpfinder_bot"}


class RecordingRequest(BaseRequest):
    """A BaseRequest that never touches the network: it records every call and fakes answers."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._ids = itertools.count(10_000)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        self.calls.append((name, params))
        return 200, json.dumps({"ok": True, "result": self._result(name, params)}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT_USER
        if name == "getUpdates":
            return []
        if name in ("sendMessage", "editMessageText"):
            return {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": params.get("chat_id"), "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        return True

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Return the parameters of every call to `method`, in order."""
        return [p for n, p in self.calls if n == method]


class UpdateFactory:
    """Builds Telegram updates as a private chat's user would send them."""

    def __init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)

    def _user(
        self, user_id: int, first_name: str, username: str | None, language: str | None
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language:
            user["language_code"] = language
        return user

    def message(
        self,
        user_id: int,
        text: str | None = None,
        *,
        first_name: str = "Ana",
        username: str | None = None,
        language: str | None = "de",
        extra: dict[str, Any] | None = None,
        edited: bool = False,
    ) -> dict[str, Any]:
        """Return an update dict for a message (text, command, or `extra` such as a sticker)."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": first_name},
            "from": self._user(user_id, first_name, username, language),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                length = len(text.split()[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        message.update(extra or {})
        key = "edited_message" if edited else "message"
        if edited:
            message["edit_date"] = int(time.time())
        return {"update_id": next(self._update_ids), key: message}

    def press(
        self,
        user_id: int,
        data: str,
        *,
        message_id: int = 1,
        first_name: str = "Ana",
        language: str | None = "de",
    ) -> dict[str, Any]:
        """Return an update dict for pressing an inline button with callback data `data`."""
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._update_ids)),
                "chat_instance": "ci",
                "from": self._user(user_id, first_name, None, language),
                "data": data,
                "message": {
                    "message_id": message_id,
                    "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private"},
                    "from": BOT_USER,
                    "text": "…",
                },
            },
        }


def to_update(data: dict[str, Any], bot: Any) -> Update:
    """Turn an update dict into a telegram.Update bound to `bot`."""
    return Update.de_json(data, bot)

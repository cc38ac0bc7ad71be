"""The webhook endpoint: the secret is checked before the body is read, and bodies are bounded.

python-telegram-bot's own webhook server reads the whole body (up to 100 MB) before it checks
the secret. Here the secret header is compared first (in constant time), a request without it
is refused with 403 and its body never read, and no body may exceed MAX_BODY.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from tornado.http1connection import HTTP1Connection
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler, stream_request_body

from bot.apibot import parse_updates
from bot.logs import log

MAX_BODY = 1 << 20
"""Bytes an update may have (Telegram's are a few KB: 4 096 characters of text at most)."""
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def authorised(header: str | None, secret: str) -> bool:
    """Return whether a request carries the webhook secret (compared in constant time)."""
    return header is not None and hmac.compare_digest(header.encode(), secret.encode())


def declared_length(header: str | None) -> int | None:
    """Return a Content-Length header's value, or None when absent or malformed."""
    try:
        return int(header) if header is not None else None
    except ValueError:
        return None


@stream_request_body
class UpdateHandler(RequestHandler):
    """POST /telegram: one update, from Telegram (it sends the secret), into the bot's queue."""

    def initialize(self, secret: str, app: Any) -> None:
        self.secret, self.app = secret, app
        self.body = bytearray()

    def prepare(self) -> None:
        length = declared_length(self.request.headers.get("Content-Length"))
        if self.request.method != "POST":
            self._refuse(405)
        elif not authorised(self.request.headers.get(SECRET_HEADER), self.secret):
            self._refuse(403)
        elif length is not None and length > MAX_BODY:
            self._refuse(413)

    def _refuse(self, status: int) -> None:
        """Answer at once and close: the body is not read."""
        log.warning("webhook refused status=%d", status)
        connection = self.request.connection
        if isinstance(connection, HTTP1Connection):
            connection.set_max_body_size(0)
        self.set_status(status)
        self.set_header("Connection", "close")
        self.finish()

    def data_received(self, chunk: bytes) -> None:
        if self._finished:
            return
        if len(self.body) + len(chunk) > MAX_BODY:
            self._refuse(413)
            return
        self.body += chunk

    async def post(self) -> None:
        try:
            data = json.loads(bytes(self.body))
        except ValueError:
            data = None
        if not isinstance(data, dict):
            self.set_status(400)
            return
        for update in parse_updates([data], self.app.bot):
            await self.app.update_queue.put(update)


def start(app: Any, listen: str, port: int, secret: str) -> HTTPServer:
    """Serve the webhook on listen:port at /telegram; return the server (call .stop())."""
    web = Application([("/telegram", UpdateHandler, {"secret": secret, "app": app})])
    server = HTTPServer(web, max_body_size=MAX_BODY, idle_connection_timeout=60)
    server.listen(port, listen)
    return server

"""A small fault-injecting HTTP proxy between the bot and the Bot API emulator (127.0.0.1 only).

Modes: "pass" forwards; "429" answers Too Many Requests with retry_after; "500"/"502" answer
server errors; "slow" waits longer than the bot's timeouts; `refuse()` closes the port for a
while. Faults apply to a share of sendMessage calls (`rate`), getUpdates keeps flowing unless
`all_methods` is set, so users' messages keep arriving while the bot's answers fail.
"""

from __future__ import annotations

import random
import threading
import time
from http.server import BaseHTTPRequestHandler

import httpx

from tests.e2e.localserver import LocalServer, QuietHandler


class FaultProxy(LocalServer):
    def __init__(self, target: str, seed: int = 7) -> None:
        self.target = target.rstrip("/")
        self.mode = "pass"
        self.rate = 1.0
        self.all_methods = False
        self.retry_after = 1
        self.budget: int | None = None
        """At most this many faults in all (None: no limit)."""
        self.injected: dict[str, int] = {}
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._client = httpx.Client(timeout=70)
        self.port = 0

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                self._forward(b"")

            def do_POST(self) -> None:
                self._forward(self.body())

            _answer = QuietHandler.answer_json

            def _forward(self, body: bytes) -> None:
                method = self.path.rsplit("/", 1)[-1]
                fault = proxy.fault_for(method)
                if fault == "429":
                    return self._answer(
                        429,
                        {
                            "ok": False,
                            "error_code": 429,
                            "description": "Too Many Requests: retry later",
                            "parameters": {"retry_after": proxy.retry_after},
                        },
                    )
                if fault in ("500", "502"):
                    return self._answer(
                        int(fault),
                        {"ok": False, "error_code": int(fault), "description": "Bad Gateway"},
                    )
                if fault == "slow":
                    time.sleep(8)
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type",)}
                try:
                    reply = proxy._client.request(
                        self.command, proxy.target + self.path, content=body, headers=headers
                    )
                except httpx.HTTPError:
                    return self._answer(
                        502, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
                    )
                self.send_response(reply.status_code)
                kind = reply.headers.get("content-type", "application/json")
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(reply.content)))
                self.end_headers()
                self.wfile.write(reply.content)

        return Handler

    def fault_for(self, method: str) -> str | None:
        with self._lock:
            if self.mode == "pass":
                return None
            if not self.all_methods and method != "sendMessage":
                return None
            if self._random.random() >= self.rate:
                return None
            if self.budget is not None and sum(self.injected.values()) >= self.budget:
                return None
            self.injected[self.mode] = self.injected.get(self.mode, 0) + 1
            return self.mode

    def refuse(self, seconds: float) -> None:
        """Close the port (connections refused) for `seconds`, then listen again."""
        self.stop()
        time.sleep(seconds)
        self.start()

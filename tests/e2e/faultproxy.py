"""A small fault-injecting HTTP proxy between the bot and the Bot API emulator (127.0.0.1 only).

Modes: "pass" forwards; "429" answers Too Many Requests with retry_after; "500"/"502" answer
server errors; "slow" waits longer than the bot's timeouts; `refuse()` closes the port for a
while. Faults apply to a share of sendMessage calls (`rate`), getUpdates keeps flowing unless
`all_methods` is set, so users' messages keep arriving while the bot's answers fail.
"""

from __future__ import annotations

import contextlib
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx


class FaultProxy:
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
        self._server: ThreadingHTTPServer | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return None

            def handle(self) -> None:
                # the bot may give up waiting (a timeout we caused on purpose)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().handle()

            def do_GET(self) -> None:
                self._forward(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self._forward(self.rfile.read(length))

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

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

    def start(self) -> FaultProxy:
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def refuse(self, seconds: float) -> None:
        """Close the port (connections refused) for `seconds`, then listen again."""
        self.stop()
        time.sleep(seconds)
        self.start()

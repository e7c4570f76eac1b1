"""A real HTTP proxy in front of a live server that loses one answer: it forwards the first
request to a path, then answers 503 with ``Retry-After`` instead of the server's answer — the
case an idempotency key exists for (the server acted; the client never heard)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx


class Recorder:
    def __init__(self, upstream: str, retry_after: str) -> None:
        self.upstream, self.retry_after = upstream, retry_after
        self.seen: list[tuple[str, str, str | None]] = []  # method, path, Idempotency-Key
        self.failed: set[tuple[str, str]] = set()
        self.lock = threading.Lock()


@contextmanager
def flaky_proxy(upstream: str, retry_after: str = "0") -> Iterator[tuple[str, Recorder]]:
    rec = Recorder(upstream, retry_after)

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            content = self.rfile.read(length) if length else b""
            headers = {
                k: v for k, v in self.headers.items() if k.lower() not in {"host", "connection"}
            }
            upstream = httpx.request(
                self.command, rec.upstream + self.path, headers=headers, content=content
            )
            route = (self.command, self.path.split("?")[0])
            with rec.lock:
                rec.seen.append((*route, self.headers.get("idempotency-key")))
                first = route not in rec.failed
                rec.failed.add(route)
            if first:
                self._reply(503, {"Retry-After": rec.retry_after}, b"")
            else:
                self._reply(upstream.status_code, dict(upstream.headers), upstream.content)

        def _reply(self, status: int, headers: dict[str, str], content: bytes) -> None:
            self.send_response(status)
            skip = {"content-length", "transfer-encoding", "connection", "content-encoding"}
            for k, v in headers.items():
                if k.lower() not in skip:
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", rec
    finally:
        server.shutdown()
        server.server_close()

"""Hostile webhook receivers on raw sockets (what no well-behaved HTTP server would do):
dribbling an answer one byte at a time, accepting and never answering, answering 200 MB,
redirecting. Each records its connections: when, which webhook-id, how long, bytes sent."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace


@dataclass
class Connection:
    accepted_at: float  # monotonic
    webhook_id: str | None = None
    closed_at: float | None = None
    sent: int = 0  # bytes of answer the kernel took from us


def _read_request(conn: socket.socket) -> str | None:
    """Reads one request (headers and body); returns its webhook-id header."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return headers.get("webhook-id")


Behaviour = Callable[[socket.socket, Connection, threading.Event], None]


@dataclass
class HostileServer:
    behaviour: Behaviour
    connections: list[Connection] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stop = threading.Event()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/hook"
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            record = Connection(time.monotonic())
            with self.lock:
                self.connections.append(record)
            threading.Thread(target=self._serve, args=(conn, record), daemon=True).start()

    def _serve(self, conn: socket.socket, record: Connection) -> None:
        try:
            record.webhook_id = _read_request(conn)
            if record.webhook_id is not None:
                self.behaviour(conn, record, self.stop)
        except OSError:
            pass  # the sender hung up: what we are measuring
        finally:
            record.closed_at = time.monotonic()
            conn.close()

    def snapshot(self) -> list[Connection]:
        """Copies of the connections as they are now (closing the server closes the rest)."""
        with self.lock:
            return [replace(c) for c in self.connections]

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def _until_hung_up(conn: socket.socket, stop: threading.Event) -> None:
    """Waits until the sender closes the connection (recv returns b"" or fails)."""
    conn.settimeout(0.2)
    while not stop.is_set():
        try:
            if not conn.recv(1024):
                return
        except TimeoutError:
            continue


def dribbler(interval: float) -> Behaviour:
    """A complete 200 answer, one byte every ``interval`` seconds: each read is quick, the
    answer takes forever (the status line alone ~30 bytes)."""
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"

    def behave(conn: socket.socket, record: Connection, stop: threading.Event) -> None:
        for byte in answer:
            conn.settimeout(interval)  # waiting, but noticing at once when the sender hangs up
            try:
                if not conn.recv(1024):
                    return
            except TimeoutError:
                pass
            if stop.is_set():
                return
            conn.sendall(bytes([byte]))
            record.sent += 1
        _until_hung_up(conn, stop)

    return behave


def silent(conn: socket.socket, record: Connection, stop: threading.Event) -> None:
    """Reads the request, says nothing."""
    _until_hung_up(conn, stop)


def huge(size: int) -> Behaviour:
    """200 OK with a ``size``-byte body, generated as it is sent (never held in memory)."""
    chunk = b"x" * 65536

    def behave(conn: socket.socket, record: Connection, stop: threading.Event) -> None:
        conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n".encode())
        while record.sent < size and not stop.is_set():
            conn.sendall(chunk)  # raises once the sender has dropped the connection
            record.sent += len(chunk)

    return behave


def redirect(location: str) -> Behaviour:
    def behave(conn: socket.socket, record: Connection, stop: threading.Event) -> None:
        conn.sendall(
            f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n"
            "Connection: close\r\n\r\n".encode()
        )

    return behave

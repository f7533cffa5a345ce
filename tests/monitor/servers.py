"""Local servers the monitor's tests (and bench/monitor_bench.py) run against: feeds, a webhook, SMTP.

- :class:`FeedServer`: ``http.server`` in a thread; each path serves a :class:`Route` that tests change
  between polls (body, ETag/Last-Modified handling, status, delay, a slow trickle, a huge body). Every
  request is recorded with its headers.
- :class:`WebhookReceiver`: records each POSTed JSON body with its headers; can fail the next N requests.
- :class:`SmtpSink`: an aiosmtpd server keeping every message.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: bool = True  # send an ETag (hash of the body) and answer If-None-Match with 304
    last_modified: bool = True  # send Last-Modified and answer If-Modified-Since with 304
    delay: float = 0.0  # before the headers
    trickle: float = 0.0  # seconds between chunks of 64 bytes of the body
    huge: int = 0  # stream this many bytes of filler (no Content-Length unless declare)
    declare: bool = True  # send Content-Length
    headers: dict[str, str] = field(default_factory=dict)
    modified_at: float = field(default_factory=time.time)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # silence
        return

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            srv.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                 "at": time.time()})
            route = srv.routes.get(self.path.split("?")[0])
        if route is None:
            self._send(404, b"not found", "text/plain")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.status != 200:
            self._send(route.status, b"error", "text/plain", route.headers)
            return
        etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
        modified = formatdate(route.modified_at, usegmt=True)
        if route.etag and self.headers.get("If-None-Match") == etag:
            self._send(304, b"", None, {"ETag": etag})
            return
        if route.last_modified and not route.etag and self.headers.get("If-Modified-Since") == modified:
            self._send(304, b"", None, {"Last-Modified": modified})
            return
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = etag
        if route.last_modified:
            headers["Last-Modified"] = modified
        if route.huge:
            self._huge(route)
            return
        if route.trickle:
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                for start in range(0, len(route.body), 64):
                    self.wfile.write(route.body[start:start + 64])
                    self.wfile.flush()
                    time.sleep(route.trickle)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        self._send(200, route.body, route.content_type, headers)

    def _huge(self, route: Route) -> None:
        self.send_response(200)
        self.send_header("Content-Type", route.content_type)
        if route.declare:
            self.send_header("Content-Length", str(route.huge))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = (b"<item><title>filler</title></item>" * 2000)[:65536]
        sent = 0
        try:
            while sent < route.huge:
                part = chunk[:min(len(chunk), route.huge - sent)]
                if route.declare:
                    self.wfile.write(part)
                else:
                    self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                sent += len(part)
            if not route.declare:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.lock = threading.Lock()
        self.routes: dict[str, Route] = {}
        self.requests: list[dict[str, Any]] = []


class FeedServer:
    """Serves :class:`Route` objects at paths; ``url(path)`` gives their address."""

    def __init__(self) -> None:
        self.server = _Server(_Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: bytes | str = b"", **options: Any) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)
        with self.server.lock:
            self.server.routes[path] = route
        return route

    def requests(self, path: str | None = None) -> list[dict[str, Any]]:
        with self.server.lock:
            return [r for r in self.server.requests if path is None or r["path"].split("?")[0] == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _WebhookHandler(BaseHTTPRequestHandler):
    server: _WebhookServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        srv = self.server
        with srv.lock:
            if srv.fail_next > 0:
                srv.fail_next -= 1
                srv.failures += 1
                status = 503
            else:
                status = 200
                srv.received.append({"headers": {k.lower(): v for k, v in self.headers.items()},
                                     "json": json.loads(body.decode("utf-8")), "at": time.time()})
        payload = b'{"ok": true}' if status == 200 else b'{"ok": false}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class _WebhookServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _WebhookHandler)
        self.lock = threading.Lock()
        self.received: list[dict[str, Any]] = []
        self.fail_next = 0
        self.failures = 0


class WebhookReceiver:
    """Keeps each alert POSTed to ``url``; ``fail(n)`` answers the next n requests with 503."""

    def __init__(self) -> None:
        self.server = _WebhookServer()
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hook"

    def fail(self, n: int) -> None:
        with self.server.lock:
            self.server.fail_next = n

    @property
    def received(self) -> list[dict[str, Any]]:
        with self.server.lock:
            return list(self.server.received)

    @property
    def failures(self) -> int:
        with self.server.lock:
            return self.server.failures

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.time() + timeout
        while time.time() < deadline:
            got = self.received
            if len(got) >= count:
                return got
            time.sleep(0.02)
        return self.received

    def clear(self) -> None:
        with self.server.lock:
            self.server.received.clear()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpSink:
    """An SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it is sent."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[dict[str, Any]] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                sink.envelopes.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos)})
                sink.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
                return "250 Message accepted for delivery"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()

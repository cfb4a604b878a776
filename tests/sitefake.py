"""A throwaway web site on 127.0.0.1 for fetch tests: each path answers as a test tells it to."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    declared_length: int | None = None  # a Content-Length larger than the body: cut short


Route = Callable[[BaseHTTPRequestHandler], Reply]


class FakeSite:
    """Serves `routes` (path without query -> Reply or function of the request)."""

    def __init__(self):
        self.routes: dict[str, Reply | Route] = {"/robots.txt": Reply(404)}
        self.requests: list[tuple[str, dict]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                site.requests.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path.split("?")[0], Reply(404, b"not here"))
                reply = route(self) if callable(route) else route
                time.sleep(reply.delay)
                self.send_response(reply.status)
                length = reply.declared_length or len(reply.body)
                self.send_header("Content-Length", str(length))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda *args: None  # a client that gave up is expected here
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def refused_url() -> str:
    """An address on which nothing listens: connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"

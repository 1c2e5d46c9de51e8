"""A web server on 127.0.0.1 in a thread, for the tests that download a page: never the internet.

Each path is one behaviour a real site can have: a page, a redirect, a 404,
a file over the size limit, a server that never answers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple


class Reply(NamedTuple):
    """What the server sends for a path: a status, headers and a body (or a body of ``stream`` bytes)."""

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    stream: int = 0
    hang: bool = False
    drip: int = 0  # then this many bytes, one each tenth of a second


@contextmanager
def serving(replies: dict[str, Reply]) -> Iterator[str]:
    """Serve ``replies`` by path; yield the server's address, e.g. ``http://127.0.0.1:PORT``."""
    released = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            reply = replies.get(self.path.split("?")[0])
            if reply is None:
                self.send_error(404, "Not Found")
                return
            if reply.hang:
                released.wait(120)
                return
            self.send_response(reply.status)
            for key, value in reply.headers:
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(reply.body)
            for _ in range(reply.drip):
                if released.wait(0.1):
                    return
                self.wfile.write(b"x")
                self.wfile.flush()
            sent = 0
            while sent < reply.stream:
                self.wfile.write(b"x" * 65536)
                sent += 65536

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        released.set()
        server.shutdown()
        server.server_close()

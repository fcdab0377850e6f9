"""A scripted HTTP server on 127.0.0.1 for the attack tests: each path answers with what the
test says (any method), and every request is recorded with its headers, so a test can tell
what the server under attack sent where (a password, a request to an internal path)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    reason: str | None = None  # a reason phrase of the server's own


@dataclass(frozen=True)
class Asked:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Scripted:
    port: int
    replies: dict[str, Reply]  # path -> reply; a test may change them while the server runs
    asked: list[Asked]

    def url(self, path: str, host: str = "localhost") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [a.path for a in self.asked]


@contextmanager
def scripted_server(replies: dict[str, Reply]) -> Iterator[Scripted]:
    """The server, answering 404 to a path it has no reply for."""
    state = Scripted(0, replies, [])

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            state.asked.append(Asked(self.command, self.path, dict(self.headers.items())))
            reply = state.replies.get(self.path, Reply(404, b"no such path"))
            self.send_response(reply.status, reply.reason)
            for name, value in reply.headers.items():
                self.send_header(name, value.replace("{port}", str(state.port)))
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PROPFIND = do_REPORT = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()

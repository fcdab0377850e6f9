"""The stand-in's HTTP layer: an HTTPS server on 127.0.0.1 (a free port) and a tiny router.

Handlers get a `Request` and return a `Response`; `Fault`s set up by a test answer in their
place (a 500 on the third POST, a 429 with Retry-After), before or after the handler ran.
"""

from __future__ import annotations

import json
import re
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .tls import TlsFiles


@dataclass
class Request:
    method: str
    path: str  # percent-decoded, without the query
    query: dict[str, str]
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode()))

    def prefer(self, name: str) -> str | None:
        """A `Prefer` preference's value: `outlook.timezone="X"` -> X."""
        for part in self.headers.get("prefer", "").split(","):
            key, _, value = part.strip().partition("=")
            if key.strip().lower() == name.lower():
                return value.strip().strip('"')
        return None


@dataclass
class Response:
    status: int
    body: Any = None  # JSON-able, or bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    """Answer the `nth` matching request (and the `times - 1` after it) with `response`;
    with `after`, only once the handler has done its work (a reply lost on the way)."""

    method: str
    path: re.Pattern[str]
    response: Response
    nth: int = 1
    times: int = 1
    after: bool = False
    seen: int = 0

    def applies(self, request: Request) -> bool:
        if request.method != self.method or not self.path.search(request.path):
            return False
        self.seen += 1
        return self.nth <= self.seen < self.nth + self.times


Handler = Callable[[Request, re.Match[str]], Response]


class Router:
    def __init__(self) -> None:
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self.faults: list[Fault] = []
        self.seen: list[tuple[str, str, int]] = []  # method, path, status: what a test checks
        self.lock = threading.Lock()

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        self.routes.append((method, re.compile(pattern), handler))

    def dispatch(self, request: Request) -> Response:
        with self.lock:
            faults = [f for f in self.faults if f.applies(request)]
        early = next((f for f in faults if not f.after), None)
        response = early.response if early else self._route(request)
        late = next((f for f in faults if f.after), None)
        response = late.response if late and not early else response
        with self.lock:
            self.seen.append((request.method, request.path, response.status))
        return response

    def _route(self, request: Request) -> Response:
        for method, pattern, handler in self.routes:
            match = pattern.fullmatch(request.path)
            if method == request.method and match:
                return handler(request, match)
        return Response(404, {"error": {"code": "UnknownUrl", "message": f"No route for {request.path}"}})


def serve(router: Router, tls: TlsFiles) -> tuple[ThreadingHTTPServer, str]:
    """Start serving in a daemon thread; the caller shuts the server down."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                self.command,
                unquote(url.path),
                dict(parse_qsl(url.query, keep_blank_values=True)),
                {k.lower(): v for k, v in self.headers.items()},
                self.rfile.read(length),
            )
            self._answer(router.dispatch(request))

        do_GET = do_POST = do_PATCH = do_DELETE = _handle

        def _answer(self, response: Response) -> None:
            body = (
                response.body
                if isinstance(response.body, bytes)
                else (b"" if response.body is None else json.dumps(response.body).encode())
            )
            self.send_response(response.status)
            if body and "Content-Type" not in response.headers:
                self.send_header("Content-Type", "application/json; odata.metadata=minimal")
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the test output stays readable; `router.seen` keeps the record

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tls.certificate, tls.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server, f"https://127.0.0.1:{server.server_address[1]}"

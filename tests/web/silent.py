"""A server on loopback that accepts connections and never answers: a feed that takes for ever.
It tells when a connection was opened, and when the other end dropped it (its process died)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Silent:
    port: int
    opened: threading.Event = field(default_factory=threading.Event)
    dropped: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str = "/calendar.ics") -> str:
        return f"http://localhost:{self.port}{path}"


@contextmanager
def silent_server() -> Iterator[Silent]:
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    state = Silent(listener.getsockname()[1])

    def hold(connection: socket.socket) -> None:
        with connection:
            state.opened.set()
            try:
                while connection.recv(65536):  # the request, then nothing until it is dropped
                    pass
            except OSError:
                pass
            state.dropped.set()

    def accept() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=hold, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield state
    finally:
        listener.close()

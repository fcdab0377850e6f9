"""A `requests` session on the guarded path, for the CalDAV client (python-caldav speaks
`requests`): every request it makes, authentication rounds included, is one
`guarded.exchange` (resolved, checked, pinned, size and time limits), and a redirect is
refused, not followed, so a CalDAV server a client names cannot lead the server inward.

Also: no proxy and no `~/.netrc` from the environment (`trust_env` off): requests would
otherwise send a netrc `default` password to any host; credentials come from
`connectors.caldav.address` alone. Answers are asked for uncompressed (`identity`): the body
is read, limited, exactly as it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

from .fetch import shown_url
from .guarded import REDIRECTS, FeedPolicy, FeedRefused, exchange, status_text


class GuardedAdapter(BaseAdapter):
    """Sends each request through `exchange`, all within one deadline from its making."""

    def __init__(self, policy: FeedPolicy, origin: str) -> None:
        super().__init__()
        self.policy, self.origin = policy, origin
        self.deadline = time.monotonic() + policy.timeout

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout: Any = None,
             verify: Any = True, cert: Any = None,
             proxies: Mapping[str, str] | None = None) -> requests.Response:
        body = request.body.encode() if isinstance(request.body, str) else request.body
        headers = {**request.headers, "Accept-Encoding": "identity"}
        answer = exchange(request.method or "GET", request.url or "", self.policy, self.deadline,
                          origin=self.origin, body=body, headers=headers)
        if answer.status in REDIRECTS:
            raise FeedRefused(shown_url(self.origin), f"the server answered {status_text(answer.status)}, "
                                                      "a redirect, which rhythm does not follow here: give "
                                                      "the calendar's own address")
        response = requests.Response()
        response.status_code = answer.status
        response.reason = status_text(answer.status).partition(" ")[2].partition(" ")[2]
        names = dict.fromkeys(answer.headers.keys())
        response.headers = CaseInsensitiveDict({n: ", ".join(answer.headers.get_all(n) or ()) for n in names})
        response._content = answer.body
        response._content_consumed = True  # type: ignore[attr-defined]  # requests' own flag; not in its stubs
        response.encoding = get_encoding_from_headers(response.headers)
        response.url, response.request = request.url or "", request
        # The stubs say HTTPAdapter; requests puts whichever adapter sent the request here.
        response.connection = self  # type: ignore[assignment]  # an auth handler (Digest) sends its second round through it
        return response

    def close(self) -> None:
        pass  # every exchange closes its own connection


def guarded_session(session: requests.Session, policy: FeedPolicy, origin: str) -> None:
    """Make `session` send everything through the guarded path, for the address `origin`."""
    adapter = GuardedAdapter(policy, origin)
    session.trust_env = False
    session.max_redirects = 0
    for prefix in ("http://", "https://"):
        session.mount(prefix, adapter)

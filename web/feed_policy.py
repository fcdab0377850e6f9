"""Which calendar addresses the server fetches for its clients (connectors/feeds/guarded.py):
public hosts only, unless an administrator allows a named host (`RHYTHM_ALLOWED_FEED_HOSTS`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from connectors.feeds.fetch import FEED_SCHEMES
from connectors.feeds.guarded import FeedPolicy, check_feed_address
from connectors.sources import scheme_of
from scheduler.errors import Problem


def feed_policy(config: Mapping[str, Any]) -> FeedPolicy:
    return FeedPolicy(allowed_hosts=frozenset(config["ALLOWED_FEED_HOSTS"]),
                      max_bytes=config["FEED_MAX_BYTES"], max_redirects=config["FEED_MAX_REDIRECTS"],
                      timeout=config["FEED_TIMEOUT"])


def address_problems(data: Any, config: Mapping[str, Any],
                     only: int | None = None) -> Iterator[Problem]:
    """Each member calendar address the server may not fetch, named by its field: said when the
    request comes in (of every member, or the one at `only`), checked again when the job connects."""
    policy = feed_policy(config)
    members = data.get("members") if isinstance(data, dict) else None
    for i, member in enumerate(members if isinstance(members, list) else []):
        if only is not None and i != only:
            continue
        calendars = member.get("calendars") if isinstance(member, dict) else None
        for j, ref in enumerate(calendars if isinstance(calendars, list) else []):
            if not isinstance(ref, str) or scheme_of(ref) not in (*FEED_SCHEMES, "caldav"):
                continue
            url = ref.partition(":")[2] if scheme_of(ref) == "caldav" else ref
            refused = check_feed_address(url, policy)
            if refused:
                yield Problem(f"members[{i}].calendars[{j}]", refused)

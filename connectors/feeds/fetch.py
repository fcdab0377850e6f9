"""Fetch an iCalendar feed (`https://`, `http://`, `webcal://`) over HTTP."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from scheduler.errors import CalendarError

FEED_SCHEMES = ("https", "http", "webcal", "webcals")
TIMEOUT_SECONDS = 20.0
_USER_AGENT = "rhythm/0.1 (team week planner; reads calendar feeds)"


def fetch_feed(url: str, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The feed's body; a CalendarError naming the feed if it cannot be had in `timeout`."""
    # Here, not at the top: with http.client, email and ssl they took a tenth of `rhythm check`.
    import urllib.error
    import urllib.request

    headers = {"User-Agent": _USER_AGENT, "Accept": "text/calendar, */*"}
    try:
        request = urllib.request.Request(http_url(url), headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        error.close()  # it holds the open response
        raise CalendarError(shown_url(url), f"the feed answered HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _timed_out(url, timeout) from error
        raise CalendarError(shown_url(url), f"cannot fetch the feed: {error.reason}") from error
    except TimeoutError as error:
        raise _timed_out(url, timeout) from error
    except OSError as error:  # the connection broke off while reading
        raise CalendarError(shown_url(url), f"cannot fetch the feed: {error}") from error
    except ValueError as error:
        raise CalendarError(shown_url(url), f"not a feed address: {error}") from error


def _timed_out(url: str, timeout: float) -> CalendarError:
    return CalendarError(shown_url(url), f"the feed did not answer within {timeout:g} seconds")


def http_url(url: str) -> str:
    """webcal:// is how calendar apps ask to subscribe; on the wire it is HTTPS."""
    parts = urlsplit(url)
    if parts.scheme.lower() in ("webcal", "webcals"):
        return urlunsplit(("https", *parts[1:]))
    return url


def shown_url(url: str) -> str:
    """The feed's address as errors show it: without a user:password or query string,
    which may carry a secret token and end up in logs or an API response."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    query = "..." if parts.query else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))

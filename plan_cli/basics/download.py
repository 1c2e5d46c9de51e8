"""Downloading a page a person names by its address: bounded in size, time and redirects.

Only ``http://`` and ``https://`` addresses are fetched (a ``file://`` or
``ftp://`` address, or a redirect to one, is refused: a page on the web
must not make the tool read a local file). A download stops, with the reason
in words, at the first of:

- more than ``limit`` bytes (the ``Content-Length`` says so before anything
  is read; a server that sends no length is cut off one byte past the limit);
- a wait of more than ``timeout`` seconds for the server (connecting, and
  each read), or more than four times that for the whole download;
- more than :data:`MAX_REDIRECTS` redirects.

The standard library's urllib does the HTTP; redirects are followed here, one
by one, so that each new address is checked before it is asked for.
"""

from __future__ import annotations

import re
import socket
import time
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from email.message import Message

MAX_REDIRECTS = 5
_SCHEMES = ("http", "https")
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_USER_AGENT = "plan-cli (reading a published action plan)"


class Unfetchable(Exception):
    """An address that could not be downloaded; ``str()`` is why, worded to follow the address."""


class Downloaded(NamedTuple):
    """What a server sent: the bytes, the address they came from after redirects, and their media type."""

    data: bytes
    address: str
    media_type: str
    charset: str | None


def is_address(text: str) -> bool:
    """True when ``text`` is written as an address (``scheme://...``), not a file's path."""
    return bool(_ADDRESS.match(text))


def download(address: str, limit: int, timeout: float) -> Downloaded:
    """Return what the server at ``address`` sends; raise Unfetchable saying why it cannot be had.

    ``limit`` is the most bytes accepted; ``timeout`` the most seconds to wait
    for the server at each step (the whole download may take four times that).
    """
    import urllib.error
    import urllib.request

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        """Hand every redirect back as an HTTPError, so the new address is checked before it is asked for."""

        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    deadline = time.monotonic() + 4 * timeout
    opener = urllib.request.build_opener(NoRedirects())
    current = _checked(address, address)
    for _ in range(MAX_REDIRECTS + 1):
        request = urllib.request.Request(
            current, headers={"User-Agent": _USER_AGENT, "Accept-Encoding": "identity"}
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                data = _body(response, limit, deadline, timeout)
                media_type, charset = _content_type(response.headers)
                return Downloaded(data, response.geturl() or current, media_type, charset)
        except urllib.error.HTTPError as error:
            with error:
                if error.code not in _REDIRECTS:
                    raise Unfetchable(
                        f"the server answered {error.code} {error.reason}; check the address in a browser"
                    ) from None
                location = error.headers.get("Location")
            if not location:
                raise Unfetchable(f"the server answered {error.code} but named no new address") from None
            current = _checked(urljoin(current, location), address)
        except urllib.error.URLError as error:
            raise Unfetchable(f"cannot be fetched: {_why(error.reason, timeout)}") from None
        except TimeoutError:
            raise Unfetchable(_late(timeout)) from None
        except OSError as error:
            raise Unfetchable(f"cannot be fetched: {_why(error, timeout)}") from None
    raise Unfetchable(f"redirects more than {MAX_REDIRECTS} times; give the page's own address")


def _checked(address: str, given: str) -> str:
    parts = urlsplit(address)
    scheme = parts.scheme.lower()
    if parts.username is not None or parts.password is not None:
        raise Unfetchable(
            "carries a user name or password; only public pages are fetched, and the address is "
            "written into the plan"
        )
    if scheme in _SCHEMES and parts.hostname:
        return address
    if address == given:
        if scheme in _SCHEMES:
            raise Unfetchable(
                "names no host; give the page's whole address, e.g. https://www.example.org/plan"
            )
        raise Unfetchable(
            f"{scheme or 'this kind of'}:// addresses are not fetched, only http:// and https:// ones "
            "(for a file on this computer, give its path)"
        )
    raise Unfetchable(f"redirects to {address!r}; only http:// and https:// addresses are followed")


def _body(response: Any, limit: int, deadline: float, timeout: float) -> bytes:
    length = response.headers.get("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > limit:
        raise Unfetchable(f"is {int(length) / 1024 / 1024:.1f} MB; {_too_large(limit)}")
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise Unfetchable(f"is over {limit // 1024 // 1024} MB; {_too_large(limit)}")
        if time.monotonic() > deadline:
            raise Unfetchable(_late(timeout, whole=True))
        chunks.append(chunk)


def _too_large(limit: int) -> str:
    return f"a published plan is at most {limit // 1024 // 1024} MB. Is this the right address?"


def _late(timeout: float, whole: bool = False) -> str:
    if whole:
        return f"took more than {_seconds(4 * timeout)} to download; try again later, or raise --timeout"
    return f"the server did not answer within {_seconds(timeout)}; try again later, or raise --timeout"


def _seconds(count: float) -> str:
    return f"{count:g} second" if count == 1 else f"{count:g} seconds"


def _why(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return _late(timeout)
    if isinstance(reason, socket.gaierror):
        return "no such host (check the address, and that this computer is online)"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection (check the address)"
    said = getattr(reason, "strerror", None) or str(reason)
    return str(said)


def _content_type(headers: Message) -> tuple[str, str | None]:
    media_type = (headers.get_content_type() or "").lower()
    charset = headers.get_content_charset()
    return media_type, charset.lower() if charset else None

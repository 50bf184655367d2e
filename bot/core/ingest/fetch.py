"""Fetching articles and feeds over HTTP, politely and defensively.

Redirects are followed by hand so that every hop goes through the SSRF guard; the body
is read in chunks and abandoned as soon as it passes the size cap; only content types
that can hold an article or a feed are read at all.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from types import TracebackType

import aiohttp
from yarl import URL

from bot.core.ingest.errors import FetchError
from bot.core.ingest.ssrf import SSRFGuard, guarded_session
from bot.settings import Settings

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
XML_TYPES = frozenset({"application/xml", "text/xml"})
ACCEPTED_TYPES = HTML_TYPES | TEXT_TYPES | FEED_TYPES | XML_TYPES
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)
_CHUNK = 64 * 1024


def human_size(n: int) -> str:
    """``5 MB``, ``300 KB`` or ``900 bytes``: how a limit reads in an error message."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def human_seconds(seconds: float) -> str:
    return f"{seconds:g} s"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A fetched document; ``status`` 304 means the caller's copy is current (empty body)."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES

    @property
    def is_feed_type(self) -> bool:
        return self.content_type in FEED_TYPES

    def text(self) -> str:
        """The body decoded with the declared charset, UTF-8 otherwise (bad bytes replaced)."""
        for encoding in (self.charset, "utf-8"):
            if not encoding:
                continue
            try:
                return self.body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
        return self.body.decode("utf-8", errors="replace")


class Fetcher:
    """Fetches http(s) URLs through the SSRF guard, with timeouts and a size cap.

    Pass a session made by :func:`guarded_session` (or none: the fetcher makes one and
    closes it) so that connections go only to addresses the guard checked.
    """

    def __init__(
        self,
        settings: Settings,
        session: aiohttp.ClientSession | None = None,
        *,
        guard: SSRFGuard | None = None,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.settings = settings
        self.guard = guard or SSRFGuard(settings)
        self._session = session
        self._owns_session = session is None
        self.max_redirects = max_redirects

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session if the fetcher made it; safe to call twice."""
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = guarded_session(self.settings, self.guard)
            self._owns_session = True
        return self._session

    async def fetch(
        self, url: str, *, etag: str | None = None, modified: str | None = None
    ) -> FetchResult:
        """GET ``url``; raise :class:`FetchError` with a short reason on any failure."""
        seconds = self.settings.fetch_timeout
        try:
            async with asyncio.timeout(seconds):
                return await self._fetch(url, etag=etag, modified=modified)
        except TimeoutError:
            raise FetchError(f"timed out after {human_seconds(seconds)}") from None

    async def _fetch(self, url: str, *, etag: str | None, modified: str | None) -> FetchResult:
        session = self._get_session()
        headers = {"User-Agent": self.settings.user_agent, "Accept": _ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        seconds = self.settings.fetch_timeout
        timeout = aiohttp.ClientTimeout(total=seconds, sock_connect=seconds, sock_read=seconds)
        current = await self.guard.check_url(url)
        for _hop in range(self.max_redirects + 1):
            try:
                async with session.get(
                    current, headers=headers, allow_redirects=False, timeout=timeout
                ) as response:
                    if response.status in _REDIRECTS:
                        current = await self._next_hop(current, response)
                        continue
                    return await self._read(current, response)
            except FetchError:
                raise
            except TimeoutError:
                raise FetchError(f"timed out after {human_seconds(seconds)}") from None
            except aiohttp.ClientError as exc:
                raise FetchError(_client_error_reason(exc, current)) from None
        raise FetchError(f"too many redirects (more than {self.max_redirects})")

    async def _next_hop(self, current: URL, response: aiohttp.ClientResponse) -> URL:
        location = response.headers.get("Location", "").strip()
        if not location:
            raise FetchError(f"HTTP {response.status} redirect without a Location")
        try:
            target = current.join(URL(location))
        except (ValueError, TypeError):
            raise FetchError(f"bad redirect target: {location[:80]}") from None
        return await self.guard.check_url(target.with_fragment(None))

    async def _read(self, url: URL, response: aiohttp.ClientResponse) -> FetchResult:
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if response.status == 304:
            return FetchResult(str(url), 304, "", None, b"", etag, last_modified)
        if not 200 <= response.status < 300 or response.status == 204:
            raise FetchError(f"HTTP {response.status}")
        content_type = response.content_type.lower() if "Content-Type" in response.headers else ""
        if content_type and content_type not in ACCEPTED_TYPES:
            raise FetchError(f"not an article (content type {content_type})")
        cap = self.settings.fetch_max_bytes
        too_large = f"too large (over {human_size(cap)})"
        if response.content_length is not None and response.content_length > cap:
            raise FetchError(too_large)
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.content.iter_chunked(_CHUNK):
            total += len(chunk)
            if total > cap:
                raise FetchError(too_large)
            chunks.append(chunk)
        return FetchResult(
            url=str(url),
            status=response.status,
            content_type=content_type,
            charset=response.charset,
            body=b"".join(chunks),
            etag=etag,
            last_modified=last_modified,
        )


def _client_error_reason(exc: aiohttp.ClientError, url: URL) -> str:
    cause = exc.__cause__
    if isinstance(cause, FetchError):
        return cause.reason
    if isinstance(exc, aiohttp.InvalidURL):
        return f"not a valid web address: {str(url)[:80]}"
    if isinstance(exc, aiohttp.ClientConnectorError):
        reason = exc.os_error.strerror or str(exc.os_error) or "connection failed"
        return f"could not connect to {url.host} ({reason.lower()})"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "the server broke off the download"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the server closed the connection"
    return f"network error ({type(exc).__name__})"


__all__ = [
    "ACCEPTED_TYPES",
    "FEED_TYPES",
    "HTML_TYPES",
    "MAX_REDIRECTS",
    "TEXT_TYPES",
    "XML_TYPES",
    "FetchResult",
    "Fetcher",
    "human_size",
]

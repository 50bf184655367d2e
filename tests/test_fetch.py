"""The fetcher: redirects, size cap, timeouts, HTTP errors, content types, conditional GET."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.core.ingest.errors import FetchError
from bot.core.ingest.fetch import Fetcher
from tests.fixtures.ingest.support import LOCAL, Site, fixture_bytes, serve


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    site = Site()
    site.page("/news/library", fixture_bytes("library.html"))
    site.page("/image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")

    async def redirect(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        raise web.HTTPFound(f"/hop/{n + 1}")

    async def hop_to_article(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("../news/library#top")

    async def to_file(request: web.Request) -> web.Response:
        raise web.HTTPFound("file:///etc/passwd")

    site.route("/hop/{n}", redirect)
    site.route("/to-file", to_file)
    site.route("/moved/here", hop_to_article)
    async with serve(site):
        yield site


async def test_fetches_a_page_with_our_user_agent(site: Site) -> None:
    async with Fetcher(LOCAL) as fetcher:
        result = await fetcher.fetch(site.url("/news/library"))
    assert result.status == 200
    assert result.content_type == "text/html"
    assert b"Library to stay open on Sundays" in result.body
    assert site.requests[-1].headers["User-Agent"] == LOCAL.user_agent


async def test_follows_a_relative_redirect_and_reports_the_final_url(site: Site) -> None:
    async with Fetcher(LOCAL) as fetcher:
        result = await fetcher.fetch(site.url("/moved/here"))
    assert result.url == site.url("/news/library")
    assert b"Greenfield public library" in result.body


async def test_at_most_five_redirects(site: Site) -> None:
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(site.url("/hop/0"))
    assert str(caught.value) == "too many redirects (more than 5)"
    assert sum(n for path, n in site.hits.items() if path.startswith("/hop/")) == 6


async def test_http_error_status(site: Site) -> None:
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(site.url("/no/such/page"))
    assert str(caught.value) == "HTTP 404"


async def test_wrong_content_type_is_not_read(site: Site) -> None:
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(site.url("/image.png"))
    assert str(caught.value) == "not an article (content type image/png)"


async def test_size_cap_is_enforced_while_streaming() -> None:
    site = Site()
    sent = 0
    stopped = asyncio.Event()

    async def endless(request: web.Request) -> web.StreamResponse:
        nonlocal sent
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            for _ in range(1000):  # would be 64 MB; the client gives up long before
                await response.write(b"<p>" + b"x" * 65_530 + b"</p>")
                sent += 1
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            stopped.set()
        return response

    site.route("/huge", endless)
    settings = LOCAL.replace(fetch_max_bytes=256 * 1024)
    async with serve(site), Fetcher(settings) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(site.url("/huge"))
        await fetcher.close()
        await stopped.wait()
    assert str(caught.value) == "too large (over 256 KB)"
    assert sent < 1000


async def test_declared_length_over_the_cap_is_refused_before_reading() -> None:
    site = Site()
    site.page("/big", b"<html><body>" + b"a" * 20_000 + b"</body></html>")
    async with serve(site), Fetcher(LOCAL.replace(fetch_max_bytes=10_000)) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(site.url("/big"))
    assert str(caught.value) == "too large (over 9.8 KB)"


async def test_timeout_gives_a_clear_reason() -> None:
    site = Site()
    never = asyncio.Event()

    async def stuck(_request: web.Request) -> web.Response:
        await never.wait()
        return web.Response(text="too late")

    site.route("/stuck", stuck)
    settings = LOCAL.replace(fetch_timeout=0.2)
    try:
        async with serve(site), Fetcher(settings) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.fetch(site.url("/stuck"))
            never.set()  # let the handler finish so the server shuts down at once
    finally:
        never.set()
    assert str(caught.value) == "timed out after 0.2 s"


async def test_conditional_get_returns_not_modified() -> None:
    site = Site()
    body = fixture_bytes("feed.xml")

    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304, headers={"ETag": '"v1"'})
        return web.Response(
            body=body,
            content_type="application/rss+xml",
            headers={"ETag": '"v1"', "Last-Modified": "Fri, 12 Apr 2024 11:00:00 GMT"},
        )

    site.route("/feed.xml", feed)
    async with serve(site), Fetcher(LOCAL) as fetcher:
        first = await fetcher.fetch(site.url("/feed.xml"))
        second = await fetcher.fetch(
            site.url("/feed.xml"), etag=first.etag, modified=first.last_modified
        )
    assert (first.status, first.etag, first.last_modified) == (
        200,
        '"v1"',
        "Fri, 12 Apr 2024 11:00:00 GMT",
    )
    assert second.not_modified and second.body == b""
    assert site.requests[-1].headers["If-Modified-Since"] == "Fri, 12 Apr 2024 11:00:00 GMT"


async def test_connection_refused_is_a_clear_error() -> None:
    site = Site()
    async with serve(site):
        url = site.url("/gone")
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(url)
    assert str(caught.value).startswith("could not connect to 127.0.0.1")


async def test_redirect_to_another_scheme_is_refused(site: Site) -> None:
    async with Fetcher(LOCAL) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(site.url("/to-file"))
    assert str(caught.value) == "refused: only http and https links are fetched, not file:"


async def test_exactly_five_redirects_are_followed() -> None:
    async def five(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        if n == 5:
            raise web.HTTPFound("/news/library")
        raise web.HTTPFound(f"/five/{n + 1}")

    extra = Site()
    extra.route("/five/{n}", five)
    extra.page("/news/library", fixture_bytes("library.html"))
    async with serve(extra), Fetcher(LOCAL) as fetcher:
        result = await fetcher.fetch(extra.url("/five/1"))
        assert result.url == extra.url("/news/library")
    assert sum(n for path, n in extra.hits.items() if path.startswith("/five/")) == 5

"""Feeds: parsing, malformed and dead feeds, conditional GET, and entries never ingested twice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from bot.core.ingest.feeds import (
    BatchDeduplicator,
    FeedEntry,
    FeedError,
    entry_keys,
    looks_like_feed,
    parse_feed,
    title_fingerprint,
)
from bot.core.ingest.fetch import Fetcher
from bot.core.ingest.pipeline import ingest_feed
from tests.fixtures.ingest.support import LOCAL, FakeStore, Site, fixture_bytes, serve


def test_parse_rss_entries() -> None:
    feed = parse_feed(fixture_bytes("feed.xml").replace(b"{base}", b"http://valley.example"))
    assert feed.title == "Valley Courier - Local news"
    assert len(feed.entries) == 5
    first = feed.entries[0]
    assert first.title == "Library to stay open on Sundays"
    assert first.link == "http://valley.example/news/library?utm_source=rss&utm_medium=feed"
    assert first.guid == "courier-1001"
    assert first.published == datetime(2024, 4, 11, 8, 0, tzinfo=UTC)
    assert first.summary == "The county board approved Sunday opening hours."


def test_parse_atom_entries() -> None:
    feed = parse_feed(fixture_bytes("atom.xml").replace(b"{base}", b"https://ledger.example"))
    assert [e.link for e in feed.entries] == ["https://ledger.example/news/harbour"]
    assert feed.entries[0].guid == "urn:uuid:6a7e1d1e-0000-4000-8000-000000000002"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty feed"),
        (b"<?xml version='1.0'?><rss><channel><title>Broken</ti", "malformed feed"),
        (b"<html><body><p>Just a page</p></body></html>", "not a feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "malformed feed"),
    ],
)
def test_unreadable_feeds_are_clear_errors(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(body)
    assert reason in str(caught.value)


@given(st.binary(max_size=600))
def test_any_bytes_give_a_feed_or_a_feed_error(data: bytes) -> None:
    try:
        feed = parse_feed(b"<?xml version='1.0'?><rss version='2.0'><channel>" + data)
    except FeedError:
        return
    assert all(e.link or e.guid or e.title for e in feed.entries)


def test_feed_sniffing() -> None:
    assert looks_like_feed(fixture_bytes("feed.xml"))
    assert looks_like_feed(fixture_bytes("atom.xml"))
    assert looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- hi -->\n<rss version='2.0'>")
    assert not looks_like_feed(fixture_bytes("library.html"))
    assert not looks_like_feed(b"<?xml version='1.0'?><svg></svg>")


def test_entry_keys_and_title_fingerprint() -> None:
    entry = FeedEntry(
        link="https://News.example/a/?utm_source=rss#x",
        guid=" id-1 ",
        title="Mayor: “We’ll rebuild” — now!",
        published=datetime(2024, 4, 11, 8, 0, tzinfo=UTC),
        summary=None,
    )
    assert entry_keys(entry) == [
        "url:https://news.example/a",
        "guid:id-1",
    ]  # an entry with ids is never known by its title (issue 18)
    assert title_fingerprint("Mayor: 'We'll  REBUILD' now") == "mayorwellrebuildnow"


def test_undated_titles_are_not_remembered_across_polls() -> None:
    column = FeedEntry(None, "brief-12", "Morning briefing", None, None)
    assert entry_keys(column) == ["guid:brief-12"]


def test_batch_drops_shared_keys_and_near_identical_titles_without_ids() -> None:
    batch = BatchDeduplicator.empty()
    assert not batch.is_repeat(["url:a"], "Harbour plan approved")
    assert not batch.is_repeat(["url:b"], "Harbour plan approve")  # another link: kept
    assert batch.is_repeat(["url:a"], "Something else")
    assert not batch.is_repeat([], "Harbour plan rejected")
    assert batch.is_repeat([], "Harbour plan rejecte")  # no id: the title decides


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    site = Site()
    body = fixture_bytes("feed.xml")

    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == '"rev-1"':
            return web.Response(status=304, headers={"ETag": '"rev-1"'})
        data = body.replace(b"{base}", f"http://{request.host}".encode())
        return web.Response(
            body=data, content_type="application/rss+xml", headers={"ETag": '"rev-1"'}
        )

    site.route("/feed.xml", feed)
    site.page("/news/library", fixture_bytes("library.html"))
    site.page("/news/bridge", fixture_bytes("bridge.html"))
    site.page("/news/bridge-correction", fixture_bytes("bridge.html"))
    site.page("/news/bridge-copy", fixture_bytes("bridge.html"))
    site.page("/broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</ti", "text/xml")
    async with serve(site):
        yield site


def _article_hits(site: Site) -> int:
    return sum(n for path, n in site.hits.items() if path.startswith("/news/"))


async def test_feed_entries_are_deduplicated(site: Site) -> None:
    store = FakeStore()
    async with Fetcher(LOCAL) as fetcher:
        result = await ingest_feed(
            site.url("/feed.xml"), scope="global", store=store, fetcher=fetcher
        )
    statuses = [(item.title, item.status) for item in result.items]
    assert statuses == [
        ("Library to stay open on Sundays", "added"),
        ("Old rail bridge to reopen for cyclists", "added"),
        ("Library to stay open on Sundays", "duplicate"),  # same URL without #fragment
        ("Bridge reopening: a correction", "duplicate"),  # same GUID
        # Another link and GUID is another entry, whatever its title: fetched, and the
        # store recognises the same text.
        ("Old rail bridge to reopen for cyclists", "duplicate"),
    ]
    assert site.hits["/news/library"] == 1 and site.hits["/news/bridge"] == 1
    assert site.hits["/news/bridge-correction"] == 0 and site.hits["/news/bridge-copy"] == 1
    assert result.etag == '"rev-1"'
    assert [a.article.url for a in store.articles] == [
        site.url("/news/library"),
        site.url("/news/bridge"),
    ]


async def test_conditional_get_skips_an_unchanged_feed(site: Site) -> None:
    store = FakeStore()
    async with Fetcher(LOCAL) as fetcher:
        first = await ingest_feed(
            site.url("/feed.xml"), scope="global", store=store, fetcher=fetcher
        )
        second = await ingest_feed(
            site.url("/feed.xml"), scope="global", store=store, fetcher=fetcher, etag=first.etag
        )
    assert second.not_modified and second.items == []
    assert second.etag == '"rev-1"'
    assert site.hits["/feed.xml"] == 2
    assert _article_hits(site) == 3


async def test_seen_entries_are_not_fetched_again(site: Site) -> None:
    store = FakeStore()
    async with Fetcher(LOCAL) as fetcher:
        await ingest_feed(site.url("/feed.xml"), scope="global", store=store, fetcher=fetcher)
        again = await ingest_feed(
            site.url("/feed.xml"), scope="global", store=store, fetcher=fetcher
        )
    assert {item.status for item in again.items} == {"duplicate"}
    assert _article_hits(site) == 3
    assert len(store.articles) == 2


async def test_another_server_gets_the_entries_too(site: Site) -> None:
    store = FakeStore()
    async with Fetcher(LOCAL) as fetcher:
        await ingest_feed(site.url("/feed.xml"), scope="global", store=store, fetcher=fetcher)
        other = await ingest_feed(site.url("/feed.xml"), scope="4242", store=store, fetcher=fetcher)
    assert [item.status for item in other.items][:2] == ["linked", "linked"]
    assert len(store.articles) == 2


async def test_dead_and_malformed_feeds_fail_clearly(site: Site) -> None:
    store = FakeStore()
    async with Fetcher(LOCAL) as fetcher:
        dead = await ingest_feed(
            site.url("/gone.xml"), scope="global", store=store, fetcher=fetcher
        )
        broken = await ingest_feed(
            site.url("/broken.xml"), scope="global", store=store, fetcher=fetcher
        )
        page = await ingest_feed(
            site.url("/news/library"), scope="global", store=store, fetcher=fetcher
        )
    assert (dead.error, dead.items, dead.etag) == ("HTTP 404", [], None)
    assert "malformed feed" in (broken.error or "") and broken.items == []
    assert page.error == "not a feed (no RSS or Atom found)"
    assert store.articles == []


async def test_entry_whose_article_fails_is_retried_next_time(site: Site) -> None:
    store = FakeStore()
    feed = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        b"<item><title>Missing story</title><link>{base}/news/missing</link>"
        b"<guid>m-1</guid></item></channel></rss>"
    )
    extra = Site()
    extra.page("/feed.xml", feed, "application/rss+xml")
    async with serve(extra), Fetcher(LOCAL) as fetcher:
        first = await ingest_feed(
            extra.url("/feed.xml"), scope="global", store=store, fetcher=fetcher
        )
        second = await ingest_feed(
            extra.url("/feed.xml"), scope="global", store=store, fetcher=fetcher
        )
    assert [(i.status, i.error) for i in first.items] == [("failed", "HTTP 404")]
    assert [i.status for i in second.items] == ["failed"]
    assert extra.hits["/news/missing"] == 2

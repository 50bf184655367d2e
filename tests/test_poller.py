"""The feed poller against a local news site: first poll, conditional GET, back-off, de-dup.

Real pipeline, real extractor, real SQLite store; the site runs on 127.0.0.1 (allow-listed
for the SSRF guard) and time is a fake clock moved by hand.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.core.backoff import describe_feed_health
from bot.core.ingest.fetch import Fetcher
from bot.core.poller import PollOutcome, poll_due_feeds
from bot.core.store.base import FeedState, Store
from bot.core.store.sqlite import SQLiteStore
from bot.settings import Settings
from tests.conftest import Clock
from tests.fake_discord import FeedArticle, FeedServer

SCOPE = "200000000000000001"
OTHER = "200000000000000002"
CHANNEL = 300_000_000_000_000_001


def story(slug: str, speaker: str = "Ines Brightwater", **kwargs: str) -> FeedArticle:
    """A short news story with one attributable quote (written for these tests)."""
    text = (
        f"The council met on Monday to discuss the {slug} plan. "
        f"“We will finish the {slug} works before the spring floods arrive,” said Mayor "
        f"{speaker}. Residents asked questions for an hour."
    )
    return FeedArticle(slug=slug, title=f"Council backs the {slug} plan", text=text, **kwargs)


@pytest.fixture
async def site() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def db(tmp_path: Path, clock: Clock) -> AsyncIterator[Store]:
    store = SQLiteStore(tmp_path / "poll.db", clock=clock)
    await store.open()
    yield store
    await store.close()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(Settings(fetch_allow_hosts=("127.0.0.1",), fetch_timeout=5)) as f:
        yield f


async def poll(db: Store, fetcher: Fetcher, clock: Clock, seed: int = 1) -> list[PollOutcome]:
    return await poll_due_feeds(db, fetcher, clock.now, "test", random.Random(seed))


async def feed_row(db: Store, scope: str = SCOPE) -> FeedState:
    (feed,) = await db.list_feeds(scope)
    return feed


async def test_first_poll_indexes_quietly_then_new_articles_get_notices(
    site: FeedServer, db: Store, fetcher: Fetcher, clock: Clock
) -> None:
    site.publish(story("bridge"), story("harbour"))
    await db.add_feed(SCOPE, site.feed_url, CHANNEL, 15)
    (first,) = await poll(db, fetcher, clock)
    assert first.ok and first.first_poll
    assert {i.status for i in first.items} == {"added"}
    assert len(first.new_items) == 2 and first.notices == ()  # indexed, nothing announced
    hit = await db.who_said("finish the bridge works", [SCOPE])
    assert hit.hits and hit.hits[0].quote.speaker == "Ines Brightwater"

    assert await poll(db, fetcher, clock) == []  # not due again yet
    site.publish(story("library"))
    clock.advance(minutes=17)  # 15 min ± 10% jitter
    (second,) = await poll(db, fetcher, clock)
    assert second.ok and not second.first_poll
    assert [i.title for i in second.notices] == ["Council backs the library plan"]


async def test_no_channel_means_no_notices(
    site: FeedServer, db: Store, fetcher: Fetcher, clock: Clock
) -> None:
    site.publish(story("bridge"))
    await db.add_feed(SCOPE, site.feed_url, None, 15)
    await poll(db, fetcher, clock)
    site.publish(story("library"))
    clock.advance(minutes=17)
    (outcome,) = await poll(db, fetcher, clock)
    assert len(outcome.new_items) == 1 and outcome.notices == ()


async def test_conditional_get_answers_304_and_keeps_the_etag(
    site: FeedServer, db: Store, fetcher: Fetcher, clock: Clock
) -> None:
    site.publish(story("bridge"))
    await db.add_feed(SCOPE, site.feed_url, CHANNEL, 15)
    await poll(db, fetcher, clock)
    etag = (await feed_row(db)).etag
    assert etag == f'"v{site.version}"'
    clock.advance(minutes=17)
    (outcome,) = await poll(db, fetcher, clock)
    assert site.feed_requests()[-1].get("If-None-Match") == etag
    assert site.statuses[-1] == ("/feed.xml", 304)
    assert outcome.ok and outcome.not_modified and outcome.items == ()
    row = await feed_row(db)
    assert row.etag == etag and row.last_success == clock.now and row.failures == 0


async def test_failures_back_off_then_success_resets(
    site: FeedServer, db: Store, fetcher: Fetcher, clock: Clock
) -> None:
    site.publish(story("bridge"))
    await db.add_feed(SCOPE, site.feed_url, CHANNEL, 10)
    await poll(db, fetcher, clock)  # a good first poll
    site.fail_next = 2
    delays: list[timedelta] = []
    failures: list[int] = []
    for _ in range(3):
        row = await feed_row(db)
        assert row.next_poll is not None
        clock.now = row.next_poll  # exactly when it is due
        (outcome,) = await poll(db, fetcher, clock)
        row = await feed_row(db)
        assert row.next_poll is not None
        delays.append(row.next_poll - clock.now)
        failures.append(row.failures)
        if not outcome.ok:
            assert outcome.error == "HTTP 500" and row.last_error == "HTTP 500"
    assert failures == [1, 2, 0]
    minutes = [d.total_seconds() / 60 for d in delays]
    assert 9 <= minutes[0] <= 11  # the first failure retries at the normal pace
    assert 18 <= minutes[1] <= 22  # then doubles
    assert 9 <= minutes[2] <= 11  # a success resets it
    assert describe_feed_health(await feed_row(db), clock.now).startswith("ok, last success")


async def test_a_feed_failing_for_days_is_flagged_never_dropped(
    site: FeedServer, db: Store, fetcher: Fetcher, clock: Clock
) -> None:
    site.publish(story("bridge"))
    await db.add_feed(SCOPE, site.feed_url, CHANNEL, 15)
    await poll(db, fetcher, clock)
    site.fail_next = 10_000
    start = clock.now
    flagged = []
    while clock.now - start < timedelta(days=3):
        row = await feed_row(db)
        assert row.next_poll is not None
        clock.now = max(row.next_poll, clock.now)
        (outcome,) = await poll(db, fetcher, clock)  # always leased again: never dropped
        flagged.append(outcome.flagged)
    assert not flagged[0] and flagged[-1]
    row = await feed_row(db)
    assert row.next_poll is not None and row.next_poll - clock.now <= timedelta(hours=6.6)
    health = describe_feed_health(row, clock.now)
    assert health.startswith("failing for 3 days") and "HTTP 500" in health
    site.fail_next = 0  # the site comes back: so does the feed
    clock.now = row.next_poll
    (outcome,) = await poll(db, fetcher, clock)
    assert outcome.ok and (await feed_row(db)).failures == 0


async def test_same_story_under_tracking_links_and_resent_guid_is_ingested_once(
    site: FeedServer, db: Store, fetcher: Fetcher, clock: Clock
) -> None:
    site.publish(
        story("bridge", link_query="utm_source=rss&utm_medium=feed"),
        story("harbour", guid="urn:story:42"),
    )
    await db.add_feed(SCOPE, site.feed_url, CHANNEL, 15)
    await poll(db, fetcher, clock)
    # The same bridge story again with other tracking parameters, and the harbour story's
    # GUID re-sent under a new link.
    site.publish(
        story("bridge", link_query="utm_source=twitter&utm_campaign=x"),
        FeedArticle(
            slug="harbour-v2",
            title="Harbour plan: update",
            text=story("harbour").text,
            guid="urn:story:42",
        ),
    )
    clock.advance(minutes=17)
    (outcome,) = await poll(db, fetcher, clock)
    assert outcome.ok and outcome.notices == ()
    assert all(i.status == "duplicate" for i in outcome.items)
    fetched = [path for path, _ in site.seen if path.startswith("/articles/")]
    assert sorted(fetched) == ["/articles/bridge", "/articles/harbour"]  # each fetched once
    stats = await db.stats([SCOPE])
    assert stats.articles == 2


async def test_each_server_gets_its_own_copy_and_nothing_leaks(
    site: FeedServer, db: Store, fetcher: Fetcher, clock: Clock
) -> None:
    site.publish(story("bridge"))
    await db.add_feed(SCOPE, site.feed_url, CHANNEL, 15)
    outcomes = await poll(db, fetcher, clock)
    assert len(outcomes) == 1
    assert not (await db.who_said("finish the bridge works", [OTHER])).hits
    await db.add_feed(OTHER, site.feed_url, None, 15)
    (other,) = await poll(db, fetcher, clock)
    assert other.feed.scope == OTHER and [i.status for i in other.items] == ["added"]
    assert (await db.who_said("finish the bridge works", [OTHER])).hits


async def test_not_a_feed_is_an_error_with_a_reason(
    site: FeedServer, db: Store, fetcher: Fetcher, clock: Clock
) -> None:
    await db.add_feed(SCOPE, f"{site.base}/articles/missing", CHANNEL, 15)
    (outcome,) = await poll(db, fetcher, clock)
    assert not outcome.ok and outcome.error == "HTTP 404" and outcome.failures == 1
    row = await feed_row(db)
    assert row.last_error == "HTTP 404" and row.last_success is None
    assert describe_feed_health(row, clock.now).startswith("retrying after 1 failure (HTTP 404)")


async def test_cpu_work_runs_off_the_event_loop(
    site: FeedServer,
    db: Store,
    fetcher: Fetcher,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """feedparser, the HTML reader (trafilatura) and the extractor never run on the loop's
    thread (the reader and the extractor run in another process), so a slow feed cannot
    stall the bot."""
    import os
    import threading

    from bot.core.ingest import pipeline

    threads: dict[str, set[str]] = {}

    def spy(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            threads.setdefault(name, set()).add(threading.current_thread().name)
            return real(*args, **kwargs)

        return wrapper

    for name in ("parse_feed",):
        monkeypatch.setattr(pipeline, name, spy(name, getattr(pipeline, name)))
    from bot.core.ingest.worker import shared_worker

    worker = shared_worker()  # the HTML reader and quote extraction run in its process
    site.publish(story("bridge"))
    await db.add_feed(SCOPE, site.feed_url, CHANNEL, 15)
    (outcome,) = await poll(db, fetcher, clock)
    assert outcome.ok and len(outcome.new_items) == 1
    assert set(threads) == {"parse_feed"}
    assert worker._process is not None and worker._process.pid != os.getpid()
    loop_thread = threading.current_thread().name
    assert all(loop_thread not in names for names in threads.values()), threads

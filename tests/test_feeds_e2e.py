"""Feed subscriptions end to end: the real bot against the fake Discord, a local news site
(allow-listed 127.0.0.1), the real pipeline and SQLite store, and a fake clock. The poll
loop's body (``FeedsCog.tick``) is called with the fake time; nothing sleeps.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest

from bot.core.poller import PollOutcome
from cogs.feeds import FeedsCog
from tests.conftest import Clock
from tests.fake_discord import (
    ALICE,
    BOB,
    CHANNEL_ID,
    GUILD_ID,
    FakeDiscord,
    FeedArticle,
    FeedServer,
    Recorded,
)
from tests.test_digest_e2e import Harness, silent
from tests.test_poller import story


@pytest.fixture
async def site() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 3, 3, 6, 0, tzinfo=UTC))


@pytest.fixture
async def h(fake: FakeDiscord, tmp_path: Path, clock: Clock) -> AsyncIterator[Harness]:
    harness = Harness(fake, tmp_path / "feeds.db", clock)
    await harness.start(fetch_allow_hosts=("127.0.0.1",), fetch_timeout=5.0, feed_poll_minutes=15)
    yield harness
    await harness.stop()


async def tick(h: Harness) -> list[PollOutcome]:
    assert h.bot is not None
    cog = h.bot.get_cog("Feeds")
    assert type(cog).__name__ == "FeedsCog"
    return await cast(FeedsCog, cog).tick(h.clock.now)


def content(rec: Recorded) -> str:
    return str((rec.payload() or {}).get("content") or "")


def description(rec: Recorded) -> str:
    return str(rec.embeds()[0].get("description") or "")


async def test_subscribe_first_poll_is_quiet_then_new_articles_are_announced(
    h: Harness, site: FeedServer
) -> None:
    site.publish(story("bridge"), story("harbour"))
    reply = await h.fake.ask(ALICE, f"!feeds add <{site.feed_url}> <#{CHANNEL_ID}>")
    assert "Following <http://127.0.0.1:" in content(reply)
    assert "without announcing them" in content(reply) and f"<#{CHANNEL_ID}>" in content(reply)
    since = h.fake.mark()
    (first,) = await tick(h)
    assert first.ok and len(first.new_items) == 2
    assert h.fake.posts(since=since) == []  # indexed, not announced
    who = await h.fake.ask(BOB, "!who said finish the harbour works")
    assert who.embeds()[0]["title"].startswith("Ines Brightwater")

    site.publish(
        FeedArticle(
            slug="library",
            title="Council backs the *library* plan",
            text=story("library").text,
        )
    )
    h.clock.advance(minutes=17)
    since = h.fake.mark()
    (second,) = await tick(h)
    assert second.ok and not second.first_poll
    (notice,) = h.fake.posts(since=since)
    assert silent(notice)
    assert "New quotes from **Council backs the \\*library\\* plan** (1 quote)" in content(notice)
    assert f"<{site.base}/articles/library>" in content(notice)
    assert int(notice.body.get("flags", 0)) & 4  # link previews suppressed
    # A third poll with nothing new: a 304, no notice.
    h.clock.advance(minutes=17)
    since = h.fake.mark()
    (third,) = await tick(h)
    assert third.not_modified and h.fake.posts(since=since) == []
    assert site.feed_requests()[-1].get("If-None-Match") == f'"v{site.version}"'


async def test_feeds_list_shows_health_and_flags_a_failing_feed(
    h: Harness, site: FeedServer
) -> None:
    site.publish(story("bridge"))
    empty = await h.fake.ask(ALICE, "!feeds list")
    assert description(empty) == "No feeds yet."
    await h.fake.ask(ALICE, f"!feeds add {site.feed_url}")
    broken = f"{site.base}/articles/gone.xml"
    await h.fake.ask(ALICE, f"!feeds add {broken} <#{CHANNEL_ID}>")
    await tick(h)
    listing = (await h.fake.ask(ALICE, "!feeds list")).embeds()[0]
    good, bad = listing["fields"]
    assert good["name"] == site.feed_url.split("/")[2]
    assert good["value"].startswith(f"<{site.feed_url}>\n")
    assert "no notices · every 15 min" in good["value"]
    assert "ok, last success 2025-03-03 06:00 UTC, next poll in 1" in good["value"]
    assert bad["value"].startswith(f"<{broken}>") and f"<#{CHANNEL_ID}>" in bad["value"]
    assert "retrying after 1 failure (HTTP 404), never succeeded" in bad["value"]

    # Two days of failures: flagged, still polled.
    end = h.clock.now + timedelta(days=2)
    while h.clock.now < end:
        h.clock.advance(minutes=30)
        await tick(h)
    listing = (await h.fake.ask(ALICE, "!feeds list")).embeds()[0]
    good, bad = listing["fields"]
    assert bad["name"] == f"⚠ {broken.split('/')[2]}"
    assert "failing for 2 days (HTTP 404)" in bad["value"]
    assert not good["name"].startswith("⚠")
    assert "1 feed(s) failing for a day or more" in listing["footer"]["text"]


async def test_back_off_is_visible_in_the_list(h: Harness, site: FeedServer) -> None:
    site.publish(story("bridge"))
    await h.fake.ask(ALICE, f"!feeds add {site.feed_url}")
    await tick(h)
    site.fail_next = 2
    waits: list[timedelta] = []
    for _ in range(3):
        assert h.store is not None
        (row,) = await h.store.list_feeds(str(GUILD_ID))
        assert row.next_poll is not None
        h.clock.now = row.next_poll
        (outcome,) = await tick(h)
        assert outcome.next_poll is not None
        waits.append(outcome.next_poll - h.clock.now)
        if outcome.failures == 2:
            listing = (await h.fake.ask(ALICE, "!feeds list")).embeds()[0]
            assert "retrying after 2 failures (HTTP 500)" in listing["fields"][0]["value"]
    assert waits[0] < waits[1] and waits[2] < waits[1]  # grows, then resets
    assert waits[1] >= timedelta(minutes=27)


async def test_add_remove_and_bad_input(h: Harness, site: FeedServer) -> None:
    bad = await h.fake.ask(ALICE, "!feeds add ftp://example.com/feed")
    assert "only http and https links" in description(bad)
    await h.fake.ask(ALICE, f"!feeds add {site.feed_url}")
    again = await h.fake.ask(ALICE, f"!feeds add {site.feed_url}?utm_source=x")
    assert "already follows" in description(again)
    gone = await h.fake.ask(ALICE, "!feeds remove https://example.com/nothing.xml")
    assert "does not follow" in description(gone)
    removed = await h.fake.ask(ALICE, f"!feeds remove <{site.feed_url}>")
    assert content(removed).startswith("No longer following")
    assert h.store is not None and await h.store.list_feeds(str(GUILD_ID)) == []


async def test_non_admin_is_refused(h: Harness, site: FeedServer) -> None:
    for command in (f"!feeds add {site.feed_url}", "!feeds list", f"!feeds remove {site.feed_url}"):
        refused = await h.fake.ask(BOB, command)
        assert "You need the Manage Server permission" in description(refused), command
    assert h.store is not None and await h.store.list_feeds(str(GUILD_ID)) == []
    # The slash forms are Discord's to refuse (default_member_permissions); an interaction
    # that arrives was allowed by the server (see test_e2e_commands).


async def test_a_deleted_notice_channel_is_logged_and_polling_goes_on(
    h: Harness, site: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    site.publish(story("bridge"))
    await h.fake.ask(ALICE, f"!feeds add {site.feed_url} <#{CHANNEL_ID}>")
    await tick(h)
    site.publish(story("library"))
    h.fake.missing_channels.add(CHANNEL_ID)
    h.clock.advance(minutes=17)
    with caplog.at_level(logging.WARNING):
        (outcome,) = await tick(h)
    assert outcome.ok and len(outcome.notices) == 1
    assert "no longer exists" in caplog.text
    assert h.store is not None
    (row,) = await h.store.list_feeds(str(GUILD_ID))
    assert row.last_success == h.clock.now and row.failures == 0

"""The daily digest end to end: real discord.py client against the fake Discord, real SQLite
store, a fake clock. The scheduler loop's body (``DigestCog.tick``) is called with the fake
time, minute by minute; nothing sleeps.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import discord
import pytest

from bot.client import WhosaidBot, apply_endpoints
from bot.core.models import GLOBAL_SCOPE, ArticleInput, Quote
from bot.core.store.sqlite import SQLiteStore
from bot.settings import Settings
from bot.ui import limits
from cogs.digest import DigestCog
from tests.conftest import Clock
from tests.fake_discord import (
    ALICE,
    BOB,
    CHANNEL_ID,
    GUILD_ID,
    TOKEN,
    FakeDiscord,
    Recorded,
    dm_channel_id,
)

OTHER_GUILD = 200_000_000_004_194_305  # on shard 1 of 2 (GUILD_ID is on shard 0)
OTHER_CHANNEL = 300_000_000_000_000_777


def _quote(text: str, speaker: str, title: str | None = None) -> Quote:
    context = f"“{text},” {speaker} said on Monday."
    return Quote(
        text=text,
        start=1,
        end=1 + len(text),
        kind="direct",
        speaker=speaker,
        speaker_mention=None,
        title=title,
        cue=None,
        confidence=0.9,
        context=context,
    )


async def add_article(
    store: SQLiteStore, scope: str, slug: str, quotes: list[Quote], title: str | None = None
) -> None:
    """An article linked into ``scope`` at the store clock's now."""
    article = ArticleInput(
        text=" ".join(q.context for q in quotes),
        title=title or f"Story about the {slug}",
        outlet="Riverside Post",
        url=f"https://news.example.com/{slug}",
    )
    await store.save_article(article, quotes, scope)


class Harness:
    """Starts (and restarts) the bot on one SQLite file, the fake Discord and a fake clock."""

    def __init__(self, fake: FakeDiscord, path: Path, clock: Clock) -> None:
        self.fake = fake
        self.path = path
        self.clock = clock
        self.settings = Settings(
            discord_token=TOKEN,
            discord_api_base=fake.api_base,
            discord_gateway_url=fake.gateway_url,
        )
        self.bot: WhosaidBot | None = None
        self.store: SQLiteStore | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self, *, start_loops: bool = False, **settings: Any) -> WhosaidBot:
        self.settings = self.settings.replace(**settings)
        apply_endpoints(self.settings)
        self.store = SQLiteStore(self.path, clock=self.clock)
        await self.store.open()
        bot = WhosaidBot(
            self.settings,
            store=self.store,
            now=self.clock,
            start_loops=start_loops,
            guild_ready_timeout=0.1,
        )
        await bot.login(TOKEN)
        self._task = asyncio.create_task(bot.connect())
        await asyncio.wait_for(bot.wait_until_ready(), 5)
        self.bot = bot
        return bot

    async def stop(self) -> None:
        if self.bot is not None:
            await self.bot.close()
            assert self._task is not None
            await asyncio.wait_for(self._task, 5)
            self.bot = None
        if self.store is not None:
            await self.store.close()
            self.store = None

    @property
    def cog(self) -> DigestCog:
        assert self.bot is not None
        cog = self.bot.get_cog("Digest")
        # load_extension imports the cog module afresh: compare by name, not by class.
        assert type(cog).__name__ == "DigestCog"
        return cast(DigestCog, cog)

    async def tick(self) -> int:
        """One scheduler wake-up at the clock's time; the number of digests claimed."""
        return len(await self.cog.tick(self.clock.now))

    async def tick_until(
        self, end: datetime, step: timedelta = timedelta(minutes=1)
    ) -> list[datetime]:
        """Tick every ``step`` up to and including ``end``; when digests were claimed."""
        fired: list[datetime] = []
        while self.clock.now <= end:
            if await self.tick():
                fired.append(self.clock.now)
            self.clock.now += step
        self.clock.now = end
        return fired


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 3, 3, 6, 0, tzinfo=UTC))  # 07:00 in Paris (CET)


@pytest.fixture
async def h(fake: FakeDiscord, tmp_path: Path, clock: Clock) -> AsyncIterator[Harness]:
    harness = Harness(fake, tmp_path / "digest.db", clock)
    await harness.start()
    yield harness
    await harness.stop()


def silent(rec: Recorded) -> bool:
    allowed = (rec.payload() or {}).get("allowed_mentions")
    return allowed is not None and allowed.get("parse") == [] and not allowed.get("users")


def text_of(recs: list[Recorded]) -> str:
    parts: list[str] = []
    for rec in recs:
        parts.append((rec.payload() or {}).get("content") or "")
        for e in rec.embeds():
            parts += [e.get("title", ""), e.get("description", "")]
            parts += [f"{f['name']}\n{f['value']}" for f in e.get("fields", [])]
    return "\n".join(parts)


async def fill(h: Harness) -> None:
    """Quotes for this server, another server and everyone (global), added at 06:00 UTC."""
    assert h.store is not None
    await add_article(
        h.store,
        str(GUILD_ID),
        "bridge",
        [
            _quote("We will finish the bridge before the floods", "Ines Brightwater", "Mayor"),
            _quote("Tell @everyone the vote is on *Tuesday*", "Ines Brightwater", "Mayor"),
        ],
        title="Council backs the **bridge** plan",
    )
    await add_article(
        h.store, str(OTHER_GUILD), "secret", [_quote("Our secret budget is ready", "Zed Other")]
    )
    await add_article(
        h.store, GLOBAL_SCOPE, "talks", [_quote("Every option is on the table", "JD Vance")]
    )


async def set_digest(h: Harness, args: str, user: Any = ALICE) -> Recorded:
    return await h.fake.ask(user, f"!digest set {args}")


async def test_digest_is_posted_at_the_local_time_and_not_before(h: Harness) -> None:
    await fill(h)
    reply = await set_digest(h, f"<#{CHANNEL_ID}> 09:00 europe/paris")
    nine = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)  # 09:00 CET
    content = reply.body["content"]
    assert "09:00 (Europe/Paris)" in content and f"<t:{int(nine.timestamp())}:F>" in content
    since = h.fake.mark()
    fired = await h.tick_until(datetime(2025, 3, 3, 8, 30, tzinfo=UTC))
    assert fired == [nine]
    posts = h.fake.posts(since=since)
    assert posts and all(silent(p) for p in posts)
    text = text_of(posts)
    assert "Daily digest · Newsroom · Mon 3 Mar 2025" in text
    assert "Ines Brightwater" in text and "JD Vance" in text  # own scope and global
    assert "Zed Other" not in text and "secret" not in text  # never another server's
    assert "@\u200beveryone" in text and "\\*Tuesday\\*" in text  # escaped, no ping
    assert "\\*\\*bridge\\*\\*" in text
    for rec in posts:
        for e in rec.embeds():
            assert len(discord.Embed.from_dict(e)) <= limits.TOTAL


async def test_each_server_gets_only_its_own_quotes(h: Harness) -> None:
    await fill(h)
    assert h.store is not None
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    await h.store.set_digest(OTHER_GUILD, OTHER_CHANNEL, "09:00", "Europe/Paris")
    since = h.fake.mark()
    await h.tick_until(datetime(2025, 3, 3, 8, 1, tzinfo=UTC))
    ours = text_of(h.fake.posts(CHANNEL_ID, since))
    theirs = text_of(h.fake.posts(OTHER_CHANNEL, since))
    assert "Ines Brightwater" in ours and "Zed Other" not in ours
    assert "Zed Other" in theirs and "Ines Brightwater" not in theirs
    assert "JD Vance" in ours and "JD Vance" in theirs
    assert all(silent(p) for p in h.fake.posts(OTHER_CHANNEL, since))


async def test_a_restart_does_not_post_the_day_twice(h: Harness) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    since = h.fake.mark()
    assert await h.tick_until(datetime(2025, 3, 3, 8, 0, tzinfo=UTC))
    first = len(h.fake.posts(since=since))
    assert first >= 1
    await h.stop()
    await h.start()  # a new process on the same database, inside the catch-up window
    assert await h.tick_until(datetime(2025, 3, 3, 10, 0, tzinfo=UTC)) == []
    assert len(h.fake.posts(since=since)) == first
    # ... and the next day comes as usual.
    h.clock.now = datetime(2025, 3, 4, 7, 58, tzinfo=UTC)
    assert await h.tick_until(datetime(2025, 3, 4, 8, 5, tzinfo=UTC)) == [
        datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
    ]


async def test_back_within_the_catch_up_window_posts_once(h: Harness) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    await h.stop()  # down from 07:00 to 10:30 Paris time
    h.clock.now = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
    await h.start()
    since = h.fake.mark()
    fired = await h.tick_until(datetime(2025, 3, 3, 12, 0, tzinfo=UTC))
    assert fired == [datetime(2025, 3, 3, 9, 30, tzinfo=UTC)]
    text = text_of(h.fake.posts(since=since))
    assert "Mon 3 Mar 2025" in text and "Ines Brightwater" in text


async def test_back_after_the_catch_up_window_skips_to_the_next_day(h: Harness) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    await h.stop()
    h.clock.now = datetime(2025, 3, 3, 11, 1, tzinfo=UTC)  # 181 min late (window: 180)
    await h.start()
    since = h.fake.mark()
    fired = await h.tick_until(datetime(2025, 3, 4, 8, 10, tzinfo=UTC), timedelta(minutes=10))
    assert fired == [datetime(2025, 3, 4, 8, 1, tzinfo=UTC)]  # first tick of the next day
    assert "Tue 4 Mar 2025" in text_of(h.fake.posts(since=since))


async def test_spring_forward_neither_skips_nor_doubles_a_day(h: Harness) -> None:
    await set_digest(h, f"<#{CHANNEL_ID}> 02:30 Europe/Paris")  # 02:30 does not exist on 30 Mar
    h.clock.now = datetime(2025, 3, 29, 0, 0, tzinfo=UTC)
    since = h.fake.mark()
    fired = await h.tick_until(datetime(2025, 3, 31, 2, 0, tzinfo=UTC))
    assert fired == [
        datetime(2025, 3, 29, 1, 30, tzinfo=UTC),  # 02:30 CET
        datetime(2025, 3, 30, 1, 0, tzinfo=UTC),  # 03:00 CEST, the first instant after the gap
        datetime(2025, 3, 31, 0, 30, tzinfo=UTC),  # 02:30 CEST
    ]
    posts = h.fake.posts(since=since)
    assert len(posts) == 3 and all(silent(p) for p in posts)  # one quiet-day note each
    assert [p.body["content"] for p in posts] == [
        f"Daily digest · Newsroom · {day}: No new quotes today."
        for day in ("Sat 29 Mar 2025", "Sun 30 Mar 2025", "Mon 31 Mar 2025")
    ]


async def test_fall_back_posts_at_the_first_of_two_identical_times(h: Harness) -> None:
    await set_digest(h, f"<#{CHANNEL_ID}> 01:30 America/New_York")  # 01:30 happens twice
    h.clock.now = datetime(2025, 11, 1, 4, 0, tzinfo=UTC)
    fired = await h.tick_until(datetime(2025, 11, 3, 8, 0, tzinfo=UTC))
    assert fired == [
        datetime(2025, 11, 1, 5, 30, tzinfo=UTC),  # 01:30 EDT
        datetime(2025, 11, 2, 5, 30, tzinfo=UTC),  # the first 01:30 (EDT), not 06:30 (EST)
        datetime(2025, 11, 3, 6, 30, tzinfo=UTC),  # 01:30 EST
    ]


async def test_quiet_day_posts_nothing_when_set_to_skip(h: Harness) -> None:
    await h.stop()
    await h.start(digest_quiet_day="skip")
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    since = h.fake.mark()
    assert await h.tick_until(datetime(2025, 3, 3, 8, 5, tzinfo=UTC))  # claimed ...
    assert h.fake.posts(since=since) == []  # ... but nothing to say


async def test_a_long_digest_is_split_within_discord_limits(h: Harness) -> None:
    assert h.store is not None
    rng = random.Random(7)
    words = [
        "budget",
        "bridge",
        "harbour",
        "council",
        "school",
        "tram",
        "library",
        "river",
        "tax",
        "park",
        "road",
        "water",
        "housing",
        "police",
        "market",
        "festival",
        "clinic",
        "museum",
        "stadium",
        "ferry",
        "tunnel",
        "airport",
    ]
    for n in range(12):
        quotes = [
            _quote(" ".join(rng.choice(words) for _ in range(45)), f"Speaker {n} {k}", "Aide")
            for k in range(4)
        ]
        await add_article(h.store, str(GUILD_ID), f"story-{n}", quotes, title=f"Budget part {n}")
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    since = h.fake.mark()
    await h.tick_until(datetime(2025, 3, 3, 8, 0, tzinfo=UTC))
    posts = h.fake.posts(since=since)
    assert len(posts) >= 2
    for rec in posts:
        assert silent(rec)
        (embed,) = rec.embeds()
        e = discord.Embed.from_dict(embed)
        assert len(e) <= limits.TOTAL and len(e.fields) <= limits.FIELDS
        assert all(len(f.value or "") <= limits.FIELD_VALUE for f in e.fields)
    assert posts[1].embeds()[0]["title"].endswith("(cont.)")
    assert "25 quotes from" in posts[0].embeds()[0]["description"]


async def test_deleted_channel_or_missing_permission_is_logged_not_fatal(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    h.fake.forbidden_channels.add(CHANNEL_ID)
    with caplog.at_level(logging.WARNING):
        assert await h.tick_until(datetime(2025, 3, 3, 8, 2, tzinfo=UTC))
    assert "no permission to post in channel" in caplog.text
    h.fake.forbidden_channels.clear()
    h.fake.missing_channels.add(CHANNEL_ID)
    h.clock.now = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
    with caplog.at_level(logging.WARNING):
        assert await h.tick() == 1
    assert "no longer exists" in caplog.text
    h.fake.missing_channels.clear()
    reply = await h.fake.ask(ALICE, "!digest")  # the bot still answers, the day is done
    assert (
        f"Next digest: {f_stamp(datetime(2025, 3, 5, 8, 0, tzinfo=UTC))}" in (reply.body["content"])
    )


async def test_only_servers_on_this_process_shards(h: Harness) -> None:
    await fill(h)
    assert h.store is not None
    await h.store.set_digest(GUILD_ID, CHANNEL_ID, "09:00", "Europe/Paris")
    await h.store.set_digest(OTHER_GUILD, OTHER_CHANNEL, "09:00", "Europe/Paris")
    h.clock.now = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    await h.stop()
    await h.start(shard_count=2, shard_ids=(1,))
    posts = await h.cog.tick(h.clock.now)
    assert [p.config.guild_id for p in posts] == [OTHER_GUILD]
    await h.stop()
    await h.start(shard_count=2, shard_ids=(0,))
    posts = await h.cog.tick(h.clock.now)
    assert [p.config.guild_id for p in posts] == [GUILD_ID]


async def test_non_admin_is_refused_and_bad_input_explained(h: Harness) -> None:
    refused = await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris", user=BOB)
    assert "Manage Server" in refused.embeds()[0]["description"]
    assert h.store is not None and await h.store.get_digest(GUILD_ID) is None
    zone = await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Pariss")
    assert (
        "Unknown time zone 'Europe/Pariss'. Did you mean Europe/Paris?"
        in (zone.embeds()[0]["description"])
    )
    mars = await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Mars/Olympus")
    assert "Unknown time zone 'Mars/Olympus'" in mars.embeds()[0]["description"]
    time = await set_digest(h, f"<#{CHANNEL_ID}> 25:00")
    assert "Time must be HH:MM" in time.embeds()[0]["description"]
    assert await h.store.get_digest(GUILD_ID) is None  # nothing stored on bad input


async def test_preview_is_private_and_claims_nothing(h: Harness) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    since = h.fake.mark()
    inter = await h.fake.slash(ALICE, "digest", subcommand="preview")
    answer = await h.fake.wait_for_request(
        lambda r: inter["token"] in r.path and bool(r.embeds()), since=since
    )
    assert (answer.payload() or {}).get("flags", 0) & 64  # only Alice sees it
    text = text_of([answer])
    assert "Ines Brightwater" in text and "Zed Other" not in text
    assert silent(answer)
    assert h.fake.posts(since=since) == []  # nothing in the channel
    assert await h.tick_until(datetime(2025, 3, 3, 8, 0, tzinfo=UTC))  # still due as usual


async def test_digest_now_is_an_extra_post_and_off_stops_it(h: Harness) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    since = h.fake.mark()
    await h.fake.send_message(ALICE, "!digest now")
    reply = await h.fake.wait_for_request(
        lambda r: "Posted the digest" in ((r.payload() or {}).get("content") or ""), since=since
    )
    assert "The scheduled digest still comes at its usual time." in reply.body["content"]
    posts = [p for p in h.fake.posts(since=since) if p.embeds()]
    assert len(posts) == 1 and all(silent(p) for p in posts)
    assert "Ines Brightwater" in text_of(posts) and "Zed Other" not in text_of(posts)
    assert await h.tick_until(datetime(2025, 3, 3, 8, 0, tzinfo=UTC))  # not counted as today's
    off = await h.fake.ask(ALICE, "!digest off")
    assert off.body["content"] == "The daily digest is now off."
    h.clock.now = datetime(2025, 3, 4, 7, 0, tzinfo=UTC)
    assert await h.tick_until(datetime(2025, 3, 4, 10, 0, tzinfo=UTC), timedelta(minutes=5)) == []
    status = await h.fake.ask(ALICE, "!digest")
    assert "**off**" in status.body["content"]


def test_dates_used_above_are_real_dst_changes() -> None:
    """Guard for the DST tests: the chosen days really are change days."""
    from zoneinfo import ZoneInfo

    paris, ny = ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York")
    assert datetime(2025, 3, 30, 0, tzinfo=UTC).astimezone(paris).utcoffset() == timedelta(hours=1)
    assert datetime(2025, 3, 30, 2, tzinfo=UTC).astimezone(paris).utcoffset() == timedelta(hours=2)
    assert datetime(2025, 11, 2, 5, tzinfo=UTC).astimezone(ny).utcoffset() == timedelta(hours=-4)
    assert datetime(2025, 11, 2, 7, tzinfo=UTC).astimezone(ny).utcoffset() == timedelta(hours=-5)
    assert date(2025, 3, 30).weekday() == 6


async def test_the_real_loop_ticks_with_the_bots_clock(h: Harness) -> None:
    """With loops on, the first wake-up (right after ready) posts a digest due by the fake
    clock: the loop calls ``tick`` with ``bot.now``, not the wall clock."""
    await fill(h)
    assert h.store is not None
    await h.store.set_digest(GUILD_ID, CHANNEL_ID, "09:00", "Europe/Paris")
    await h.stop()
    h.clock.now = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    since = h.fake.mark()
    await h.start(start_loops=True)
    posted = await h.fake.wait_for_request(
        lambda r: r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages",
        since=since,
    )
    assert "Ines Brightwater" in text_of([posted]) and silent(posted)
    assert h.store is not None
    config = await h.store.get_digest(GUILD_ID)
    assert config is not None and config.last_sent_date == date(2025, 3, 3)


def f_stamp(moment: datetime, style: str = "F") -> str:
    return f"<t:{int(moment.timestamp())}:{style}>"


async def test_a_time_set_after_it_passed_waits_for_tomorrow_and_preview_matches(
    h: Harness,
) -> None:
    """Issue 16: set at 09:20 for 09:00 with quotes added at 09:10. No catch-up of the previous
    (empty) window is posted; status, preview and tomorrow's digest all cover 09:00 onwards."""
    assert h.store is not None
    h.clock.now = datetime(2025, 3, 3, 8, 10, tzinfo=UTC)  # 09:10 in Paris
    await fill(h)
    h.clock.now = datetime(2025, 3, 3, 8, 20, tzinfo=UTC)
    reply = await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    nine_today = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    nine_tomorrow = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
    window = f"with the quotes added since {f_stamp(nine_today, 'f')}."
    content = reply.body["content"]
    assert f"Next digest: {f_stamp(nine_tomorrow)}" in content and window in content
    since = h.fake.mark()
    inter = await h.fake.slash(ALICE, "digest", subcommand="preview")
    answer = await h.fake.wait_for_request(
        lambda r: inter["token"] in r.path and r.sends_text(), since=since
    )
    assert f"the quotes added since {f_stamp(nine_today)}" in text_of([answer])
    preview = await h.fake.wait_for_request(
        lambda r: inter["token"] in r.path and bool(r.embeds()), since=since
    )
    assert "Ines Brightwater" in text_of([preview])
    assert await h.tick_until(datetime(2025, 3, 3, 12, 0, tzinfo=UTC)) == []  # no catch-up
    assert h.fake.posts(since=since) == []
    status = await h.fake.ask(ALICE, "!digest")
    assert window in status.body["content"]
    h.clock.now = datetime(2025, 3, 4, 7, 58, tzinfo=UTC)
    mark = h.fake.mark()
    assert await h.tick_until(datetime(2025, 3, 4, 8, 5, tzinfo=UTC)) == [nine_tomorrow]
    posted = text_of(h.fake.posts(since=mark))
    assert "Tue 4 Mar 2025" in posted and "Ines Brightwater" in posted


async def test_status_during_a_catch_up_names_the_window_that_will_be_posted(h: Harness) -> None:
    assert h.store is not None
    await h.store.set_digest(GUILD_ID, CHANNEL_ID, "09:00", "Europe/Paris")  # set before 09:00
    h.clock.now = datetime(2025, 3, 3, 8, 20, tzinfo=UTC)  # the bot was down at 09:00
    status = await h.fake.ask(ALICE, "!digest")
    yesterday, today = (
        datetime(2025, 3, 2, 8, 0, tzinfo=UTC),
        datetime(2025, 3, 3, 8, 0, tzinfo=UTC),
    )
    assert (
        "Next digest: now (within a minute), with the quotes added from "
        f"{f_stamp(yesterday, 'f')} to {f_stamp(today, 't')}."
    ) in status.body["content"]
    since = h.fake.mark()
    inter = await h.fake.slash(ALICE, "digest", subcommand="preview")
    answer = await h.fake.wait_for_request(
        lambda r: inter["token"] in r.path and r.sends_text(), since=since
    )
    assert f"from {f_stamp(yesterday)} to {f_stamp(today)}" in text_of([answer])
    posts = await h.cog.tick(h.clock.now)
    assert [(p.digest.since, p.digest.until) for p in posts] == [(yesterday, today)]


async def test_prefix_preview_goes_to_the_invokers_dms(h: Harness) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    since = h.fake.mark()
    ack = await h.fake.ask(ALICE, "!digest preview")
    assert ack.body["content"] == "Sent you the preview in a direct message."
    dm = h.fake.posts(dm_channel_id(ALICE), since)
    assert dm and all(silent(p) for p in dm)
    assert "Ines Brightwater" in text_of(dm)
    public = h.fake.posts(since=since)
    assert public == [ack] and "Ines Brightwater" not in text_of(public)


async def test_prefix_preview_with_closed_dms_says_so_and_shows_nothing_publicly(
    h: Harness,
) -> None:
    await fill(h)
    await set_digest(h, f"<#{CHANNEL_ID}> 09:00 Europe/Paris")
    h.fake.forbidden_channels.add(dm_channel_id(ALICE))
    since = h.fake.mark()
    reply = await h.fake.ask(ALICE, "!digest preview")
    assert "I cannot send you a direct message" in reply.body["content"]
    assert "/digest preview" in reply.body["content"]
    assert "Ines Brightwater" not in text_of(h.fake.posts(since=since))


async def test_time_zone_autocomplete(h: Harness) -> None:
    berlin = await h.fake.autocomplete(ALICE, "digest", "timezone", "berlin", subcommand="set")
    assert [c["value"] for c in berlin] == ["Europe/Berlin"]
    york = await h.fake.autocomplete(ALICE, "digest", "timezone", "new york", subcommand="set")
    assert "America/New_York" in [c["value"] for c in york]
    europe = await h.fake.autocomplete(ALICE, "digest", "timezone", "EUROPE/", subcommand="set")
    assert len(europe) == 25 and all(c["value"].startswith("Europe/") for c in europe)
    empty = await h.fake.autocomplete(ALICE, "digest", "timezone", "", subcommand="set")
    assert empty[0]["value"] == "UTC" and len(empty) <= 25

"""The Discord-free digest job: claim first, then compose; concurrent ticks post once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.digest_job import claim_due_digests, preview_period, start_schedule
from bot.core.models import GLOBAL_SCOPE, ArticleInput
from bot.core.schedule import upcoming_digest
from bot.core.store.base import Store
from bot.core.store.sqlite import SQLiteStore
from tests.conftest import Clock, make_quote

GUILD = 200_000_000_000_000_001
OTHER = 200_000_000_004_194_305
CATCHUP = timedelta(minutes=180)
NINE_PARIS = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Store]:
    clock = Clock(datetime(2025, 3, 3, 6, 0, tzinfo=UTC))
    store = SQLiteStore(tmp_path / "job.db", clock=clock)
    await store.open()
    await store.save_article(
        ArticleInput(text="x", title="Bridge", url="https://news.example.com/bridge"),
        [make_quote("We will finish the bridge before the floods")],
        str(GUILD),
    )
    await store.save_article(
        ArticleInput(text="y", title="Secret", url="https://news.example.com/secret"),
        [make_quote("Our secret budget is ready", speaker="Zed Other")],
        str(OTHER),
    )
    await store.save_article(
        ArticleInput(text="z", title="Talks", url="https://news.example.com/talks"),
        [make_quote("Every option is on the table", speaker="JD Vance")],
        GLOBAL_SCOPE,
    )
    await store.set_digest(GUILD, 1, "09:00", "Europe/Paris")
    yield store
    await store.close()


def speakers(post_digest: object) -> set[str]:
    articles = getattr(post_digest, "articles", ())
    return {q.speaker or "" for a in articles for q in a.quotes}


async def test_concurrent_ticks_claim_a_day_once(db: Store) -> None:
    results = await asyncio.gather(
        *(claim_due_digests(db, NINE_PARIS, catchup=CATCHUP) for _ in range(5))
    )
    posts = [p for r in results for p in r.posts]
    assert len(posts) == 1
    (post,) = posts
    assert post.local_date == date(2025, 3, 3)
    assert speakers(post.digest) == {"Maria Lindqvist", "JD Vance"}  # own + global only
    later = await claim_due_digests(db, NINE_PARIS + timedelta(minutes=30), catchup=CATCHUP)
    assert later.posts == ()


async def test_claimed_before_composing_so_a_failure_never_repeats_the_day(
    db: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(db, "quotes_added", broken)
    failed = await claim_due_digests(db, NINE_PARIS, catchup=CATCHUP)
    assert failed.posts == () and "could not compose" in failed.errors[0][1]
    monkeypatch.undo()
    again = await claim_due_digests(db, NINE_PARIS + timedelta(minutes=1), catchup=CATCHUP)
    assert again.posts == ()  # lost, not posted twice


async def test_quiet_day_note_or_nothing(db: Store) -> None:
    await db.set_digest(OTHER, 2, "09:00", "Europe/Paris")
    tomorrow = NINE_PARIS + timedelta(days=1)
    noted = await claim_due_digests(db, tomorrow, catchup=CATCHUP, quiet_day="note")
    assert {p.quiet_text for p in noted.posts} == {
        "Daily digest · this server · Tue 4 Mar 2025: No new quotes today."
    }
    skipped = await claim_due_digests(
        db, tomorrow + timedelta(days=1), catchup=CATCHUP, quiet_day="skip"
    )
    assert len(skipped.posts) == 2 and all(p.quiet_text is None for p in skipped.posts)


async def test_bad_stored_zone_is_reported_and_others_still_run(db: Store) -> None:
    await db.set_digest(OTHER, 2, "09:00", "Europe/Paris")

    real = db.digest_configs

    async def with_bad() -> list[object]:
        configs = await real()
        from dataclasses import replace

        return [replace(c, timezone="Mars/Olympus") if c.guild_id == OTHER else c for c in configs]

    db.digest_configs = with_bad  # type: ignore[method-assign,assignment]
    due = await claim_due_digests(db, NINE_PARIS, catchup=CATCHUP)
    assert [p.config.guild_id for p in due.posts] == [GUILD]
    assert [c.guild_id for c, _ in due.errors] == [OTHER]


async def test_preview_runs_from_the_last_scheduled_instant(db: Store) -> None:
    config = await db.get_digest(GUILD)
    now = NINE_PARIS + timedelta(hours=3)
    since, until = preview_period(config, now, CATCHUP)
    assert since == NINE_PARIS and until > now
    since, until = preview_period(None, now, CATCHUP)
    assert since == now - timedelta(hours=24)


async def test_preview_next_digest_and_post_cover_one_window_during_a_catch_up(
    db: Store,
) -> None:
    """The bot was down at 09:00 and is back at 09:20: the digest due now covers the day up
    to 09:00, and the preview shows that same window, not tomorrow's (issue 16)."""
    config = await db.get_digest(GUILD)
    assert config is not None
    now = NINE_PARIS + timedelta(minutes=20)
    upcoming = upcoming_digest(config, now, CATCHUP)
    assert upcoming.post_at == now and upcoming.until == NINE_PARIS
    assert preview_period(config, now, CATCHUP) == (NINE_PARIS - timedelta(days=1), NINE_PARIS)
    (post,) = (await claim_due_digests(db, now, catchup=CATCHUP)).posts
    assert (post.digest.since, post.digest.until) == (upcoming.since, upcoming.until)
    assert speakers(post.digest) == {"Maria Lindqvist", "JD Vance"}


async def test_setting_a_time_that_already_passed_posts_no_catch_up(db: Store) -> None:
    """``digest set`` at 09:20 for 09:00: nothing is posted for a time before the schedule
    existed; the first digest is tomorrow's and covers what the preview shows now."""
    config = await db.get_digest(GUILD)
    assert config is not None
    now = NINE_PARIS + timedelta(minutes=20)
    settled = await start_schedule(db, config, now, CATCHUP)
    upcoming = upcoming_digest(settled, now, CATCHUP)
    assert upcoming.post_at == NINE_PARIS + timedelta(days=1)
    assert preview_period(settled, now, CATCHUP)[0] == upcoming.since == NINE_PARIS
    for minute in range(0, 180, 5):
        tick = now + timedelta(minutes=minute)
        assert (await claim_due_digests(db, tick, catchup=CATCHUP)).posts == ()
    (post,) = (await claim_due_digests(db, upcoming.post_at, catchup=CATCHUP)).posts
    assert (post.digest.since, post.digest.until) == (upcoming.since, upcoming.until)


async def test_setting_a_time_still_ahead_today_claims_nothing(db: Store) -> None:
    config = await db.get_digest(GUILD)
    assert config is not None
    settled = await start_schedule(db, config, NINE_PARIS - timedelta(minutes=5), CATCHUP)
    assert settled.last_sent_date is None
    assert len((await claim_due_digests(db, NINE_PARIS, catchup=CATCHUP)).posts) == 1

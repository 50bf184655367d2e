"""The Discord-free digest job: claim first, then compose; concurrent ticks post once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.digest_job import claim_due_digests, current_period
from bot.core.models import GLOBAL_SCOPE, ArticleInput
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


async def test_current_period_runs_from_the_last_scheduled_instant(db: Store) -> None:
    config = await db.get_digest(GUILD)
    now = NINE_PARIS + timedelta(hours=3)
    since, until = current_period(config, now)
    assert since == NINE_PARIS and until > now
    since, until = current_period(None, now)
    assert since == now - timedelta(hours=24)

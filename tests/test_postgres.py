"""PostgreSQL with several processes: two stores (two pools) stand for two processes.

Skips with a clear reason unless WHOSAID_TEST_POSTGRES_URL points at a server.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest

from bot.core.models import GLOBAL_SCOPE
from bot.core.store.base import StoreError, open_store
from bot.core.store.postgres import PostgresStore
from bot.core.store.postgres_migrations import MIGRATIONS
from tests.conftest import Clock, make_article, make_quote

A, B = "111", "222"


@pytest.fixture
async def processes(
    pg_schema: tuple[str, str], clock: Clock
) -> AsyncIterator[tuple[PostgresStore, PostgresStore]]:
    """Two stores on one schema, opened at the same time (their migrations race too)."""
    url, schema = pg_schema
    one = PostgresStore.from_url(url, clock=clock, schema=schema, brute_force_below=0)
    two = PostgresStore.from_url(url, clock=clock, schema=schema, brute_force_below=0)
    await asyncio.gather(one.open(), two.open())
    try:
        yield one, two
    finally:
        await asyncio.gather(one.close(), two.close())


async def test_concurrent_migrations_apply_each_version_once(pg_schema: tuple[str, str]) -> None:
    url, schema = pg_schema
    stores = [PostgresStore.from_url(url, schema=schema) for _ in range(4)]
    await asyncio.gather(*(s.open() for s in stores))
    try:
        rows = await stores[0].pool.fetch("SELECT version FROM schema_version ORDER BY version")
        assert [r[0] for r in rows] == [v for v, _ in MIGRATIONS]
        assert (await stores[3].stats([A])).quotes == 0
    finally:
        await asyncio.gather(*(s.close() for s in stores))


async def test_a_digest_is_claimed_exactly_once_across_processes(
    processes: tuple[PostgresStore, PostgresStore], clock: Clock
) -> None:
    one, two = processes
    days = [date(2025, 3, 1) + timedelta(days=i) for i in range(15)]
    for guild in (5, 6):
        await one.set_digest(guild, 99, "08:00", "UTC")
    attempts = [
        store.claim_digest(guild, day, clock.now)
        for day in days
        for guild in (5, 6)
        for store in (one, two, one, two)
    ]
    results = await asyncio.gather(*attempts)
    # Four attempts per (guild, day), in order: exactly one of each four wins.
    wins = [sum(results[i : i + 4]) for i in range(0, len(results), 4)]
    assert wins == [1] * (len(days) * 2)
    config = await two.get_digest(5)
    assert config is not None and config.last_sent_date == days[-1]


async def test_same_url_saved_at_once_by_two_processes_is_stored_once(
    processes: tuple[PostgresStore, PostgresStore],
) -> None:
    one, two = processes
    for i in range(10):
        url = f"https://news.example/race/{i}?utm_source=x"
        article = make_article(f"Race article {i}. The vote is close.", url)
        quotes = [make_quote(f"The vote number {i} is very close", "Hana Sato")]
        first, second = await asyncio.gather(
            one.save_article(article, quotes, A), two.save_article(article, quotes, A)
        )
        assert sorted([first.status, second.status]) == ["added", "duplicate"]
        assert first.article_id == second.article_id
    for i in range(10):
        # Two scopes at once: one adds, the other links the same article.
        article = make_article(f"Linked article {i}.", f"https://news.example/link/{i}")
        quotes = [make_quote(f"Linking statement {i} for both guilds", "Hana Sato")]
        first, second = await asyncio.gather(
            one.save_article(article, quotes, A), two.save_article(article, quotes, B)
        )
        # Stored once; each is told "added" (neither may learn the other had it).
        assert sorted([first.status, second.status]) == ["added", "added"]
    stats = await one.stats([A, B])
    assert (stats.articles, stats.quotes, stats.speakers) == (20, 20, 1)
    assert (await two.stats([B])).quotes == 10


async def test_two_processes_lease_disjoint_feeds(
    processes: tuple[PostgresStore, PostgresStore], clock: Clock
) -> None:
    one, two = processes
    feeds = [await one.add_feed(A, f"https://news.example/rss/{i}", None, 15) for i in range(30)]
    got = await asyncio.gather(
        *(
            store.lease_due_feeds(clock.now, f"proc-{n}", 60, limit=4)
            for n, store in enumerate([one, two] * 5)
        )
    )
    leased = [f.id for batch in got for f in batch]
    assert len(leased) == len(set(leased)) == 30
    assert set(leased) == {f.id for f in feeds}
    # Nothing is due again until the leases expire.
    assert await two.lease_due_feeds(clock.now + timedelta(seconds=30), "proc-x", 60) == []


async def test_a_process_sees_what_another_one_added(
    processes: tuple[PostgresStore, PostgresStore],
) -> None:
    one, two = processes
    assert (await two.who_said("harbour dredging", [A])).hits == ()
    await one.save_article(
        make_article("Port story", "https://news.example/port"),
        [make_quote("The harbour dredging starts next spring", "Ines Duarte", "Port director")],
        A,
    )
    hits = (await two.who_said("the harbor dredging starts", [A])).hits
    assert hits and hits[0].quote.speaker == "Ines Duarte"
    name, page = await two.quotes_by("Duarte", [A])
    assert name == "Ines Duarte" and page.total == 1
    assert await two.speaker_names("ine", [A]) == ["Ines Duarte"]
    # The second process adds to the same speaker: still one speaker, seen by both.
    await two.save_article(
        make_article("Port story 2", "https://news.example/port2"),
        [make_quote("Dredging will cost less than planned", "Ines Duarte")],
        A,
    )
    assert (await one.quotes_by("ines duarte", [A]))[1].total == 2
    assert (await one.stats([A])).speakers == 1
    assert (await one.who_said("cost less than planned", [A])).hits


async def test_index_flushes_by_either_process_lose_nothing(
    pg_schema: tuple[str, str], clock: Clock
) -> None:
    url, schema = pg_schema
    kw = {"clock": clock, "schema": schema, "brute_force_below": 0, "flush_every": 7}
    one = PostgresStore.from_url(url, **kw)
    two = PostgresStore.from_url(url, **kw)
    await asyncio.gather(one.open(), two.open())
    texts = [f"Statement {w} about the {w} reservoir levels" for w in _WORDS]
    try:
        for i, text in enumerate(texts):
            writer = one if i % 3 else two
            await writer.save_article(
                make_article(f"A{i}", f"https://news.example/f{i}"), [make_quote(text)], A
            )
        for store in (one, two):
            for text in texts:
                hits = (await store.who_said(text, [A])).hits
                assert hits and hits[0].quote.text == text
        await one.flush_index()
        sizes = await two.sizes()
        assert sizes["index_bytes"] > 0
    finally:
        await asyncio.gather(one.close(), two.close())
    again = PostgresStore.from_url(url, **kw)
    await again.open()
    try:
        assert (await again.sizes())["tail_quotes"] == 0
        for text in texts:
            hits = (await again.who_said(text.replace("reservoir", "reservior"), [A])).hits
            assert hits and hits[0].quote.text == text
    finally:
        await again.close()


_WORDS = [
    "northern",
    "granite",
    "copper",
    "willow",
    "meadow",
    "lantern",
    "harvest",
    "orchard",
    "glacier",
    "canyon",
    "saffron",
    "timber",
    "marble",
    "falcon",
    "juniper",
    "cobalt",
    "thistle",
    "beacon",
    "quarry",
    "prairie",
    "harbor",
    "summit",
]


async def test_open_store_dispatches_postgres_urls(pg_schema: tuple[str, str]) -> None:
    url, _ = pg_schema
    store = await open_store(url)
    try:
        assert isinstance(store, PostgresStore)
    finally:
        await store.close()


async def test_unreachable_server_is_a_clear_error_without_the_password() -> None:
    store = PostgresStore.from_url("postgresql://bot:s3cret@127.0.0.1:1/whosaid")
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as info:
        await store.open()
    assert "s3cret" not in str(info.value)
    with pytest.raises(StoreError, match="not a PostgreSQL URL"):
        PostgresStore.from_url("mysql://x")


async def test_global_quotes_and_guild_quotes_share_the_index(
    processes: tuple[PostgresStore, PostgresStore],
) -> None:
    one, two = processes
    await one.save_article(
        make_article("G", "https://news.example/g"),
        [make_quote("Wind farms will power the valley by autumn", "Lars Berg")],
        GLOBAL_SCOPE,
    )
    await two.save_article(
        make_article("P", "https://news.example/p"),
        [make_quote("Wind farms are a blight on the valley", "Nora Quist")],
        A,
    )
    only_global = (await one.who_said("wind farms valley", [GLOBAL_SCOPE, B])).hits
    assert [h.quote.speaker for h in only_global] == ["Lars Berg"]
    both = (await one.who_said("wind farms valley", [GLOBAL_SCOPE, A], limit=5)).hits
    assert {h.quote.speaker for h in both} == {"Lars Berg", "Nora Quist"}


async def test_a_flush_by_one_process_gives_the_other_its_word_pair_signatures(
    pg_schema: tuple[str, str], clock: Clock
) -> None:
    """B has never seen A's quotes: after A's flushes it reads their signatures from disk."""
    url, schema = pg_schema
    kw = {"clock": clock, "schema": schema, "brute_force_below": 0}
    one = PostgresStore.from_url(url, flush_every=300, **kw)
    two = PostgresStore.from_url(url, **kw)
    await asyncio.gather(one.open(), two.open())
    try:
        own = "Asked about the race, he said that he would not run again"
        await one.save_article(make_article(own, "https://news.example/o"), [make_quote(own)], A)
        for a in range(9):  # 900 newer quotes with the same words in another order
            mixed = [
                make_quote(f"He would not run, she said, and that is what he said {a}-{i}")
                for i in range(100)
            ]
            await one.save_article(make_article(f"m{a}", f"https://news.example/m{a}"), mixed, A)
        assert (await one.sizes())["tail_quotes"] == 0  # three flushes by A
        hits = (await two.who_said("he said that he would not run", [A])).hits
        assert hits and hits[0].quote.text == own
        # A database that lost one flush's row (or predates signatures) gets it back once.
        await one.pool.execute("DELETE FROM quote_signatures WHERE first_id = 1")
    finally:
        await asyncio.gather(one.close(), two.close())
    again = PostgresStore.from_url(url, **kw)
    await again.open()
    try:
        hits = (await again.who_said("he said that he would not run", [A])).hits
        assert hits and hits[0].quote.text == own
        rows = await again.pool.fetch(
            "SELECT first_id, octet_length(data) / 16 FROM quote_signatures ORDER BY first_id"
        )
        assert [(r[0], r[1]) for r in rows] == [(1, 301), (302, 300), (602, 300)]
    finally:
        await again.close()


async def test_a_small_guild_sees_quotes_another_process_adds_or_links(
    processes: tuple[PostgresStore, PostgresStore],
) -> None:
    """B's own-quotes-only ranking of a small guild follows A's new quotes and links."""
    one, two = processes
    guild = "333"
    own = "The harbour ferry timetable will change in the spring, the council said"
    await one.save_article(make_article(own, "https://news.example/own"), [make_quote(own)], guild)
    fill = [make_quote(f"Roadworks on route {i} will last {i} weeks") for i in range(20)]
    await one.save_article(make_article("fill", "https://news.example/fill"), fill, guild)
    for a in range(4):  # 800 near-matches the guild cannot see (yet)
        near = [
            make_quote(f"The harbour ferry timetable will change in the spring, ferry {a}-{i}")
            for i in range(200)
        ]
        await one.save_article(make_article(f"near {a}", f"https://news.example/n{a}"), near, B)
    phrase = "harbour ferry timetable will change in the spring"
    hits = (await two.who_said(phrase, [guild])).hits  # B builds the guild's id set
    assert hits and hits[0].quote.text == own
    later = "The harbour ferry timetable will change again in the autumn"
    await one.save_article(
        make_article(later, "https://news.example/later"), [make_quote(later)], guild
    )
    hits = (await two.who_said("ferry timetable will change again in the autumn", [guild])).hits
    assert hits and hits[0].quote.text == later
    await one.save_article(make_article("near 3", "https://news.example/n3"), [], guild)
    hits = (await two.who_said("in the spring, ferry 3-142", [guild])).hits
    assert hits and hits[0].quote.text.endswith("ferry 3-142")

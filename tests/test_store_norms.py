"""Look-ups read their candidates' normalised text from ``quote_norms`` (schema 6).

A database written before version 6 has quotes flushed to the index with no row there:
opening it fills the table, so those quotes are still found, and quotes saved afterwards
(in the index tail, then flushed) are found too. Removing an article takes its rows away.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from bot.core.models import GLOBAL_SCOPE
from bot.core.search.index import WordIndex
from bot.core.search.normalize import normalize
from bot.core.store.postgres import PostgresStore
from bot.core.store.sqlite import SQLiteStore
from tests.conftest import make_article, make_quote, postgres_schema

BEFORE = [
    "The harbour will close at dusk for the rest of the winter",
    "Ferry fares rise by a fifth from the first of March",
    "Nobody on the council asked the fishermen what they wanted",
]
AFTER = "The new breakwater should be finished before the autumn storms"
ELSEWHERE = "Our orchestra will tour eleven cities next spring"


@pytest.fixture(params=["sqlite", "postgres"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database's URL (``url#schema`` for PostgreSQL)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/norms.db"
        return
    async with postgres_schema() as (url, schema):
        yield f"{url}#{schema}"


async def _open(url: str) -> SQLiteStore | PostgresStore:
    """The store with index search forced on (tiny data would be brute-forced)."""
    store: SQLiteStore | PostgresStore
    if url.startswith("sqlite"):
        store = SQLiteStore.from_url(url, brute_force_below=0)
    else:
        dsn, schema = url.split("#")
        store = PostgresStore.from_url(dsn, schema=schema, brute_force_below=0)
    await store.open()
    return store


async def _back_to_schema_5(url: str) -> None:
    """What the database looked like before version 6: no table, no bookkeeping."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("DROP TABLE quote_norms")
        conn.execute("DELETE FROM meta WHERE key = 'norms_upto'")
        conn.execute("DELETE FROM schema_version WHERE version = 6")
        conn.close()
        return
    dsn, schema = url.split("#")
    pg = await asyncpg.connect(dsn, server_settings={"search_path": schema})
    try:
        await pg.execute("DROP TABLE quote_norms")
        await pg.execute("ALTER TABLE index_state DROP COLUMN norms_upto")
        # Version 7 (PostgreSQL only) reads quote_norms: a schema-5 database had neither.
        await pg.execute("DROP FUNCTION rerank_candidates")
        await pg.execute("DROP FUNCTION probe_terms")
        await pg.execute("DELETE FROM schema_version WHERE version >= 6")
    finally:
        await pg.close()


async def _top(store: SQLiteStore | PostgresStore, phrase: str, scope: str = "1") -> str | None:
    hits = (await store.who_said(phrase, [scope, GLOBAL_SCOPE])).hits
    return hits[0].quote.text if hits else None


async def test_quotes_flushed_before_the_upgrade_are_found_after_it(db: str) -> None:
    store = await _open(db)
    for n, text in enumerate(BEFORE):
        body = f"“{text},” the harbour master said."
        await store.save_article(
            make_article(body, f"https://news.example/{n}"), [make_quote(text)], "1"
        )
    await store.flush_index()
    await store.close()
    await _back_to_schema_5(db)

    for _ in range(2):  # the second open finds nothing left to fill
        store = await _open(db)
        try:
            assert await _top(store, "harbour will close at dusk") == BEFORE[0]
            assert await _top(store, "ferry fares rise by a fith") == BEFORE[1]  # typo
            assert await _top(store, "nobody on the council asked") == BEFORE[2]
        finally:
            await store.close()


async def test_tail_and_flushed_quotes_are_found_and_removed_ones_are_not(db: str) -> None:
    store = await _open(db)
    try:
        await store.save_article(
            make_article(f"“{BEFORE[0]},” she said.", "https://news.example/a"),
            [make_quote(BEFORE[0])],
            "1",
        )
        await store.save_article(
            make_article(f"“{ELSEWHERE},” he said.", "https://news.example/o"),
            [make_quote(ELSEWHERE)],
            "2",
        )
        await store.flush_index()
        await store.save_article(  # stays in the index tail
            make_article(f"“{AFTER},” she said.", "https://news.example/b"),
            [make_quote(AFTER)],
            "1",
        )
        assert await _top(store, "harbour will close at dusk") == BEFORE[0]
        assert await _top(store, "breakwater should be finished") == AFTER
        assert await _top(store, "orchestra will tour eleven cities") is None  # server 2's
        assert await _top(store, "orchestra will tour eleven cities", "2") == ELSEWHERE
        assert await store.remove_article("1", "https://news.example/a") is not None
        assert await _top(store, "harbour will close at dusk") is None
        await store.flush_index()
        assert await _top(store, "breakwater should be finished") == AFTER
    finally:
        await store.close()


def test_the_flush_carries_the_normalised_text_made_when_each_quote_was_indexed() -> None:
    index = WordIndex()
    index.add_quote(1, "“Don’t CLOSE the Harbour,” she said — twice.")
    index.add_quote(2, "Fares rise; nobody asked.")
    batch = index.flush_batch()
    assert batch.norms == {
        1: normalize("“Don’t CLOSE the Harbour,” she said — twice."),
        2: "fares rise nobody asked",
    }
    index.flushed(batch)
    assert index.flush_batch().norms == {}

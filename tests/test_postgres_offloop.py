"""PostgreSQL look-ups keep CPU work off the event loop (the gateway heartbeat runs there)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

import bot.core.store.postgres_search as pg_module
from bot.core.models import GLOBAL_SCOPE
from bot.core.store.postgres import PostgresStore
from tests.conftest import make_article, make_quote


async def test_the_rerank_of_a_burst_runs_off_the_loop_thread(
    pg_schema: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, schema = pg_schema
    store = PostgresStore.from_url(url, schema=schema, brute_force_below=0)
    await store.open()
    try:
        text = "The harbour tunnel will open to cargo traffic next spring"
        await store.save_article(make_article(text), [make_quote(text)], GLOBAL_SCOPE)
        threads: list[threading.Thread] = []

        def spy(real: Any) -> Any:
            def run(*args: Any) -> Any:
                threads.append(threading.current_thread())
                return real(*args)

            return run

        # The rerank: quick scores of the candidates, then the word check of the best few.
        monkeypatch.setattr(pg_module, "shortlist", spy(pg_module.shortlist))  # type: ignore[attr-defined]
        monkeypatch.setattr(pg_module, "judge", spy(pg_module.judge))  # type: ignore[attr-defined]
        results = await asyncio.gather(
            *(store.who_said("harbour tunnel cargo", [GLOBAL_SCOPE]) for _ in range(20))
        )
        assert all(r.hits and r.hits[0].quote.text == text for r in results)
        assert len(threads) == 40
        assert threading.main_thread() not in threads
    finally:
        await store.close()


async def test_no_cpu_step_of_a_burst_runs_on_the_loop_thread(
    pg_schema: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A probe on every CPU step of a look-up (planning, candidate ranking, the rerank's
    shortlist and word check) on the word-index path records the thread it ran on: never
    the event loop's."""
    import bot.core.search.index as index_module
    import bot.core.store.common as common_module

    url, schema = pg_schema
    store = PostgresStore.from_url(url, schema=schema, brute_force_below=0)
    await store.open()
    try:
        for n in range(6):
            text = f"The harbour tunnel number {n} will open to cargo traffic next spring"
            await store.save_article(
                make_article(text, f"https://x.example/{n}"), [make_quote(text)], GLOBAL_SCOPE
            )
        seen: list[tuple[str, threading.Thread]] = []

        def probe(name: str, real: Any) -> Any:
            def run(*args: Any, **kwargs: Any) -> Any:
                seen.append((name, threading.current_thread()))
                return real(*args, **kwargs)

            return run

        monkeypatch.setattr(
            index_module.WordIndex, "plan", probe("plan", index_module.WordIndex.plan)
        )
        monkeypatch.setattr(
            common_module, "rank_candidates", probe("rank", index_module.rank_candidates)
        )
        for step in ("shortlist", "judge"):
            monkeypatch.setattr(pg_module, step, probe(step, getattr(pg_module, step)))
        results = await asyncio.gather(
            *(store.who_said("harbour tunel cargo", [GLOBAL_SCOPE]) for _ in range(20))
        )
        assert all(r.hits for r in results)
        assert {name for name, _ in seen} == {"plan", "rank", "shortlist", "judge"}
        assert [name for name, thread in seen if thread is threading.main_thread()] == []
    finally:
        await store.close()


async def test_on_its_own_loop_the_store_queries_off_the_callers_loop_thread(
    pg_schema: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``own_loop=True``: every query of a burst of
    look-ups and saves runs on the store's thread, never the caller's, with the same
    answers as a store on the caller's loop; after ``close`` the thread is gone."""
    from bot.core.store.postgres_search import PooledConnection

    url, schema = pg_schema
    store = PostgresStore.from_url(url, schema=schema, brute_force_below=0, own_loop=True)
    await store.open()
    seen: list[threading.Thread] = []
    real_fetch = PooledConnection.fetch

    async def fetch(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread())
        return await real_fetch(self, *args, **kwargs)

    try:
        monkeypatch.setattr(PooledConnection, "fetch", fetch)
        texts = [f"The harbour tunnel number {n} will open to cargo traffic" for n in range(6)]
        await asyncio.gather(
            *(
                store.save_article(
                    make_article(t, f"https://x.example/{n}"), [make_quote(t)], GLOBAL_SCOPE
                )
                for n, t in enumerate(texts)
            )
        )
        results = await asyncio.gather(
            *(store.who_said("harbour tunel cargo", [GLOBAL_SCOPE]) for _ in range(20))
        )
        assert seen and threading.current_thread() not in seen
        same_loop = PostgresStore.from_url(url, schema=schema, brute_force_below=0)
        await same_loop.open()
        try:
            expected = await same_loop.who_said("harbour tunel cargo", [GLOBAL_SCOPE])
        finally:
            await same_loop.close()
        assert all(r == expected for r in results)
        assert {h.quote.text for h in expected.hits} <= set(texts) and expected.hits
    finally:
        await store.close()
    assert not any(t.name == "whosaid-postgres" for t in threading.enumerate())

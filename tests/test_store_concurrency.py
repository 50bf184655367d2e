"""SQLite look-ups run beside the writer: never queued behind a save, always consistent."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from bot.core.models import GLOBAL_SCOPE
from bot.core.store.sqlite import SQLiteStore
from tests.conftest import make_article, make_quote

WORDS = [
    "harbour",
    "bridge",
    "tolls",
    "council",
    "budget",
    "ferry",
    "tunnel",
    "rail",
    "cargo",
    "river",
    "lantern",
    "orchard",
    "meadow",
    "quarry",
    "glacier",
    "canyon",
    "prairie",
    "delta",
    "marsh",
    "summit",
]


def _sentence(i: int) -> str:
    """A distinct, searchable sentence per number (its words spell the number)."""
    digits = [WORDS[int(d) + (10 if k % 2 else 0)] for k, d in enumerate(f"{i:04d}")]
    return f"The {' '.join(digits)} plan will open next spring for everyone"


async def _store(tmp_path: Path, **kwargs: int) -> SQLiteStore:
    store = SQLiteStore.from_url(f"sqlite:///{tmp_path}/w.db", brute_force_below=0, **kwargs)
    await store.open()
    return store


async def test_a_look_up_answers_while_the_writer_is_busy(tmp_path: Path) -> None:
    store = await _store(tmp_path)
    try:
        text = _sentence(7)
        await store.save_article(make_article(text), [make_quote(text)], GLOBAL_SCOPE)
        gate = threading.Event()
        assert store._executor is not None
        busy = asyncio.get_running_loop().run_in_executor(store._executor, gate.wait)
        try:
            # A long save or tail flush holds the writer: the look-up must not queue behind it.
            look = asyncio.ensure_future(store.who_said(text, [GLOBAL_SCOPE]))
            done, _ = await asyncio.wait({look}, timeout=30)
            assert look in done, "the look-up waited for the writer"
            assert look.result().hits[0].quote.text == text
        finally:
            gate.set()
            await busy
    finally:
        await store.close()


async def test_look_ups_during_saves_and_flushes_find_every_saved_quote(tmp_path: Path) -> None:
    # A tiny flush threshold: the index tail is flushed every few saves, with readers active.
    store = await _store(tmp_path, flush_every=3)
    try:
        saved: list[str] = []
        misses: list[str] = []

        async def writer() -> None:
            for i in range(60):
                text = _sentence(i)
                url = f"https://news.example/{i}"
                await store.save_article(make_article(text, url), [make_quote(text)], GLOBAL_SCOPE)
                saved.append(text)

        async def reader() -> None:
            while len(saved) < 60:
                known = list(saved[-4:])  # saved (committed) before this look-up starts
                for text in known:
                    hits = (await store.who_said(text, [GLOBAL_SCOPE], 3)).hits
                    if not hits or hits[0].quote.text != text:
                        misses.append(text)
                await asyncio.sleep(0)

        await asyncio.gather(writer(), reader(), reader(), reader())
        assert misses == []
        for text in saved:  # and afterwards, every one is found
            assert (await store.who_said(text, [GLOBAL_SCOPE], 1)).hits[0].quote.text == text
    finally:
        await store.close()


async def test_a_memory_database_still_works_without_readers() -> None:
    store = SQLiteStore.from_url("sqlite:///:memory:", brute_force_below=0)
    await store.open()
    try:
        text = _sentence(3)
        await store.save_article(make_article(text), [make_quote(text)], GLOBAL_SCOPE)
        assert (await store.who_said(text, [GLOBAL_SCOPE])).hits[0].quote.text == text
    finally:
        await store.close()

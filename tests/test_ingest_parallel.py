"""Bulk ingest of a folder on several extraction processes (issue 17).

The summary and progress read as with one article at a time (folder order), and an
interrupted ingest leaves every saved article whole with all its quotes.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bot.core.ingest import pipeline
from bot.core.ingest.pipeline import ingest_sources
from bot.core.ingest.worker import ExtractionWorker
from bot.core.models import ArticleInput, IngestResult, Quote
from bot.core.store.sqlite import SQLiteStore
from bot.settings import Settings


def _quoted(text: str, *, title: str | None = None) -> list[Quote]:
    """Every passage between straight double quotes, attributed to a fixed name."""
    out: list[Quote] = []
    for part in text.split('"')[1::2]:
        start = text.index(part)
        out.append(
            Quote(part, start, start + len(part), "direct", "Ada Brun", None, None, None, 0.9)
        )
    return out


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[ExtractionWorker]:
    found = ExtractionWorker(extract=_quoted)
    monkeypatch.setattr(pipeline, "shared_worker", lambda: found)
    yield found
    found.close()


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(n):
        quotes = " ".join(f'"Pier {i} will need repair number {k}," she said.' for k in range(3))
        (folder / f"{i:03}.txt").write_text(f"Pier {i} report\n\nThe council met. {quotes}\n")
    (folder / "empty.txt").write_text("   \n")
    return folder


async def test_a_folder_on_three_workers_reads_like_one_at_a_time(
    tmp_path: Path, worker: ExtractionWorker
) -> None:
    folder = _folder(tmp_path, 8)
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    seen: list[tuple[int, int, str]] = []
    try:
        summary = await ingest_sources(
            [str(folder)],
            scope="global",
            store=store,
            settings=Settings(ingest_workers=3),
            progress=lambda done, total, label: seen.append((done, total, label)),
        )
    finally:
        await store.close()
    names = [Path(i.source).name for i in summary.items]
    assert names == sorted(names)  # folder order, as one at a time
    assert (summary.added, summary.failed, summary.quotes) == (8, 1, 24)
    assert [d for d, _, _ in seen] == list(range(1, 10)) and seen[-1][1] == 9
    assert "9 items: 8 added" in summary.format()


class _StopAfter:
    """A store that interrupts the ingest (as Ctrl-C does) once ``n`` articles are saved."""

    def __init__(self, store: SQLiteStore, n: int) -> None:
        self.store, self.n = store, n
        self.task: asyncio.Task[object] | None = None

    async def save_article(
        self, article: ArticleInput, quotes: Sequence[Quote], scope: str
    ) -> IngestResult:
        result = await self.store.save_article(article, quotes, scope)
        self.n -= 1
        if self.n == 0 and self.task is not None:
            self.task.cancel()
        return result

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


async def test_an_interrupted_ingest_leaves_each_saved_article_whole(
    tmp_path: Path, worker: ExtractionWorker
) -> None:
    folder = _folder(tmp_path, 12)
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    stopper = _StopAfter(store, 5)
    try:
        task: asyncio.Task[object] = asyncio.create_task(
            ingest_sources(
                [str(folder)],
                scope="global",
                store=stopper,  # type: ignore[arg-type]
                settings=Settings(ingest_workers=2),
            )
        )
        stopper.task = task
        with pytest.raises(asyncio.CancelledError):
            await task
    finally:
        await store.close()
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        per_article = conn.execute(
            "SELECT a.title, COUNT(q.id) FROM articles a LEFT JOIN quotes q "
            "ON q.article_id = a.id GROUP BY a.id ORDER BY a.title"
        ).fetchall()
    # The first five, and at most the one whose save was under way (it completes whole).
    titles = [title for title, _ in per_article]
    assert titles in ([f"Pier {i} report" for i in range(k)] for k in (5, 6))
    assert {count for _, count in per_article} == {3}

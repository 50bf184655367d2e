"""Bulk ingest of a folder on several extraction processes (issue 17).

The summary and progress read as with one article at a time (folder order), and an
interrupted ingest leaves every saved article whole with all its quotes.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bot.core.ingest import parallel, pipeline
from bot.core.ingest.sources import ingest_sources
from bot.core.ingest.worker import ExtractionWorker
from bot.core.models import ArticleInput, IngestResult, Quote
from bot.core.store.base import StoreError
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
    """A store that interrupts the ingest (as Ctrl-C does) once ``n`` batches are saved."""

    def __init__(self, store: SQLiteStore, n: int) -> None:
        self.store, self.n = store, n
        self.task: asyncio.Task[object] | None = None

    async def save_articles(
        self, batch: Sequence[tuple[ArticleInput, Sequence[Quote]]], scope: str
    ) -> list[IngestResult | StoreError]:
        result = await self.store.save_articles(batch, scope)
        self.n -= 1
        if self.n == 0 and self.task is not None:
            self.task.cancel()
        return result

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def _whole_articles(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT a.title, COUNT(q.id) FROM articles a LEFT JOIN quotes q "
            "ON q.article_id = a.id GROUP BY a.id ORDER BY a.title"
        ).fetchall()


async def test_an_interrupted_ingest_leaves_each_saved_batch_whole(
    tmp_path: Path, worker: ExtractionWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "CHUNK", 4)
    folder = _folder(tmp_path, 12)
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    stopper = _StopAfter(store, 1)
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
    per_article = _whole_articles(tmp_path / "db.sqlite")
    # The first batch, and at most the one whose save was under way (it completes whole).
    titles = [title for title, _ in per_article]
    assert titles in ([f"Pier {i} report" for i in range(k)] for k in (4, 8))
    assert {count for _, count in per_article} == {3}


_KILLED_INGEST = """
import asyncio, os, signal, sys
from bot.core.ingest import parallel
from bot.core.ingest.sources import ingest_sources
from bot.core.store.base import StoreError
from bot.core.store.sqlite import SQLiteStore
from bot.settings import Settings

parallel.CHUNK = 4
save = SQLiteStore._save_sync

def save_or_die(self, article, quotes, scope):
    if article.title == sys.argv[3]:  # killed in the middle of this article's batch
        os.kill(os.getpid(), signal.SIGKILL)
    return save(self, article, quotes, scope)

SQLiteStore._save_sync = save_or_die

async def main():
    store = SQLiteStore(sys.argv[2])
    await store.open()
    try:
        summary = await ingest_sources(
            [sys.argv[1]], scope="global", store=store, settings=Settings(ingest_workers=2)
        )
    finally:
        await store.close()
    print(summary.format(per_item=False))

asyncio.run(main())
"""


def _ingest_killed_at(folder: Path, db: Path, title: str) -> subprocess.CompletedProcess[str]:
    """``ingest_sources`` in a child process that is SIGKILLed when it saves ``title``."""
    return subprocess.run(
        [sys.executable, "-c", _KILLED_INGEST, str(folder), str(db), title],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_kill_mid_batch_leaves_whole_articles_and_a_rerun_adds_the_rest(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(12):
        said = " ".join(f"“Pier {i} will need repair number {k},” Ada Brun said." for k in range(3))
        (folder / f"{i:03}.txt").write_text(f"Pier {i} report\n\nThe council met. {said}\n")
    db = tmp_path / "db.sqlite"
    killed = _ingest_killed_at(folder, db, "Pier 6 report")
    assert killed.returncode == -signal.SIGKILL
    # Batches of four: the first is whole, the one killed (Pier 4-7) left nothing behind.
    assert _whole_articles(db) == [(f"Pier {i} report", 3) for i in range(4)]
    rerun = _ingest_killed_at(folder, db, "no such title")
    assert rerun.returncode == 0, rerun.stderr
    assert "12 items: 8 added, 0 updated, 0 linked, 4 duplicate, 0 failed" in rerun.stdout
    assert _whole_articles(db) == sorted((f"Pier {i} report", 3) for i in range(12))


def _stuck_or_quoted(text: str, *, title: str | None = None) -> list[Quote]:
    """Never ends on an article that says "stuck" (a super-linear rule); else ``_quoted``."""
    if "stuck" in text:
        while True:
            pass
    return _quoted(text, title=title)


async def test_an_article_over_the_budget_fails_alone_and_its_chunk_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = ExtractionWorker(budget=1.0, extract=_stuck_or_quoted)
    monkeypatch.setattr(pipeline, "shared_worker", lambda: found)
    monkeypatch.setattr(parallel, "CHUNK", 4)
    folder = _folder(tmp_path, 6)
    (folder / "002.txt").write_text('Pier 2 report\n\nThe crane is stuck. "Soon," she said.\n')
    store = SQLiteStore(tmp_path / "db.sqlite")
    await store.open()
    try:
        summary = await ingest_sources(
            [str(folder)], scope="global", store=store, settings=Settings(ingest_workers=2)
        )
    finally:
        await store.close()
        found.close()
    failed = {Path(f.source).name: f.error for f in summary.failures}
    assert set(failed) == {"002.txt", "empty.txt"}
    assert "took over 1 s" in (failed["002.txt"] or "")
    assert (summary.added, summary.quotes) == (5, 15)
    titles = [title for title, _ in _whole_articles(tmp_path / "db.sqlite")]
    assert titles == [f"Pier {i} report" for i in (0, 1, 3, 4, 5)]

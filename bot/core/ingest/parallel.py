"""Bulk ingest on every core: files read and quotes extracted in chunks on a process pool.

``whosaid ingest <folder>`` hands the files to a pool of worker processes
(``INGEST_WORKERS``, default the core count) in chunks of :data:`CHUNK`: a worker reads
each file of its chunk and extracts its quotes, and sends the chunk's articles back in one
answer. The parent process only saves: one chunk in one transaction while the workers
extract the next ones (a bounded look-ahead, so memory stays flat on any folder). Chunks
are saved in folder order, so progress and the summary read as one article at a time.

The parent's save (SQL, the word index, clusters) is the serial part of the ingest:
everything else was moved off it: file reading, one pipe round trip and one wake-up of
the event loop per chunk instead of per article, one transaction per chunk.

Time budget: a chunk must finish within one article's budget (a normal chunk takes a few
tens of milliseconds); one that does not is done again one article at a time, each with
its own budget, so only the article over the budget fails, as with one at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from bot.core.ingest.errors import IngestError
from bot.core.ingest.files import read_article_file_counted, replaced_note
from bot.core.ingest.worker import (
    ExtractFn,
    Extraction,
    ExtractionWorker,
    extract_capped,
)
from bot.core.models import ArticleInput

#: Files per worker job, and articles per save transaction.
CHUNK = 16
#: Chunks read ahead per worker (in flight or waiting to be saved).
AHEAD_PER_WORKER = 2

T = TypeVar("T")
Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file read and its quotes extracted (in a worker), ready to be saved."""

    article: ArticleInput
    notes: tuple[str, ...]
    extraction: Extraction


@dataclass(frozen=True, slots=True)
class Unread:
    """A file that could not be read or extracted, and why (the item's error)."""

    reason: str
    url: str | None = None


def prepare_files(
    paths: Sequence[Path], max_bytes: int, max_quotes: int, extract: ExtractFn
) -> list[Prepared | Unread]:
    """Read each file and extract its quotes (the worker's job for one chunk)."""
    out: list[Prepared | Unread] = []
    for path in paths:
        try:
            article, replaced = read_article_file_counted(path, max_bytes=max_bytes)
        except IngestError as exc:
            out.append(Unread(exc.reason))
            continue
        try:
            extraction = extract_capped(article.text, article.title, max_quotes, extract)
        except IngestError as exc:
            out.append(Unread(exc.reason, article.url))
            continue
        except Exception as exc:  # a rule's bug loses this article, not the chunk
            logging.getLogger(__name__).exception("extracting %s failed", path)
            out.append(Unread(f"internal error ({type(exc).__name__})", article.url))
            continue
        notes = (replaced_note(replaced),) if replaced else ()
        out.append(Prepared(article, notes, extraction))
    return out


class ExtractionPool:
    """Several :class:`ExtractionWorker` processes, each taking the next job when idle."""

    def __init__(self, first: ExtractionWorker, workers: int) -> None:
        """``first`` (the process-wide worker, set up from the settings) plus twins of it
        up to ``workers`` processes; only the twins are closed with the pool."""
        self.size = max(1, workers)
        self._twins = [first.twin() for _ in range(self.size - 1)]
        self._all = [first, *self._twins]
        self._idle: asyncio.Queue[ExtractionWorker] | None = None

    def _queue(self) -> asyncio.Queue[ExtractionWorker]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for worker in self._all:
                self._idle.put_nowait(worker)
        return self._idle

    async def _on_worker(self, job: Callable[[ExtractionWorker], Awaitable[T]]) -> T:
        idle = self._queue()
        worker = await idle.get()
        try:
            return await job(worker)
        finally:
            idle.put_nowait(worker)

    async def extract(self, text: str, title: str | None = None) -> Extraction:
        """Quotes of one article on the next free worker (its errors as the worker's)."""
        return await self._on_worker(lambda worker: worker.extract(text, title))

    async def prepare(self, paths: Sequence[Path], max_bytes: int) -> list[Prepared | Unread]:
        """Read and extract a chunk of files on the next free worker, in one round trip;
        a chunk over the budget is done again one file at a time (see the module doc)."""

        async def chunk(worker: ExtractionWorker) -> list[Prepared | Unread]:
            job = partial(prepare_files, paths, max_bytes, worker.max_quotes, worker.extractor)
            return await worker.run(job, doing="finding its quotes")

        try:
            return await self._on_worker(chunk)
        except IngestError:  # over the budget, or the worker died: find which file
            if len(paths) == 1:
                raise
        out: list[Prepared | Unread] = []
        for path in paths:
            try:
                out.extend(await self.prepare([path], max_bytes))
            except IngestError as exc:
                out.append(Unread(exc.reason))
        return out

    def close(self) -> None:
        """Kill the twins' processes (never waits for the job one is on)."""
        for worker in self._twins:
            worker.close()


@contextlib.asynccontextmanager
async def extraction_pool(first: ExtractionWorker, workers: int) -> AsyncIterator[ExtractionPool]:
    pool = ExtractionPool(first, workers)
    try:
        yield pool
    finally:
        pool.close()


async def in_order(
    items: Sequence[Item], prepare: Callable[[Item], Awaitable[T]], ahead: int
) -> AsyncIterator[T]:
    """``prepare(item)`` for every item, up to ``ahead`` at once, yielded in item order.

    Cancelling the consumer cancels the ones in flight (their worker processes are killed
    by the pool's close), so nothing half-done is ever handed on.
    """
    pending: list[asyncio.Task[T]] = []
    index = 0
    try:
        while index < len(items) or pending:
            while index < len(items) and len(pending) < max(1, ahead):
                pending.append(asyncio.ensure_future(prepare(items[index])))
                index += 1
            yield await pending.pop(0)
    finally:
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(BaseException):
                await task


def chunks(items: Sequence[Item], size: int | None = None) -> list[Sequence[Item]]:
    """``items`` in consecutive runs of ``size`` (default :data:`CHUNK`; the last shorter)."""
    step = max(1, CHUNK if size is None else size)
    return [items[i : i + step] for i in range(0, len(items), step)]


__all__ = [
    "AHEAD_PER_WORKER",
    "CHUNK",
    "ExtractionPool",
    "Prepared",
    "Unread",
    "chunks",
    "extraction_pool",
    "in_order",
    "prepare_files",
]

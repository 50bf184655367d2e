"""Bulk ingest on every core: files read, quotes extracted and articles saved at once.

``whosaid ingest <folder>`` used to await one article at a time (read, extract, save).
Here extraction is spread over a pool of worker processes (``INGEST_WORKERS``, default the
core count; each keeps its own time budget and is killed when over it), the next files are
read while earlier ones are being extracted, and articles are saved in their folder order
while the pool works on the next ones. Each article is saved in its own transaction, so an
interrupt (Ctrl-C, a kill) leaves every saved article whole and the rest unsaved.

The look-ahead is bounded (a few articles per worker), so memory stays flat on any folder,
and the bot's feed polling, which calls the same per-article path, is never given more
than one worker.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TypeVar

from bot.core.ingest.worker import Extraction, ExtractionWorker

#: Articles read ahead per worker (in flight or waiting to be saved).
AHEAD_PER_WORKER = 2

T = TypeVar("T")
Item = TypeVar("Item")


class ExtractionPool:
    """Several :class:`ExtractionWorker` processes behind one ``extract`` call."""

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

    async def extract(self, text: str, title: str | None = None) -> Extraction:
        """Quotes of one article on the next free worker (its errors as the worker's)."""
        idle = self._queue()
        worker = await idle.get()
        try:
            return await worker.extract(text, title)
        finally:
            idle.put_nowait(worker)

    def close(self) -> None:
        """Kill the twins' processes (never waits for the article one is on)."""
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


__all__ = ["AHEAD_PER_WORKER", "ExtractionPool", "extraction_pool", "in_order"]

"""Quote extraction in a separate process, with a time budget per article (issue 18).

Extraction is pure-Python CPU work that holds the GIL, so a thread does not keep the event
loop free, and a thread cannot be stopped. Here one long-lived worker process extracts one
article at a time; the event loop waits on the worker's pipe without a thread (so shutdown
never waits for it). An article over the budget gets the worker killed (a new one starts
for the next article) and is reported as failed. The worker is a daemon: when the bot or
the CLI exits, whatever the worker is doing, it goes too. The budget counts from the moment
a worker is ready: a new process's start-up has its own, wider limit.

An article also keeps at most ``max_quotes`` quotes: when it has more, the attributed and
most confident ones are kept, in document order.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Protocol, TypeVar, cast

from bot.core.extract import extract_quotes
from bot.core.ingest.errors import IngestError
from bot.core.models import Quote

T = TypeVar("T")

#: Seconds one article may spend in extraction before it is given up (setting
#: ``EXTRACT_TIME_BUDGET``).
EXTRACT_TIME_BUDGET = 20.0
#: Quotes kept per article at most (setting ``MAX_QUOTES_PER_ARTICLE``).
MAX_QUOTES_PER_ARTICLE = 500
#: Seconds a new worker may take to start (spawn and the imports of the rules). Kept apart
#: from the budget: on a loaded machine start-up alone can pass a short budget, and an
#: article must not fail for the time its worker took to start.
START_UP_LIMIT = 120.0
#: What a worker sends once it is ready for its first job.
READY = "ready"


class ExtractFn(Protocol):
    """``extract_quotes``'s shape; a module-level function, so the worker can import it."""

    def __call__(self, text: str, *, title: str | None = None) -> list[Quote]: ...


class ExtractionTimeout(IngestError):
    """Extraction of one article ran over its time budget."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """The quotes kept for an article and how many the cap left out."""

    quotes: list[Quote]
    found: int

    @property
    def dropped(self) -> int:
        return self.found - len(self.quotes)


def cap_quotes(quotes: Sequence[Quote], limit: int) -> list[Quote]:
    """At most ``limit`` quotes: attributed ones first, then the most confident; the kept
    quotes stay in document order."""
    if len(quotes) <= limit:
        return list(quotes)
    best = heapq.nlargest(
        max(limit, 0),
        range(len(quotes)),
        key=lambda i: (quotes[i].speaker is not None, quotes[i].confidence, -i),
    )
    return [quotes[i] for i in sorted(best)]


def extract_capped(
    text: str, title: str | None, max_quotes: int, extract: ExtractFn = extract_quotes
) -> Extraction:
    """Extract and cap, in this process (what the worker runs for each article)."""
    quotes = extract(text, title=title)
    return Extraction(cap_quotes(quotes, max_quotes), len(quotes))


def _serve(conn: Connection, extract: ExtractFn | None = None) -> None:
    """The worker's loop: one job (a picklable callable) in, its result (or error) out.

    ``extract`` arrives with the process's arguments, so its module (the extraction rules)
    is imported before :data:`READY` is sent and not on the first article's budget."""
    del extract
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            conn.send(job())
        except IngestError as exc:  # a refused input: its reason goes back as it is
            conn.send(exc)
        except Exception as exc:  # a rule's bug loses this article, not the worker
            logging.getLogger(__name__).exception("a job in the worker failed")
            conn.send(IngestError(f"internal error ({type(exc).__name__})"))


class ExtractionWorker:
    """One worker process, restarted when it has to be killed; one article at a time."""

    def __init__(
        self,
        *,
        budget: float = EXTRACT_TIME_BUDGET,
        max_quotes: int = MAX_QUOTES_PER_ARTICLE,
        extract: ExtractFn = extract_quotes,
    ) -> None:
        self.budget = budget
        self.max_quotes = max_quotes
        self._extract = extract
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None

    def _start(self) -> tuple[Connection, bool]:
        """The worker's pipe, and whether its process is new (not yet known to be ready)."""
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn, False
        self.close()
        context = multiprocessing.get_context("spawn")  # no fork of a threaded event loop
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_serve, args=(theirs, self._extract), name="whosaid-extract", daemon=True
        )
        process.start()
        theirs.close()
        self._process, self._conn = process, ours
        return ours, True

    @staticmethod
    async def _readable(conn: Connection, limit: float) -> None:
        """Wait until the pipe has something to read, without a thread (TimeoutError).

        ``asyncio.timeout``, not ``wait_for``: on Python 3.11 ``wait_for`` returned normally
        when cancelled just as the pipe became readable, so a cancelled ingest (Ctrl-C,
        shutdown) could carry on."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()

        def readable() -> None:
            if not done.done():
                done.set_result(None)

        fd = conn.fileno()
        loop.add_reader(fd, readable)
        try:
            async with asyncio.timeout(limit):
                await done
        finally:
            loop.remove_reader(fd)

    def _lock_for(self, loop: asyncio.AbstractEventLoop) -> asyncio.Lock:
        if self._lock is None or self._lock_loop is not loop:
            self._lock, self._lock_loop = asyncio.Lock(), loop
        return self._lock

    async def extract(self, text: str, title: str | None = None) -> Extraction:
        """Quotes of one article; :class:`ExtractionTimeout` when over the budget."""
        job = partial(extract_capped, text, title, self.max_quotes, self._extract)
        answer = await self.run(job, doing="finding its quotes")
        if not isinstance(answer, Extraction):
            raise IngestError("internal error (unexpected answer)")
        return answer

    @property
    def extractor(self) -> ExtractFn:
        """The extraction function the worker runs (for jobs built elsewhere)."""
        return self._extract

    async def run(self, job: Callable[[], T], *, doing: str) -> T:
        """``job()`` in the worker within the budget (``doing`` names it in the error).

        ``job`` must pickle: a module-level function, or a ``functools.partial`` of one.
        Raises :class:`ExtractionTimeout` over the budget and the job's IngestError.
        """
        loop = asyncio.get_running_loop()
        async with self._lock_for(loop):
            conn, fresh = self._start()
            finished = False
            try:
                if fresh:  # the budget's clock starts once the worker is ready
                    try:
                        await self._readable(conn, START_UP_LIMIT)
                    except TimeoutError:
                        raise IngestError("internal error (the worker did not start)") from None
                    if conn.recv() != READY:
                        raise IngestError("internal error (unexpected answer)")
                conn.send(job)
                await self._readable(conn, self.budget)
                answer = conn.recv()
                finished = True
            except TimeoutError:
                raise ExtractionTimeout(
                    f"gave up: {doing} took over {self.budget:g} s "
                    "(the time limit per article); nothing was stored"
                ) from None
            except (EOFError, OSError):
                raise IngestError("internal error (the worker stopped)") from None
            finally:
                if not finished:  # over budget, cancelled (shutdown) or broken: kill it
                    self.close()
        if isinstance(answer, IngestError):
            raise answer
        return cast(T, answer)

    def twin(self) -> ExtractionWorker:
        """A new worker (own process) with this one's budget, cap and extractor."""
        return ExtractionWorker(
            budget=self.budget, max_quotes=self.max_quotes, extract=self._extract
        )

    def close(self) -> None:
        """Kill the worker at once (never waits for the article it is on)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(1)
            self._process = None


_shared: ExtractionWorker | None = None


def shared_worker() -> ExtractionWorker:
    """The process-wide worker the pipeline uses unless it is handed another one."""
    global _shared
    if _shared is None:
        _shared = ExtractionWorker()
    return _shared


def configure_shared_worker(*, budget: float, max_quotes: int) -> None:
    """Set the shared worker's budget and cap (from settings, once at start-up)."""
    worker = shared_worker()
    worker.budget, worker.max_quotes = budget, max_quotes


__all__ = [
    "EXTRACT_TIME_BUDGET",
    "MAX_QUOTES_PER_ARTICLE",
    "Extraction",
    "ExtractionTimeout",
    "ExtractionWorker",
    "cap_quotes",
    "configure_shared_worker",
    "extract_capped",
    "shared_worker",
]

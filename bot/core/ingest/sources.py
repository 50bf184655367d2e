"""A batch of sources: what ``whosaid ingest`` and the tests hand over, ingested in order.

Contract: ``ingest_sources(sources, ...)`` ingests paths (files or folders, recursively)
and http(s) URLs (articles or feeds) and returns the batch's ``IngestSummary``; a failing
item is reported and never stops the rest. It reports each finished item to ``progress``,
whose total grows when a feed reveals its entries.

In order: the sources become a plan of items (``_plan``: a URL one item, a folder its
files); a local file is ingested alone, or with the run of files it opens in parallel
(``_ingest_local``, ``_file_run``, ``pipeline.ingest_files``); a URL is checked and
fetched, a page becoming one article item and a feed its new entries (``_ingest_remote``,
``_ingest_fetched_feed``, ``pipeline.process_feed``). The per-item work (reading,
extracting in the worker, storing) is :mod:`bot.core.ingest.pipeline`'s.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core.ingest.errors import IngestError
from bot.core.ingest.fetch import Fetcher, FetchResult
from bot.core.ingest.files import collect_files
from bot.core.ingest.pipeline import (
    ArticleSink,
    Clock,
    _article_item,
    _is_feed,
    _utcnow,
    default_feed_key,
    ingest_file,
    ingest_files,
    process_feed,
)
from bot.core.ingest.results import IngestSummary, ItemResult, Progress, failed_item
from bot.core.ingest.urls import looks_like_url, validate_url
from bot.settings import Settings


def _plan(sources: Sequence[str]) -> list[tuple[str, Path | None]]:
    """Sources as items: a URL stays one item (a feed grows later), a folder its files."""
    plan: list[tuple[str, Path | None]] = []
    for source in sources:
        if looks_like_url(source):
            plan.append((source.strip(), None))
        else:
            path = Path(source).expanduser()
            files = collect_files(path) if path.is_dir() else [path]
            plan.extend((str(p), p) for p in files)
    return plan


def _file_run(plan: Sequence[tuple[str, Path | None]], at: int) -> list[Path] | None:
    """The local files from ``at`` up to the next URL, or None inside such a run."""
    if at > 0 and plan[at - 1][1] is not None:
        return None
    run: list[Path] = []
    for _, path in plan[at:]:
        if path is None:
            break
        run.append(path)
    return run


@dataclass
class _Tally:
    """The batch's items so far and the progress count; ``total`` grows when a feed in the
    plan turns out to hold several entries, and shrinks for an empty one."""

    summary: IngestSummary
    total: int
    progress: Progress | None
    done: int = 0

    def step(self, item: ItemResult) -> None:
        """One item finished: kept in the summary and reported to ``progress``."""
        self.done += 1
        self.summary.items.append(item)
        if self.progress is not None:
            self.progress(self.done, self.total, item.title or item.source)


async def _ingest_local(
    plan: Sequence[tuple[str, Path | None]],
    at: int,
    local: Path,
    *,
    scope: str,
    store: ArticleSink,
    settings: Settings,
    step: Callable[[ItemResult], None],
) -> None:
    """The local file ``local`` (``plan[at]``): alone, or with the run of files it opens
    (extracted in parallel by ``ingest_files``); nothing for a file inside a run already
    ingested."""
    files = _file_run(plan, at)
    if files is None:
        return  # part of a run the parallel path already ingested
    if len(files) == 1:
        step(await ingest_file(local, scope=scope, store=store, settings=settings))
    else:
        await ingest_files(files, scope=scope, store=store, settings=settings, step=step)


async def _ingest_remote(
    source: str, *, scope: str, store: ArticleSink, fetcher: Fetcher, tally: _Tally, clock: Clock
) -> None:
    """The URL ``source``: checked and fetched; a page is one article item, a feed its
    entries (``_ingest_fetched_feed``)."""
    try:
        validate_url(source)
        result = await fetcher.fetch(source)
    except IngestError as exc:
        tally.step(failed_item(source, exc.reason, source))
        return
    if not _is_feed(result):
        item = await _article_item(result, source=source, scope=scope, store=store, clock=clock)
        tally.step(item)
        return
    await _ingest_fetched_feed(
        result, source, scope=scope, store=store, fetcher=fetcher, tally=tally, clock=clock
    )


async def _ingest_fetched_feed(
    result: FetchResult,
    source: str,
    *,
    scope: str,
    store: ArticleSink,
    fetcher: Fetcher,
    tally: _Tally,
    clock: Clock,
) -> None:
    """A feed's new entries, one item each (``process_feed``): the feed stood for one item
    in the plan, so the total grows by its entries less one at the first; a feed that
    failed is one failed item, an empty one leaves the total."""
    counted = False

    def on_entry(item: ItemResult, entries: int) -> None:
        nonlocal counted
        if not counted:
            tally.total += entries - 1  # the feed stood for one item in the plan
            counted = True
        tally.step(item)

    feed = await process_feed(
        result,
        scope=scope,
        store=store,
        fetcher=fetcher,
        feed_key=default_feed_key(scope, source),
        progress=on_entry,
        clock=clock,
    )
    if feed.error is not None:
        tally.step(failed_item(source, feed.error, source))
    elif not feed.items:
        tally.total -= 1  # an empty feed: nothing to report


async def ingest_sources(
    sources: Sequence[str],
    *,
    scope: str,
    store: ArticleSink,
    settings: Settings,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    clock: Clock = _utcnow,
) -> IngestSummary:
    """Ingest paths (files or folders, recursively) and http(s) URLs (articles or feeds):
    the sources become a plan of items (``_plan``), each a local file (``_ingest_local``)
    or a URL (``_ingest_remote``, on ``fetcher`` or one opened and closed here)."""
    plan = await asyncio.to_thread(_plan, sources)
    tally = _Tally(IngestSummary(), len(plan), progress)
    own_fetcher = fetcher is None and any(path is None for _, path in plan)
    active = fetcher or (Fetcher(settings) if own_fetcher else None)
    try:
        for at, (source, local) in enumerate(plan):
            if local is not None:
                await _ingest_local(
                    plan, at, local, scope=scope, store=store, settings=settings, step=tally.step
                )
                continue
            assert active is not None
            await _ingest_remote(
                source, scope=scope, store=store, fetcher=active, tally=tally, clock=clock
            )
    finally:
        if own_fetcher and active is not None:
            await active.close()
    return tally.summary


__all__ = ["ingest_sources"]

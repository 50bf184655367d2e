"""Ingestion orchestration shared by the CLI and the bot.

Each source becomes one or more items: read or fetch, turn into an :class:`ArticleInput`,
extract quotes (in a worker process with a time budget: it is CPU work that must not stall
the event loop, see :mod:`bot.core.ingest.worker`), store. A failing item is reported with a
short reason and never stops the rest of the batch. What it reports (``ItemResult``,
``IngestSummary``, ``FeedResult``) is defined in :mod:`bot.core.ingest.results` and
re-exported here; a batch of paths and URLs is driven by :mod:`bot.core.ingest.sources`
(``ingest_sources``) over the functions here.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Protocol, runtime_checkable

from bot.core.ingest.errors import IngestError
from bot.core.ingest.feeds import (
    BatchDeduplicator,
    FeedEntry,
    entry_keys,
    looks_like_feed,
    parse_feed,
)
from bot.core.ingest.fetch import (
    FEED_TYPES,
    HTML_TYPES,
    TEXT_TYPES,
    XML_TYPES,
    Fetcher,
    FetchResult,
)
from bot.core.ingest.files import (
    article_from_bytes_counted,
    looks_like_html,
    parse_plain_text,
    read_article_file_counted,
    replaced_note,
)
from bot.core.ingest.html import extract_html
from bot.core.ingest.parallel import (
    AHEAD_PER_WORKER,
    Prepared,
    Unread,
    chunks,
    extraction_pool,
    in_order,
)
from bot.core.ingest.results import (
    FeedResult,
    IngestSummary,
    ItemResult,
    ItemStatus,
    Progress,
    failed_item,
)
from bot.core.ingest.urls import normalize_url, validate_url
from bot.core.ingest.worker import Extraction, ExtractionWorker, shared_worker
from bot.core.models import Article, ArticleInput, IngestResult, Quote
from bot.core.store.base import StoreError
from bot.settings import Settings

_log = logging.getLogger(__name__)
_DOMAIN_LIKE = re.compile(r"^(www\.[^/\s]+|[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/)", re.IGNORECASE)

Clock = Callable[[], datetime]


@runtime_checkable
class ArticleSink(Protocol):
    """The part of :class:`~bot.core.store.base.Store` ingestion uses (any store is one)."""

    async def save_article(
        self, article: ArticleInput, quotes: Sequence[Quote], scope: str
    ) -> IngestResult: ...

    async def find_article(self, url: str, scopes: Sequence[str]) -> Article | None: ...

    async def seen_entries(self, feed_key: str, keys: Sequence[str]) -> set[str]: ...

    async def mark_entries(self, feed_key: str, keys: Sequence[str]) -> None: ...


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _fixed(moment: datetime) -> datetime:
    """A clock stopped at ``moment`` (it pickles, so the worker process can call it)."""
    return moment


async def store_article(
    article: ArticleInput,
    *,
    source: str,
    scope: str,
    store: ArticleSink,
    worker: ExtractionWorker | None = None,
    notes: tuple[str, ...] = (),
    extraction: Extraction | None = None,
) -> ItemResult:
    """Extract quotes (in the worker process, within its time budget) and save the article;
    failures, an article over the budget included, become a failed item. An
    ``extraction`` already made (by the bulk ingest's pool) is saved as it is."""
    try:
        if extraction is None:
            extraction = await (worker or shared_worker()).extract(article.text, article.title)
        result = await store.save_article(article, extraction.quotes, scope)
    except IngestError as exc:
        return failed_item(source, exc.reason, article.url)
    except StoreError as exc:
        return failed_item(source, f"could not store it ({exc})", article.url)
    except Exception as exc:  # one bad article must not end the batch
        _log.exception("ingesting %s failed", source)
        return failed_item(source, f"internal error ({type(exc).__name__})", article.url)
    return _saved(article, result, source, extraction, notes)


def _saved(
    article: ArticleInput,
    result: IngestResult,
    source: str,
    extraction: Extraction,
    notes: tuple[str, ...],
) -> ItemResult:
    """The item of a stored article: how it was stored, its quotes and notes."""
    return ItemResult(
        source=source,
        status=result.status,
        title=article.title,
        quotes=result.quotes,
        url=article.url,
        article_id=result.article_id,
        dropped=extraction.dropped,
        notes=notes,
    )


def _is_feed(result: FetchResult) -> bool:
    # Sniffed whatever the type: servers often call their feeds text/html or text/plain.
    return result.content_type in FEED_TYPES or looks_like_feed(result.body)


def article_from_fetch(result: FetchResult, clock: Clock = _utcnow) -> ArticleInput:
    """A fetched page as an article (sync, CPU-bound: run it in the worker process)."""
    fetched_at = clock()
    is_html = result.content_type in HTML_TYPES or (
        not result.content_type and looks_like_html(result.body)
    )
    if is_html:
        page = extract_html(result.body, url=result.url)
        return ArticleInput(
            text=page.text,
            title=page.title,
            outlet=page.outlet,
            author=page.author,
            published=page.published,
            url=page.canonical_url or result.url,
            fetched_at=fetched_at,
        )
    if result.content_type in TEXT_TYPES or not result.content_type:
        article = parse_plain_text(result.text())
        # A fetched text may claim another address in its first lines: the URL is where we got it.
        return replace(article, url=result.url, fetched_at=fetched_at)
    if result.content_type in XML_TYPES | FEED_TYPES:
        raise IngestError("this is a feed or XML document, not an article")
    raise IngestError(f"not an article (content type {result.content_type})")


async def _article_item(
    result: FetchResult, *, source: str, scope: str, store: ArticleSink, clock: Clock
) -> ItemResult:
    read = partial(article_from_fetch, result, partial(_fixed, clock()))
    try:
        article = await shared_worker().run(read, doing="reading the page")
    except IngestError as exc:
        return failed_item(source, exc.reason, result.url)
    return await store_article(article, source=source, scope=scope, store=store)


async def ingest_url(
    url: str, *, scope: str, store: ArticleSink, fetcher: Fetcher, clock: Clock = _utcnow
) -> ItemResult:
    """Fetch one article page and store it (a feed URL is refused: use :func:`ingest_feed`)."""
    try:
        validate_url(url)
        result = await fetcher.fetch(url)
    except IngestError as exc:
        return failed_item(url, exc.reason, url)
    if _is_feed(result):
        return failed_item(url, "this is a feed, not an article", url)
    return await _article_item(result, source=url, scope=scope, store=store, clock=clock)


async def ingest_text(
    text: str,
    *,
    scope: str,
    store: ArticleSink,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    filename: str | None = None,
    worker: ExtractionWorker | None = None,
) -> ItemResult:
    """Store pasted or uploaded text (plain or HTML); explicit metadata wins over the text's.

    The article's URL is ``url`` or none: a URL written inside uploaded text (a canonical
    link, a metadata line) is not believed, or an upload could pose as a known article.
    """
    source = filename or title or "text"
    try:
        if url is not None:
            url = validate_url(url)
        if looks_like_html(text, filename):
            page = await asyncio.to_thread(extract_html, text, url)
            article = ArticleInput(
                text=page.text,
                title=page.title,
                outlet=page.outlet,
                author=page.author,
                published=page.published,
                url=page.canonical_url,
            )
        else:
            fallback = Path(filename).stem if filename else None
            article = parse_plain_text(text, fallback_title=fallback)
    except IngestError as exc:
        return failed_item(source, exc.reason, url)
    article = replace(
        article,
        title=title or article.title,
        url=url,
        outlet=outlet or article.outlet,
        published=published or article.published,
    )
    return await store_article(article, source=source, scope=scope, store=store, worker=worker)


async def ingest_upload(
    data: bytes,
    *,
    filename: str | None,
    scope: str,
    store: ArticleSink,
    settings: Settings,
    title: str | None = None,
    url: str | None = None,
    worker: ExtractionWorker | None = None,
) -> ItemResult:
    """Store an uploaded file's bytes (Discord attachment): binary or empty data is refused.

    As with :func:`ingest_text`, the URL is ``url`` or none, never one claimed by the file.
    """
    source = filename or "upload"
    try:
        if url is not None:
            url = validate_url(url)
        # In the worker too: a huge or hostile page must not hold the loop's GIL.
        read = partial(
            article_from_bytes_counted, data, filename=filename, max_bytes=settings.fetch_max_bytes
        )
        article, replaced = await (worker or shared_worker()).run(read, doing="reading the file")
    except IngestError as exc:
        return failed_item(source, exc.reason, url)
    article = replace(article, title=title or article.title, url=url)
    notes = (replaced_note(replaced),) if replaced else ()
    return await store_article(
        article, source=source, scope=scope, store=store, worker=worker, notes=notes
    )


async def ingest_file(
    path: Path, *, scope: str, store: ArticleSink, settings: Settings
) -> ItemResult:
    """Store one local file (plain text or HTML)."""
    source = str(path)
    try:
        article, replaced = await asyncio.to_thread(
            read_article_file_counted, path, max_bytes=settings.fetch_max_bytes
        )
    except IngestError as exc:
        reason = exc.reason
        if reason == "no such file" and _DOMAIN_LIKE.match(source):
            reason += " (for a web address, start it with https://)"
        return failed_item(source, reason)
    notes = (replaced_note(replaced),) if replaced else ()
    return await store_article(article, source=source, scope=scope, store=store, notes=notes)


def default_feed_key(scope: str, url: str) -> str:
    """Seen entries are remembered per scope and feed: another server still gets them."""
    return f"{scope} {normalize_url(url)}"


async def _feed_entry_item(
    entry: FeedEntry, *, scope: str, store: ArticleSink, fetcher: Fetcher, clock: Clock
) -> ItemResult:
    source = entry.link or entry.guid or entry.title or "feed entry"
    if not entry.link:
        return failed_item(source, "feed entry has no link")
    try:
        known = await store.find_article(entry.link, [scope])
    except StoreError as exc:
        return failed_item(source, f"could not read the store ({exc})", entry.link)
    if known is not None:
        return ItemResult(
            source,
            "duplicate",
            title=known.title or entry.title,
            url=known.url,
            article_id=known.id,
        )
    try:
        validate_url(entry.link)
        result = await fetcher.fetch(entry.link)
    except IngestError as exc:
        return failed_item(source, exc.reason, entry.link)
    item = await _article_item(result, source=source, scope=scope, store=store, clock=clock)
    if item.ok and not item.title and entry.title:
        item = replace(item, title=entry.title)
    return item


async def process_feed(
    result: FetchResult,
    *,
    scope: str,
    store: ArticleSink,
    fetcher: Fetcher,
    feed_key: str | None = None,
    max_entries: int | None = None,
    progress: Callable[[ItemResult, int], None] | None = None,
    clock: Clock = _utcnow,
) -> FeedResult:
    """Ingest the new entries of an already fetched feed document.

    ``progress(item, entries)`` is called after each entry with the number of entries.
    """
    key = feed_key or default_feed_key(scope, result.url)
    if result.not_modified:
        return FeedResult(result.url, [], True, result.etag, result.last_modified)
    try:
        content_type = result.content_type or None
        if content_type and result.charset:
            content_type += f"; charset={result.charset}"
        feed = await asyncio.to_thread(parse_feed, result.body, result.url, content_type)
    except IngestError as exc:
        return FeedResult(result.url, [], error=exc.reason)
    entries = list(feed.entries[:max_entries] if max_entries is not None else feed.entries)
    batch = BatchDeduplicator.empty()
    all_keys = [entry_keys(entry) for entry in entries]
    flat = sorted({k for keys in all_keys for k in keys})
    try:
        seen = await store.seen_entries(key, flat) if flat else set()
    except StoreError as exc:
        return FeedResult(
            result.url, [], title=feed.title, error=f"could not read the store ({exc})"
        )
    items: list[ItemResult] = []
    for entry, keys in zip(entries, all_keys, strict=True):
        source = entry.link or entry.guid or entry.title or "feed entry"
        repeat = batch.is_repeat(keys, entry.title)
        if repeat or any(k in seen for k in keys):
            item = ItemResult(source, "duplicate", title=entry.title, url=entry.link)
        else:
            item = await _feed_entry_item(
                entry, scope=scope, store=store, fetcher=fetcher, clock=clock
            )
        # A batch repeat shares a key with the entry taken: it has nothing new to remember.
        if item.ok and not repeat and keys and not set(keys) <= seen:
            try:
                await store.mark_entries(key, keys)
                seen.update(keys)
            except StoreError as exc:
                _log.warning("could not remember entries of %s: %s", key, exc)
        items.append(item)
        if progress is not None:
            progress(item, len(entries))
    return FeedResult(result.url, items, False, result.etag, result.last_modified, feed.title)


async def ingest_feed(
    url: str,
    *,
    scope: str,
    store: ArticleSink,
    fetcher: Fetcher,
    etag: str | None = None,
    modified: str | None = None,
    feed_key: str | None = None,
    max_entries: int | None = None,
    clock: Clock = _utcnow,
) -> FeedResult:
    """Poll a feed (conditional GET with ``etag``/``modified``) and ingest its new entries.

    A failed fetch gives one failed item and no validators (keep the old ones).
    """
    try:
        validate_url(url)
        result = await fetcher.fetch(url, etag=etag, modified=modified)
    except IngestError as exc:
        return FeedResult(url, [], error=exc.reason)
    if not result.not_modified and not _is_feed(result):
        return FeedResult(url, [], error="not a feed (no RSS or Atom found)")
    return await process_feed(
        result,
        scope=scope,
        store=store,
        fetcher=fetcher,
        feed_key=feed_key or default_feed_key(scope, url),
        max_entries=max_entries,
        clock=clock,
    )


@runtime_checkable
class BatchSink(ArticleSink, Protocol):
    """A sink that saves several articles in one transaction (every store is one)."""

    async def save_articles(
        self, batch: Sequence[tuple[ArticleInput, Sequence[Quote]]], scope: str
    ) -> list[IngestResult | StoreError]: ...


async def _save_chunk(
    paths: Sequence[Path], prepared: Sequence[Prepared | Unread], *, scope: str, store: ArticleSink
) -> list[ItemResult]:
    """The items of one chunk: its articles saved in one transaction (when the store can)."""
    ready = [(path, item) for path, item in zip(paths, prepared, strict=True)]
    batch = [
        (item.article, item.extraction.quotes) for _, item in ready if isinstance(item, Prepared)
    ]
    saved: list[IngestResult | StoreError] | StoreError | None = None
    if batch and isinstance(store, BatchSink):
        try:
            saved = await store.save_articles(batch, scope)
        except StoreError as exc:
            saved = exc
        except Exception as exc:  # one bad batch must not end the ingest
            _log.exception("saving %d articles failed", len(batch))
            saved = StoreError(f"internal error ({type(exc).__name__})")
    out: list[ItemResult] = []
    results = iter(saved) if isinstance(saved, list) else iter(())
    for path, item in ready:
        source = str(path)
        if isinstance(item, Unread):
            out.append(failed_item(source, item.reason, item.url))
        elif saved is None:  # a sink without batches: one article at a time
            out.append(
                await store_article(
                    item.article,
                    source=source,
                    scope=scope,
                    store=store,
                    notes=item.notes,
                    extraction=item.extraction,
                )
            )
        else:
            result = saved if isinstance(saved, StoreError) else next(results)
            if isinstance(result, StoreError):
                out.append(failed_item(source, f"could not store it ({result})", item.article.url))
            else:
                out.append(_saved(item.article, result, source, item.extraction, item.notes))
    return out


async def ingest_files(
    paths: Sequence[Path],
    *,
    scope: str,
    store: ArticleSink,
    settings: Settings,
    step: Callable[[ItemResult], None],
) -> None:
    """Many local files: read and extracted in chunks on ``INGEST_WORKERS`` processes,
    each chunk saved in one transaction, in folder order, while the next are extracted
    (:mod:`bot.core.ingest.parallel`)."""
    runs = chunks(paths)
    workers = max(1, min(settings.ingest_workers, len(runs)))
    async with extraction_pool(shared_worker(), workers) as pool:
        prepare = partial(pool.prepare, max_bytes=settings.fetch_max_bytes)
        at = 0
        async for prepared in in_order(runs, prepare, AHEAD_PER_WORKER * workers):
            run, at = runs[at], at + 1
            for item in await _save_chunk(run, prepared, scope=scope, store=store):
                step(item)


__all__ = [
    "FeedResult",
    "IngestSummary",
    "ItemResult",
    "ItemStatus",
    "Progress",
    "article_from_fetch",
    "default_feed_key",
    "ingest_feed",
    "ingest_file",
    "ingest_files",
    "ingest_text",
    "ingest_upload",
    "ingest_url",
    "process_feed",
    "store_article",
]

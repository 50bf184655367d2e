"""Polling feed subscriptions: lease the due feeds, ingest their new entries, back off on
failure. No Discord here: the feeds cog calls :func:`poll_due_feeds` from a one-minute loop
and posts the notices the outcomes carry.

- Each feed is polled on its own interval (``interval_minutes`` of its row, jittered ±10%);
  the ETag / Last-Modified of the last good answer are sent back (conditional GET), and a 304
  costs one request and no parsing.
- A failed poll backs off exponentially (``bot.core.backoff``); a feed failing for a day is
  flagged in ``feeds list`` but never dropped: it recovers by itself when the site comes back.
  ``last_error_at`` holds the FIRST failure of the current run, so "failing for" is exact.
- The first successful poll of a new feed indexes what is already there but asks for no
  notices (``first_poll``): subscribing to a feed with fifty entries must not post fifty
  messages.
- The CPU work (feedparser, trafilatura, the extractor) runs in threads inside the pipeline
  (``asyncio.to_thread`` in ``bot.core.ingest.pipeline``), so polling never blocks the loop.
- Leasing (``Store.lease_due_feeds``) lets several processes share one database: a feed is
  polled by one of them at a time.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.backoff import (
    DEFAULT_MAX_DELAY,
    is_flagged,
    next_poll_after_failure,
    next_poll_after_success,
)
from bot.core.ingest.fetch import Fetcher
from bot.core.ingest.pipeline import FeedResult, ItemResult, ingest_feed
from bot.core.store.base import FeedState, Store

log = logging.getLogger(__name__)

#: A lease outlives the slowest poll (fetch timeouts of the feed and its articles) by far.
LEASE_SECONDS = 15 * 60
#: Feeds taken per tick; the rest wait for the next tick (one minute later).
BATCH = 10
#: Feeds polled at the same time.
CONCURRENCY = 4
#: Entries read per poll: a feed dumping its whole archive is read in slices.
MAX_ENTRIES = 50
#: Statuses that are news for the subscribed server.
NEW_STATUSES = frozenset({"added", "updated", "linked"})


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll of one feed did, and what the bot may announce."""

    feed: FeedState
    ok: bool
    first_poll: bool
    not_modified: bool = False
    items: tuple[ItemResult, ...] = ()
    error: str | None = None
    failures: int = 0
    next_poll: datetime | None = None
    flagged: bool = False
    title: str | None = None

    @property
    def new_items(self) -> tuple[ItemResult, ...]:
        """Articles new to the feed's server that brought at least one quote."""
        return tuple(i for i in self.items if i.status in NEW_STATUSES and i.quotes > 0)

    @property
    def notices(self) -> tuple[ItemResult, ...]:
        """The articles to announce: none on a feed's first poll, none without a channel."""
        if self.first_poll or self.feed.channel_id is None:
            return ()
        return self.new_items


def _run_error_start(feed: FeedState, now: datetime) -> datetime:
    """When the current run of failures began (kept across failures, reset by a success)."""
    if feed.failures > 0 and feed.last_error_at is not None:
        return feed.last_error_at
    return now


@dataclass(frozen=True, slots=True)
class _FeedRow:
    """What one poll writes back to the feed's row (``Store.update_feed``)."""

    etag: str | None
    modified: str | None
    success_at: datetime | None
    error: str | None
    error_at: datetime | None
    failures: int
    next_poll: datetime


async def _ingest(
    feed: FeedState,
    *,
    store: Store,
    fetcher: Fetcher,
    now: datetime,
    max_entries: int,
    clock: Callable[[], datetime] | None,
) -> tuple[FeedResult, str | None]:
    """The feed's new entries ingested with its validators sent back, and the error if the
    poll failed; a bug is logged and reported as an internal error, never raised."""
    try:
        result: FeedResult = await ingest_feed(
            feed.url,
            scope=feed.scope,
            store=store,
            fetcher=fetcher,
            etag=feed.etag,
            modified=feed.modified,
            max_entries=max_entries,
            clock=clock or (lambda: now),
        )
        error = result.error
    except Exception as exc:  # a bug in one feed must not stop the others
        log.exception("polling feed %s (scope %s) failed", feed.url, feed.scope)
        result = FeedResult(feed.url, [])
        error = f"internal error ({type(exc).__name__})"
    return result, error


def _succeeded(
    feed: FeedState,
    result: FeedResult,
    first: bool,
    now: datetime,
    interval: timedelta,
    rng: random.Random,
) -> tuple[PollOutcome, _FeedRow]:
    """A good poll: its items, the next poll one jittered interval away, the failures
    reset, and the validators of this answer (or the old ones after a bare 304)."""
    next_poll = next_poll_after_success(now, interval, rng)
    outcome = PollOutcome(
        feed=feed,
        ok=True,
        first_poll=first,
        not_modified=result.not_modified,
        items=tuple(result.items),
        next_poll=next_poll,
        title=result.title,
    )
    # A 304 may or may not repeat the validators: keep the ones we have then.
    etag, modified = result.etag or feed.etag, result.modified or feed.modified
    row = _FeedRow(
        etag=etag,
        modified=modified,
        success_at=now,
        error=None,
        error_at=None,
        failures=0,
        next_poll=next_poll,
    )
    return outcome, row


def _failed(
    feed: FeedState,
    error: str,
    first: bool,
    now: datetime,
    interval: timedelta,
    rng: random.Random,
    max_delay: timedelta,
) -> tuple[PollOutcome, _FeedRow]:
    """A failed poll: one more failure in the run (which keeps its first failure's time),
    the next poll backed off, flagged when failing too long; the validators kept."""
    failures = feed.failures + 1
    started = _run_error_start(feed, now)
    next_poll = next_poll_after_failure(now, failures, interval, rng, max_delay)
    flagged = is_flagged(
        feed.last_success, started, failures, now, interval=interval, max_delay=max_delay
    )
    outcome = PollOutcome(
        feed=feed,
        ok=False,
        first_poll=first,
        error=error,
        failures=failures,
        next_poll=next_poll,
        flagged=flagged,
    )
    row = _FeedRow(
        etag=feed.etag,
        modified=feed.modified,
        success_at=None,
        error=error,
        error_at=started,
        failures=failures,
        next_poll=next_poll,
    )
    return outcome, row


async def _record(store: Store, feed: FeedState, row: _FeedRow) -> None:
    """Write the poll to the feed's row; a store error is logged, never raised."""
    try:
        await store.update_feed(
            feed.id,
            etag=row.etag,
            modified=row.modified,
            success_at=row.success_at,
            error=row.error,
            error_at=row.error_at,
            failures=row.failures,
            next_poll=row.next_poll,
        )
    except Exception:
        # The lease runs out and the feed is polled again later; nothing else is lost.
        log.exception("could not record the poll of feed %s", feed.url)


async def poll_feed(
    feed: FeedState,
    *,
    store: Store,
    fetcher: Fetcher,
    now: datetime,
    rng: random.Random,
    max_entries: int = MAX_ENTRIES,
    max_delay: timedelta = DEFAULT_MAX_DELAY,
    clock: Callable[[], datetime] | None = None,
) -> PollOutcome:
    """Poll one (leased) feed and record the result in its row; never raises. In order:
    ingest its new entries (``_ingest``), weigh the answer (``_succeeded`` or ``_failed``),
    write the row (``_record``)."""
    interval = timedelta(minutes=max(feed.interval_minutes, 1))
    first = feed.last_success is None
    result, error = await _ingest(
        feed, store=store, fetcher=fetcher, now=now, max_entries=max_entries, clock=clock
    )
    if error is None:
        outcome, row = _succeeded(feed, result, first, now, interval, rng)
    else:
        outcome, row = _failed(feed, error, first, now, interval, rng, max_delay)
    await _record(store, feed, row)
    return outcome


async def poll_due_feeds(
    store: Store,
    fetcher: Fetcher,
    now: datetime,
    owner: str,
    rng: random.Random,
    *,
    limit: int = BATCH,
    lease_seconds: int = LEASE_SECONDS,
    concurrency: int = CONCURRENCY,
    max_entries: int = MAX_ENTRIES,
    max_delay: timedelta = DEFAULT_MAX_DELAY,
    clock: Callable[[], datetime] | None = None,
) -> list[PollOutcome]:
    """Lease up to ``limit`` due feeds for ``owner`` and poll them, ``concurrency`` at a time.

    ``now`` decides what is due and stamps the results; ``clock`` (default: ``now``) dates
    fetched articles. Outcomes come back in lease order.
    """
    try:
        feeds: Sequence[FeedState] = await store.lease_due_feeds(now, owner, lease_seconds, limit)
    except Exception:
        log.exception("could not lease due feeds")
        return []
    gate = asyncio.Semaphore(max(concurrency, 1))

    async def one(feed: FeedState) -> PollOutcome:
        async with gate:
            return await poll_feed(
                feed,
                store=store,
                fetcher=fetcher,
                now=now,
                rng=rng,
                max_entries=max_entries,
                max_delay=max_delay,
                clock=clock,
            )

    return list(await asyncio.gather(*(one(feed) for feed in feeds)))


__all__ = ["PollOutcome", "poll_due_feeds", "poll_feed"]

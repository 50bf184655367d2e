"""PostgreSQL SQL for RSS/Atom feeds, as ``sqlite_feeds`` does it.

Functions over an asyncpg connection or pool. The caller
(:class:`~bot.core.store.postgres.PostgresStore`) checks the URL and passes text already
cleaned of NUL characters, which PostgreSQL text cannot hold. Due feeds are leased with
``FOR UPDATE SKIP LOCKED``, so several processes never poll the same feed at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.store.base import FeedState
from bot.core.store.common import FEED_COLS, feed_from, utc
from bot.core.store.postgres_values import Conn


async def add_feed(
    conn: Conn, scope: str, url: str, channel_id: int | None, interval_minutes: int
) -> FeedState:
    """Subscribe ``scope`` to the checked ``url`` (once: a second add returns the feed)."""
    await conn.execute(
        "INSERT INTO feeds(scope, url, channel_id, interval_minutes) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (scope, url) DO NOTHING",
        scope,
        url,
        channel_id,
        interval_minutes,
    )
    row = await conn.fetchrow(
        f"SELECT {FEED_COLS} FROM feeds WHERE scope = $1 AND url = $2",
        scope,
        url,
    )
    return feed_from(row)


async def remove_feed(conn: Conn, scope: str, url: str) -> str:
    """Unsubscribe; the command tag (``DELETE 0`` when ``scope`` had no such feed)."""
    status: str = await conn.execute("DELETE FROM feeds WHERE scope = $1 AND url = $2", scope, url)
    return status


async def list_feeds(conn: Conn, scope: str | None) -> list[FeedState]:
    """The feeds of ``scope`` (every scope's when None), oldest first."""
    if scope is None:
        rows = await conn.fetch(f"SELECT {FEED_COLS} FROM feeds ORDER BY id")
    else:
        rows = await conn.fetch(
            f"SELECT {FEED_COLS} FROM feeds WHERE scope = $1 ORDER BY id", scope
        )
    return [feed_from(r) for r in rows]


async def update_feed(
    conn: Conn,
    feed_id: int,
    etag: str | None,
    modified: str | None,
    success_at: datetime | None,
    error: str | None,
    error_at: datetime | None,
    failures: int,
    next_poll: datetime,
) -> None:
    """Record a poll's outcome and release the lease; a None time keeps the stored one."""
    await conn.execute(
        "UPDATE feeds SET etag = $1, modified = $2, "
        "last_success = COALESCE($3, last_success), last_error = $4, "
        "last_error_at = COALESCE($5, last_error_at), failures = $6, next_poll = $7, "
        "lease_owner = NULL, lease_until = NULL WHERE id = $8",
        etag,
        modified,
        utc(success_at),
        error,
        utc(error_at),
        max(0, failures),
        utc(next_poll),
        feed_id,
    )


async def lease_due_feeds(
    conn: Conn, now: datetime, owner: str, lease_seconds: int, limit: int
) -> list[FeedState]:
    """Lease to ``owner`` up to ``limit`` feeds due at ``now``, skipping rows another
    process holds locked."""
    stamp = utc(now)
    assert stamp is not None
    until = stamp + timedelta(seconds=max(1, lease_seconds))
    rows = await conn.fetch(
        "WITH due AS (SELECT id FROM feeds WHERE (next_poll IS NULL OR next_poll <= $1) "
        "AND (lease_until IS NULL OR lease_until <= $1) "
        "ORDER BY next_poll NULLS FIRST, id LIMIT $4 FOR UPDATE SKIP LOCKED) "
        "UPDATE feeds f SET lease_owner = $2, lease_until = $3 FROM due WHERE f.id = due.id "
        f"RETURNING {', '.join('f.' + c.strip() for c in FEED_COLS.split(','))}",
        stamp,
        owner,
        until,
        max(0, limit),
    )
    return sorted((feed_from(r) for r in rows), key=lambda f: f.id)


async def seen_entries(conn: Conn, feed_key: str, keys: list[str]) -> set[str]:
    """The entry keys of ``keys`` already marked for ``feed_key``."""
    rows = await conn.fetch(
        "SELECT entry_key FROM feed_entries WHERE feed_key = $1 AND entry_key = ANY($2::text[])",
        feed_key,
        keys,
    )
    return {r[0] for r in rows}


async def mark_entries(conn: Conn, feed_key: str, keys: list[str], now: datetime) -> None:
    """Remember ``keys`` (distinct) as seen for ``feed_key`` at ``now``."""
    await conn.execute(
        "INSERT INTO feed_entries(feed_key, entry_key, seen_at) "
        "SELECT $1, k, $3 FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING",
        feed_key,
        keys,
        now,
    )

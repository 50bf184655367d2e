"""SQLite SQL for RSS/Atom feeds: subscribe, unsubscribe, list, lease the due ones, and the
entries already seen.

Plain functions over the writer's :class:`sqlite3.Connection` (autocommit mode), run on
the store's one writer thread by :class:`~bot.core.store.sqlite.SQLiteStore`. Times come
in as the store's fixed-width UTC text, so that text order is time order.
"""

from __future__ import annotations

import sqlite3

from bot.core.store.base import FeedState
from bot.core.store.common import FEED_COLS, check_feed, feed_from
from bot.core.urls import normalize_url

#: Entry keys looked up per query (SQLite caps the number of parameters).
_CHUNK = 500


def _marks(n: int) -> str:
    return ",".join("?" * n)


def add_feed(
    conn: sqlite3.Connection, scope: str, url: str, channel_id: int | None, interval_minutes: int
) -> FeedState:
    """Subscribe ``scope`` to ``url`` (once: a second add returns the existing feed)."""
    clean = check_feed(url, interval_minutes)
    conn.execute(
        "INSERT OR IGNORE INTO feeds(scope, url, channel_id, interval_minutes) VALUES (?, ?, ?, ?)",
        (scope, clean, channel_id, interval_minutes),
    )
    row = conn.execute(
        f"SELECT {FEED_COLS} FROM feeds WHERE scope = ? AND url = ?", (scope, clean)
    ).fetchone()
    return feed_from(row)


def remove_feed(conn: sqlite3.Connection, scope: str, url: str) -> bool:
    """Unsubscribe; False when ``scope`` had no such feed."""
    cur = conn.execute("DELETE FROM feeds WHERE scope = ? AND url = ?", (scope, normalize_url(url)))
    return cur.rowcount > 0


def list_feeds(conn: sqlite3.Connection, scope: str | None) -> list[FeedState]:
    """The feeds of ``scope`` (every scope's when None), oldest first."""
    if scope is None:
        rows = conn.execute(f"SELECT {FEED_COLS} FROM feeds ORDER BY id").fetchall()
    else:
        rows = conn.execute(
            f"SELECT {FEED_COLS} FROM feeds WHERE scope = ? ORDER BY id", (str(scope),)
        ).fetchall()
    return [feed_from(r) for r in rows]


def update_feed(
    conn: sqlite3.Connection,
    feed_id: int,
    etag: str | None,
    modified: str | None,
    success_at: str | None,
    error: str | None,
    error_at: str | None,
    failures: int,
    next_poll: str | None,
) -> None:
    """Record a poll's outcome and release the lease; a None time keeps the stored one."""
    conn.execute(
        "UPDATE feeds SET etag = ?, modified = ?, "
        "last_success = COALESCE(?, last_success), last_error = ?, "
        "last_error_at = COALESCE(?, last_error_at), failures = ?, next_poll = ?, "
        "lease_owner = NULL, lease_until = NULL WHERE id = ?",
        (
            etag,
            modified,
            success_at,
            error,
            error_at,
            max(0, failures),
            next_poll,
            feed_id,
        ),
    )


def lease_due_feeds(
    conn: sqlite3.Connection, stamp: str | None, owner: str, until: str | None, limit: int
) -> list[FeedState]:
    """Lease to ``owner`` until ``until`` up to ``limit`` feeds due at ``stamp``, in one
    transaction so that two pollers never lease the same feed."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        ids = [
            int(r[0])
            for r in conn.execute(
                "SELECT id FROM feeds WHERE (next_poll IS NULL OR next_poll <= ?) "
                "AND (lease_until IS NULL OR lease_until <= ?) "
                "ORDER BY next_poll IS NOT NULL, next_poll, id LIMIT ?",
                (stamp, stamp, max(0, limit)),
            )
        ]
        if ids:
            conn.execute(
                f"UPDATE feeds SET lease_owner = ?, lease_until = ? "
                f"WHERE id IN ({_marks(len(ids))})",
                (owner, until, *ids),
            )
        rows = conn.execute(
            f"SELECT {FEED_COLS} FROM feeds WHERE id IN ({_marks(len(ids))}) ORDER BY id",
            ids,
        ).fetchall()
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return [feed_from(r) for r in rows]


def seen_entries(conn: sqlite3.Connection, feed_key: str, keys: list[str]) -> set[str]:
    """The entry keys of ``keys`` already marked for ``feed_key``."""
    out: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        out.update(
            r[0]
            for r in conn.execute(
                f"SELECT entry_key FROM feed_entries WHERE feed_key = ? "
                f"AND entry_key IN ({_marks(len(chunk))})",
                (feed_key, *chunk),
            )
        )
    return out


def mark_entries(
    conn: sqlite3.Connection, feed_key: str, keys: list[str], stamp: str | None
) -> None:
    """Remember ``keys`` as seen for ``feed_key`` (at ``stamp``), in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT OR IGNORE INTO feed_entries(feed_key, entry_key, seen_at) VALUES (?,?,?)",
            [(feed_key, k, stamp) for k in keys],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise

"""SQLite SQL for the daily digest: each server's settings, the once-a-day claim, and the
quotes linked to a server in a time window.

Plain functions over a :class:`sqlite3.Connection` (autocommit mode), run by
:class:`~bot.core.store.sqlite.SQLiteStore` on its worker threads. Times come in as the
store's fixed-width UTC text, so that text order is time order.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from bot.core.store.base import DigestConfig
from bot.core.store.common import DIGEST_COLS, check_digest, digest_from


def _marks(n: int) -> str:
    return ",".join("?" * n)


def get_digest(conn: sqlite3.Connection, guild_id: int) -> DigestConfig | None:
    """The server's digest settings, or None when it never set them."""
    row = conn.execute(
        f"SELECT {DIGEST_COLS} FROM digests WHERE guild_id = ?", (guild_id,)
    ).fetchone()
    return digest_from(row) if row else None


def set_digest(
    conn: sqlite3.Connection,
    guild_id: int,
    channel_id: int,
    time_hhmm: str,
    timezone: str,
    enabled: bool,
) -> DigestConfig:
    """Check and store the server's settings (replacing any); the stored row back."""
    time_hhmm = check_digest(time_hhmm, timezone)
    conn.execute(
        "INSERT INTO digests(guild_id, channel_id, time_hhmm, timezone, enabled) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(guild_id) DO UPDATE SET "
        "channel_id = excluded.channel_id, time_hhmm = excluded.time_hhmm, "
        "timezone = excluded.timezone, enabled = excluded.enabled",
        (guild_id, channel_id, time_hhmm, timezone, int(enabled)),
    )
    config = get_digest(conn, guild_id)
    assert config is not None
    return config


def digest_configs(conn: sqlite3.Connection) -> list[DigestConfig]:
    """Every enabled digest, by server id."""
    rows = conn.execute(
        f"SELECT {DIGEST_COLS} FROM digests WHERE enabled = 1 ORDER BY guild_id"
    ).fetchall()
    return [digest_from(r) for r in rows]


def claim_digest(
    conn: sqlite3.Connection, guild_id: int, local_date: date, stamp: str | None
) -> bool:
    """Claim the server's digest of ``local_date``; True for the one caller that got it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            "INSERT OR IGNORE INTO digest_claims(guild_id, local_date, claimed_at) "
            "VALUES (?, ?, ?)",
            (guild_id, local_date.isoformat(), stamp),
        )
        claimed = cur.rowcount == 1
        if claimed:
            conn.execute(
                "UPDATE digests SET last_sent_date = ?, last_sent_at = ? WHERE guild_id = ?",
                (local_date.isoformat(), stamp, guild_id),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return claimed


def added_quote_ids(
    conn: sqlite3.Connection, scopes: list[str], since: str | None, until: str | None
) -> list[int]:
    """Ids of the quotes whose article was linked to ``scopes`` in [since, until)."""
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT q.id FROM quotes q WHERE q.article_id IN (SELECT article_id FROM "
            f"article_scopes WHERE scope IN ({_marks(len(scopes))}) "
            "AND linked_at >= ? AND linked_at < ?) ORDER BY q.id",
            (*scopes, since, until),
        )
    ]

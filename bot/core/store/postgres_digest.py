"""PostgreSQL SQL for the daily digest, as ``sqlite_digest`` does it.

Functions over an asyncpg connection or pool, called by
:class:`~bot.core.store.postgres.PostgresStore` with text already cleaned of NUL
characters. A digest is claimed with ``INSERT ... ON CONFLICT DO NOTHING RETURNING``, so
of several processes exactly one sends a server's digest of a day.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.core.store.base import DigestConfig
from bot.core.store.common import DIGEST_COLS, check_digest, digest_from, utc
from bot.core.store.postgres_values import Conn


async def get_digest(conn: Conn, guild_id: int) -> DigestConfig | None:
    """The server's digest settings, or None when it never set them."""
    row = await conn.fetchrow(f"SELECT {DIGEST_COLS} FROM digests WHERE guild_id = $1", guild_id)
    return digest_from(row) if row else None


async def set_digest(
    conn: Conn, guild_id: int, channel_id: int, time_hhmm: str, timezone: str, enabled: bool
) -> DigestConfig:
    """Check and store the server's settings (replacing any); the stored row back."""
    time_hhmm = check_digest(time_hhmm, timezone)
    row = await conn.fetchrow(
        "INSERT INTO digests(guild_id, channel_id, time_hhmm, timezone, enabled) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (guild_id) DO UPDATE SET "
        "channel_id = EXCLUDED.channel_id, time_hhmm = EXCLUDED.time_hhmm, "
        f"timezone = EXCLUDED.timezone, enabled = EXCLUDED.enabled RETURNING {DIGEST_COLS}",
        guild_id,
        channel_id,
        time_hhmm,
        timezone,
        bool(enabled),
    )
    return digest_from(row)


async def digest_configs(conn: Conn) -> list[DigestConfig]:
    """Every enabled digest, by server id."""
    rows = await conn.fetch(f"SELECT {DIGEST_COLS} FROM digests WHERE enabled ORDER BY guild_id")
    return [digest_from(r) for r in rows]


async def claim_digest(conn: Conn, guild_id: int, local_date: date, now: datetime) -> bool:
    """Claim the server's digest of ``local_date``; True for the one caller that got it.

    Run it in a transaction: the claim and the ``last_sent`` update commit together.
    """
    claimed = await conn.fetchval(
        "INSERT INTO digest_claims(guild_id, local_date, claimed_at) "
        "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1",
        guild_id,
        local_date,
        utc(now),
    )
    if claimed is None:
        return False
    await conn.execute(
        # Claims of different days may commit out of order: never move backwards.
        "UPDATE digests SET last_sent_date = $1, last_sent_at = $2 WHERE guild_id = $3 "
        "AND (last_sent_date IS NULL OR last_sent_date <= $1)",
        local_date,
        utc(now),
        guild_id,
    )
    return True


async def added_quote_ids(
    conn: Conn, scopes: list[str], since: datetime, until: datetime
) -> list[int]:
    """Ids of the quotes whose article was linked to ``scopes`` in [since, until)."""
    return [
        int(r[0])
        for r in await conn.fetch(
            "SELECT q.id FROM quotes q WHERE q.article_id IN (SELECT article_id FROM "
            "article_scopes WHERE scope = ANY($1::text[]) "
            "AND linked_at >= $2 AND linked_at < $3) ORDER BY q.id",
            scopes,
            utc(since),
            utc(until),
        )
    ]

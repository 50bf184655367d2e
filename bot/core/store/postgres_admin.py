"""PostgreSQL SQL for a scope's data control: list its articles, remove one, forget the scope.

Functions over an asyncpg connection; the caller runs each change in one transaction under
the ingest advisory lock (:class:`~bot.core.store.postgres.PostgresStore`). A change bumps
``index_state.epoch`` and ``generation``, so every process (this one included) reloads its
in-memory state (speakers, scope counts, the index tail) before its next read or write.
Postings keep the ids of deleted quotes: candidates are always read back from ``quotes``
within the asking scopes, and BIGSERIAL never reuses an id, so a removed quote never
comes back as a hit.
"""

from __future__ import annotations

from bot.core.models import Article
from bot.core.store.common import article_from, as_datetime_required
from bot.core.store.deletion import (
    ArticleEntry,
    ArticleList,
    ForgetCounts,
    digest_guild,
    feed_key_prefix,
)
from bot.core.store.postgres_values import Conn, rowcount

_ARTICLE_COLS = (
    "a.id, s.title, s.outlet, s.author, s.published, s.url, a.fetched_at, a.content_hash, "
    "a.added_at"
)


async def list_articles(conn: Conn, scope: str, offset: int, limit: int) -> ArticleList:
    """The scope's articles, the most recently added first."""
    offset, limit = max(0, offset), max(0, limit)
    total = await conn.fetchval("SELECT COUNT(*) FROM article_scopes WHERE scope = $1", scope)
    rows = await conn.fetch(
        f"SELECT {_ARTICLE_COLS}, s.linked_at, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) "
        "FROM article_scopes s JOIN articles a ON a.id = s.article_id WHERE s.scope = $1 "
        "ORDER BY s.linked_at DESC, a.id DESC LIMIT $2 OFFSET $3",
        scope,
        limit,
        offset,
    )
    items = [
        ArticleEntry(article_from(tuple(r)[:9]), as_datetime_required(r[9]), int(r[10]))
        for r in rows
    ]
    return ArticleList(items=items, total=int(total), offset=offset)


async def linked_article(conn: Conn, scope: str, ref: int | str) -> Article | None:
    """The article ``ref`` names if ``scope`` holds it."""
    column = "a.id" if isinstance(ref, int) else "s.url"
    row = await conn.fetchrow(
        f"SELECT {_ARTICLE_COLS} FROM articles a JOIN article_scopes s ON s.article_id = a.id "
        f"WHERE s.scope = $1 AND {column} = $2",
        scope,
        ref,
    )
    return article_from(tuple(row)) if row else None


async def unlink(conn: Conn, scope: str, article_ids: list[int]) -> tuple[int, int]:
    """Unlink articles from ``scope``; delete those no scope holds. (articles, quotes) deleted."""
    if not article_ids:
        return 0, 0
    speakers = [
        int(r[0])
        for r in await conn.fetch(
            "SELECT DISTINCT speaker_id FROM quotes WHERE article_id = ANY($1::bigint[]) "
            "AND speaker_id IS NOT NULL",
            article_ids,
        )
    ]
    visible = await conn.fetchval(
        "SELECT COUNT(*) FROM quotes WHERE article_id = ANY($1::bigint[])", article_ids
    )
    await conn.execute(
        "DELETE FROM article_scopes WHERE scope = $1 AND article_id = ANY($2::bigint[])",
        scope,
        article_ids,
    )
    await conn.execute(
        "UPDATE scope_counts SET quotes = GREATEST(quotes - $2, 0) WHERE scope = $1",
        scope,
        int(visible),
    )
    orphans = [
        int(r[0])
        for r in await conn.fetch(
            "SELECT id FROM articles a WHERE id = ANY($1::bigint[]) AND NOT EXISTS "
            "(SELECT 1 FROM article_scopes s WHERE s.article_id = a.id)",
            article_ids,
        )
    ]
    quotes = rowcount(
        await conn.execute("DELETE FROM quotes WHERE article_id = ANY($1::bigint[])", orphans)
    )
    await conn.execute("DELETE FROM articles WHERE id = ANY($1::bigint[])", orphans)
    # The scope no longer sees a speaker none of its articles quotes, and a speaker nobody
    # quotes any more goes, with its aliases.
    await conn.execute(
        "DELETE FROM speaker_scopes ss WHERE ss.scope = $1 AND ss.speaker_id = ANY($2::bigint[]) "
        "AND NOT EXISTS (SELECT 1 FROM quotes q JOIN article_scopes s "
        "ON s.article_id = q.article_id WHERE q.speaker_id = ss.speaker_id AND s.scope = $1)",
        scope,
        speakers,
    )
    await conn.execute(
        "DELETE FROM speakers sp WHERE sp.id = ANY($1::bigint[]) AND NOT EXISTS "
        "(SELECT 1 FROM quotes q WHERE q.speaker_id = sp.id)",
        speakers,
    )
    return len(orphans), quotes


async def forget(conn: Conn, scope: str) -> ForgetCounts:
    """Everything private to ``scope``: its articles (unlinked), feeds, seen entries, digest."""
    ids = [
        int(r[0])
        for r in await conn.fetch("SELECT article_id FROM article_scopes WHERE scope = $1", scope)
    ]
    deleted, quotes = await unlink(conn, scope, ids)
    await conn.execute("DELETE FROM speaker_scopes WHERE scope = $1", scope)
    await conn.execute("DELETE FROM scope_counts WHERE scope = $1", scope)
    feeds = rowcount(await conn.execute("DELETE FROM feeds WHERE scope = $1", scope))
    prefix = feed_key_prefix(scope)
    await conn.execute(
        "DELETE FROM feed_entries WHERE left(feed_key, $1) = $2", len(prefix), prefix
    )
    digests = 0
    guild = digest_guild(scope)
    if guild is not None:
        digests = rowcount(await conn.execute("DELETE FROM digests WHERE guild_id = $1", guild))
        await conn.execute("DELETE FROM digest_claims WHERE guild_id = $1", guild)
    return ForgetCounts(
        articles=len(ids),
        articles_deleted=deleted,
        quotes_deleted=quotes,
        feeds=feeds,
        digests=digests,
    )


async def bump(conn: Conn) -> None:
    """Make every process reload its in-memory state before its next read or write."""
    await conn.execute("UPDATE index_state SET epoch = epoch + 1, generation = generation + 1")


__all__ = ["bump", "forget", "linked_article", "list_articles", "unlink"]

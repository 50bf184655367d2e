"""PostgreSQL reads other than ``who_said``: an article, a speaker's quotes, name
completion, a random quote, top speakers, stats, the quotes added in a window (digest) and
one quote by id.

A mixin of :class:`~bot.core.store.postgres.PostgresStore` on top of
:class:`~bot.core.store.postgres_search.PostgresSearch` (whose ``_hits`` renders quotes).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.core.models import (
    Article,
    Page,
    QuoteHit,
    SpeakerCount,
    Stats,
)
from bot.core.provenance import page_clusters
from bot.core.search.rank import Ranked
from bot.core.store import postgres_clusters as cluster_sql
from bot.core.store import postgres_digest as digest_sql
from bot.core.store import postgres_speakers as speaker_sql
from bot.core.store.common import (
    article_from,
    as_seen,
    quote_from,
    utc,
)
from bot.core.store.postgres_search import PostgresSearch
from bot.core.store.postgres_search_sql import ARTICLE_COLS, IN_SCOPE, QUOTE_COLS
from bot.core.store.postgres_values import Conn, clean_scopes, clean_text
from bot.core.urls import normalize_url


class PostgresReads(PostgresSearch):
    """Reads of :class:`~bot.core.store.postgres.PostgresStore` (a mixin)."""

    async def get_article(self, article_id: int) -> Article | None:
        row = await self.pool.fetchrow(
            f"SELECT {ARTICLE_COLS} FROM articles a WHERE a.id = $1", int(article_id)
        )
        return article_from(row) if row else None

    async def find_article(self, url: str, scopes: Sequence[str]) -> Article | None:
        scopes = clean_scopes(scopes)
        if not scopes or not url.strip():
            return None
        # The URL one of these scopes gave it: another scope's URL for the text is its own.
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow(
                f"SELECT {ARTICLE_COLS} FROM articles a WHERE EXISTS ("
                "SELECT 1 FROM article_scopes s WHERE s.article_id = a.id AND s.url = $2 "
                "AND s.scope = ANY($1::text[])) LIMIT 1",
                scopes,
                clean_text(normalize_url(url)),
            )
            if row is None:
                return None
            article = article_from(row)
            links = await self._links(conn, [article.id], scopes)
        return as_seen(article, links.get(article.id))

    async def _resolve_speaker(
        self, conn: Conn, name: str, scopes: list[str]
    ) -> tuple[str, list[int]] | None:
        if not scopes:
            return None
        await self._fresh(conn)
        return self._speakers.resolve(name, await speaker_sql.view(conn, scopes))

    async def quotes_by(
        self, speaker: str, scopes: Sequence[str], offset: int = 0, limit: int = 10
    ) -> tuple[str | None, Page]:
        scopes = clean_scopes(scopes)
        offset = max(0, offset)
        async with self.pool.acquire() as conn:
            resolved = await self._resolve_speaker(conn, speaker, scopes)
            if resolved is None:
                return None, Page(items=[], total=0, offset=offset)
            name, ids = resolved
            where = f"q.speaker_id = ANY($2::bigint[]) AND {IN_SCOPE}"
            total = await conn.fetchval(f"SELECT COUNT(*) FROM quotes q WHERE {where}", scopes, ids)
            rows = await conn.fetch(
                f"SELECT {QUOTE_COLS}, q.evidence FROM quotes q "
                "JOIN articles a ON a.id = q.article_id "
                f"WHERE {where} "
                "ORDER BY COALESCE(a.published, q.added_at) DESC, q.id DESC LIMIT $3 OFFSET $4",
                scopes,
                ids,
                max(0, limit),
                offset,
            )
            items = [replace(quote_from(r, r[11]), speaker=name) for r in rows]
            labels, members = await cluster_sql.members(conn, [q.id for q in items], scopes)
        page = Page(items=items, total=int(total), offset=offset)
        page.clusters = page_clusters(items, labels, members)
        return name, page

    async def speaker_names(self, prefix: str, scopes: Sequence[str], limit: int = 25) -> list[str]:
        scopes = clean_scopes(scopes)
        if not scopes or limit <= 0:
            return []
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            visible = await speaker_sql.view(conn, scopes)
        return self._speakers.names(prefix, visible, limit)

    async def random_quote(
        self, scopes: Sequence[str], speaker: str | None = None, seed: int | None = None
    ) -> QuoteHit | None:
        scopes = clean_scopes(scopes)
        if not scopes:
            return None
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            params: list[Any] = [scopes]
            where = IN_SCOPE
            if speaker is not None:
                resolved = await self._resolve_speaker(conn, speaker, scopes)
                if resolved is None:
                    return None
                where += " AND q.speaker_id = ANY($2::bigint[])"
                params.append(resolved[1])
            total = await conn.fetchval(f"SELECT COUNT(*) FROM quotes q WHERE {where}", *params)
            if not total:
                return None
            pick = random.Random(seed).randrange(int(total))
            quote_id = await conn.fetchval(
                f"SELECT q.id FROM quotes q WHERE {where} ORDER BY q.id "
                f"LIMIT 1 OFFSET ${len(params) + 1}",
                *params,
                pick,
            )
            if quote_id is None:
                return None
            hits = await self._hits(conn, [Ranked(int(quote_id), 100.0, 1.0, ())], scopes)
        return hits[0] if hits else None

    async def top_speakers(
        self, scopes: Sequence[str], since: datetime | None = None, limit: int = 10
    ) -> list[SpeakerCount]:
        scopes = clean_scopes(scopes)
        if not scopes:
            return []
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            return await speaker_sql.top_speakers(conn, self._speakers, scopes, utc(since), limit)

    async def stats(self, scopes: Sequence[str]) -> Stats:
        scopes = clean_scopes(scopes)
        if not scopes:
            return Stats(articles=0, quotes=0, speakers=0, feeds=0)
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            row = await conn.fetchrow(
                "SELECT (SELECT COUNT(DISTINCT article_id) FROM article_scopes "
                "        WHERE scope = ANY($1::text[])), "
                f"(SELECT COUNT(*) FROM quotes q WHERE {IN_SCOPE}), "
                "(SELECT COUNT(*) FROM feeds WHERE scope = ANY($1::text[]))",
                scopes,
            )
            speakers = await speaker_sql.count_speakers(conn, self._speakers, scopes)
        return Stats(articles=int(row[0]), quotes=int(row[1]), speakers=speakers, feeds=int(row[2]))

    async def quotes_added(
        self, scopes: Sequence[str], since: datetime, until: datetime
    ) -> list[QuoteHit]:
        scopes = clean_scopes(scopes)
        if not scopes:
            return []
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            ids = await digest_sql.added_quote_ids(conn, scopes, since, until)
            out: list[QuoteHit] = []
            for start in range(0, len(ids), 500):
                chunk = [Ranked(i, 100.0, 1.0, ()) for i in ids[start : start + 500]]
                out.extend(await self._hits(conn, chunk, scopes))
        return out

    # -- one quote -------------------------------------------------------------------------
    async def quote_hit(self, quote_id: int, scopes: Sequence[str]) -> QuoteHit | None:
        scopes = clean_scopes(scopes)
        if not scopes or not 0 < int(quote_id) < 2**63:
            return None
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            seen = await conn.fetchval(
                f"SELECT q.id FROM quotes q WHERE {IN_SCOPE} AND q.id = $2", scopes, int(quote_id)
            )
            if seen is None:
                return None
            hits = await self._hits(conn, [Ranked(int(seen), 100.0, 1.0, ())], scopes)
        return hits[0] if hits else None

"""SQLite reads other than ``who_said``: a speaker's quotes, name completion, a random
quote, top speakers, stats, the quotes added in a window (digest) and one quote by id.

A mixin of :class:`~bot.core.store.sqlite.SQLiteStore` on top of
:class:`~bot.core.store.sqlite_search.SQLiteSearch` (whose ``_hits`` renders the quotes).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.core.models import (
    Page,
    QuoteHit,
    SpeakerCount,
    Stats,
)
from bot.core.provenance import page_clusters
from bot.core.search.rank import Ranked
from bot.core.store import sqlite_clusters as cluster_sql
from bot.core.store import sqlite_digest as digest_sql
from bot.core.store import sqlite_speakers as speaker_sql
from bot.core.store.common import (
    quote_from,
    scope_list,
)
from bot.core.store.sqlite_search import QUOTE_COLS, SQLiteSearch, qmarks, ts_text


class SQLiteReads(SQLiteSearch):
    """Reads of :class:`~bot.core.store.sqlite.SQLiteStore` (a mixin)."""

    # -- speakers -------------------------------------------------------------------------
    def _resolve_speaker(self, name: str, scopes: list[str]) -> tuple[str, list[int]] | None:
        """The name and the speaker ids a (fuzzy) name stands for, within scope."""
        if not scopes:
            return None
        with self._mem:
            return self._speakers.resolve(name, speaker_sql.view(self.conn, scopes))

    async def quotes_by(
        self, speaker: str, scopes: Sequence[str], offset: int = 0, limit: int = 10
    ) -> tuple[str | None, Page]:
        return await self._read(self._quotes_by_sync, speaker, scope_list(scopes), offset, limit)

    def _quotes_by_sync(
        self, speaker: str, scopes: list[str], offset: int, limit: int
    ) -> tuple[str | None, Page]:
        offset = max(0, offset)
        resolved = self._resolve_speaker(speaker, scopes)
        if resolved is None:
            return None, Page(items=[], total=0, offset=offset)
        name, ids = resolved
        where = (
            f"q.speaker_id IN ({qmarks(len(ids))}) AND q.article_id IN ("
            f"SELECT article_id FROM article_scopes WHERE scope IN ({qmarks(len(scopes))}))"
        )
        total = self.conn.execute(
            f"SELECT COUNT(*) FROM quotes q WHERE {where}", (*ids, *scopes)
        ).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT {QUOTE_COLS}, q.evidence FROM quotes q "
            "JOIN articles a ON a.id = q.article_id "
            f"WHERE {where} "
            "ORDER BY COALESCE(a.published, q.added_at) DESC, q.id DESC LIMIT ? OFFSET ?",
            (*ids, *scopes, max(0, limit), offset),
        ).fetchall()
        items = [replace(quote_from(r, r[11]), speaker=name) for r in rows]
        page = Page(items=items, total=int(total), offset=offset)
        labels, members = cluster_sql.members(self.conn, [q.id for q in items], scopes)
        page.clusters = page_clusters(items, labels, members)
        return name, page

    async def speaker_names(self, prefix: str, scopes: Sequence[str], limit: int = 25) -> list[str]:
        return await self._read(self._speaker_names_sync, prefix, scope_list(scopes), limit)

    def _speaker_names_sync(self, prefix: str, scopes: list[str], limit: int) -> list[str]:
        if not scopes or limit <= 0:
            return []
        with self._mem:
            return self._speakers.names(prefix, speaker_sql.view(self.conn, scopes), limit)

    async def random_quote(
        self, scopes: Sequence[str], speaker: str | None = None, seed: int | None = None
    ) -> QuoteHit | None:
        return await self._read(self._random_sync, scope_list(scopes), speaker, seed)

    def _random_sync(
        self, scopes: list[str], speaker: str | None, seed: int | None
    ) -> QuoteHit | None:
        if not scopes:
            return None
        params: list[Any] = list(scopes)
        where = (
            f"q.article_id IN (SELECT article_id FROM article_scopes "
            f"WHERE scope IN ({qmarks(len(scopes))}))"
        )
        if speaker is not None:
            resolved = self._resolve_speaker(speaker, scopes)
            if resolved is None:
                return None
            where += f" AND q.speaker_id IN ({qmarks(len(resolved[1]))})"
            params.extend(resolved[1])
        count_sql = f"SELECT COUNT(*) FROM quotes q WHERE {where}"
        total = self.conn.execute(count_sql, params).fetchone()[0]
        if not total:
            return None
        pick = random.Random(seed).randrange(total)
        row = self.conn.execute(
            f"SELECT q.id FROM quotes q WHERE {where} ORDER BY q.id LIMIT 1 OFFSET ?",
            (*params, pick),
        ).fetchone()
        hits = self._hits([Ranked(int(row[0]), 100.0, 1.0, ())], scopes)
        return hits[0] if hits else None

    async def top_speakers(
        self, scopes: Sequence[str], since: datetime | None = None, limit: int = 10
    ) -> list[SpeakerCount]:
        return await self._read(self._top_sync, scope_list(scopes), since, limit)

    def _top_sync(
        self, scopes: list[str], since: datetime | None, limit: int
    ) -> list[SpeakerCount]:
        if not scopes:
            return []
        with self._mem:
            return speaker_sql.top_speakers(
                self.conn, self._speakers, scopes, ts_text(since), limit
            )

    async def stats(self, scopes: Sequence[str]) -> Stats:
        return await self._read(self._stats_sync, scope_list(scopes))

    def _stats_sync(self, scopes: list[str]) -> Stats:
        if not scopes:
            return Stats(articles=0, quotes=0, speakers=0, feeds=0)
        marks = qmarks(len(scopes))
        visible = f"SELECT article_id FROM article_scopes WHERE scope IN ({marks})"
        articles = self.conn.execute(
            f"SELECT COUNT(DISTINCT article_id) FROM article_scopes WHERE scope IN ({marks})",
            scopes,
        ).fetchone()[0]
        quotes = self.conn.execute(
            f"SELECT COUNT(*) FROM quotes WHERE article_id IN ({visible})", scopes
        ).fetchone()[0]
        with self._mem:
            speakers = speaker_sql.count_speakers(self.conn, self._speakers, scopes)
        feeds = self.conn.execute(
            f"SELECT COUNT(*) FROM feeds WHERE scope IN ({marks})", scopes
        ).fetchone()[0]
        return Stats(
            articles=int(articles), quotes=int(quotes), speakers=int(speakers), feeds=int(feeds)
        )

    async def quotes_added(
        self, scopes: Sequence[str], since: datetime, until: datetime
    ) -> list[QuoteHit]:
        return await self._read(self._added_sync, scope_list(scopes), since, until)

    def _added_sync(self, scopes: list[str], since: datetime, until: datetime) -> list[QuoteHit]:
        if not scopes:
            return []
        ids = digest_sql.added_quote_ids(self.conn, scopes, ts_text(since), ts_text(until))
        out: list[QuoteHit] = []
        for start in range(0, len(ids), 500):
            chunk = [Ranked(i, 100.0, 1.0, ()) for i in ids[start : start + 500]]
            out.extend(self._hits(chunk, scopes))
        return out

    # -- one quote -------------------------------------------------------------------------
    async def quote_hit(self, quote_id: int, scopes: Sequence[str]) -> QuoteHit | None:
        return await self._run(self._quote_hit_sync, int(quote_id), scope_list(scopes))

    def _quote_hit_sync(self, quote_id: int, scopes: list[str]) -> QuoteHit | None:
        if not scopes or not 0 < quote_id < 2**63:
            return None
        seen = self.conn.execute(
            "SELECT 1 FROM quotes q WHERE q.id = ? AND q.article_id IN (SELECT article_id "
            f"FROM article_scopes WHERE scope IN ({qmarks(len(scopes))}))",
            (quote_id, *scopes),
        ).fetchone()
        if seen is None:
            return None
        hits = self._hits([Ranked(quote_id, 100.0, 1.0, ())], scopes)
        return hits[0] if hits else None

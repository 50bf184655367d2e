"""Saving articles on PostgreSQL: ``save_article`` and ``save_articles`` (bulk ingest).

A mixin of :class:`~bot.core.store.postgres.PostgresStore` on top of its reads (the store
owns the pool, the locks and the in-memory state). The contract:

* Every save runs in one transaction under the ingest advisory lock, memory first brought
  up to date (``_sync_locked``), so quote and term ids are committed in id order; a batch
  is one transaction with a savepoint per article, one that fails reported and the rest
  kept. Nothing is stored when a save fails (:class:`~bot.core.store.base.StoreError`).
* ``_save_in`` is the driver: find the stored article the text meets, plan the write
  (:func:`~bot.core.store.common.plan_write`), write the article row and the scope link,
  insert the quotes (ids drawn in one query, rows written in one statement), cluster
  them, store the new words, link speakers, add to the scope counts and bump the
  generation. Each step is one method below; what they hand on is a
  :class:`~bot.core.store.save_state.SaveState`.
* Memory follows a save only once it committed (``_apply_saved``; in a batch, once its
  savepoint did, and a batch rolled back makes the next call reload); a full index tail
  is then flushed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import asyncpg

from bot.core.clusters import recent_ids
from bot.core.models import GLOBAL_SCOPE, ArticleInput, IngestResult, Quote
from bot.core.search.index import index_terms
from bot.core.speakers import speaker_key
from bot.core.store import postgres_clusters as cluster_sql
from bot.core.store import postgres_speakers as speaker_sql
from bot.core.store.base import StoreError
from bot.core.store.cluster_rows import new_quotes
from bot.core.store.common import (
    Status,
    clean_article_url,
    content_hash,
    plan_write,
    stored_status,
    utc,
)
from bot.core.store.evidence_json import evidence_json
from bot.core.store.postgres_reads import PostgresReads
from bot.core.store.postgres_values import Conn
from bot.core.store.postgres_values import clean_optional as _c
from bot.core.store.postgres_values import clean_text as _cs
from bot.core.store.postgres_values import rowcount as _rowcount
from bot.core.store.save_state import SaveState, scope_deltas
from bot.core.store.speakers import PendingSpeakers, display_name


def _prepared(article: ArticleInput) -> tuple[str, str | None, datetime | None, datetime | None]:
    """The article's content hash, clean URL and UTC dates; StoreError for a malformed input."""
    try:
        return (
            content_hash(article.text),
            _c(clean_article_url(article.url)),
            utc(article.published),
            utc(article.fetched_at),
        )
    except Exception as exc:  # a malformed input object
        raise StoreError(f"cannot store this article: {exc}") from exc


class PostgresSave(PostgresReads):
    """The save half of :class:`~bot.core.store.postgres.PostgresStore` (a mixin)."""

    #: Quotes further apart than this never cluster; 0 turns clustering off.
    cluster_window_days: int

    if TYPE_CHECKING:  # provided by PostgresStore

        def _now(self) -> datetime: ...

    # -- articles -------------------------------------------------------------------------
    async def save_article(
        self, article: ArticleInput, quotes: Sequence[Quote], scope: str
    ) -> IngestResult:
        scope = _cs(str(scope))
        now = self._now()
        chash, url, published, fetched = _prepared(article)
        quotes = list(quotes)
        async with self._write_lock, self.pool.acquire() as conn:
            try:
                async with conn.transaction():
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", self._ingest_key)
                    async with self._state_lock:
                        await self._sync_locked(conn)
                    saved = await self._save_in(
                        conn, article, quotes, scope, now, chash, url, published, fetched
                    )
            except StoreError:
                raise
            except (KeyboardInterrupt, SystemExit, asyncio.CancelledError):
                raise
            except Exception as exc:
                raise StoreError(f"could not store the article, nothing was saved: {exc}") from exc
            status, article_id, count, generation, inserted, new_terms, pending, deltas = saved
            async with self._state_lock:
                self._apply_saved(generation, inserted, new_terms, pending, deltas)
        if self._index.tail_quotes >= self._flush_every:
            await self._flush(force=False)
        return IngestResult(article_id=article_id, status=status, quotes=count)

    async def _save_in(
        self,
        conn: Conn,
        article: ArticleInput,
        quotes: list[Quote],
        scope: str,
        now: datetime,
        chash: str,
        url: str | None,
        published: datetime | None,
        fetched: datetime | None,
    ) -> tuple[
        Status,
        int,
        int,
        int | None,
        list[tuple[int, str]],
        list[tuple[int, str]],
        PendingSpeakers,
        dict[str, int],
    ]:
        """One article's save in the caller's transaction (ingest lock held, memory synced):
        what memory must follow once it commits (see :meth:`_apply_saved`)."""
        row = await self._stored_match(conn, scope, url, chash)
        state = await self._plan_save(conn, row, scope, chash)
        if row is not None and state.action == "copy" and state.was_linked:
            await self._leave_shared(conn, state, int(row[0]), scope)
        await self._write_article(conn, state, row, article, now, chash, url, published, fetched)
        await self._link_scope(conn, state, article, scope, now, published, url)
        pending = PendingSpeakers()
        inserted: list[tuple[int, str]] = []
        new_terms: list[tuple[int, str]] = []
        if state.status in ("added", "updated") and quotes:
            inserted = await self._insert_quotes(
                conn, state.article_id, article, quotes, now, pending
            )
            await self._cluster_new(conn, inserted, quotes, published or now, scope, state.stale)
            new_terms = await self._insert_terms(conn, inserted)
        scopes_of_article = await self._scopes_of(conn, state, scope)
        generation: int | None = None
        if state.status != "duplicate":
            await speaker_sql.link_speakers(conn, state.article_id, state.old_speakers)
        count = await self._quote_count(conn, state, inserted)
        deltas = scope_deltas(state, scope, scopes_of_article, len(inserted), count)
        if deltas:
            await self._add_scope_counts(conn, deltas)
        if state.status != "duplicate":
            generation = await self._bump_generation(conn)
        told = state.told(scope)
        return told, state.article_id, count, generation, inserted, new_terms, pending, deltas

    async def _stored_match(self, conn: Conn, scope: str, url: str | None, chash: str) -> Any:
        """The stored article the text meets: the one this scope holds at this URL, else the
        one at this URL, else one with the same text (URL-less first); None when new."""
        row = None
        if url is not None:
            row = await conn.fetchrow(
                "SELECT a.id, a.content_hash FROM article_scopes s JOIN articles a "
                "ON a.id = s.article_id WHERE s.scope = $1 AND s.url = $2 "
                "ORDER BY a.id DESC LIMIT 1",
                scope,
                url,
            )
        if row is None:
            row = await conn.fetchrow(
                "SELECT id, content_hash FROM articles WHERE url = $1 OR content_hash = $2 "
                "ORDER BY url IS NOT DISTINCT FROM $1 AND $1 IS NOT NULL DESC, "
                "url IS NOT NULL, id LIMIT 1",
                url,
                chash,
            )
        return row

    async def _plan_save(self, conn: Conn, row: Any, scope: str, chash: str) -> SaveState:
        """What writing does to the stored article met, from the scopes that hold it."""
        state = SaveState()
        if row is not None:
            state.holders = {
                str(r[0])
                for r in await conn.fetch(
                    "SELECT scope FROM article_scopes WHERE article_id = $1", int(row[0])
                )
            }
            state.action = plan_write(scope, state.holders, str(row[1]) == chash)
            state.was_linked = scope in state.holders
        return state

    async def _leave_shared(self, conn: Conn, state: SaveState, old_id: int, scope: str) -> None:
        """The writer's own version from now on: leave the shared one to the others."""
        state.old_speakers = await speaker_sql.article_speakers(conn, old_id)
        state.removed = int(
            await conn.fetchval("SELECT COUNT(*) FROM quotes WHERE article_id = $1", old_id)
        )
        await conn.execute(
            "DELETE FROM article_scopes WHERE scope = $1 AND article_id = $2", scope, old_id
        )

    async def _write_article(
        self,
        conn: Conn,
        state: SaveState,
        row: Any,
        article: ArticleInput,
        now: datetime,
        chash: str,
        url: str | None,
        published: datetime | None,
        fetched: datetime | None,
    ) -> None:
        """The article row: a new one (first sight, or the writer's own copy), else the
        stored one kept, linked or given the new text; sets the status and the article id."""
        if row is None or state.action == "copy":
            state.article_id = await self._insert_article(
                conn, article, now, chash, url, published, fetched
            )
            state.status = "added"
        else:
            state.article_id = int(row[0])
            state.status = stored_status(state.action)
            if state.status == "updated":
                await self._replace_article(conn, state, article, chash, published, fetched)

    async def _insert_article(
        self,
        conn: Conn,
        article: ArticleInput,
        now: datetime,
        chash: str,
        url: str | None,
        published: datetime | None,
        fetched: datetime | None,
    ) -> int:
        """A new article row (without the URL when another article holds it); its id."""
        taken = url is not None and bool(
            await conn.fetchval("SELECT EXISTS (SELECT 1 FROM articles WHERE url = $1)", url)
        )
        return int(
            await conn.fetchval(
                "INSERT INTO articles(url, content_hash, title, outlet, author, published, "
                "fetched_at, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                None if taken else url,  # a copy's URL is in its scope's link
                chash,
                _c(article.title),
                _c(article.outlet),
                _c(article.author),
                published,
                fetched,
                now,
            )
        )

    async def _replace_article(
        self,
        conn: Conn,
        state: SaveState,
        article: ArticleInput,
        chash: str,
        published: datetime | None,
        fetched: datetime | None,
    ) -> None:
        """New text for the stored article: its quotes go (their speakers and clusters noted
        for later steps), its row takes the new hash and any metadata given."""
        article_id = state.article_id
        state.old_speakers = await speaker_sql.article_speakers(conn, article_id)
        state.stale = await cluster_sql.labels_of_articles(conn, [article_id])
        state.removed = _rowcount(
            await conn.execute("DELETE FROM quotes WHERE article_id = $1", article_id)
        )
        await conn.execute(
            "UPDATE articles SET content_hash = $1, title = COALESCE($2, title), "
            "outlet = COALESCE($3, outlet), author = COALESCE($4, author), "
            "published = COALESCE($5, published), "
            "fetched_at = COALESCE($6, fetched_at) WHERE id = $7",
            chash,
            _c(article.title),
            _c(article.outlet),
            _c(article.author),
            published,
            fetched,
            article_id,
        )

    async def _link_scope(
        self,
        conn: Conn,
        state: SaveState,
        article: ArticleInput,
        scope: str,
        now: datetime,
        published: datetime | None,
        url: str | None,
    ) -> None:
        """The writer's scope link with what it said of the article; new text's metadata
        goes to every linked scope."""
        meta = (_c(article.title), _c(article.outlet), _c(article.author), published, url)
        if state.status != "duplicate":
            await conn.execute(
                "INSERT INTO article_scopes(scope, article_id, linked_at, title, outlet, author, "
                "published, url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                scope,
                state.article_id,
                now,
                *meta,
            )
        if (
            state.status == "updated"
        ):  # the new text is every linked scope's: so is its metadata (each keeps its URL)
            await conn.execute(
                "UPDATE article_scopes SET title = COALESCE($1, title), "
                "outlet = COALESCE($2, outlet), author = COALESCE($3, author), "
                "published = COALESCE($4, published) WHERE article_id = $5",
                *meta[:4],
                state.article_id,
            )

    async def _insert_quotes(
        self,
        conn: Conn,
        article_id: int,
        article: ArticleInput,
        quotes: list[Quote],
        now: datetime,
        pending: PendingSpeakers,
    ) -> list[tuple[int, str]]:
        """The article's quotes with their speakers, ids drawn first and one INSERT for all
        (unnest: one round trip); (quote id, stored text) of each."""
        rows: list[tuple[Any, ...]] = []
        for quote in quotes:
            speaker_id = await self._speaker_for(conn, _c(quote.speaker), pending)
            rows.append(
                (
                    speaker_id,
                    None if speaker_id is None else display_name(_cs(quote.speaker or "")),
                    _c(quote.title),
                    _cs(str(quote.text)),
                    _cs(str(quote.kind)),
                    _cs(str(quote.context or "")),
                    float(quote.confidence),
                    int(quote.start),
                    int(quote.end),
                    evidence_json(quote, article.text),
                )
            )
        ids = [
            int(r[0])
            for r in await conn.fetch(
                "SELECT nextval(pg_get_serial_sequence('quotes', 'id')) "
                "FROM generate_series(1, $1)",
                len(rows),
            )
        ]
        # One statement for all the article's quotes (unnest: one round trip).
        columns = list(zip(*rows, strict=True))
        await conn.execute(
            "INSERT INTO quotes(id, article_id, speaker_id, speaker_name, title, text, kind, "
            "context, confidence, start_pos, end_pos, evidence, added_at) "
            "SELECT u.id, $2, u.speaker_id, u.speaker_name, u.title, u.text, u.kind, "
            "u.context, u.confidence, u.start_pos, u.end_pos, u.evidence, $13 "
            "FROM unnest($1::bigint[], "
            "$3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
            "$9::float8[], $10::int[], $11::int[], $12::text[]) AS u(id, speaker_id, "
            "speaker_name, title, text, kind, context, confidence, start_pos, end_pos, "
            "evidence)",
            ids,
            article_id,
            *(list(c) for c in columns),
            now,
        )
        return [(i, r[3]) for i, r in zip(ids, rows, strict=True)]

    async def _insert_terms(
        self, conn: Conn, inserted: list[tuple[int, str]]
    ) -> list[tuple[int, str]]:
        """The words of the new quotes the vocabulary lacks, stored with their ids now (so
        other processes number theirs after them); those (id, term) pairs."""
        new_terms = self._new_terms(inserted)
        if new_terms:
            await conn.execute(
                "INSERT INTO terms(id, term) SELECT * FROM unnest($1::int[], $2::text[])",
                [i for i, _ in new_terms],
                [t for _, t in new_terms],
            )
        return new_terms

    async def _scopes_of(self, conn: Conn, state: SaveState, scope: str) -> list[str]:
        """The scopes linked to the article (their counts change with its quotes)."""
        # A new article has exactly the quotes and the scope just written: no need to ask.
        return (
            [scope]
            if state.status == "added"
            else [
                r[0]
                for r in await conn.fetch(
                    "SELECT scope FROM article_scopes WHERE article_id = $1", state.article_id
                )
            ]
        )

    async def _quote_count(
        self, conn: Conn, state: SaveState, inserted: list[tuple[int, str]]
    ) -> int:
        """The quotes the article holds now (the writer is told this count)."""
        return (
            len(inserted)
            if state.status == "added"
            else int(
                await conn.fetchval(
                    "SELECT COUNT(*) FROM quotes WHERE article_id = $1", state.article_id
                )
            )
        )

    async def _add_scope_counts(self, conn: Conn, deltas: dict[str, int]) -> None:
        """Each scope's stored quote count follows (look-ups size their plan by it)."""
        await conn.execute(
            "INSERT INTO scope_counts(scope, quotes) "
            "SELECT * FROM unnest($1::text[], $2::bigint[]) "
            "ON CONFLICT (scope) DO UPDATE SET quotes = scope_counts.quotes + EXCLUDED.quotes",
            list(deltas),
            list(deltas.values()),
        )

    async def _bump_generation(self, conn: Conn) -> int:
        """Tell every process something searchable changed; the new generation."""
        return int(
            await conn.fetchval(
                "UPDATE index_state SET generation = generation + 1 RETURNING generation"
            )
        )

    def _new_terms(self, inserted: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Ids for the words the vocabulary lacks, numbered as the vocabulary would."""
        vocab = self._index.vocab
        next_id = len(vocab.terms) if vocab.terms else 1
        out: list[tuple[int, str]] = []
        seen: set[str] = set()
        for _, text in inserted:
            for term in sorted(index_terms(text)):
                if term not in vocab.ids and term not in seen:
                    seen.add(term)
                    out.append((next_id, term))
                    next_id += 1
        return out

    def _apply_saved(
        self,
        generation: int | None,
        inserted: list[tuple[int, str]],
        new_terms: list[tuple[int, str]],
        pending: PendingSpeakers,
        deltas: dict[str, int],
    ) -> None:
        """The save committed: follow it in memory (unless a read already caught up)."""
        self._speakers.commit(pending)
        if generation is None:
            return
        index = self._index
        for term_id, term in new_terms:
            if term not in index.vocab.ids:
                index.vocab.load(term_id, term, 0, 0)
        high = max(index.watermark, index.tail_max_id)
        for quote_id, text in inserted:
            if quote_id > high:
                index.add_quote(quote_id, text)
        if generation == self._generation + 1:
            # Nothing else happened since we synced: follow the counts here. Otherwise a
            # read already caught up (or will, and reload the counts).
            for s, delta in deltas.items():
                self._scope_quotes[s] = self._scope_quotes.get(s, 0) + delta
            self._generation = generation

    async def _speaker_for(
        self, conn: Conn, name: str | None, pending: PendingSpeakers
    ) -> int | None:
        """The speaker of exactly this spelling key (created when new; never merged)."""
        key = speaker_key(name or "")
        if not key:
            return None
        known = self._speakers.known(key, pending)
        if known is not None:
            return known
        speaker_id = await conn.fetchval(
            "INSERT INTO speakers(name, key) VALUES ($1, $2) "
            "ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id",
            display_name(name or ""),
            key,
        )
        return pending.add(key, int(speaker_id))

    # -- quote clusters (schema 5): the SQL is in postgres_clusters ----------------------
    async def _cluster_new(
        self,
        conn: Conn,
        inserted: list[tuple[int, str]],
        quotes: list[Quote],
        when: datetime,
        scope: str,
        stale: set[int],
    ) -> None:
        """Put the article's new quotes into the clusters of earlier quotes the writer sees;
        regroup the clusters its replaced quotes belonged to (same transaction)."""
        if not self.cluster_window_days:
            return
        new = new_quotes(inserted, quotes)

        async def load(term_ids: list[int]) -> None:
            await self._load_postings(conn, term_ids)

        def postings(term_id: int) -> Sequence[int]:
            return recent_ids(self._postings.get(term_id, ()), self._index.tail_postings(term_id))

        await cluster_sql.assign(
            conn,
            self._index,
            load,
            postings,
            new,
            when,
            sorted({scope, GLOBAL_SCOPE}),
            self.cluster_window_days,
        )
        if stale:
            await cluster_sql.regroup_labels(conn, stale, self.cluster_window_days)

    # -- batch save (bulk ingest, issue 17) -----------------------------------------------
    async def save_articles(
        self, batch: Sequence[tuple[ArticleInput, Sequence[Quote]]], scope: str
    ) -> list[IngestResult | StoreError]:
        """Each article as :meth:`save_article` stores it, all in one transaction (each in
        a savepoint of its own, so one that fails is reported and the others kept). Memory
        follows each article as it goes, under the state lock for the whole batch; a batch
        rolled back makes the next call reload it."""
        scope = _cs(str(scope))
        now = self._now()
        out: list[IngestResult | StoreError] = []
        async with self._write_lock, self.pool.acquire() as conn, self._state_lock:
            try:
                async with conn.transaction():
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", self._ingest_key)
                    await self._sync_locked(conn)
                    for article, quotes in batch:
                        out.append(await self._save_one_in(conn, article, list(quotes), scope, now))
            except BaseException as exc:
                self._epoch = -1  # not what the database holds: the next sync reloads
                if isinstance(exc, StoreError) or not isinstance(exc, Exception):
                    raise
                raise StoreError(f"could not store the articles, nothing was saved: {exc}") from exc
        if self._index.tail_quotes >= self._flush_every:
            await self._flush(force=False)
        return out

    async def _save_one_in(
        self, conn: Conn, article: ArticleInput, quotes: list[Quote], scope: str, now: datetime
    ) -> IngestResult | StoreError:
        """One article of a batch in its savepoint; memory follows it (state lock held)."""
        try:
            chash, url, published, fetched = _prepared(article)
        except StoreError as exc:
            return exc
        try:
            async with conn.transaction():
                saved = await self._save_in(
                    conn, article, quotes, scope, now, chash, url, published, fetched
                )
        except StoreError as exc:
            return exc
        except (KeyboardInterrupt, SystemExit, asyncio.CancelledError):
            raise
        except asyncpg.PostgresError as exc:
            return StoreError(f"could not store the article, nothing was saved: {exc}")
        status, article_id, count, generation, inserted, new_terms, pending, deltas = saved
        self._apply_saved(generation, inserted, new_terms, pending, deltas)
        return IngestResult(article_id=article_id, status=status, quotes=count)


__all__ = ["PostgresSave"]

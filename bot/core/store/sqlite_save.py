"""Saving articles on SQLite: ``save_article`` and ``save_articles`` (bulk ingest).

A mixin of :class:`~bot.core.store.sqlite.SQLiteStore` on top of its reads (the store owns
the connections, the lock and the in-memory state). Methods named ``*_sync`` run on the
store's one writer thread. The contract:

* A save is one transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``), or, in a batch, one
  savepoint inside the batch's transaction (:class:`~bot.core.store.batch.Savepoints`), so
  one article that fails rolls back alone. Nothing is stored when a save fails
  (:class:`~bot.core.store.base.StoreError`).
* ``_save_sync`` is the driver: find the stored article the text meets, plan the write
  (:func:`~bot.core.store.common.plan_write`), write the article row and the scope link,
  insert the quotes and cluster them, link speakers, count. Each step is one method below;
  what they hand on is a :class:`~bot.core.store.save_state.SaveState`.
* Memory (speakers, scope counts, index tail, visible-id sets) follows only after the
  commit, under ``_mem`` (``_follow_saved``); a full index tail is then flushed. A batch
  rolled back makes memory reload from the database.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.core.clusters import RECENT, recent_ids
from bot.core.models import GLOBAL_SCOPE, ArticleInput, IngestResult, Quote
from bot.core.speakers import speaker_key
from bot.core.store import sqlite_clusters as cluster_sql
from bot.core.store import sqlite_speakers as speaker_sql
from bot.core.store.base import StoreError
from bot.core.store.batch import Savepoints
from bot.core.store.cluster_rows import new_quotes
from bot.core.store.common import (
    ScopeIds,
    SeenTerms,
    clean_article_url,
    content_hash,
    plan_write,
    stored_status,
)
from bot.core.store.evidence_json import evidence_json
from bot.core.store.save_state import SaveState, scope_deltas
from bot.core.store.speakers import PendingSpeakers, display_name
from bot.core.store.sqlite_reads import SQLiteReads
from bot.core.store.sqlite_search import ts_text as _ts

#: Stored ids clustering keeps at most between two index flushes (16 MB); more empties it.
CLUSTER_STORED_IDS = 4_000_000


class SQLiteSave(SQLiteReads):
    """The save half of :class:`~bot.core.store.sqlite.SQLiteStore` (a mixin)."""

    #: Quotes further apart than this never cluster; 0 turns clustering off.
    cluster_window_days: int
    _flush_every: int
    _local: threading.local
    _cluster_stored: dict[int, Sequence[int]]
    _cluster_stored_ids: int

    if TYPE_CHECKING:  # provided by SQLiteStore

        def _now(self) -> datetime: ...

        def _load_state(self) -> None: ...

    # -- articles -------------------------------------------------------------------------
    async def save_article(
        self, article: ArticleInput, quotes: Sequence[Quote], scope: str
    ) -> IngestResult:
        return await self._run(self._save_sync, article, list(quotes), str(scope))

    def _save_sync(self, article: ArticleInput, quotes: list[Quote], scope: str) -> IngestResult:
        """One article's save in its own transaction (a savepoint in a batch); once it
        commits, memory follows and a full index tail is flushed."""
        conn = self.conn
        now = _ts(self._now())
        try:
            chash = content_hash(article.text)
            url = clean_article_url(article.url)
        except Exception as exc:  # a malformed input object
            raise StoreError(f"cannot store this article: {exc}") from exc
        pending = PendingSpeakers()
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = self._stored_match(conn, scope, url, chash)
            state = self._plan_save(conn, row, scope, chash)
            if state.action == "copy" and state.was_linked:
                self._leave_shared(conn, state, int(row[0]), scope)
            self._write_article(conn, state, row, article, now, chash, url)
            self._link_scope(conn, state, article, scope, now, url)
            inserted: list[tuple[int, str]] = []
            if state.status in ("added", "updated"):
                inserted = self._insert_quotes(
                    conn, state.article_id, article, quotes, now, pending
                )
                self._cluster_new(inserted, quotes, article, scope, state.stale)
            scopes_of_article = [
                r[0]
                for r in conn.execute(
                    "SELECT scope FROM article_scopes WHERE article_id = ?", (state.article_id,)
                )
            ]
            if state.status != "duplicate":
                speaker_sql.link_speakers(conn, state.article_id, state.old_speakers)
            count = conn.execute(
                "SELECT COUNT(*) FROM quotes WHERE article_id = ?", (state.article_id,)
            ).fetchone()[0]
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, StoreError | KeyboardInterrupt | SystemExit):
                raise
            raise StoreError(f"could not store the article, nothing was saved: {exc}") from exc
        self._follow_saved(state, scope, scopes_of_article, inserted, int(count), pending)
        if self._index.tail_quotes >= self._flush_every:
            self._flush_sync()
        told = state.told(scope)
        return IngestResult(article_id=int(state.article_id), status=told, quotes=int(count))

    def _stored_match(
        self, conn: sqlite3.Connection, scope: str, url: str | None, chash: str
    ) -> Any:
        """The stored article the text meets: the one this scope holds at this URL, else the
        one at this URL, else one with the same text (URL-less first); None when new."""
        row = None
        if url is not None:  # the article this scope holds at this URL, if any
            row = conn.execute(
                "SELECT a.id, a.content_hash FROM article_scopes s JOIN articles a "
                "ON a.id = s.article_id WHERE s.scope = ? AND s.url = ? "
                "ORDER BY a.id DESC LIMIT 1",
                (scope, url),
            ).fetchone()
        if row is None and url is not None:
            row = conn.execute(
                "SELECT id, content_hash FROM articles WHERE url = ?", (url,)
            ).fetchone()
        if row is None:
            row = conn.execute(
                "SELECT id, content_hash FROM articles WHERE content_hash = ? "
                "ORDER BY url IS NOT NULL, id LIMIT 1",
                (chash,),
            ).fetchone()
        return row

    def _plan_save(self, conn: sqlite3.Connection, row: Any, scope: str, chash: str) -> SaveState:
        """What writing does to the stored article met, from the scopes that hold it."""
        state = SaveState()
        if row is not None:
            state.holders = {
                str(r[0])
                for r in conn.execute(
                    "SELECT scope FROM article_scopes WHERE article_id = ?", (int(row[0]),)
                )
            }
            state.action = plan_write(scope, state.holders, str(row[1]) == chash)
            state.was_linked = scope in state.holders
        return state

    def _leave_shared(
        self, conn: sqlite3.Connection, state: SaveState, old_id: int, scope: str
    ) -> None:
        """The writer's own version from now on: leave the shared one to the others."""
        state.old_speakers = speaker_sql.article_speakers(conn, old_id)
        state.removed = conn.execute(
            "SELECT COUNT(*) FROM quotes WHERE article_id = ?", (old_id,)
        ).fetchone()[0]
        conn.execute(
            "DELETE FROM article_scopes WHERE scope = ? AND article_id = ?",
            (scope, old_id),
        )

    def _write_article(
        self,
        conn: sqlite3.Connection,
        state: SaveState,
        row: Any,
        article: ArticleInput,
        now: str | None,
        chash: str,
        url: str | None,
    ) -> None:
        """The article row: a new one (first sight, or the writer's own copy), else the
        stored one kept, linked or given the new text; sets the status and the article id."""
        if row is None or state.action == "copy":
            state.article_id = self._insert_article(conn, article, now, chash, url)
            state.status = "added"
        else:
            state.article_id = int(row[0])
            state.status = stored_status(state.action)
            if state.status == "updated":
                self._replace_article(conn, state, article, chash)

    def _insert_article(
        self,
        conn: sqlite3.Connection,
        article: ArticleInput,
        now: str | None,
        chash: str,
        url: str | None,
    ) -> int:
        """A new article row (without the URL when another article holds it); its id."""
        taken = url is not None and (
            conn.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None
        )
        article_id = conn.execute(
            "INSERT INTO articles(url, content_hash, title, outlet, author, published, "
            "fetched_at, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                None if taken else url,  # a copy's URL is in its scope's link
                chash,
                article.title,
                article.outlet,
                article.author,
                _ts(article.published),
                _ts(article.fetched_at),
                now,
            ),
        ).lastrowid
        assert article_id is not None
        return article_id

    def _replace_article(
        self, conn: sqlite3.Connection, state: SaveState, article: ArticleInput, chash: str
    ) -> None:
        """New text for the stored article: its quotes go (their speakers and clusters noted
        for later steps), its row takes the new hash and any metadata given."""
        article_id = state.article_id
        state.old_speakers = speaker_sql.article_speakers(conn, article_id)
        state.stale = cluster_sql.labels_of_articles(conn, [article_id])
        state.removed = conn.execute(
            "DELETE FROM quotes WHERE article_id = ?", (article_id,)
        ).rowcount
        conn.execute(
            "UPDATE articles SET content_hash = ?, title = COALESCE(?, title), "
            "outlet = COALESCE(?, outlet), author = COALESCE(?, author), "
            "published = COALESCE(?, published), fetched_at = COALESCE(?, fetched_at) "
            "WHERE id = ?",
            (
                chash,
                article.title,
                article.outlet,
                article.author,
                _ts(article.published),
                _ts(article.fetched_at),
                article_id,
            ),
        )

    def _link_scope(
        self,
        conn: sqlite3.Connection,
        state: SaveState,
        article: ArticleInput,
        scope: str,
        now: str | None,
        url: str | None,
    ) -> None:
        """The writer's scope link with what it said of the article; new text's metadata
        goes to every linked scope."""
        meta = (article.title, article.outlet, article.author, _ts(article.published), url)
        if state.status != "duplicate":
            conn.execute(
                "INSERT OR IGNORE INTO article_scopes(scope, article_id, linked_at, title, "
                "outlet, author, published, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (scope, state.article_id, now, *meta),
            )
        if (
            state.status == "updated"
        ):  # the new text is every linked scope's: so is its metadata (each keeps its URL)
            conn.execute(
                "UPDATE article_scopes SET title = COALESCE(?, title), "
                "outlet = COALESCE(?, outlet), author = COALESCE(?, author), "
                "published = COALESCE(?, published) WHERE article_id = ?",
                (*meta[:4], state.article_id),
            )

    def _insert_quotes(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        article: ArticleInput,
        quotes: list[Quote],
        now: str | None,
        pending: PendingSpeakers,
    ) -> list[tuple[int, str]]:
        """The article's quotes with their speakers; (quote id, text) of each."""
        inserted: list[tuple[int, str]] = []
        for quote in quotes:
            speaker_id = self._speaker_for(quote.speaker, pending)
            quote_id = conn.execute(
                "INSERT INTO quotes(article_id, speaker_id, speaker_name, title, text, "
                "kind, context, confidence, start, end, added_at, evidence) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article_id,
                    speaker_id,
                    None if speaker_id is None else display_name(quote.speaker or ""),
                    quote.title,
                    str(quote.text),
                    str(quote.kind),
                    str(quote.context or ""),
                    float(quote.confidence),
                    int(quote.start),
                    int(quote.end),
                    now,
                    evidence_json(quote, article.text),
                ),
            ).lastrowid
            assert quote_id is not None
            inserted.append((quote_id, str(quote.text)))
        return inserted

    def _follow_saved(
        self,
        state: SaveState,
        scope: str,
        scopes_of_article: list[str],
        inserted: list[tuple[int, str]],
        count: int,
        pending: PendingSpeakers,
    ) -> None:
        """Committed: now the in-memory state may follow (readers wait for this short step)."""
        with self._mem:
            self._speakers.commit(pending)
            deltas = scope_deltas(state, scope, scopes_of_article, len(inserted), count)
            for s, delta in deltas.items():
                self._scope_quotes[s] = self._scope_quotes.get(s, 0) + delta
            if state.status == "linked":
                self._scope_ids.drop(scope)
            elif state.status in ("added", "updated"):
                for quote_id, text in inserted:
                    self._index.add_quote(quote_id, text)
                if state.action == "copy":
                    self._scope_ids.drop(scope)  # it no longer sees the shared version's quotes
                self._scope_ids.add(scopes_of_article, (quote_id for quote_id, _ in inserted))
            if state.status != "duplicate":
                self._generation += 1

    def _speaker_for(self, name: str | None, pending: PendingSpeakers) -> int | None:
        """The speaker of exactly this spelling key (created when new; never merged)."""
        key = speaker_key(name or "")
        if not key:
            return None
        with self._mem:
            known = self._speakers.known(key, pending)
        if known is not None:
            return known
        speaker_id = self.conn.execute(
            "INSERT INTO speakers(name, key) VALUES (?, ?)", (display_name(name or ""), key)
        ).lastrowid
        assert speaker_id is not None
        return pending.add(key, speaker_id)

    # -- quote clusters (schema 5): the SQL is in sqlite_clusters ------------------------
    def _cluster_new(
        self,
        inserted: list[tuple[int, str]],
        quotes: list[Quote],
        article: ArticleInput,
        scope: str,
        stale: set[int],
    ) -> None:
        """Put the article's new quotes into the clusters of earlier quotes the writer sees;
        regroup the clusters its replaced quotes belonged to (same transaction)."""
        if not self.cluster_window_days:
            return
        new = new_quotes(inserted, quotes)
        cluster_sql.assign(
            self.conn,
            self._index,
            self._cluster_postings,
            new,
            article.published or self._now(),
            sorted({scope, GLOBAL_SCOPE}),
            self.cluster_window_days,
        )
        if stale:
            cluster_sql.regroup_labels(self.conn, stale, self.cluster_window_days)

    def _cluster_postings(self, term_ids: list[int]) -> dict[int, Sequence[int]]:
        """The newest quote ids of these terms for clustering: from the in-memory tail, the
        look-up cache, and one read of the stored postings for the rest.

        What that read found is kept in ``_cluster_stored`` (not the look-up cache, so a
        save never evicts what look-ups use) until the next index flush, the only change
        to stored postings: a word read for one save is read again for thousands more."""
        out: dict[int, Sequence[int]] = {}
        unread: dict[int, Sequence[int]] = {}
        with self._mem:  # the cached arrays are replaced, never changed; the tail is ours
            for term_id in term_ids:
                tail = self._index.tail_postings(term_id)
                cached = self._cluster_stored.get(term_id)
                if cached is None:
                    cached = () if len(tail) >= RECENT else self._postings.get(term_id)
                if cached is None:
                    unread[term_id] = tail
                else:
                    out[term_id] = recent_ids(cached, tail)
        if unread:
            stored = cluster_sql.stored_postings(self.conn, list(unread), RECENT)
            if self._cluster_stored_ids > CLUSTER_STORED_IDS:
                self._forget_cluster_stored()
            for term_id, tail in unread.items():
                newest = stored.get(term_id, array("I"))[-RECENT:]
                self._cluster_stored[term_id] = newest
                self._cluster_stored_ids += len(newest)
                out[term_id] = recent_ids(newest, tail)
        return out

    # -- batch save (bulk ingest, issue 17) -----------------------------------------------
    async def save_articles(
        self, batch: Sequence[tuple[ArticleInput, Sequence[Quote]]], scope: str
    ) -> list[IngestResult | StoreError]:
        """Each article as :meth:`save_article` stores it, all in one transaction."""
        articles = [(article, list(quotes)) for article, quotes in batch]
        return await self._run(self._save_batch_sync, articles, str(scope))

    def _save_batch_sync(
        self, batch: list[tuple[ArticleInput, list[Quote]]], scope: str
    ) -> list[IngestResult | StoreError]:
        """``_save_sync`` for each article inside one transaction: its own transaction
        becomes a savepoint (``batch.Savepoints``), so one that fails rolls back alone.
        Memory follows each article as it goes; a batch rolled back reloads it."""
        conn = self.conn
        out: list[IngestResult | StoreError] = []
        conn.execute("BEGIN IMMEDIATE")
        self._local.conn = Savepoints(conn)
        try:
            for article, quotes in batch:
                try:
                    out.append(self._save_sync(article, quotes, scope))
                except StoreError as exc:
                    out.append(exc)
            self._local.conn = None
            conn.execute("COMMIT")
        except BaseException:
            self._local.conn = None
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            with self._mem:  # memory followed saves that are not on disk: read it again
                self._postings.clear()
                self._postings_ids = 0
                self._forget_cluster_stored()
                self._load_state()
                self._forget_views()
            raise
        with self._mem:  # readers may have cached views without the uncommitted rows
            self._forget_views()
        return out

    def _forget_cluster_stored(self) -> None:
        """Empty clustering's copy of stored postings (they changed, or it grew too big)."""
        self._cluster_stored = {}
        self._cluster_stored_ids = 0

    def _forget_views(self) -> None:
        """Drop what readers cached of the visible quotes (the caller holds ``_mem``)."""
        self._generation += 1
        self._bf_cache.clear()
        self._seen_terms_cache = SeenTerms()
        self._scope_ids = ScopeIds()


__all__ = ["SQLiteSave"]

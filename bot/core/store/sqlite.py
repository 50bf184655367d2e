"""The embedded SQLite backend (the default): one file, WAL, one writer and a few readers.

Writes run on a single-thread executor with the one writing connection. Look-ups and other
reads run on a small pool of threads, each with its own read-only connection (WAL lets
readers proceed while the writer commits), so a look-up never queues behind a save or the
index tail flush. The in-memory search state (vocabulary, index tail, caches, speaker
cache) is shared: the writer changes it only after its transaction committed, and both
sides touch it under :attr:`SQLiteStore._mem`; a reader that fills a cache from the
database does so under the same lock, so the writer's later invalidation always wins.
The flush's SQL runs outside the lock. A ``:memory:`` database has no readers (it cannot
be shared), and everything runs on the writer. Search decisions live in
:mod:`bot.core.search`; this module only moves bytes. The look-up path and the search
index's storage are in :mod:`~bot.core.store.sqlite_search`, the other reads in
:mod:`~bot.core.store.sqlite_reads`, saving articles in :mod:`~bot.core.store.sqlite_save`
(mixins of :class:`SQLiteStore`).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bot.core.clusters import WINDOW_DAYS
from bot.core.models import (
    Article,
    QuoteHit,
)
from bot.core.provenance import attach
from bot.core.search.index import (
    WordIndex,
)
from bot.core.store import sqlite_admin
from bot.core.store import sqlite_clusters as cluster_sql
from bot.core.store import sqlite_digest as digest_sql
from bot.core.store import sqlite_feeds as feed_sql
from bot.core.store import sqlite_speakers as speaker_sql
from bot.core.store.base import DigestConfig, FeedState, StoreError
from bot.core.store.common import (
    LINK_COLS,
    ScopeIds,
    SeenTerms,
    article_from,
    as_seen,
    content_hash,
    link_metadata,
    scope_list,
    utcnow,
)
from bot.core.store.deletion import ArticleList, ForgetCounts
from bot.core.store.heap import settle_heap
from bot.core.store.speakers import SpeakerCache
from bot.core.store.sqlite_migrations import FINISH, MIGRATIONS
from bot.core.store.sqlite_save import SQLiteSave
from bot.core.store.sqlite_search import ARTICLE_COLS as _ARTICLE_COLS
from bot.core.store.sqlite_search import qmarks as _marks
from bot.core.store.sqlite_search import ts_text as _ts
from bot.core.urls import normalize_url

T = TypeVar("T")
#: Read connections (and threads) of a file database; reads are mostly I/O and C code.
READERS = 2


def _path_from_url(url: str) -> str:
    if not url.startswith("sqlite:"):
        raise StoreError(f"not a SQLite URL: {url!r} (expected sqlite:///path/to/file.db)")
    rest = url[len("sqlite:") :]
    if not rest.startswith("///"):
        raise StoreError(f"SQLite URL must look like sqlite:///path/file.db, got {url!r}")
    path = rest[3:]
    if path in ("", ":memory:"):
        return ":memory:"
    return path.split("?", 1)[0]


class SQLiteStore(SQLiteSave):
    """The :class:`~bot.core.store.base.Store` on one SQLite file."""

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Callable[[], datetime] = utcnow,
        brute_force_below: int = 2000,
        flush_every: int = 20_000,
        readers: int = READERS,
        cluster_window_days: int = WINDOW_DAYS,
    ) -> None:
        self.path = str(path)
        #: Quotes further apart than this never cluster; 0 turns clustering off.
        self.cluster_window_days = max(0, cluster_window_days)
        self._clock = clock
        self._brute_force_below = brute_force_below
        self._flush_every = flush_every
        self._conn: sqlite3.Connection | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._readers = max(0, readers)
        self._read_executor: ThreadPoolExecutor | None = None
        self._read_conns: list[sqlite3.Connection] = []
        self._local = threading.local()
        #: Guards the in-memory state shared by the writer and the reader threads.
        self._mem = threading.RLock()
        self._index = WordIndex()
        self._postings: OrderedDict[int, array[int]] = OrderedDict()
        self._postings_ids = 0
        #: The stored newest ids clustering read, per term, until the next index flush.
        self._cluster_stored: dict[int, Sequence[int]] = {}
        self._cluster_stored_ids = 0
        self._speakers = SpeakerCache()
        self._scope_quotes: dict[str, int] = {}
        self._generation = 0
        self._bf_cache: dict[tuple[str, ...], tuple[int, list[tuple[int, str, str | None]]]] = {}
        #: Exact words already found visible to a scope list (see ``_hidden_terms``).
        self._seen_terms_cache = SeenTerms()
        #: Visible quote ids of scopes that see a small share of the database (built on use).
        self._scope_ids = ScopeIds()

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> SQLiteStore:
        """``sqlite:///relative.db``, ``sqlite:////absolute.db`` or ``sqlite:///:memory:``."""
        return cls(_path_from_url(url), **kwargs)

    # -- plumbing -------------------------------------------------------------------------
    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None or self._conn is None:
            raise StoreError("the store is not open")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    async def _read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a read on a reader thread (its own connection), or on the writer when none."""
        if self._read_executor is None:
            return await self._run(fn, *args)
        if self._conn is None:
            raise StoreError("the store is not open")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._read_executor, fn, *args)

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection: a reader's own, else the writer's."""
        reader: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if reader is not None:
            return reader
        if self._conn is None:
            raise StoreError("the store is not open")
        return self._conn

    def _open_reader(self) -> None:
        """Thread initialiser of the read pool: a query-only connection for this thread."""
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA cache_size=-32768")
        with self._mem:
            self._read_conns.append(conn)
        self._local.conn = conn

    def _now(self) -> datetime:
        return self._clock()

    async def open(self) -> None:
        if self._conn is not None:
            return
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whosaid-sqlite")
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._executor, self._open_sync)
        except Exception:
            self._executor.shutdown(wait=True)
            self._executor = None
            raise
        settle_heap(len(self._index.vocab.terms))  # the loaded index out of full GC passes
        if self.path != ":memory:" and self._readers:
            self._read_executor = ThreadPoolExecutor(
                max_workers=self._readers,
                thread_name_prefix="whosaid-sqlite-read",
                initializer=self._open_reader,
            )

    def _open_sync(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {self.path!r}: {exc}") from exc
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("PRAGMA cache_size=-65536")
            self._conn = conn
            self._migrate()
            self._load_state()
        except sqlite3.Error as exc:
            conn.close()
            self._conn = None
            raise StoreError(f"cannot use SQLite database {self.path!r}: {exc}") from exc

    def _migrate(self) -> None:
        conn = self.conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        current = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
        for version, script in MIGRATIONS:
            if version <= current:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in script.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                if version in FINISH:
                    speaker_sql.demote_merged_surnames(conn)
                    for statement in FINISH[version].split(";"):
                        if statement.strip():
                            conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version(version, applied_at) VALUES (?, ?)",
                    (version, _ts(self._now())),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _load_state(self) -> None:
        conn = self.conn
        index = self._index = WordIndex()
        for term_id, term, df, segments in conn.execute(
            "SELECT id, term, df, segments FROM terms ORDER BY id"
        ):
            index.vocab.load(term_id, term, df, segments)
        row = conn.execute("SELECT value FROM meta WHERE key = 'watermark'").fetchone()
        index.watermark = int(row[0]) if row else 0
        self._load_signatures()
        self._index_pairs()
        self._fill_norms()
        for quote_id, text in conn.execute(
            "SELECT id, text FROM quotes WHERE id > ? ORDER BY id", (index.watermark,)
        ):
            index.add_quote(quote_id, text)
        speakers, counts = self._speaker_rows()
        self._speakers.clear()
        for speaker_id, key in speakers:
            self._speakers.remember(speaker_id, key)
        self._scope_quotes = dict(counts)
        self._generation += 1

    def _speaker_rows(self) -> tuple[list[tuple[int, str]], list[tuple[str, int]]]:
        """Every speaker's (id, key) and each scope's quote count: what memory mirrors."""
        conn = self.conn
        speakers = conn.execute("SELECT id, key FROM speakers").fetchall()
        counts = conn.execute(
            "SELECT s.scope, COUNT(q.id) FROM article_scopes s "
            "JOIN quotes q ON q.article_id = s.article_id GROUP BY s.scope"
        ).fetchall()
        return speakers, counts

    async def close(self) -> None:
        if self._conn is None or self._executor is None:
            return
        executor, readers = self._executor, self._read_executor
        self._read_executor = None
        loop = asyncio.get_running_loop()
        if readers is not None:  # reads in flight finish first
            await loop.run_in_executor(None, readers.shutdown, True)
            for conn in self._read_conns:
                conn.close()
            self._read_conns.clear()
        try:
            await loop.run_in_executor(executor, self._close_sync)
        finally:
            self._conn = None
            self._executor = None
            executor.shutdown(wait=True)

    def _close_sync(self) -> None:
        try:
            if self._index.tail_quotes:
                self._flush_sync()
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.conn.close()

    # -- articles -------------------------------------------------------------------------
    async def get_article(self, article_id: int) -> Article | None:
        return await self._read(self._get_article_sync, article_id)

    def _get_article_sync(self, article_id: int) -> Article | None:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLS} FROM articles a WHERE a.id = ?", (article_id,)
        ).fetchone()
        return article_from(row) if row else None

    async def find_article(self, url: str, scopes: Sequence[str]) -> Article | None:
        return await self._read(self._find_article_sync, url, scope_list(scopes))

    def _find_article_sync(self, url: str, scopes: list[str]) -> Article | None:
        if not scopes or not url.strip():
            return None
        # The URL one of these scopes gave it: another scope's URL for the text is its own.
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLS} FROM articles a WHERE EXISTS ("
            "SELECT 1 FROM article_scopes s WHERE s.article_id = a.id AND s.url = ? "
            f"AND s.scope IN ({_marks(len(scopes))})) LIMIT 1",
            (normalize_url(url), *scopes),
        ).fetchone()
        if row is None:
            return None
        article = article_from(row)
        return as_seen(article, self._links([article.id], scopes).get(article.id))

    def _links(self, article_ids: Sequence[int], scopes: list[str]) -> dict[int, list[Any]]:
        """What ``scopes`` said about each article (their own rows first, then global)."""
        ids = sorted(set(article_ids))
        return link_metadata(
            self.conn.execute(
                f"SELECT {LINK_COLS} FROM article_scopes WHERE article_id IN ({_marks(len(ids))}) "
                f"AND scope IN ({_marks(len(scopes))}) ORDER BY scope",
                (*ids, *scopes),
            )
        )

    # -- feeds: the SQL is in sqlite_feeds ------------------------------------------------
    async def add_feed(
        self, scope: str, url: str, channel_id: int | None, interval_minutes: int
    ) -> FeedState:
        return await self._run(
            feed_sql.add_feed, self.conn, str(scope), url, channel_id, interval_minutes
        )

    async def remove_feed(self, scope: str, url: str) -> bool:
        return await self._run(feed_sql.remove_feed, self.conn, str(scope), url)

    async def list_feeds(self, scope: str | None = None) -> list[FeedState]:
        return await self._run(feed_sql.list_feeds, self.conn, scope)

    async def update_feed(
        self,
        feed_id: int,
        *,
        etag: str | None,
        modified: str | None,
        success_at: datetime | None,
        error: str | None,
        error_at: datetime | None,
        failures: int,
        next_poll: datetime,
    ) -> None:
        await self._run(
            feed_sql.update_feed,
            self.conn,
            feed_id,
            etag,
            modified,
            _ts(success_at),
            error,
            _ts(error_at),
            failures,
            _ts(next_poll),
        )

    async def lease_due_feeds(
        self, now: datetime, owner: str, lease_seconds: int, limit: int = 10
    ) -> list[FeedState]:
        until = _ts(now + timedelta(seconds=max(1, lease_seconds)))
        return await self._run(feed_sql.lease_due_feeds, self.conn, _ts(now), owner, until, limit)

    async def seen_entries(self, feed_key: str, keys: Sequence[str]) -> set[str]:
        return await self._run(feed_sql.seen_entries, self.conn, feed_key, list(keys))

    async def mark_entries(self, feed_key: str, keys: Sequence[str]) -> None:
        await self._run(feed_sql.mark_entries, self.conn, feed_key, list(keys), _ts(self._now()))

    # -- digest: the SQL is in sqlite_digest ----------------------------------------------
    async def get_digest(self, guild_id: int) -> DigestConfig | None:
        return await self._run(digest_sql.get_digest, self.conn, guild_id)

    async def set_digest(
        self, guild_id: int, channel_id: int, time_hhmm: str, timezone: str, enabled: bool = True
    ) -> DigestConfig:
        return await self._run(
            digest_sql.set_digest, self.conn, guild_id, channel_id, time_hhmm, timezone, enabled
        )

    async def digest_configs(self) -> list[DigestConfig]:
        return await self._run(digest_sql.digest_configs, self.conn)

    async def claim_digest(self, guild_id: int, local_date: date, now: datetime) -> bool:
        return await self._run(digest_sql.claim_digest, self.conn, guild_id, local_date, _ts(now))

    # -- data control (issue 16): the SQL is in sqlite_admin -----------------------------
    async def list_articles(self, scope: str, offset: int = 0, limit: int = 10) -> ArticleList:
        return await self._run(sqlite_admin.list_articles, self.conn, str(scope), offset, limit)

    async def remove_article(self, scope: str, ref: int | str) -> Article | None:
        return await self._run(self._remove_article_sync, str(scope), ref)

    def _remove_article_sync(self, scope: str, ref: int | str) -> Article | None:
        stale = self._stale_clusters(scope, ref)
        removed = sqlite_admin.remove_article(self.conn, scope, ref)
        if removed is not None:
            cluster_sql.regroup_after(self.conn, stale, self.cluster_window_days)
            self._after_deletion()
        return removed

    async def forget_scope(self, scope: str) -> ForgetCounts:
        return await self._run(self._forget_sync, str(scope))

    def _forget_sync(self, scope: str) -> ForgetCounts:
        stale = self._stale_clusters(scope, None)
        counts = sqlite_admin.forget_scope(self.conn, scope)
        cluster_sql.regroup_after(self.conn, stale, self.cluster_window_days)
        self._after_deletion()
        return counts

    def _after_deletion(self) -> None:
        """Memory follows deleted rows: speakers, scope counts, cached id sets and texts."""
        speakers, counts = self._speaker_rows()
        with self._mem:
            self._speakers.clear()
            for speaker_id, key in speakers:
                self._speakers.remember(speaker_id, key)
            self._scope_quotes = dict(counts)
            self._scope_ids.clear()
            self._bf_cache.clear()
            self._generation += 1

    # -- quote clusters (schema 5): the SQL is in sqlite_clusters ------------------------
    def _stale_clusters(self, scope: str, ref: int | str | None) -> set[int]:
        """The clusters of the articles about to leave ``scope`` (all of them for None)."""
        if not self.cluster_window_days:
            return set()
        ids = cluster_sql.articles_of_scope(self.conn, scope, ref)
        return cluster_sql.labels_of_articles(self.conn, ids)

    def _with_clusters(self, hits: list[QuoteHit], scopes: list[str]) -> tuple[QuoteHit, ...]:
        """The hits with their clusters as ``scopes`` see them (consensus speaker)."""
        if not hits:
            return ()
        labels, members = cluster_sql.members(self.conn, [h.quote.id for h in hits], scopes)
        return attach(hits, labels, members)


__all__ = ["SQLiteStore", "content_hash"]

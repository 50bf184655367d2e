"""The PostgreSQL backend: several processes (shards) share one database.

Search reuses :mod:`bot.core.search` exactly as SQLite does: the vocabulary and the index
tail (quotes newer than the last flush) live in each process's memory; flushed postings
are packed ``uint32`` segments in the ``postings`` table. The look-up path is in
:mod:`~bot.core.store.postgres_search`, the index's storage and keeping memory up to date
in :mod:`~bot.core.store.postgres_index`, the other reads in
:mod:`~bot.core.store.postgres_reads`, saving articles in
:mod:`~bot.core.store.postgres_save` (mixins of :class:`PostgresStore`).

How processes stay consistent:

* Every write that adds quotes or index terms (``save_article``, the index flush) runs
  under one transaction-level advisory lock, so quote and term ids are committed in id
  order. A process can therefore catch up with ``WHERE id > high_water_mark``.
* ``index_state`` holds a ``generation`` (bumped by every change a search may see) and an
  ``epoch`` (bumped by every flush). Before a read, one cheap query compares them with the
  process's copy: a new generation loads the new terms, quotes, speakers and scope counts;
  a new epoch (another process flushed) reloads the index state entirely, keeping the
  word-pair signatures already in memory and reading those the flushes stored.
* Scopes that see a small share of the quotes rank candidates among their own quote ids
  (as SQLite). Those id sets are brought up to date, whenever the generation moved, from
  the quotes and the links (``article_scopes.seq``) numbered after the last look.
* Digests are claimed with ``INSERT ... ON CONFLICT DO NOTHING RETURNING``; feeds are
  leased with ``FOR UPDATE SKIP LOCKED``; the same URL ingested twice meets the unique
  URL under the ingest lock and is stored once.
"""

from __future__ import annotations

import asyncio
import hashlib
from array import array
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.core.clusters import WINDOW_DAYS
from bot.core.models import Article
from bot.core.search.index import WordIndex
from bot.core.store import postgres_admin
from bot.core.store import postgres_clusters as cluster_sql
from bot.core.store import postgres_digest as digest_sql
from bot.core.store import postgres_feeds as feed_sql
from bot.core.store import postgres_speakers as speaker_sql
from bot.core.store.base import DigestConfig, FeedState, StoreError
from bot.core.store.common import (
    ScopeIds,
    SeenTerms,
    check_feed,
    utc,
    utcnow,
)
from bot.core.store.deletion import ArticleList, ForgetCounts
from bot.core.store.heap import settle_heap
from bot.core.store.own_loop import LoopThread, on_home_loop
from bot.core.store.postgres_index import Pool
from bot.core.store.postgres_migrations import FINISH, MIGRATIONS
from bot.core.store.postgres_save import PostgresSave
from bot.core.store.postgres_search import PooledConnection
from bot.core.store.postgres_values import Conn
from bot.core.store.postgres_values import clean_optional as _c
from bot.core.store.postgres_values import clean_text as _cs
from bot.core.store.postgres_values import rowcount as _rowcount
from bot.core.store.speakers import SpeakerCache
from bot.core.urls import normalize_url

T = TypeVar("T")


def _lock_key(namespace: str, name: str) -> int:
    """A signed 64-bit advisory-lock key private to one schema of one database."""
    digest = hashlib.sha256(f"whosaid:{namespace}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@on_home_loop
class PostgresStore(PostgresSave):
    """The :class:`~bot.core.store.base.Store` on PostgreSQL, safe for several processes."""

    def __init__(
        self,
        dsn: str,
        *,
        clock: Callable[[], datetime] = utcnow,
        schema: str | None = None,
        brute_force_below: int = 2000,
        flush_every: int = 20_000,
        pool_size: int = 5,
        cluster_window_days: int = WINDOW_DAYS,
        own_loop: bool = False,
    ) -> None:
        self.dsn = dsn
        #: Whether the store runs on an event loop in a thread of its own (see ``own_loop``):
        #: the bot's loop then only hands calls over (its CPU per look-up halved), but the
        #: bursts measured slower (the two threads contend for the interpreter lock), so
        #: ``open_store`` leaves it off. Tests that reach into the pool keep it off.
        self.own_loop = own_loop
        self._home: LoopThread | None = None
        #: Quotes further apart than this never cluster; 0 turns clustering off.
        self.cluster_window_days = max(0, cluster_window_days)
        self.schema = schema
        self._clock = clock
        self._brute_force_below = brute_force_below
        self._flush_every = flush_every
        self._pool_size = max(2, pool_size)
        self._pool: Pool | None = None
        namespace = schema or urlsplit(dsn).path.lstrip("/") or "default"
        self._ingest_key = _lock_key(namespace, "ingest")
        self._migrate_key = _lock_key(namespace, "migrate")
        self._state_lock = asyncio.Lock()
        self._write_lock = asyncio.Lock()
        self._index = WordIndex()
        self._generation = -1
        self._epoch = -1
        self._speakers = SpeakerCache()
        self._scope_quotes: dict[str, int] = {}
        self._postings: OrderedDict[int, array[int]] = OrderedDict()
        self._postings_ids = 0
        self._bf_cache: dict[tuple[str, ...], tuple[int, list[tuple[int, str, str | None]]]] = {}
        #: Exact words already found visible to a scope list (see ``_hidden_terms``).
        self._seen_terms_cache = SeenTerms()
        #: Signature rows computed for an older database, written at the next chance.
        self._sig_backfill: list[tuple[int, bytes]] = []
        #: Visible quote ids of small scopes: exact up to ``_ids_high`` (highest quote id,
        #: highest link seq seen), refreshed when the generation differs from ``_ids_gen``.
        self._scope_ids = ScopeIds()
        self._ids_lock = asyncio.Lock()
        self._ids_gen = -1
        self._ids_high = (0, 0)

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> PostgresStore:
        """``postgresql://user:password@host:port/database`` (``postgres://`` too)."""
        if not url.startswith(("postgresql:", "postgres:")):
            raise StoreError(f"not a PostgreSQL URL: {_redact(url)!r}")
        return cls(url, **kwargs)

    # -- plumbing -------------------------------------------------------------------------
    @property
    def pool(self) -> Pool:
        if self._pool is None:
            raise StoreError("the store is not open")
        return self._pool

    def _now(self) -> datetime:
        now = utc(self._clock())
        assert now is not None
        return now

    async def open(self) -> None:
        if self._pool is not None:
            return
        if not self.own_loop:
            await self._open()
            return
        self._home = LoopThread("whosaid-postgres")
        try:
            await self._home.call(self._open())
        except BaseException:
            await self._home.stop()
            self._home = None
            raise

    async def _open(self) -> None:
        settings = {"search_path": self.schema} if self.schema else {}
        try:
            pool = await asyncpg.create_pool(
                self.dsn,
                min_size=1,
                max_size=self._pool_size,
                server_settings=settings,
                command_timeout=60,
                connection_class=PooledConnection,
            )
        except (OSError, asyncpg.PostgresError, ValueError) as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(self.dsn)}: {exc}") from exc
        assert pool is not None
        self._pool = pool
        try:
            async with pool.acquire() as conn:
                await self._migrate(conn)
                await self._fill_norms(conn)
                async with self._state_lock:
                    await self._reload(conn)
        except BaseException as exc:
            self._pool = None
            await pool.close()
            if isinstance(exc, asyncpg.PostgresError):
                raise StoreError(f"cannot use PostgreSQL database: {exc}") from exc
            raise
        settle_heap(len(self._index.vocab.terms))  # the loaded index out of full GC passes

    async def _migrate(self, conn: Conn) -> None:
        if self.schema:
            await conn.execute(f"CREATE SCHEMA IF NOT EXISTS {_quote_ident(self.schema)}")
        await conn.execute("SELECT pg_advisory_lock($1)", self._migrate_key)
        try:
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
            )
            current = await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version")
            for version, script in MIGRATIONS:
                if version <= current:
                    continue
                async with conn.transaction():
                    await conn.execute(script)
                    if version in FINISH:
                        await speaker_sql.demote_merged_surnames(conn)
                        await conn.execute(FINISH[version])
                    await conn.execute(
                        "INSERT INTO schema_version(version, applied_at) VALUES ($1, $2)",
                        version,
                        self._now(),
                    )
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", self._migrate_key)

    async def close(self) -> None:
        home = self._home
        if home is None:
            await self._close()
            return
        try:
            await home.call(self._close())
        finally:
            self._home = None
            await home.stop()

    async def _close(self) -> None:
        pool = self._pool
        if pool is None:
            return
        try:
            if self._index.tail_quotes:
                await self._flush(force=True)
        finally:
            self._pool = None
            await pool.close()

    # -- feeds: the SQL is in postgres_feeds ----------------------------------------------
    async def add_feed(
        self, scope: str, url: str, channel_id: int | None, interval_minutes: int
    ) -> FeedState:
        clean = _cs(check_feed(url, interval_minutes))
        async with self.pool.acquire() as conn:
            return await feed_sql.add_feed(
                conn, _cs(str(scope)), clean, channel_id, interval_minutes
            )

    async def remove_feed(self, scope: str, url: str) -> bool:
        status = await feed_sql.remove_feed(self.pool, _cs(str(scope)), _cs(normalize_url(url)))
        return _rowcount(status) > 0

    async def list_feeds(self, scope: str | None = None) -> list[FeedState]:
        return await feed_sql.list_feeds(self.pool, None if scope is None else _cs(str(scope)))

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
        await feed_sql.update_feed(
            self.pool,
            feed_id,
            _c(etag),
            _c(modified),
            success_at,
            _c(error),
            error_at,
            failures,
            next_poll,
        )

    async def lease_due_feeds(
        self, now: datetime, owner: str, lease_seconds: int, limit: int = 10
    ) -> list[FeedState]:
        return await feed_sql.lease_due_feeds(self.pool, now, _cs(owner), lease_seconds, limit)

    async def seen_entries(self, feed_key: str, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        wanted = {_cs(k): k for k in keys}
        seen = await feed_sql.seen_entries(self.pool, _cs(feed_key), list(wanted))
        return {wanted[k] for k in seen}

    async def mark_entries(self, feed_key: str, keys: Sequence[str]) -> None:
        if not keys:
            return
        distinct = list(dict.fromkeys(_cs(k) for k in keys))
        await feed_sql.mark_entries(self.pool, _cs(feed_key), distinct, self._now())

    # -- digest: the SQL is in postgres_digest --------------------------------------------
    async def get_digest(self, guild_id: int) -> DigestConfig | None:
        return await digest_sql.get_digest(self.pool, guild_id)

    async def set_digest(
        self, guild_id: int, channel_id: int, time_hhmm: str, timezone: str, enabled: bool = True
    ) -> DigestConfig:
        return await digest_sql.set_digest(
            self.pool, guild_id, channel_id, time_hhmm, timezone, enabled
        )

    async def digest_configs(self) -> list[DigestConfig]:
        return await digest_sql.digest_configs(self.pool)

    async def claim_digest(self, guild_id: int, local_date: date, now: datetime) -> bool:
        async with self.pool.acquire() as conn, conn.transaction():
            return await digest_sql.claim_digest(conn, guild_id, local_date, now)

    # -- data control (issue 16): the SQL is in postgres_admin ---------------------------
    async def list_articles(self, scope: str, offset: int = 0, limit: int = 10) -> ArticleList:
        async with self.pool.acquire() as conn:
            return await postgres_admin.list_articles(conn, _cs(str(scope)), offset, limit)

    async def remove_article(self, scope: str, ref: int | str) -> Article | None:
        async def change(conn: Conn) -> Article | None:
            article = await postgres_admin.linked_article(conn, _cs(str(scope)), ref)
            if article is not None:
                stale = await cluster_sql.labels_of_articles(conn, [article.id])
                await postgres_admin.unlink(conn, _cs(str(scope)), [article.id])
                await cluster_sql.regroup_labels(conn, stale, self.cluster_window_days)
                await postgres_admin.bump(conn)
            return article

        return await self._admin_change(change)

    async def forget_scope(self, scope: str) -> ForgetCounts:
        async def change(conn: Conn) -> ForgetCounts:
            held = await cluster_sql.articles_of_scope(conn, _cs(str(scope)), None)
            stale = await cluster_sql.labels_of_articles(conn, held)
            counts = await postgres_admin.forget(conn, _cs(str(scope)))
            await cluster_sql.regroup_labels(conn, stale, self.cluster_window_days)
            await postgres_admin.bump(conn)
            return counts

        return await self._admin_change(change)

    async def _admin_change(self, change: Callable[[Conn], Awaitable[T]]) -> T:
        """One transaction under the ingest lock (no save or flush runs meanwhile)."""
        async with self._write_lock, self.pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", self._ingest_key)
            return await change(conn)


__all__ = ["PostgresStore"]

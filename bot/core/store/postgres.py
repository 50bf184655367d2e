"""The PostgreSQL backend: several processes (shards) share one database.

Search reuses :mod:`bot.core.search` exactly as SQLite does: the vocabulary and the index
tail (quotes newer than the last flush) live in each process's memory; flushed postings
are packed ``uint32`` segments in the ``postings`` table.

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
import random
from array import array
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import chain
from typing import Any, TypeAlias, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.core.clusters import WINDOW_DAYS
from bot.core.models import (
    GLOBAL_SCOPE,
    Article,
    ArticleInput,
    IngestResult,
    Page,
    Quote,
    QuoteHit,
    SearchResult,
    SpeakerCount,
    Stats,
)
from bot.core.provenance import attach, page_clusters
from bot.core.search.index import (
    RERANK_CANDIDATES,
    FlushBatch,
    QueryPlan,
    Slot,
    WordIndex,
    index_terms,
    unpack,
)
from bot.core.search.normalize import normalize
from bot.core.search.rank import Ranked, rerank
from bot.core.speakers import speaker_key
from bot.core.store import postgres_admin
from bot.core.store import postgres_clusters as cluster_sql
from bot.core.store import postgres_digest as digest_sql
from bot.core.store import postgres_feeds as feed_sql
from bot.core.store import postgres_speakers as speaker_sql
from bot.core.store.base import DigestConfig, FeedState, StoreError
from bot.core.store.cluster_rows import new_quotes
from bot.core.store.common import (
    LINK_COLS,
    PROBE_BYTES,
    CandidateSearch,
    ScopeIds,
    SeenTerms,
    Status,
    WriteAction,
    article_from,
    as_seen,
    check_feed,
    clean_article_url,
    content_hash,
    fill_signatures,
    gather_candidates,
    link_metadata,
    load_signatures,
    plan_write,
    probe_ids,
    quote_from,
    scope_list,
    seen_status,
    spread_ids,
    utc,
    utcnow,
)
from bot.core.store.deletion import ArticleList, ForgetCounts
from bot.core.store.evidence_json import evidence_json
from bot.core.store.heap import settle_heap
from bot.core.store.postgres_migrations import FINISH, MIGRATIONS
from bot.core.store.speakers import PendingSpeakers, SpeakerCache, display_name
from bot.core.urls import normalize_url

_QUOTE_COLS = (
    "q.id, q.article_id, q.text, q.kind, q.speaker_name, q.title, q.context, q.confidence, "
    "q.start_pos, q.end_pos, q.added_at"
)
_ARTICLE_COLS = (
    "a.id, a.title, a.outlet, a.author, a.published, a.url, a.fetched_at, a.content_hash, "
    "a.added_at"
)
_POSTINGS_CACHE_IDS = 4_000_000
_IN_SCOPE = "q.article_id IN (SELECT article_id FROM article_scopes WHERE scope = ANY($1::text[]))"
_SAVE_SIGNATURES = (
    "INSERT INTO quote_signatures(first_id, data) VALUES ($1, $2) "
    "ON CONFLICT (first_id) DO UPDATE SET data = EXCLUDED.data"
)
#: Computed for quotes flushed before signatures existed; never replaces a flush's row.
_BACKFILL_SIGNATURES = (
    "INSERT INTO quote_signatures(first_id, data) VALUES ($1, $2) ON CONFLICT DO NOTHING"
)

#: asyncpg ships no type information: a connection and a pool are ``Any`` to mypy.
Conn: TypeAlias = Any
Pool: TypeAlias = Any
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Slots:
    """The slots whose postings the candidate search asks for next."""

    slots: list[Slot]


def _advance(
    search: CandidateSearch, sources: list[list[Sequence[int]]] | None
) -> _Slots | list[int]:
    """One step of the candidate search (in a worker thread): the next slots to read, or
    the ranked ids. A StopIteration cannot cross a future, so it is turned into a value."""
    try:
        if sources is None:
            return _Slots(next(search))
        sets: list[set[int]] = []
        for parts in sources:
            ids: set[int] = set()
            for part in parts:
                ids.update(part)
            sets.append(ids)
        return _Slots(search.send(sets))
    except StopIteration as stop:
        return list(stop.value)


def _merged_segments(compact: list[int], rows: Sequence[Any]) -> list[tuple[int, int, bytes]]:
    """Each compacted term's segments as one sorted segment (CPU work, run in a thread)."""
    merged: dict[int, set[int]] = {t: set() for t in compact}
    for term_id, data in rows:
        merged[int(term_id)].update(unpack(data))
    return [(t, 0, array("I", sorted(ids)).tobytes()) for t, ids in merged.items()]


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


def _c(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL: store U+FFFD instead (same length, nothing lost)."""
    if value is None or "\x00" not in value:
        return value
    return value.replace("\x00", "\ufffd")


def _cs(value: str) -> str:
    return value.replace("\x00", "\ufffd") if "\x00" in value else value


def _clean_scopes(scopes: Sequence[str]) -> list[str]:
    return [_cs(s) for s in scope_list(scopes)]


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _rowcount(status: str) -> int:
    """Rows touched, from a command tag such as ``DELETE 3``."""
    try:
        return int(status.rsplit(" ", 1)[-1])
    except ValueError:
        return 0


class PostgresStore:
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
    ) -> None:
        self.dsn = dsn
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
        settings = {"search_path": self.schema} if self.schema else {}
        try:
            pool = await asyncpg.create_pool(
                self.dsn,
                min_size=1,
                max_size=self._pool_size,
                server_settings=settings,
                command_timeout=60,
            )
        except (OSError, asyncpg.PostgresError, ValueError) as exc:
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(self.dsn)}: {exc}") from exc
        assert pool is not None
        self._pool = pool
        try:
            async with pool.acquire() as conn:
                await self._migrate(conn)
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
        pool = self._pool
        if pool is None:
            return
        try:
            if self._index.tail_quotes:
                await self._flush(force=True)
        finally:
            self._pool = None
            await pool.close()

    # -- keeping up with other processes ----------------------------------------------------
    async def _reload(self, conn: Conn) -> None:
        """Rebuild every in-memory structure from the database (at open and after a flush)."""
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            await self._reload_in(conn)
        await self._save_backfill(conn)

    async def _save_backfill(self, conn: Conn) -> None:
        if self._sig_backfill:
            await conn.executemany(_BACKFILL_SIGNATURES, self._sig_backfill)
            self._sig_backfill.clear()

    async def _reload_in(self, conn: Conn) -> None:
        state = await conn.fetchrow("SELECT generation, epoch, watermark FROM index_state")
        index = WordIndex()
        for term_id, term, df, segments in await conn.fetch(
            "SELECT id, term, df, segments FROM terms ORDER BY id"
        ):
            index.vocab.load(term_id, term, df, segments)
        index.watermark = int(state["watermark"])
        await self._reload_signatures(conn, index)
        for quote_id, text in await conn.fetch(
            "SELECT id, text FROM quotes WHERE id > $1 ORDER BY id", index.watermark
        ):
            index.add_quote(int(quote_id), text)
        self._index = index
        self._speakers.clear()
        await self._load_speakers(conn)
        await self._load_scope_counts(conn)
        self._postings.clear()
        self._postings_ids = 0
        self._bf_cache.clear()
        self._generation = int(state["generation"])
        self._epoch = int(state["epoch"])

    async def _reload_signatures(self, conn: Conn, index: WordIndex) -> None:
        """Signatures of the flushed quotes: those in memory stay, the rest come from disk.

        Memory holds every signature up to the old watermark (quote ids are never reused),
        so after another process's flush only its new rows are read.
        """
        old = self._index
        index.signatures = old.signatures
        start = min(old.watermark, index.watermark)
        rows = await conn.fetch(
            "SELECT first_id, data FROM quote_signatures "
            "WHERE first_id + octet_length(data) / 16 - 1 > $1 ORDER BY first_id",
            start,
        )
        gaps = load_signatures(index, [(int(r[0]), bytes(r[1])) for r in rows], start)
        for first_id, last_id in gaps:
            texts = await conn.fetch(
                "SELECT id, text FROM quotes WHERE id >= $1 AND id <= $2 ORDER BY id",
                first_id,
                last_id,
            )
            self._sig_backfill.append(
                fill_signatures(index, first_id, last_id, [(int(i), t) for i, t in texts])
            )

    async def _catch_up(self, conn: Conn, generation: int) -> None:
        """Load what other processes committed since our generation (same epoch)."""
        index = self._index
        vocab = index.vocab
        high = max(index.watermark, index.tail_max_id)
        for term_id, term, df, segments in await conn.fetch(
            "SELECT id, term, df, segments FROM terms WHERE id >= $1 ORDER BY id",
            len(vocab.terms),
        ):
            if term not in vocab.ids:
                vocab.load(term_id, term, df, segments)
        for quote_id, text in await conn.fetch(
            "SELECT id, text FROM quotes WHERE id > $1 ORDER BY id", high
        ):
            index.add_quote(int(quote_id), text)
        await self._load_speakers(conn)
        await self._load_scope_counts(conn)
        self._generation = generation

    async def _load_speakers(self, conn: Conn) -> None:
        for speaker_id, key in await conn.fetch(
            "SELECT id, key FROM speakers WHERE id > $1 ORDER BY id", self._speakers.max_id
        ):
            self._speakers.remember(int(speaker_id), key)

    async def _load_scope_counts(self, conn: Conn) -> None:
        self._scope_quotes = {
            r[0]: int(r[1]) for r in await conn.fetch("SELECT scope, quotes FROM scope_counts")
        }

    async def _sync_locked(self, conn: Conn) -> None:
        """Bring memory up to date; the caller holds the state lock (and is in a snapshot)."""
        state = await conn.fetchrow("SELECT generation, epoch FROM index_state")
        if int(state["epoch"]) != self._epoch:
            await self._reload_in(conn)
        elif int(state["generation"]) != self._generation:
            await self._catch_up(conn, int(state["generation"]))

    async def _fresh(self, conn: Conn) -> None:
        """Before a read: one cheap query, and a catch-up only when something changed."""
        state = await conn.fetchrow("SELECT generation, epoch FROM index_state")
        if int(state["generation"]) == self._generation and int(state["epoch"]) == self._epoch:
            return
        async with (
            self._state_lock,
            conn.transaction(isolation="repeatable_read", readonly=True),
        ):
            await self._sync_locked(conn)

    # -- articles -------------------------------------------------------------------------
    async def save_article(
        self, article: ArticleInput, quotes: Sequence[Quote], scope: str
    ) -> IngestResult:
        scope = _cs(str(scope))
        now = self._now()
        try:
            chash = content_hash(article.text)
            url = _c(clean_article_url(article.url))
            published = utc(article.published)
            fetched = utc(article.fetched_at)
        except Exception as exc:  # a malformed input object
            raise StoreError(f"cannot store this article: {exc}") from exc
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
        # The article this scope holds at this URL, else the one at this URL, else one
        # with the same text (URL-less first).
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
        status: Status
        removed = 0
        was_linked = False
        stale: set[int] = set()
        old_speakers: list[int] = []
        holders: set[str] = set()
        action: WriteAction | None = None
        if row is not None:
            holders = {
                str(r[0])
                for r in await conn.fetch(
                    "SELECT scope FROM article_scopes WHERE article_id = $1", int(row[0])
                )
            }
            action = plan_write(scope, holders, str(row[1]) == chash)
            was_linked = scope in holders
        if row is not None and action == "copy" and was_linked:
            # The writer's own version from now on: leave the shared one to the others.
            old_id = int(row[0])
            old_speakers = await speaker_sql.article_speakers(conn, old_id)
            removed = int(
                await conn.fetchval("SELECT COUNT(*) FROM quotes WHERE article_id = $1", old_id)
            )
            await conn.execute(
                "DELETE FROM article_scopes WHERE scope = $1 AND article_id = $2", scope, old_id
            )
        if row is None or action == "copy":
            taken = url is not None and bool(
                await conn.fetchval("SELECT EXISTS (SELECT 1 FROM articles WHERE url = $1)", url)
            )
            article_id = int(
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
            status = "added"
        else:
            article_id = int(row[0])
            if action == "duplicate":
                status = "duplicate"
            elif action == "link":
                status = "linked"
            else:
                status = "updated"
                old_speakers = await speaker_sql.article_speakers(conn, article_id)
                stale = await cluster_sql.labels_of_articles(conn, [article_id])
                removed = _rowcount(
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
        meta = (_c(article.title), _c(article.outlet), _c(article.author), published, url)
        if status != "duplicate":
            await conn.execute(
                "INSERT INTO article_scopes(scope, article_id, linked_at, title, outlet, author, "
                "published, url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                scope,
                article_id,
                now,
                *meta,
            )
        if (
            status == "updated"
        ):  # the new text is every linked scope's: so is its metadata (each keeps its URL)
            await conn.execute(
                "UPDATE article_scopes SET title = COALESCE($1, title), "
                "outlet = COALESCE($2, outlet), author = COALESCE($3, author), "
                "published = COALESCE($4, published) WHERE article_id = $5",
                *meta[:4],
                article_id,
            )
        pending = PendingSpeakers()
        inserted: list[tuple[int, str]] = []
        new_terms: list[tuple[int, str]] = []
        if status in ("added", "updated") and quotes:
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
            inserted = [(i, r[3]) for i, r in zip(ids, rows, strict=True)]
            await self._cluster_new(conn, inserted, quotes, published or now, scope, stale)
            new_terms = self._new_terms(inserted)
            if new_terms:
                await conn.execute(
                    "INSERT INTO terms(id, term) SELECT * FROM unnest($1::int[], $2::text[])",
                    [i for i, _ in new_terms],
                    [t for _, t in new_terms],
                )
        # A new article has exactly the quotes and the scope just written: no need to ask.
        scopes_of_article = (
            [scope]
            if status == "added"
            else [
                r[0]
                for r in await conn.fetch(
                    "SELECT scope FROM article_scopes WHERE article_id = $1", article_id
                )
            ]
        )
        generation: int | None = None
        if status != "duplicate":
            await speaker_sql.link_speakers(conn, article_id, old_speakers)
        count = (
            len(inserted)
            if status == "added"
            else int(
                await conn.fetchval("SELECT COUNT(*) FROM quotes WHERE article_id = $1", article_id)
            )
        )
        deltas: dict[str, int] = {}
        if status == "linked":
            deltas[scope] = count
        elif status in ("added", "updated"):
            for s in scopes_of_article:
                before = removed if (s != scope or was_linked) else 0
                deltas[s] = len(inserted) - before
        if deltas:
            await conn.execute(
                "INSERT INTO scope_counts(scope, quotes) "
                "SELECT * FROM unnest($1::text[], $2::bigint[]) "
                "ON CONFLICT (scope) DO UPDATE SET quotes = scope_counts.quotes + EXCLUDED.quotes",
                list(deltas),
                list(deltas.values()),
            )
        if status != "duplicate":
            generation = int(
                await conn.fetchval(
                    "UPDATE index_state SET generation = generation + 1 RETURNING generation"
                )
            )
        told = status if action is None else seen_status(action, scope, holders)
        return told, article_id, count, generation, inserted, new_terms, pending, deltas

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

    async def get_article(self, article_id: int) -> Article | None:
        row = await self.pool.fetchrow(
            f"SELECT {_ARTICLE_COLS} FROM articles a WHERE a.id = $1", int(article_id)
        )
        return article_from(row) if row else None

    async def find_article(self, url: str, scopes: Sequence[str]) -> Article | None:
        scopes = _clean_scopes(scopes)
        if not scopes or not url.strip():
            return None
        # The URL one of these scopes gave it: another scope's URL for the text is its own.
        async with self.pool.acquire() as conn:
            row = await conn.fetchrow(
                f"SELECT {_ARTICLE_COLS} FROM articles a WHERE EXISTS ("
                "SELECT 1 FROM article_scopes s WHERE s.article_id = a.id AND s.url = $2 "
                "AND s.scope = ANY($1::text[])) LIMIT 1",
                scopes,
                _cs(normalize_url(url)),
            )
            if row is None:
                return None
            article = article_from(row)
            links = await self._links(conn, [article.id], scopes)
        return as_seen(article, links.get(article.id))

    async def _links(
        self, conn: Conn, article_ids: Sequence[int], scopes: list[str]
    ) -> dict[int, list[Any]]:
        """What ``scopes`` said about each article (their own rows first, then global)."""
        return link_metadata(
            await conn.fetch(
                f"SELECT {LINK_COLS} FROM article_scopes WHERE article_id = ANY($1::bigint[]) "
                "AND scope = ANY($2::text[]) ORDER BY scope",
                sorted(set(article_ids)),
                scopes,
            )
        )

    # -- search ---------------------------------------------------------------------------
    async def who_said(self, phrase: str, scopes: Sequence[str], limit: int = 5) -> SearchResult:
        scopes = _clean_scopes(scopes)
        if not scopes or limit <= 0:
            return SearchResult(hits=())
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            # Planning (typo correction) is CPU work: off the event loop, as is the rest.
            plan = await asyncio.to_thread(self._index.plan, phrase)
            if not plan.words:
                return SearchResult(hits=())
            visible = sum(self._scope_quotes.get(s, 0) for s in scopes)
            if visible <= 0:
                return SearchResult(hits=())
            if visible <= self._brute_force_below:
                candidates = await self._scope_texts(conn, scopes)
            else:
                seen = await self._visible_ids(conn, scopes)
                hidden = await self._hidden_terms(conn, plan.exact_terms(), scopes, seen)
                if hidden:
                    plan = await asyncio.to_thread(self._index.plan, phrase, hidden)
                candidates = await self._index_candidates(conn, plan, scopes, seen)
            # The rerank is pure CPU over its inputs: off the event loop (gateway heartbeat).
            hits, near = await asyncio.to_thread(rerank, plan.words, candidates, limit)
            return SearchResult(
                hits=await self._hits(conn, hits, scopes),
                suggestions=await self._hits(conn, near, scopes),
            )

    async def _scope_texts(
        self, conn: Conn, scopes: list[str]
    ) -> list[tuple[int, str, str | None]]:
        key = tuple(scopes)
        generation = self._generation
        cached = self._bf_cache.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1]
        rows = await conn.fetch(f"SELECT q.id, q.text FROM quotes q WHERE {_IN_SCOPE}", scopes)
        texts: list[tuple[int, str, str | None]] = [(int(i), t, normalize(t)) for i, t in rows]
        if len(self._bf_cache) > 64:
            self._bf_cache.clear()
        if generation >= 0:
            self._bf_cache[key] = (generation, texts)
        return texts

    async def _load_postings(self, conn: Conn, term_ids: Sequence[int]) -> None:
        """Read the on-disk postings of the terms not cached yet, in one query."""
        missing = sorted({t for t in term_ids if t not in self._postings})
        if not missing:
            return
        fetched: dict[int, array[int]] = {t: array("I") for t in missing}
        for term_id, data in await conn.fetch(
            "SELECT term_id, data FROM postings WHERE term_id = ANY($1::int[]) "
            "ORDER BY term_id, seg",
            missing,
        ):
            fetched[int(term_id)].extend(unpack(data))
        for term_id, ids in fetched.items():
            self._postings[term_id] = ids
            self._postings_ids += len(ids)
        while self._postings_ids > _POSTINGS_CACHE_IDS and len(self._postings) > len(missing):
            _, dropped = self._postings.popitem(last=False)
            self._postings_ids -= len(dropped)

    def _slot_sources(self, slot: Slot) -> list[Sequence[int]]:
        """The posting arrays of a slot's terms, taken on the loop (the set is built later)."""
        parts: list[Sequence[int]] = []
        for term_id in slot.term_ids:
            cached = self._postings.get(term_id)
            if cached is not None:
                self._postings.move_to_end(term_id)
                parts.append(cached)
            parts.append(list(self._index.tail_postings(term_id)))
        return parts

    async def _hidden_terms(
        self, conn: Conn, terms: set[int], scopes: list[str], seen: set[int] | None
    ) -> set[int]:
        """The terms none of whose quotes the scopes can see (planned as unknown words).

        First one query over each term's newest ids (the end of its newest segment and its
        tail); only a term not seen there has its whole postings read.
        """
        generation = self._generation
        terms = self._seen_terms_cache.unknown(generation, scopes, terms)
        if not terms:
            return set()
        hidden = await self._hidden_among(conn, terms, scopes, seen)
        self._seen_terms_cache.remember(generation, scopes, terms - hidden)
        return hidden

    async def _hidden_among(
        self, conn: Conn, terms: set[int], scopes: list[str], seen: set[int] | None
    ) -> set[int]:
        newest = {
            int(t): bytes(data)
            for t, data in await conn.fetch(
                "SELECT DISTINCT ON (term_id) term_id, "
                f"substring(data from greatest(1, length(data) - {PROBE_BYTES - 1})) "
                "FROM postings WHERE term_id = ANY($1::int[]) ORDER BY term_id, seg DESC",
                sorted(terms),
            )
        }
        probes = {t: probe_ids(self._index.tail_postings(t), newest.get(t)) for t in terms}
        unsure = set(terms) - await self._seen_terms(conn, probes, scopes, seen)
        if not unsure:
            return set()
        await self._load_postings(conn, list(unsure))
        # Taken now, in this loop turn: the cache may drop them at the next await.
        whole = {
            t: [*self._index.tail_postings(t), *self._postings.get(t, array("I"))] for t in unsure
        }
        found = await self._seen_terms(
            conn, {t: spread_ids(ids) for t, ids in whole.items()}, scopes, seen
        )
        for start in range(0, max(len(ids) for ids in whole.values()), 4096):
            chunk = {t: ids[start : start + 4096] for t, ids in whole.items() if t not in found}
            found |= await self._seen_terms(conn, chunk, scopes, seen)
        return unsure - found

    async def _seen_terms(
        self, conn: Conn, ids: dict[int, list[int]], scopes: list[str], seen: set[int] | None
    ) -> set[int]:
        """The terms with at least one of the given quote ids visible to the scopes."""
        if seen is not None:
            return {t for t, found in ids.items() if not seen.isdisjoint(found)}
        pairs = [(t, i) for t, found in ids.items() for i in found]
        if not pairs:
            return set()
        rows = await conn.fetch(
            "SELECT DISTINCT u.t FROM unnest($2::int[], $3::bigint[]) AS u(t, id) "
            "JOIN quotes q ON q.id = u.id WHERE EXISTS (SELECT 1 FROM article_scopes s "
            "WHERE s.article_id = q.article_id AND s.scope = ANY($1::text[]))",
            scopes,
            [t for t, _ in pairs],
            [i for _, i in pairs],
        )
        return {int(r[0]) for r in rows}

    async def _index_candidates(
        self, conn: Conn, plan: QueryPlan, scopes: list[str], seen: set[int] | None
    ) -> list[tuple[int, str, str | None]]:
        prefer = self._index.affinity(plan.words)
        search = gather_candidates(plan, prefer=prefer, visible=seen)
        # Building the id sets and ranking them is CPU work: each step in a thread.
        step = await asyncio.to_thread(_advance, search, None)
        while isinstance(step, _Slots):
            await self._load_postings(conn, [t for s in step.slots for t in s.term_ids])
            sources = [self._slot_sources(s) for s in step.slots]
            step = await asyncio.to_thread(_advance, search, sources)
        ranked: list[int] = step
        out: list[tuple[int, str, str | None]] = []
        # In rank order, a chunk at a time, until enough visible candidates (as SQLite).
        for start in range(0, len(ranked), RERANK_CANDIDATES):
            chunk = ranked[start : start + RERANK_CANDIDATES]
            rows = await conn.fetch(
                "SELECT q.id, q.text FROM quotes q WHERE q.id = ANY($2::bigint[]) "
                "AND EXISTS (SELECT 1 FROM article_scopes s WHERE s.article_id = q.article_id "
                "AND s.scope = ANY($1::text[]))",
                scopes,
                chunk,
            )
            out.extend((int(i), str(t), None) for i, t in rows)
            if len(out) >= RERANK_CANDIDATES:
                break
        return out

    async def _visible_ids(self, conn: Conn, scopes: list[str]) -> set[int] | None:
        """The quote ids the scopes see, or None when they see most of the database."""
        total = max(self._index.watermark, self._index.tail_max_id)
        if not self._scope_ids.restricts(scopes, self._scope_quotes, total):
            return None
        async with self._ids_lock:
            generation = self._generation
            missing = self._scope_ids.missing(scopes)
            loaded: dict[str, set[int]] = {}
            if missing or generation != self._ids_gen:
                loaded = await self._load_scope_ids(conn, missing)
                self._ids_gen = generation
            return self._scope_ids.collect(scopes, loaded)

    async def _load_scope_ids(self, conn: Conn, missing: list[str]) -> dict[str, set[int]]:
        """In one snapshot: bring the built sets up to date and build the missing ones.

        Quote ids and link seqs are assigned under the ingest lock, so everything a built
        set lacks has a quote id or a link seq above the highest ones seen when it was built.
        """
        cached = list(self._scope_ids.sets)
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            high = await conn.fetchrow(
                "SELECT COALESCE((SELECT MAX(id) FROM quotes), 0), "
                "COALESCE((SELECT MAX(seq) FROM article_scopes), 0)"
            )
            if cached:
                added: dict[str, list[int]] = {}
                for scope, quote_id in await conn.fetch(
                    "SELECT s.scope, q.id FROM quotes q JOIN article_scopes s "
                    "ON s.article_id = q.article_id WHERE q.id > $2 AND s.scope = ANY($1::text[]) "
                    "UNION ALL SELECT s.scope, q.id FROM article_scopes s JOIN quotes q "
                    "ON q.article_id = s.article_id WHERE s.seq > $3 AND s.scope = ANY($1::text[])",
                    cached,
                    *self._ids_high,
                ):
                    added.setdefault(scope, []).append(int(quote_id))
                for scope, ids in added.items():
                    self._scope_ids.add([scope], ids)
            loaded: dict[str, set[int]] = {scope: set() for scope in missing}
            if missing:
                for scope, quote_id in await conn.fetch(
                    "SELECT s.scope, q.id FROM article_scopes s JOIN quotes q "
                    "ON q.article_id = s.article_id WHERE s.scope = ANY($1::text[])",
                    missing,
                ):
                    loaded[scope].add(int(quote_id))
        self._ids_high = (int(high[0]), int(high[1]))
        return loaded

    async def _hits(
        self, conn: Conn, ranked: Sequence[Ranked], scopes: list[str]
    ) -> tuple[QuoteHit, ...]:
        """The quotes with their articles, speakers named as ``scopes`` know them."""
        if not ranked:
            return ()
        rows = {
            int(row[0]): tuple(row)
            for row in await conn.fetch(
                f"SELECT {_QUOTE_COLS}, {_ARTICLE_COLS}, q.speaker_id, q.evidence FROM quotes q "
                "JOIN articles a ON a.id = q.article_id WHERE q.id = ANY($1::bigint[])",
                [r.quote_id for r in ranked],
            )
        }
        speaker_ids = {int(row[20]) for row in rows.values() if row[20] is not None}
        links = await self._links(conn, [int(row[1]) for row in rows.values()], scopes)
        wanted = speaker_ids | self._speakers.owners(speaker_ids)
        names = self._speakers.names_of(speaker_ids, await speaker_sql.view(conn, scopes, wanted))
        out: list[QuoteHit] = []
        for r in ranked:
            row = rows.get(r.quote_id)
            if row is None:
                continue
            quote = quote_from(row[:11], row[21])
            if row[20] is not None and int(row[20]) in names:
                quote = replace(quote, speaker=names[int(row[20])])
            out.append(
                QuoteHit(
                    quote=quote,
                    article=as_seen(article_from(row[11:20]), links.get(int(row[1]))),
                    score=round(r.score, 2),
                    matched=r.matched,
                )
            )
        return await self._with_clusters(conn, out, scopes)

    # -- speakers -------------------------------------------------------------------------
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
        scopes = _clean_scopes(scopes)
        offset = max(0, offset)
        async with self.pool.acquire() as conn:
            resolved = await self._resolve_speaker(conn, speaker, scopes)
            if resolved is None:
                return None, Page(items=[], total=0, offset=offset)
            name, ids = resolved
            where = f"q.speaker_id = ANY($2::bigint[]) AND {_IN_SCOPE}"
            total = await conn.fetchval(f"SELECT COUNT(*) FROM quotes q WHERE {where}", scopes, ids)
            rows = await conn.fetch(
                f"SELECT {_QUOTE_COLS}, q.evidence FROM quotes q "
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
        scopes = _clean_scopes(scopes)
        if not scopes or limit <= 0:
            return []
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            visible = await speaker_sql.view(conn, scopes)
        return self._speakers.names(prefix, visible, limit)

    async def random_quote(
        self, scopes: Sequence[str], speaker: str | None = None, seed: int | None = None
    ) -> QuoteHit | None:
        scopes = _clean_scopes(scopes)
        if not scopes:
            return None
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            params: list[Any] = [scopes]
            where = _IN_SCOPE
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
        scopes = _clean_scopes(scopes)
        if not scopes:
            return []
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            return await speaker_sql.top_speakers(conn, self._speakers, scopes, utc(since), limit)

    async def stats(self, scopes: Sequence[str]) -> Stats:
        scopes = _clean_scopes(scopes)
        if not scopes:
            return Stats(articles=0, quotes=0, speakers=0, feeds=0)
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            row = await conn.fetchrow(
                "SELECT (SELECT COUNT(DISTINCT article_id) FROM article_scopes "
                "        WHERE scope = ANY($1::text[])), "
                f"(SELECT COUNT(*) FROM quotes q WHERE {_IN_SCOPE}), "
                "(SELECT COUNT(*) FROM feeds WHERE scope = ANY($1::text[]))",
                scopes,
            )
            speakers = await speaker_sql.count_speakers(conn, self._speakers, scopes)
        return Stats(articles=int(row[0]), quotes=int(row[1]), speakers=speakers, feeds=int(row[2]))

    async def quotes_added(
        self, scopes: Sequence[str], since: datetime, until: datetime
    ) -> list[QuoteHit]:
        scopes = _clean_scopes(scopes)
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

    # -- index maintenance ----------------------------------------------------------------
    async def flush_index(self) -> None:
        """Write the index tail (every process's new quotes) to the postings table now."""
        await self._flush(force=True)

    async def _flush(self, *, force: bool) -> None:
        async with self._write_lock, self.pool.acquire() as conn:
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", self._ingest_key)
                async with self._state_lock:
                    await self._sync_locked(conn)
                    tail = self._index.tail_quotes
                    if tail == 0 or (not force and tail < self._flush_every):
                        return
                    # Packing 20,000 quotes' postings is CPU work: off the event loop.
                    batch = await asyncio.to_thread(self._index.flush_batch)
                    await self._write_batch(conn, batch.segments, batch.df, batch.compact)
                    if batch.signatures is not None:
                        await conn.execute(_SAVE_SIGNATURES, *batch.signatures)
                    await self._save_backfill(conn)
                    state = await conn.fetchrow(
                        "UPDATE index_state SET epoch = epoch + 1, generation = generation + 1, "
                        "watermark = GREATEST(watermark, $1) RETURNING generation, epoch",
                        batch.watermark,
                    )
            # Committed: memory follows, unless a read already reloaded the new epoch.
            async with self._state_lock:
                if self._epoch == int(state["epoch"]) - 1:
                    await asyncio.to_thread(self._flushed, batch)
                    self._epoch = int(state["epoch"])
                    self._generation = int(state["generation"])

    def _flushed(self, batch: FlushBatch) -> None:
        """Memory follows a committed flush (a loop over every flushed term: in a thread)."""
        self._index.flushed(batch)
        for term_id, _, _ in batch.segments:
            dropped = self._postings.pop(term_id, None)
            if dropped is not None:
                self._postings_ids -= len(dropped)

    async def _write_batch(
        self,
        conn: Conn,
        segments: list[tuple[int, int, bytes]],
        df: dict[int, int],
        compact: list[int],
    ) -> None:
        vocab = self._index.vocab
        await conn.execute(
            "UPDATE terms t SET df = u.df, segments = u.seg "
            "FROM unnest($1::int[], $2::int[], $3::int[]) AS u(id, df, seg) WHERE t.id = u.id",
            list(df),
            list(df.values()),
            [vocab.segments[t] + 1 for t in df],
        )
        await conn.copy_records_to_table(
            "postings", records=segments, columns=["term_id", "seg", "data"]
        )
        if not compact:
            return
        rows = await conn.fetch(
            "SELECT term_id, data FROM postings WHERE term_id = ANY($1::int[])", compact
        )
        records = await asyncio.to_thread(_merged_segments, compact, rows)
        await conn.execute("DELETE FROM postings WHERE term_id = ANY($1::int[])", compact)
        await conn.copy_records_to_table(
            "postings", records=records, columns=["term_id", "seg", "data"]
        )
        await conn.execute("UPDATE terms SET segments = 1 WHERE id = ANY($1::int[])", compact)

    async def sizes(self) -> dict[str, int]:
        """Bytes of quote text and of the search index (for the benchmark and ``stats``)."""
        row = await self.pool.fetchrow(
            "SELECT (SELECT COALESCE(SUM(octet_length(text)), 0) FROM quotes), "
            "pg_total_relation_size('postings') + pg_total_relation_size('terms') "
            "+ pg_total_relation_size('quote_signatures'), "
            "pg_total_relation_size('quotes'), "
            "(SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            " JOIN pg_namespace n ON n.oid = c.relnamespace "
            " WHERE n.nspname = current_schema() AND c.relkind = 'r')"
        )
        return {
            "quote_text_bytes": int(row[0]),
            "index_bytes": int(row[1]),
            "quotes_table_bytes": int(row[2]),
            "database_bytes": int(row[3]),
            "tail_quotes": self._index.tail_quotes,
        }

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

    # -- one quote -------------------------------------------------------------------------
    async def quote_hit(self, quote_id: int, scopes: Sequence[str]) -> QuoteHit | None:
        scopes = _clean_scopes(scopes)
        if not scopes or not 0 < int(quote_id) < 2**63:
            return None
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            seen = await conn.fetchval(
                f"SELECT q.id FROM quotes q WHERE {_IN_SCOPE} AND q.id = $2", scopes, int(quote_id)
            )
            if seen is None:
                return None
            hits = await self._hits(conn, [Ranked(int(seen), 100.0, 1.0, ())], scopes)
        return hits[0] if hits else None

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

        def postings(term_id: int) -> Iterable[int]:
            return chain(self._postings.get(term_id, ()), self._index.tail_postings(term_id))

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

    async def _with_clusters(
        self, conn: Conn, hits: list[QuoteHit], scopes: list[str]
    ) -> tuple[QuoteHit, ...]:
        """The hits with their clusters as ``scopes`` see them (consensus speaker)."""
        if not hits:
            return ()
        labels, members = await cluster_sql.members(conn, [h.quote.id for h in hits], scopes)
        return attach(hits, labels, members)

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
            chash = content_hash(article.text)
            url = _c(clean_article_url(article.url))
            published = utc(article.published)
            fetched = utc(article.fetched_at)
        except Exception as exc:  # a malformed input object
            return StoreError(f"cannot store this article: {exc}")
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


__all__ = ["PostgresStore"]

"""PostgreSQL's search index storage and the in-memory state kept current with it: the
index tail flush (packed postings, ``quote_norms``, signatures), the catch-up with other
processes (reload on a new epoch, load what is new on a new generation) and ``sizes``.

The base mixin of :class:`~bot.core.store.postgres_search.PostgresSearch` (and so of
:class:`~bot.core.store.postgres.PostgresStore`, which owns the pool, the locks and the
state declared here). The contract, with the store module's account of consistency:

* A flush runs under the ingest advisory lock after memory caught up, writes every
  process's tail (postings, document frequencies, normalised texts, signatures) in one
  transaction and bumps ``index_state.epoch`` and ``generation``; memory follows only
  after the commit, unless a read already reloaded the new epoch.
* ``_fresh`` (before a read) costs one query when nothing changed; ``_sync_locked``
  (before a write, under the state lock) reloads on a new epoch and catches up on a new
  generation. Ids are committed in id order, so ``WHERE id > high`` finds what is new.
"""

from __future__ import annotations

import asyncio
from array import array
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from bot.core.search.index import FlushBatch, WordIndex, unpack
from bot.core.search.normalize import normalize
from bot.core.store.common import fill_signatures, load_signatures
from bot.core.store.postgres_values import Conn
from bot.core.store.speakers import SpeakerCache

Pool: TypeAlias = Any

_SAVE_SIGNATURES = (
    "INSERT INTO quote_signatures(first_id, data) VALUES ($1, $2) "
    "ON CONFLICT (first_id) DO UPDATE SET data = EXCLUDED.data"
)
#: Computed for quotes flushed before signatures existed; never replaces a flush's row.
_BACKFILL_SIGNATURES = (
    "INSERT INTO quote_signatures(first_id, data) VALUES ($1, $2) ON CONFLICT DO NOTHING"
)


def _merged_segments(compact: list[int], rows: Sequence[Any]) -> list[tuple[int, int, bytes]]:
    """Each compacted term's segments as one sorted segment (CPU work, run in a thread)."""
    merged: dict[int, set[int]] = {t: set() for t in compact}
    for term_id, data in rows:
        merged[int(term_id)].update(unpack(data))
    return [(t, 0, array("I", sorted(ids)).tobytes()) for t, ids in merged.items()]


def _norm_records(rows: Sequence[Any], known: Mapping[int, str]) -> list[tuple[int, int, str]]:
    """(quote id, article id, normalised text) of (id, article id, text or None) rows: the
    text is normalised only where ``known`` lacks it (CPU work, run in a thread)."""
    return [(int(i), int(a), known[i] if i in known else normalize(str(t))) for i, a, t in rows]


async def fill_norms(conn: Conn, upto: int, known: Mapping[int, str] | None = None) -> None:
    """Add to ``quote_norms`` the quotes numbered after ``index_state.norms_upto`` up to
    ``upto``, inside the caller's transaction (which holds the ingest lock). ``known``: the
    index tail's normalised texts (made when the quotes were saved); the rest come from
    ``quotes.text``."""
    known = known or {}
    done = int(await conn.fetchval("SELECT norms_upto FROM index_state"))
    if upto <= done:
        return
    rows = await conn.fetch(
        "SELECT id, article_id, CASE WHEN id = ANY($3::bigint[]) THEN NULL ELSE text END "
        "FROM quotes WHERE id > $1 AND id <= $2",
        done,
        upto,
        [i for i in known if done < i <= upto],
    )
    records = await asyncio.to_thread(_norm_records, rows, known)
    await conn.copy_records_to_table(
        "quote_norms", records=records, columns=["quote_id", "article_id", "norm"]
    )
    await conn.execute("UPDATE index_state SET norms_upto = $1", upto)


class PostgresIndex:
    """The index storage and state upkeep of :class:`~bot.core.store.postgres.PostgresStore`
    (a mixin: the store owns the pool, the locks and the state declared here)."""

    _flush_every: int
    _ingest_key: int
    _state_lock: asyncio.Lock
    _write_lock: asyncio.Lock
    _index: WordIndex
    _generation: int
    _epoch: int
    _speakers: SpeakerCache
    _scope_quotes: dict[str, int]
    _postings: OrderedDict[int, array[int]]
    _postings_ids: int
    _bf_cache: dict[tuple[str, ...], tuple[int, list[tuple[int, str, str | None]]]]
    _sig_backfill: list[tuple[int, bytes]]

    if TYPE_CHECKING:  # provided by PostgresStore

        @property
        def pool(self) -> Pool: ...

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

    async def _fill_norms(self, conn: Conn) -> None:
        """Normalised texts of the quotes flushed before ``quote_norms`` existed (schema 6),
        a chunk per transaction under the ingest lock, so an interrupted upgrade resumes."""
        while True:
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", self._ingest_key)
                state = await conn.fetchrow("SELECT watermark, norms_upto FROM index_state")
                if int(state["norms_upto"]) >= int(state["watermark"]):
                    return
                await fill_norms(conn, min(int(state["norms_upto"]) + 50_000, state["watermark"]))

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
                    await fill_norms(conn, batch.watermark, batch.norms)
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
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'), "
            "pg_total_relation_size('quote_norms')"
        )
        return {
            "quote_text_bytes": int(row[0]),
            "index_bytes": int(row[1]),
            "quotes_table_bytes": int(row[2]),
            "norms_bytes": int(row[4]),
            "database_bytes": int(row[3]),
            "tail_quotes": self._index.tail_quotes,
        }


__all__ = ["PostgresIndex", "fill_norms"]

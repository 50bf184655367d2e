"""SQLite look-ups: ``who_said`` (plan, candidate fetch, rerank, the hits shown) and the
search index it reads (postings cache, the tail flush, signatures and pair terms at open).

A mixin of :class:`~bot.core.store.sqlite.SQLiteStore`: methods named ``*_sync`` run on a
reader thread (or the writer), under the store's :attr:`_mem` lock for shared memory.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from bot.core.models import (
    QuoteHit,
    SearchResult,
)
from bot.core.search.common_words import PAIR_TERMS_VERSION
from bot.core.search.index import (
    RERANK_CANDIDATES,
    Slot,
    WordIndex,
    unpack,
)
from bot.core.search.normalize import normalize
from bot.core.search.rank import Ranked, judge, rerank, shortlist
from bot.core.store import sqlite_speakers as speaker_sql
from bot.core.store.common import (
    PROBE_BYTES,
    TS_FORMAT,
    ScopeIds,
    SeenTerms,
    fill_signatures,
    hits_from_rows,
    load_signatures,
    probe_ids,
    probe_split,
    run_candidates,
    scope_list,
    spread_ids,
)
from bot.core.store.speakers import SpeakerCache

T = TypeVar("T")
QUOTE_COLS = (
    "q.id, q.article_id, q.text, q.kind, q.speaker_name, q.title, q.context, q.confidence, "
    "q.start, q.end, q.added_at"
)
ARTICLE_COLS = (
    "a.id, a.title, a.outlet, a.author, a.published, a.url, a.fetched_at, a.content_hash, "
    "a.added_at"
)
_POSTINGS_CACHE_IDS = 4_000_000


def ts_text(value: datetime | None) -> str | None:
    """Datetimes are stored as fixed-width UTC text so that text order is time order."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime(TS_FORMAT)


#: No normalised texts known in advance.
EMPTY: Mapping[int, str] = MappingProxyType({})


def qmarks(n: int) -> str:
    """``?,?,?``: the placeholders of an ``IN`` list of ``n`` values."""
    return ",".join("?" * n)


def fill_norms(conn: sqlite3.Connection, upto: int, known: Mapping[int, str] = EMPTY) -> None:
    """Add to ``quote_norms`` the quotes numbered after ``meta.norms_upto`` up to ``upto``.

    ``known`` holds normalised texts already computed (the index tail's, made when the quote
    was saved); the others are normalised from ``quotes.text``. Runs inside the caller's
    transaction (the tail flush, or one chunk of the fill at open), so the table holds
    exactly the flushed quotes once it commits.
    """
    row = conn.execute("SELECT value FROM meta WHERE key = 'norms_upto'").fetchone()
    done = int(row[0]) if row else 0
    if upto <= done:
        return
    if known and len(known) == upto - done and done + 1 in known and upto in known:
        missing: list[int] = []  # the tail's texts cover them all (the flush's usual case)
    else:
        missing = [
            int(i)
            for (i,) in conn.execute("SELECT id FROM quotes WHERE id > ? AND id <= ?", (done, upto))
            if i not in known
        ]
    texts: dict[int, str] = {}
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        texts.update(
            (i, normalize(t))
            for i, t in conn.execute(
                f"SELECT id, text FROM quotes WHERE id IN ({qmarks(len(chunk))})", chunk
            )
        )
    # Rows made one at a time as SQLite takes them: no list of tens of thousands of tuples
    # (each would count towards a garbage collection, which stops every thread).
    conn.executemany(
        "INSERT OR REPLACE INTO quote_norms(quote_id, article_id, norm) VALUES (?, ?, ?)",
        (
            (i, a, known[i] if i in known else texts[i])
            for i, a in conn.execute(
                "SELECT id, article_id FROM quotes WHERE id > ? AND id <= ?", (done, upto)
            )
        ),
    )
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('norms_upto', ?)", (str(upto),))


class SQLiteSearch:
    """The look-up half of :class:`~bot.core.store.sqlite.SQLiteStore` (a mixin: the store
    owns the connections, the lock and the state declared here)."""

    path: str
    _brute_force_below: int
    _mem: threading.RLock
    _index: WordIndex
    _postings: OrderedDict[int, array[int]]
    _postings_ids: int
    _speakers: SpeakerCache
    _scope_quotes: dict[str, int]
    _generation: int
    _bf_cache: dict[tuple[str, ...], tuple[int, list[tuple[int, str, str | None]]]]
    _seen_terms_cache: SeenTerms
    _scope_ids: ScopeIds

    if TYPE_CHECKING:  # provided by SQLiteStore

        @property
        def conn(self) -> sqlite3.Connection: ...

        async def _run(self, fn: Callable[..., T], *args: Any) -> T: ...

        async def _read(self, fn: Callable[..., T], *args: Any) -> T: ...

        def _links(self, article_ids: Sequence[int], scopes: list[str]) -> dict[int, list[Any]]: ...

        def _with_clusters(
            self, hits: list[QuoteHit], scopes: list[str]
        ) -> tuple[QuoteHit, ...]: ...

        def _forget_cluster_stored(self) -> None: ...

    def _load_signatures(self) -> None:
        """Word-pair signatures of the flushed quotes; computed once for older databases."""
        conn, index = self.conn, self._index
        gaps = load_signatures(
            index, conn.execute("SELECT first_id, data FROM quote_signatures ORDER BY first_id")
        )
        for first_id, last_id in gaps:
            texts = conn.execute(
                "SELECT id, text FROM quotes WHERE id >= ? AND id <= ? ORDER BY id",
                (first_id, last_id),
            )
            conn.execute(
                "INSERT OR REPLACE INTO quote_signatures(first_id, data) VALUES (?, ?)",
                fill_signatures(index, first_id, last_id, texts),
            )

    def _index_pairs(self) -> None:
        """Common-word pair terms for quotes flushed before pairs were indexed (once).

        Runs with an empty tail, in chunks each flushed as ordinary segments; progress is
        kept in ``meta`` so an interrupted upgrade resumes where it stopped.
        """
        conn, index = self.conn, self._index
        row = conn.execute("SELECT value FROM meta WHERE key = 'pair_terms'").fetchone()
        if row is not None:
            return
        row = conn.execute("SELECT value FROM meta WHERE key = 'pair_terms_upto'").fetchone()
        done = int(row[0]) if row else 0
        while done < index.watermark:
            upto = min(done + 100_000, index.watermark)
            for quote_id, text in conn.execute(
                "SELECT id, text FROM quotes WHERE id > ? AND id <= ? ORDER BY id", (done, upto)
            ):
                index.add_pairs(int(quote_id), str(text))
            self._flush_sync()
            done = upto
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('pair_terms_upto', ?)",
                (str(done),),
            )
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('pair_terms', ?)",
            (str(PAIR_TERMS_VERSION),),
        )

    def _fill_norms(self) -> None:
        """Normalised texts of the quotes flushed before ``quote_norms`` existed (schema 6),
        in chunks of their own transaction, so an interrupted upgrade resumes."""
        conn, watermark = self.conn, self._index.watermark
        row = conn.execute("SELECT value FROM meta WHERE key = 'norms_upto'").fetchone()
        done = int(row[0]) if row else 0
        while done < watermark:
            done = min(done + 50_000, watermark)
            conn.execute("BEGIN IMMEDIATE")
            try:
                fill_norms(conn, done)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    # -- search ---------------------------------------------------------------------------
    async def who_said(self, phrase: str, scopes: Sequence[str], limit: int = 5) -> SearchResult:
        return await self._read(self._who_said_sync, phrase, scope_list(scopes), limit)

    def _who_said_sync(self, phrase: str, scopes: list[str], limit: int) -> SearchResult:
        with self._mem:  # the shared index and caches; the SQL and rerank below run unlocked
            plan = self._index.plan(phrase)
            if not plan.words or not scopes or limit <= 0:
                return SearchResult(hits=())
            visible = sum(self._scope_quotes.get(s, 0) for s in scopes)
            if visible == 0:
                return SearchResult(hits=())
            if visible <= self._brute_force_below:
                texts = self._scope_texts(scopes)
                ranked: list[int] | None = None
            else:
                seen = self._visible_ids(scopes)
                hidden = self._hidden_terms(plan.exact_terms(), scopes, seen)
                if hidden:
                    plan = self._index.plan(phrase, hidden)
                ranked = run_candidates(
                    plan, self._slot_ids, prefer=self._index.affinity(plan.words), visible=seen
                )
            watermark = self._index.watermark
        rows: dict[int, tuple[Any, ...]] | None = None
        if ranked is None:
            hits, near = rerank(plan.words, texts, limit)
        else:
            short = shortlist(plan.words, self._candidates(ranked, scopes, watermark), limit)
            # The shortlist's rows: their text for the word check, the rest for the hits.
            rows = self._hit_rows([i for _, i in short])
            originals = {i: str(row[2]) for i, row in rows.items()}
            hits, near = judge(plan.words, short, originals, limit)
        return SearchResult(
            hits=self._hits(hits, scopes, rows), suggestions=self._hits(near, scopes, rows)
        )

    def _scope_texts(self, scopes: list[str]) -> list[tuple[int, str, str | None]]:
        key = tuple(scopes)
        cached = self._bf_cache.get(key)
        if cached is not None and cached[0] == self._generation:
            return cached[1]
        rows = self.conn.execute(
            "SELECT q.id, q.text FROM quotes q WHERE q.article_id IN ("
            f"SELECT article_id FROM article_scopes WHERE scope IN ({qmarks(len(scopes))}))",
            scopes,
        ).fetchall()
        texts: list[tuple[int, str, str | None]] = [(i, t, normalize(t)) for i, t in rows]
        if len(self._bf_cache) > 64:
            self._bf_cache.clear()
        self._bf_cache[key] = (self._generation, texts)
        return texts

    def _slot_ids(self, slot: Slot) -> set[int]:
        ids: set[int] = set()
        for term_id in slot.term_ids:
            ids.update(self._disk_postings(term_id))
            ids.update(self._index.tail_postings(term_id))
        return ids

    def _disk_postings(self, term_id: int) -> array[int]:
        cached = self._postings.get(term_id)
        if cached is not None:
            self._postings.move_to_end(term_id)
            return cached
        out = array("I")
        for (data,) in self.conn.execute(
            "SELECT data FROM postings WHERE term_id = ? ORDER BY seg", (term_id,)
        ):
            out.extend(unpack(data))
        self._postings[term_id] = out
        self._postings_ids += len(out)
        while self._postings_ids > _POSTINGS_CACHE_IDS and len(self._postings) > 1:
            _, dropped = self._postings.popitem(last=False)
            self._postings_ids -= len(dropped)
        return out

    def _hidden_terms(self, terms: set[int], scopes: list[str], seen: set[int] | None) -> set[int]:
        """The terms none of whose quotes the scopes can see (planned as unknown words).

        First one query over each term's newest ids; only a term not seen there has its
        whole postings read (newest first).
        """
        generation = self._generation
        terms = self._seen_terms_cache.unknown(generation, scopes, terms)
        if not terms:
            return set()
        hidden = self._hidden_among(terms, scopes, seen)
        self._seen_terms_cache.remember(generation, scopes, terms - hidden)
        return hidden

    def _hidden_among(self, terms: set[int], scopes: list[str], seen: set[int] | None) -> set[int]:
        marks = qmarks(len(terms))
        newest = dict(
            self.conn.execute(
                f"SELECT term_id, CASE WHEN length(data) > {PROBE_BYTES} THEN "
                f"substr(data, length(data) - {PROBE_BYTES - 1}) ELSE data END FROM postings p "
                f"WHERE term_id IN ({marks}) AND seg = (SELECT MAX(seg) FROM postings "
                "WHERE term_id = p.term_id)",
                list(terms),
            ).fetchall()
        )
        probes = {t: probe_ids(self._index.tail_postings(t), newest.get(t)) for t in terms}
        unsure = {t for t, ids in probes.items() if not self._any_visible(ids, scopes, seen)}
        out: set[int] = set()
        for term_id in unsure:
            ids = [*self._index.tail_postings(term_id), *self._disk_postings(term_id)]
            if self._any_visible(spread_ids(ids), scopes, seen):
                continue
            chunks = (ids[max(0, end - 512) : end] for end in range(len(ids), 0, -512))
            if not any(self._any_visible(list(c), scopes, seen) for c in chunks):
                out.add(term_id)
        return out

    def _any_visible(self, ids: list[int], scopes: list[str], seen: set[int] | None) -> bool:
        if not ids:
            return False
        if seen is not None:
            return not seen.isdisjoint(ids)
        return (
            self.conn.execute(
                f"SELECT 1 FROM quotes q WHERE q.id IN ({qmarks(len(ids))}) AND EXISTS "
                "(SELECT 1 FROM article_scopes s WHERE s.article_id = q.article_id "
                f"AND s.scope IN ({qmarks(len(scopes))})) LIMIT 1",
                (*ids, *scopes),
            ).fetchone()
            is not None
        )

    def _candidates(
        self, ranked: list[int], scopes: list[str], watermark: int
    ) -> list[tuple[int, str]]:
        """(id, normalised text) of the best-ranked candidates the scopes see, a chunk at a
        time until there are enough: flushed quotes from the compact ``quote_norms`` table,
        the few in the index tail (above ``watermark``) normalised from ``quotes``."""
        out: list[tuple[int, str]] = []
        marks = qmarks(len(scopes))
        for start in range(0, len(ranked), RERANK_CANDIDATES):
            chunk = ranked[start : start + RERANK_CANDIDATES]
            flushed = [i for i in chunk if i <= watermark]
            tail = [i for i in chunk if i > watermark]
            if flushed:
                out.extend(
                    self.conn.execute(
                        "SELECT n.quote_id, n.norm FROM quote_norms n "
                        f"WHERE n.quote_id IN ({qmarks(len(flushed))}) AND EXISTS (SELECT 1 "
                        "FROM article_scopes s WHERE s.article_id = n.article_id "
                        f"AND s.scope IN ({marks}))",
                        (*flushed, *scopes),
                    ).fetchall()
                )
            if tail:
                out.extend(self._tail_candidates(tail, scopes))
            if len(out) >= RERANK_CANDIDATES:
                break
        return out

    def _tail_candidates(self, ids: list[int], scopes: list[str]) -> list[tuple[int, str]]:
        """(id, normalised text) of the index-tail quotes among ``ids`` that the scopes see:
        the text the tail normalised when the quote was saved (normalising each candidate
        again was most of a look-up's CPU while an ingest filled the tail); a quote flushed
        meanwhile is normalised from ``quotes``."""
        visible = self.conn.execute(
            f"SELECT q.id FROM quotes q WHERE q.id IN ({qmarks(len(ids))}) "
            "AND EXISTS (SELECT 1 FROM article_scopes s WHERE s.article_id = "
            f"q.article_id AND s.scope IN ({qmarks(len(scopes))}))",
            (*ids, *scopes),
        ).fetchall()
        norms = self._index.tail_norms  # a dict read, atomic; the writer replaces entries
        out: list[tuple[int, str]] = []
        missing: list[int] = []
        for (quote_id,) in visible:
            norm = norms.get(quote_id)
            if norm is None:
                missing.append(quote_id)
            else:
                out.append((int(quote_id), norm))
        if missing:
            rows = self.conn.execute(
                f"SELECT id, text FROM quotes WHERE id IN ({qmarks(len(missing))})", missing
            )
            out.extend((int(i), normalize(str(t))) for i, t in rows)
        return out

    def _visible_ids(self, scopes: list[str]) -> set[int] | None:
        """The quote ids the scopes see, or None when they see most of the database."""
        total = max(self._index.watermark, self._index.tail_max_id)
        if not self._scope_ids.restricts(scopes, self._scope_quotes, total):
            return None
        loaded = {
            scope: {
                int(r[0])
                for r in self.conn.execute(
                    "SELECT q.id FROM article_scopes s JOIN quotes q "
                    "ON q.article_id = s.article_id WHERE s.scope = ?",
                    (scope,),
                )
            }
            for scope in self._scope_ids.missing(scopes)
        }
        return self._scope_ids.collect(scopes, loaded)

    def _hit_rows(self, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        """Quote and article columns of the quotes shown (their text is column 2)."""
        if not ids:
            return {}
        return {
            int(row[0]): tuple(row)
            for row in self.conn.execute(
                f"SELECT {QUOTE_COLS}, {ARTICLE_COLS}, q.speaker_id, q.evidence FROM quotes q "
                "JOIN articles a ON a.id = q.article_id "
                f"WHERE q.id IN ({qmarks(len(ids))})",
                list(ids),
            )
        }

    def _hits(
        self,
        ranked: Sequence[Ranked],
        scopes: list[str],
        rows: dict[int, tuple[Any, ...]] | None = None,
    ) -> tuple[QuoteHit, ...]:
        """The quotes with their articles, speakers named as ``scopes`` know them (``rows``:
        their :meth:`_hit_rows` when already read)."""
        if not ranked:
            return ()
        if rows is None:
            rows = self._hit_rows([r.quote_id for r in ranked])
        else:
            rows = {r.quote_id: rows[r.quote_id] for r in ranked if r.quote_id in rows}
        speaker_ids = {int(row[20]) for row in rows.values() if row[20] is not None}
        links = self._links([int(row[1]) for row in rows.values()], scopes)
        with self._mem:
            names = self._speakers.names_of(
                speaker_ids,
                speaker_sql.view(
                    self.conn, scopes, speaker_ids | self._speakers.owners(speaker_ids)
                ),
            )
        return self._with_clusters(hits_from_rows(ranked, rows, names, links), scopes)

    # -- index maintenance ----------------------------------------------------------------
    async def flush_index(self) -> None:
        """Write the in-memory index tail to disk now (normally done in batches)."""
        await self._run(self._flush_sync)

    def _flush_sync(self) -> None:
        batch = self._index.flush_batch()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            vocab = self._index.vocab
            conn.executemany(
                "INSERT INTO terms(id, term, df, segments) VALUES (?, ?, 0, 0)", batch.new_terms
            )
            conn.executemany(
                "UPDATE terms SET df = ?, segments = ? WHERE id = ?",
                ((df, vocab.segments[term_id] + 1, term_id) for term_id, df in batch.df.items()),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO postings(term_id, seg, data) VALUES (?, ?, ?)",
                batch.segments,
            )
            compacted: dict[int, int] = {}
            for term_id in batch.compact:
                merged = array("I")
                for (data,) in conn.execute(
                    "SELECT data FROM postings WHERE term_id = ? ORDER BY seg", (term_id,)
                ):
                    merged.extend(unpack(data))
                conn.execute("DELETE FROM postings WHERE term_id = ?", (term_id,))
                parts = probe_split(sorted(set(merged)))
                conn.executemany(
                    "INSERT INTO postings(term_id, seg, data) VALUES (?, ?, ?)",
                    [(term_id, seg, data) for seg, data in enumerate(parts)],
                )
                conn.execute("UPDATE terms SET segments = ? WHERE id = ?", (len(parts), term_id))
                compacted[term_id] = len(parts)
            if batch.signatures is not None:
                conn.execute(
                    "INSERT OR REPLACE INTO quote_signatures(first_id, data) VALUES (?, ?)",
                    batch.signatures,
                )
            fill_norms(conn, batch.watermark, batch.norms)
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('watermark', ?)",
                (str(batch.watermark),),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        with self._mem:  # readers ran during the SQL above; they wait only for this
            for term_id, _, _ in batch.segments:
                dropped = self._postings.pop(term_id, None)
                if dropped is not None:
                    self._postings_ids -= len(dropped)
            self._index.flushed(batch)
            for term_id, count in compacted.items():  # the next flush writes after these
                self._index.vocab.segments[term_id] = count
        self._forget_cluster_stored()  # the stored postings changed

    async def sizes(self) -> dict[str, int]:
        """Bytes of quote text and of the search index (for the benchmark and ``stats``)."""
        return await self._run(self._sizes_sync)

    def _sizes_sync(self) -> dict[str, int]:
        text = self.conn.execute(
            "SELECT COALESCE(SUM(LENGTH(CAST(text AS BLOB))), 0) FROM quotes"
        ).fetchone()[0]
        pages = dict(
            self.conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
        )
        index = sum(
            int(v)
            for k, v in pages.items()
            if k in {"postings", "terms", "quote_signatures"} or "terms" in k
        )
        return {
            "quote_text_bytes": int(text),
            "index_bytes": index,
            "quotes_table_bytes": int(pages.get("quotes", 0)),
            "norms_bytes": int(pages.get("quote_norms", 0)),
            "database_bytes": int(sum(int(v) for v in pages.values())),
            "tail_quotes": self._index.tail_quotes,
        }

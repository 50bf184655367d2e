"""PostgreSQL look-ups: ``who_said`` (plan, candidate fetch, rerank, the hits shown) and
the postings cache it reads.

A mixin of :class:`~bot.core.store.postgres.PostgresStore`, on top of
:class:`~bot.core.store.postgres_index.PostgresIndex` (the index tail flush and keeping the
in-memory index up to date with other processes: reload, catch-up, ``_fresh`` before a
read); see the store module for how processes stay consistent. CPU work (planning,
candidate search, rerank) runs in threads.

Each query costs the event loop protocol work and a socket send that, on a busy machine,
often waits (for the interpreter lock the look-up threads hold, or for a core), so a
look-up on the index makes five: the state check (``_fresh``), the hidden-word probe with
the first postings to read (``PROBE_TERMS``), the candidates' normalised texts
(``rerank_candidates``, schema 7), the shortlist's texts, and the hits shown with their
links, speaker names and clusters (``HIT_ROWS``); more only for postings a later step of
the candidate search asks for, a word every probe missed, full names of a bare surname,
and the members of a cluster.
"""

from __future__ import annotations

import asyncio
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import asyncpg

from bot.core.models import (
    QuoteHit,
    SearchResult,
)
from bot.core.provenance import attach
from bot.core.search.index import (
    RERANK_CANDIDATES,
    QueryPlan,
    Slot,
    choose_slots,
    unpack,
)
from bot.core.search.normalize import normalize
from bot.core.search.rank import Ranked, judge, rerank, shortlist
from bot.core.store import postgres_clusters as cluster_sql
from bot.core.store import postgres_speakers as speaker_sql
from bot.core.store.common import (
    LINK_COLS,
    PROBE_BYTES,
    VISIBLE_PROBE,
    CandidateSearch,
    ScopeIds,
    SeenTerms,
    gather_candidates,
    hits_from_rows,
    link_metadata,
    probe_ids,
    spread_ids,
)
from bot.core.store.own_loop import LoopThread
from bot.core.store.postgres_index import PostgresIndex
from bot.core.store.postgres_search_sql import (
    HIT_ROWS,
    IN_SCOPE,
    PROBE_TERMS,
    SEEN_TERMS,
    term_slices,
)
from bot.core.store.postgres_values import Conn, clean_scopes

_POSTINGS_CACHE_IDS = 4_000_000


class PooledConnection(asyncpg.Connection):  # type: ignore[misc]
    """The pool's connections: no reset query when one goes back to the pool.

    asyncpg's default (unlock all, close cursors, unlisten, reset settings) was one more
    round trip per look-up, on the event loop. The store sets no session state, opens no
    cursor, listens to nothing and releases its one session lock (migration) itself; an
    open transaction is still rolled back on release by asyncpg.
    """

    def get_reset_query(self) -> str:
        return ""


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


def _normalized(rows: Sequence[Any]) -> list[tuple[int, str]]:
    """(id, normalised text) of (id, text) rows (CPU work, run in a thread)."""
    return [(int(i), normalize(str(t))) for i, t in rows]


class PostgresSearch(PostgresIndex):
    """The look-up half of :class:`~bot.core.store.postgres.PostgresStore` (a mixin: the
    store owns the pool, the locks and the state declared here)."""

    _brute_force_below: int
    _seen_terms_cache: SeenTerms
    _scope_ids: ScopeIds
    _ids_lock: asyncio.Lock
    _ids_gen: int
    _ids_high: tuple[int, int]
    #: The store's own event loop thread, when it has one (``PostgresStore(own_loop=True)``).
    _home: LoopThread | None

    async def _cpu(self, fn: Callable[..., T], *args: Any) -> T:
        """A look-up's CPU step: in a thread when the store shares the bot's event loop (the
        gateway heartbeat runs there); inline on the store's own loop, where it delays only
        the store's queries and saves a thread hop (a wake-up and an interpreter-lock
        hand-off each, five or so per look-up)."""
        if self._home is not None:
            return fn(*args)
        return await asyncio.to_thread(fn, *args)

    # -- search ---------------------------------------------------------------------------
    async def who_said(self, phrase: str, scopes: Sequence[str], limit: int = 5) -> SearchResult:
        scopes = clean_scopes(scopes)
        if not scopes or limit <= 0:
            return SearchResult(hits=())
        async with self.pool.acquire() as conn:
            await self._fresh(conn)
            # Planning (typo correction) is CPU work: off the event loop, as is the rest.
            plan = await self._cpu(self._index.plan, phrase)
            if not plan.words:
                return SearchResult(hits=())
            visible = sum(self._scope_quotes.get(s, 0) for s in scopes)
            if visible <= 0:
                return SearchResult(hits=())
            # Ranking is pure CPU over its inputs: off the event loop (gateway heartbeat).
            if visible <= self._brute_force_below:
                candidates = await self._scope_texts(conn, scopes)
                hits, near = await self._cpu(rerank, plan.words, candidates, limit)
            else:
                seen = await self._visible_ids(conn, scopes)
                # The postings of the first slots to read come with the hidden-word probe
                # (one round trip for both): the slots of the plan as it stands, which
                # changes only when a word turns out hidden.
                first = [t for slot in choose_slots(plan) for t in slot.term_ids]
                hidden = await self._hidden_terms(
                    conn, plan.exact_terms(), scopes, seen, prefetch=first
                )
                if hidden:
                    plan = await self._cpu(self._index.plan, phrase, hidden)
                norms = await self._index_candidates(conn, plan, scopes, seen)
                short = await self._cpu(shortlist, plan.words, norms, limit)
                # Only the shortlist's text (for the word check): the article, context,
                # links, speaker names and clusters are read for the few hits shown.
                texts = await self._texts(conn, [i for _, i in short])
                hits, near = await self._cpu(judge, plan.words, short, texts, limit)
            # Never both: the judge gives suggestions only when nothing is a hit.
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
        rows = await conn.fetch(f"SELECT q.id, q.text FROM quotes q WHERE {IN_SCOPE}", scopes)
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
        rows = await conn.fetch(
            "SELECT term_id, data FROM postings WHERE term_id = ANY($1::int[]) "
            "ORDER BY term_id, seg",
            missing,
        )
        self._cache_postings(missing, rows)

    def _cache_postings(self, term_ids: Sequence[int], rows: Sequence[Any]) -> None:
        """Cache the postings of ``term_ids`` from their (term id, data) segment rows in
        order (a term without rows has none on disk), then trim the cache to its size."""
        if not term_ids:
            return
        fetched: dict[int, array[int]] = {t: array("I") for t in term_ids}
        for term_id, data in rows:
            fetched[int(term_id)].extend(unpack(data))
        for term_id, ids in fetched.items():
            old = self._postings.get(term_id)  # read meanwhile by another look-up
            if old is not None:
                self._postings_ids -= len(old)
            self._postings[term_id] = ids
            self._postings_ids += len(ids)
        while self._postings_ids > _POSTINGS_CACHE_IDS and len(self._postings) > len(fetched):
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
        self,
        conn: Conn,
        terms: set[int],
        scopes: list[str],
        seen: set[int] | None,
        prefetch: Sequence[int] = (),
    ) -> set[int]:
        """The terms none of whose quotes the scopes can see (planned as unknown words).

        First one query over each term's newest ids (the end of its newest segment and its
        tail); only a term not seen there has its whole postings read. The postings of the
        ``prefetch`` terms not cached yet come with that query when it runs.
        """
        generation = self._generation
        terms = self._seen_terms_cache.unknown(generation, scopes, terms)
        if not terms:
            return set()
        hidden = await self._hidden_among(conn, terms, scopes, seen, prefetch)
        self._seen_terms_cache.remember(generation, scopes, terms - hidden)
        return hidden

    async def _hidden_among(
        self,
        conn: Conn,
        terms: set[int],
        scopes: list[str],
        seen: set[int] | None,
        prefetch: Sequence[int],
    ) -> set[int]:
        if seen is None:
            unsure = set(terms) - await self._probe_terms(conn, terms, scopes, prefetch)
        else:
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
        # Rare: a word hidden from the scopes, or whose probed quotes all are. Every id.
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

    async def _probe_terms(
        self, conn: Conn, terms: set[int], scopes: list[str], prefetch: Sequence[int]
    ) -> set[int]:
        """The terms seen among their probed ids, in one query (:data:`PROBE_TERMS`): the
        newest and a spread of their index-tail ids (sent), then the newest ids of their
        newest stored segment and a spread over all their stored ids (both decoded by the
        server, so no postings cross the wire). The same query reads the postings of the
        ``prefetch`` terms not cached yet (rows with a segment number)."""
        wanted = sorted({t for t in prefetch if t not in self._postings})
        order = sorted(terms)
        tails: dict[int, list[int]] = {}
        for t in order:
            tail = self._index.tail_postings(t)
            tails[t] = [*tail[-VISIBLE_PROBE:], *spread_ids(tail)] if len(tail) else []
        rows = await conn.fetch(
            PROBE_TERMS, scopes, *term_slices(tails, order), ",".join(map(str, wanted))
        )
        segments = sorted((int(t), int(seg), data) for t, seg, data in rows if seg is not None)
        self._cache_postings(wanted, [(t, data) for t, _, data in segments])
        return {int(t) for t, seg, _ in rows if seg is None}

    async def _seen_terms(
        self, conn: Conn, ids: dict[int, list[int]], scopes: list[str], seen: set[int] | None
    ) -> set[int]:
        """The terms with at least one of the given quote ids visible to the scopes."""
        if seen is not None:
            return {t for t, found in ids.items() if not seen.isdisjoint(found)}
        terms = [t for t, found in ids.items() if len(found)]
        if not terms:
            return set()
        # The ids go as one comma-separated text that PostgreSQL splits: asyncpg encodes
        # a list parameter element by element on the event loop (a Python isinstance check
        # each, hundreds to thousands per look-up); a text is one value, built in C. Per
        # term, its ids are tried in turn until one is visible (an EXISTS stops at the
        # first): a term the scopes see costs a probe or two, not one per id sent (joining
        # every id was ~2 ms of the server's time per look-up).
        rows = await conn.fetch(SEEN_TERMS, scopes, *term_slices(ids, terms))
        return {int(r[0]) for r in rows}

    async def _index_candidates(
        self, conn: Conn, plan: QueryPlan, scopes: list[str], seen: set[int] | None
    ) -> list[tuple[int, str]]:
        prefer = self._index.affinity(plan.words)
        search = gather_candidates(plan, prefer=prefer, visible=seen)
        # Building the id sets and ranking them is CPU work: each step in a thread. The
        # first only picks the slots to read (a few comparisons): here, without a thread
        # hop, which costs the loop more (~65 us) than the step itself.
        step = _advance(search, None)
        while isinstance(step, _Slots):
            await self._load_postings(conn, [t for s in step.slots for t in s.term_ids])
            sources = [self._slot_sources(s) for s in step.slots]
            step = await self._cpu(_advance, search, sources)
        ranked: list[int] = step
        if not ranked:
            return []
        # In rank order, a chunk at a time, until enough visible candidates (as SQLite):
        # flushed quotes from the compact table, those in the index tail from ``quotes``
        # (their text, normalised here). One round trip (schema 7's rerank_candidates).
        rows = await conn.fetch(
            "SELECT * FROM rerank_candidates(string_to_array($2, ',')::bigint[], "
            "$1::text[], $3, $4)",
            scopes,
            ",".join(map(str, ranked)),
            self._index.watermark,
            RERANK_CANDIDATES,
        )
        out = [(int(i), str(n)) for i, n, _ in rows if n is not None]
        tail = [(i, t) for i, n, t in rows if n is None]
        if tail:
            out.extend(await self._cpu(_normalized, tail))
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

    async def _texts(self, conn: Conn, ids: Sequence[int]) -> dict[int, str]:
        """The original text of each quote (the judge reads it to mark the matched words)."""
        if not ids:
            return {}
        rows = await conn.fetch(  # the ids as one text: see _seen_terms
            "SELECT id, text FROM quotes WHERE id = ANY(string_to_array($1, ',')::bigint[])",
            ",".join(map(str, ids)),
        )
        return {int(i): str(t) for i, t in rows}

    async def _hits(
        self, conn: Conn, ranked: Sequence[Ranked], scopes: list[str]
    ) -> tuple[QuoteHit, ...]:
        """The quotes with their articles, speakers named as ``scopes`` know them and their
        clusters: one query (:data:`HIT_ROWS`), and one more only for what it cannot say
        (full names standing for a bare surname; the members of a cluster)."""
        if not ranked:
            return ()
        rows = {
            int(row[0]): tuple(row)
            for row in await conn.fetch(HIT_ROWS, ",".join(str(r.quote_id) for r in ranked), scopes)
        }
        links = {int(row[1]): list(row[24:29]) for row in rows.values()}
        speaker_ids = {int(row[20]) for row in rows.values() if row[20] is not None}
        view = {
            int(row[20]): str(row[29])
            for row in rows.values()
            if row[20] is not None and row[29] is not None
        }
        owners = self._speakers.owners(speaker_ids) - view.keys()
        if owners:
            view.update(await speaker_sql.view(conn, scopes, owners))
        names = self._speakers.names_of(speaker_ids, view)
        hits = hits_from_rows(ranked, rows, names, links)
        if not hits:
            return ()
        labels = {i: int(row[22]) for i, row in rows.items()}
        clustered = sorted({int(row[22]) for row in rows.values() if row[23]})
        members = await cluster_sql.members_of(conn, clustered, scopes) if clustered else {}
        return attach(hits, labels, members)

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

    # -- speakers -------------------------------------------------------------------------

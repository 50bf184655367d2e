"""PostgreSQL SQL for quote clusters (schema version 5), as ``sqlite_clusters`` does it.

``quotes.cluster_id`` is the id of the cluster's first stored member, NULL for a quote that
is its own cluster. Every read keeps only the members the asking scopes see. Functions run
on the caller's connection inside its transaction (saves and deletions hold the ingest
lock, so labels never race).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from bot.core.clusters import (
    MAX_REGROUP,
    Attribution,
    Occurrence,
    best_match,
    joinable,
    pair_filter,
    rank_ids,
    regroup,
    terms_to_read,
)
from bot.core.provenance import Member
from bot.core.search.index import WordIndex
from bot.core.search.normalize import words
from bot.core.store.cluster_rows import (
    MEMBER_COLS,
    OCC_COLS,
    form_of,
    members_from,
    occurrence_from,
)
from bot.core.store.common import LINK_COLS, link_metadata
from bot.core.store.postgres_values import Conn

_VISIBLE = (
    "EXISTS (SELECT 1 FROM article_scopes s WHERE s.article_id = q.article_id "
    "AND s.scope = ANY($1::text[]))"
)


async def assign(
    conn: Conn,
    index: WordIndex,
    load: Callable[[list[int]], Any],
    postings: Callable[[int], Sequence[int]],
    new: Sequence[tuple[int, str, str | None, float, str]],
    when: datetime,
    scopes: list[str],
    window_days: int,
) -> int:
    """As ``sqlite_clusters.assign``; ``load`` (awaited) fetches the postings of term ids
    into the cache that ``postings`` reads."""
    if not new or not scopes or window_days <= 0:
        return 0
    planned = []
    for quote_id, text, speaker, confidence, form in new:
        quote_words = words(text)
        terms = terms_to_read(index, quote_words)
        if terms:
            attribution = Attribution(speaker, confidence, form)
            occ = Occurrence(quote_id, tuple(quote_words), when, attribution)
            planned.append((occ, quote_words, terms))
    every_term = sorted({t for _, _, terms in planned for t in terms})
    if not every_term:
        return 0
    await load(every_term)
    wanted: dict[int, list[int]] = {}
    for occ, quote_words, terms in planned:
        ids = rank_ids([postings(t) for t in terms], quote_words, pair_filter(index, quote_words))
        if ids:
            wanted[occ.quote_id] = ids
    every = sorted({i for ids in wanted.values() for i in ids})
    if not every:
        return 0
    rows: dict[int, tuple[Occurrence, int]] = {}
    for row in await conn.fetch(
        f"SELECT {OCC_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        f"WHERE q.id = ANY($2::bigint[]) AND {_VISIBLE}",
        scopes,
        every,
    ):
        occ, label = occurrence_from(row)
        rows[occ.quote_id] = (occ, label)
    joined = 0
    for occ, _, _ in planned:
        found = [rows[i] for i in wanted.get(occ.quote_id, ()) if i in rows]
        for label, _relation in best_match(occ, found, window_days):
            members = [
                Attribution(r[0], float(r[1]), form_of(r[2]))
                for r in await conn.fetch(
                    "SELECT q.speaker_name, q.confidence, q.evidence FROM quotes q "
                    f"WHERE (q.cluster_id = $2 OR q.id = $2) AND {_VISIBLE} LIMIT {MAX_REGROUP}",
                    scopes,
                    label,
                )
            ]
            if joinable(occ.attribution, members):
                await conn.execute(
                    "UPDATE quotes SET cluster_id = $1 WHERE id = $2", label, occ.quote_id
                )
                joined += 1
                break
    return joined


async def labels_of_articles(conn: Conn, article_ids: Iterable[int]) -> set[int]:
    """The clusters the quotes of these articles belong to (before they are deleted)."""
    ids = sorted(set(article_ids))
    if not ids:
        return set()
    return {
        int(r[0])
        for r in await conn.fetch(
            "SELECT DISTINCT COALESCE(cluster_id, id) FROM quotes WHERE article_id = ANY($1)",
            ids,
        )
    }


async def articles_of_scope(conn: Conn, scope: str, ref: int | str | None) -> list[int]:
    """The articles ``scope`` holds (only the one named by id or URL when ``ref`` is given)."""
    if ref is None:
        rows = await conn.fetch("SELECT article_id FROM article_scopes WHERE scope = $1", scope)
    elif isinstance(ref, int):
        rows = await conn.fetch(
            "SELECT article_id FROM article_scopes WHERE scope = $1 AND article_id = $2",
            scope,
            ref,
        )
    else:
        rows = await conn.fetch(
            "SELECT article_id FROM article_scopes WHERE scope = $1 AND url = $2", scope, ref
        )
    return [int(r[0]) for r in rows]


async def regroup_labels(conn: Conn, labels: Iterable[int], window_days: int) -> int:
    """Cluster the remaining members of these clusters again; how many changed cluster."""
    changed = 0
    for label in sorted(set(labels)):
        rows = await conn.fetch(
            f"SELECT {OCC_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE q.cluster_id = $1 OR q.id = $1 LIMIT {MAX_REGROUP + 1}",
            label,
        )
        if len(rows) > MAX_REGROUP or not rows:
            continue
        members = [occurrence_from(r) for r in rows]
        new = regroup([occ for occ, _ in members], max(1, window_days))
        updates = []
        for occ, old in members:
            target = new[occ.quote_id]
            if target != old:
                changed += 1
            updates.append((None if target == occ.quote_id else target, occ.quote_id))
        await conn.executemany("UPDATE quotes SET cluster_id = $1 WHERE id = $2", updates)
    return changed


async def members(
    conn: Conn, quote_ids: Sequence[int], scopes: list[str]
) -> tuple[dict[int, int], dict[int, list[Member]]]:
    """For hits: quote id -> cluster label, and label -> the members ``scopes`` see."""
    labels = {
        int(r[0]): int(r[1])
        for r in await conn.fetch(
            "SELECT id, COALESCE(cluster_id, id) FROM quotes WHERE id = ANY($1::bigint[])",
            sorted(set(quote_ids)),
        )
    }
    return labels, await members_of(conn, sorted(set(labels.values())), scopes)


async def members_of(
    conn: Conn, wanted: Sequence[int], scopes: list[str]
) -> dict[int, list[Member]]:
    """Cluster label -> the members ``scopes`` see, for the clusters labelled ``wanted``."""
    if not wanted:
        return {}
    rows = await conn.fetch(
        f"SELECT {MEMBER_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE (q.cluster_id = ANY($2::bigint[]) OR (q.id = ANY($2::bigint[]) AND EXISTS "
        f"(SELECT 1 FROM quotes o WHERE o.cluster_id = q.id))) AND {_VISIBLE}",
        scopes,
        list(wanted),
    )
    if not rows:
        return {}
    links = link_metadata(
        await conn.fetch(
            f"SELECT {LINK_COLS} FROM article_scopes WHERE article_id = ANY($1::bigint[]) "
            "AND scope = ANY($2::text[]) ORDER BY scope",
            sorted({int(r[8]) for r in rows}),
            scopes,
        )
    )
    return members_from(rows, links)


__all__ = [
    "articles_of_scope",
    "assign",
    "labels_of_articles",
    "members",
    "members_of",
    "regroup_labels",
]

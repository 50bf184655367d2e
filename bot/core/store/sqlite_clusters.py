"""SQLite SQL for quote clusters (schema version 5): assign, regroup and read them.

``quotes.cluster_id`` is the id of the cluster's first stored member; NULL means the quote
is its own cluster (so a lone quote costs no write). Labels are shared by every scope, but
every read keeps only the members the asking scopes see, so counts, variants, first seen
and the consensus never include another server's private quotes. Decisions live in
:mod:`bot.core.clusters`; this module only moves rows. Functions run on the writer's
connection inside the caller's transaction, except :func:`regroup_after`, which opens one.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.core.clusters import (
    MAX_REGROUP,
    Attribution,
    Occurrence,
    best_match,
    could_match,
    joinable,
    pair_filter,
    rank_ids,
    regroup,
    terms_to_read,
)
from bot.core.provenance import Member
from bot.core.search.index import WordIndex, unpack
from bot.core.search.normalize import words
from bot.core.store.cluster_rows import (
    MEMBER_COLS,
    OCC_COLS,
    form_of,
    members_from,
    occurrence_from,
)
from bot.core.store.common import LINK_COLS, link_metadata

_CHUNK = 400


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[i : i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]


def _visible(scopes: Sequence[str]) -> str:
    return (
        "EXISTS (SELECT 1 FROM article_scopes s WHERE s.article_id = q.article_id "
        f"AND s.scope IN ({_marks(len(scopes))}))"
    )


def assign(
    conn: sqlite3.Connection,
    index: WordIndex,
    postings: Callable[[list[int]], Mapping[int, Sequence[int]]],
    new: Sequence[tuple[int, str, str | None, float, str]],
    when: datetime,
    scopes: Sequence[str],
    window_days: int,
) -> int:
    """Put each new quote (id, text, speaker, confidence, form) into the cluster of an
    earlier quote the writer's ``scopes`` see, when one is the same statement. Candidates
    come from the word index (``postings`` reads the newest quote ids of the terms, all the
    article's at once); returns how many quotes joined a cluster."""
    if not new or not scopes or window_days <= 0:
        return 0
    planned = []
    for quote_id, text, speaker, confidence, form in new:
        quote_words = words(text)
        terms = terms_to_read(index, quote_words)
        if terms:
            planned.append((quote_id, speaker, confidence, form, quote_words, terms))
    if not planned:
        return 0
    lists = postings(sorted({t for *_, terms in planned for t in terms}))
    wanted: dict[int, list[int]] = {}
    fresh: list[Occurrence] = []
    for quote_id, speaker, confidence, form, quote_words, terms in planned:
        keep = pair_filter(index, quote_words)
        ids = rank_ids([lists[t] for t in terms], quote_words, keep)
        if ids:  # most quotes have none: only these become occurrences
            attribution = Attribution(speaker, confidence, form)
            fresh.append(Occurrence(quote_id, tuple(quote_words), when, attribution))
            wanted[quote_id] = ids
    every = sorted({i for ids in wanted.values() for i in ids})
    if not every:
        return 0
    # Most candidates only share common words with the quote: their text alone rules them
    # out (``could_match``, a necessary condition of a match), before their article, date
    # and visibility are read for the few that remain.
    texts: dict[int, list[str]] = {}
    for chunk in _chunks(every):
        for quote_id, text in conn.execute(
            f"SELECT id, text FROM quotes WHERE id IN ({_marks(len(chunk))})", chunk
        ):
            texts[int(quote_id)] = words(str(text))
    for occ in fresh:
        wanted[occ.quote_id] = [
            i for i in wanted[occ.quote_id] if i in texts and could_match(occ.words, texts[i])
        ]
    every = sorted({i for ids in wanted.values() for i in ids})
    if not every:
        return 0
    rows: dict[int, tuple[Occurrence, int]] = {}
    for chunk in _chunks(every):
        for row in conn.execute(
            f"SELECT {OCC_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE q.id IN ({_marks(len(chunk))}) AND {_visible(scopes)}",
            (*chunk, *scopes),
        ):
            occ, label = occurrence_from(row)
            rows[occ.quote_id] = (occ, label)
    joined = 0
    for occ in fresh:
        found = [rows[i] for i in wanted[occ.quote_id] if i in rows]
        for label, _relation in best_match(occ, found, window_days):
            members = _attributions(conn, label, scopes)
            if joinable(occ.attribution, members):
                conn.execute("UPDATE quotes SET cluster_id = ? WHERE id = ?", (label, occ.quote_id))
                joined += 1
                break
    return joined


def stored_postings(
    conn: sqlite3.Connection, term_ids: Sequence[int], newest: int
) -> dict[int, array[int]]:
    """At least the ``newest`` latest stored ids of these terms (each segment's latest), in
    one query per few hundred terms."""
    out: dict[int, array[int]] = {}
    for chunk in _chunks(sorted(term_ids)):
        for term_id, data in conn.execute(
            f"SELECT term_id, substr(data, -{4 * int(newest)}) FROM postings "
            f"WHERE term_id IN ({_marks(len(chunk))}) ORDER BY term_id, seg",
            chunk,
        ):
            ids = out.get(term_id)
            if ids is None:
                out[term_id] = unpack(data)
            else:
                ids.extend(unpack(data))
    return out


def _attributions(conn: sqlite3.Connection, label: int, scopes: Sequence[str]) -> list[Attribution]:
    """The attributions of a cluster's members the scopes see."""
    return [
        Attribution(r[0], float(r[1]), form_of(r[2]))
        for r in conn.execute(
            "SELECT q.speaker_name, q.confidence, q.evidence FROM quotes q "
            f"WHERE (q.cluster_id = ? OR q.id = ?) AND {_visible(scopes)} LIMIT {MAX_REGROUP}",
            (label, label, *scopes),
        )
    ]


def labels_of_articles(conn: sqlite3.Connection, article_ids: Iterable[int]) -> set[int]:
    """The clusters the quotes of these articles belong to (before they are deleted)."""
    out: set[int] = set()
    for chunk in _chunks(sorted(set(article_ids))):
        out.update(
            int(r[0])
            for r in conn.execute(
                "SELECT DISTINCT COALESCE(cluster_id, id) FROM quotes "
                f"WHERE article_id IN ({_marks(len(chunk))})",
                chunk,
            )
        )
    return out


def articles_of_scope(conn: sqlite3.Connection, scope: str, ref: int | str | None) -> list[int]:
    """The articles ``scope`` holds (only the one named by id or URL when ``ref`` is given)."""
    args: tuple[Any, ...] = (scope,)
    sql = "SELECT article_id FROM article_scopes WHERE scope = ?"
    if ref is not None:
        sql += " AND article_id = ?" if isinstance(ref, int) else " AND url = ?"
        args = (scope, ref)
    return [int(r[0]) for r in conn.execute(sql, args)]


def regroup_labels(conn: sqlite3.Connection, labels: Iterable[int], window_days: int) -> int:
    """Cluster the remaining members of these clusters again (in the caller's transaction);
    returns how many quotes changed cluster."""
    changed = 0
    for label in sorted(set(labels)):
        rows = conn.execute(
            f"SELECT {OCC_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"WHERE q.cluster_id = ? OR q.id = ? LIMIT {MAX_REGROUP + 1}",
            (label, label),
        ).fetchall()
        if len(rows) > MAX_REGROUP or not rows:
            continue
        members = [occurrence_from(r) for r in rows]
        new = regroup([occ for occ, _ in members], max(1, window_days))
        for occ, old in members:
            target = new[occ.quote_id]
            if target != old:
                changed += 1
            stored = None if target == occ.quote_id else target
            conn.execute("UPDATE quotes SET cluster_id = ? WHERE id = ?", (stored, occ.quote_id))
    return changed


def regroup_after(conn: sqlite3.Connection, labels: set[int], window_days: int) -> None:
    """Regroup after a deletion committed, in a transaction of its own."""
    if not labels:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        regroup_labels(conn, labels, window_days)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def members(
    conn: sqlite3.Connection, quote_ids: Sequence[int], scopes: Sequence[str]
) -> tuple[dict[int, int], dict[int, list[Member]]]:
    """For hits: quote id -> cluster label, and label -> the members ``scopes`` see (only
    clusters with another member are read in full)."""
    labels: dict[int, int] = {}
    for chunk in _chunks(sorted(set(quote_ids))):
        labels.update(
            (int(r[0]), int(r[1]))
            for r in conn.execute(
                "SELECT id, COALESCE(cluster_id, id) FROM quotes "
                f"WHERE id IN ({_marks(len(chunk))})",
                chunk,
            )
        )
    wanted = sorted(set(labels.values()))
    rows: list[Any] = []
    for chunk in _chunks(wanted):
        marks = _marks(len(chunk))
        rows.extend(
            conn.execute(
                f"SELECT {MEMBER_COLS} FROM quotes q JOIN articles a ON a.id = q.article_id "
                f"WHERE (q.cluster_id IN ({marks}) OR (q.id IN ({marks}) AND EXISTS "
                "(SELECT 1 FROM quotes o WHERE o.cluster_id = q.id))) "
                f"AND {_visible(scopes)}",
                (*chunk, *chunk, *scopes),
            )
        )
    if not rows:
        return labels, {}
    article_ids = sorted({int(r[8]) for r in rows})
    links: dict[int, list[Any]] = {}
    for chunk in _chunks(article_ids):
        links.update(
            link_metadata(
                conn.execute(
                    f"SELECT {LINK_COLS} FROM article_scopes WHERE article_id IN "
                    f"({_marks(len(chunk))}) AND scope IN ({_marks(len(scopes))}) ORDER BY scope",
                    (*chunk, *scopes),
                )
            )
        )
    return labels, members_from(rows, links)


__all__ = [
    "articles_of_scope",
    "assign",
    "labels_of_articles",
    "members",
    "regroup_after",
    "regroup_labels",
    "stored_postings",
]

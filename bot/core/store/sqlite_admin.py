"""SQLite SQL for a scope's data control: list its articles, remove one, forget the scope.

Plain functions over a :class:`sqlite3.Connection` in autocommit mode; each change runs in
one ``BEGIN IMMEDIATE`` transaction. The caller (:class:`~bot.core.store.sqlite.SQLiteStore`)
then refreshes its in-memory state. Search postings keep the ids of deleted quotes: every
candidate is read back from the ``quotes`` table within the asking scopes, and SQLite's
AUTOINCREMENT never reuses an id, so a removed quote can never come back as a hit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from bot.core.models import Article
from bot.core.store.common import article_from, as_datetime_required
from bot.core.store.deletion import (
    ArticleEntry,
    ArticleList,
    ForgetCounts,
    digest_guild,
    feed_key_prefix,
)

_ARTICLE_COLS = (
    "a.id, s.title, s.outlet, s.author, s.published, s.url, a.fetched_at, a.content_hash, "
    "a.added_at"
)
_CHUNK = 500


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[i : i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]


def list_articles(conn: sqlite3.Connection, scope: str, offset: int, limit: int) -> ArticleList:
    """The scope's articles, the most recently added first."""
    offset, limit = max(0, offset), max(0, limit)
    total = conn.execute("SELECT COUNT(*) FROM article_scopes WHERE scope = ?", (scope,)).fetchone()
    rows = conn.execute(
        f"SELECT {_ARTICLE_COLS}, s.linked_at, "
        "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) "
        "FROM article_scopes s JOIN articles a ON a.id = s.article_id WHERE s.scope = ? "
        "ORDER BY s.linked_at DESC, a.id DESC LIMIT ? OFFSET ?",
        (scope, limit, offset),
    ).fetchall()
    items = [
        ArticleEntry(article_from(r[:9]), as_datetime_required(r[9]), int(r[10])) for r in rows
    ]
    return ArticleList(items=items, total=int(total[0]), offset=offset)


def _linked(conn: sqlite3.Connection, scope: str, ref: int | str) -> Article | None:
    column = "a.id" if isinstance(ref, int) else "s.url"
    row = conn.execute(
        f"SELECT {_ARTICLE_COLS} FROM articles a JOIN article_scopes s ON s.article_id = a.id "
        f"WHERE s.scope = ? AND {column} = ?",
        (scope, ref),
    ).fetchone()
    return article_from(row) if row else None


def _unlink(conn: sqlite3.Connection, scope: str, article_ids: Sequence[int]) -> tuple[int, int]:
    """Unlink articles from ``scope``; delete those no scope holds. (articles, quotes) deleted."""
    speakers: set[int] = set()
    orphans: list[int] = []
    for chunk in _chunks(article_ids):
        marks = _marks(len(chunk))
        speakers.update(
            int(r[0])
            for r in conn.execute(
                f"SELECT DISTINCT speaker_id FROM quotes WHERE article_id IN ({marks}) "
                "AND speaker_id IS NOT NULL",
                chunk,
            )
        )
        conn.execute(
            f"DELETE FROM article_scopes WHERE scope = ? AND article_id IN ({marks})",
            (scope, *chunk),
        )
        orphans.extend(
            int(r[0])
            for r in conn.execute(
                f"SELECT id FROM articles a WHERE id IN ({marks}) AND NOT EXISTS "
                "(SELECT 1 FROM article_scopes s WHERE s.article_id = a.id)",
                chunk,
            )
        )
    quotes = 0
    for chunk in _chunks(orphans):
        marks = _marks(len(chunk))
        quotes += conn.execute(f"DELETE FROM quotes WHERE article_id IN ({marks})", chunk).rowcount
        conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
    for chunk in _chunks(sorted(speakers)):
        marks = _marks(len(chunk))
        # The scope no longer sees a speaker none of its articles quotes ...
        conn.execute(
            f"DELETE FROM speaker_scopes WHERE scope = ? AND speaker_id IN ({marks}) "
            "AND NOT EXISTS (SELECT 1 FROM quotes q JOIN article_scopes s "
            "ON s.article_id = q.article_id "
            "WHERE q.speaker_id = speaker_scopes.speaker_id AND s.scope = ?)",
            (scope, *chunk, scope),
        )
        # ... and a speaker nobody quotes any more goes, with its aliases.
        conn.execute(
            f"DELETE FROM speakers WHERE id IN ({marks}) AND NOT EXISTS "
            "(SELECT 1 FROM quotes q WHERE q.speaker_id = speakers.id)",
            chunk,
        )
    return len(orphans), quotes


def remove_article(conn: sqlite3.Connection, scope: str, ref: int | str) -> Article | None:
    """Remove one article from ``scope``; None when the scope does not hold it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        article = _linked(conn, scope, ref)
        if article is not None:
            _unlink(conn, scope, [article.id])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return article


def forget_scope(conn: sqlite3.Connection, scope: str) -> ForgetCounts:
    """Everything private to ``scope``: its articles (unlinked), feeds, seen entries, digest."""
    prefix = feed_key_prefix(scope)
    guild = digest_guild(scope)
    conn.execute("BEGIN IMMEDIATE")
    try:
        ids = [
            int(r[0])
            for r in conn.execute("SELECT article_id FROM article_scopes WHERE scope = ?", (scope,))
        ]
        deleted, quotes = _unlink(conn, scope, ids)
        conn.execute("DELETE FROM speaker_scopes WHERE scope = ?", (scope,))
        feeds = conn.execute("DELETE FROM feeds WHERE scope = ?", (scope,)).rowcount
        conn.execute(
            "DELETE FROM feed_entries WHERE substr(feed_key, 1, ?) = ?", (len(prefix), prefix)
        )
        digests = 0
        if guild is not None:
            digests = conn.execute("DELETE FROM digests WHERE guild_id = ?", (guild,)).rowcount
            conn.execute("DELETE FROM digest_claims WHERE guild_id = ?", (guild,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return ForgetCounts(
        articles=len(ids),
        articles_deleted=deleted,
        quotes_deleted=quotes,
        feeds=feeds,
        digests=digests,
    )


__all__ = ["forget_scope", "list_articles", "remove_article"]

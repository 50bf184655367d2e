"""SQLite side of per-scope speaker names: the SQL behind :mod:`bot.core.store.speakers`.

Runs on the SQLite backend's one worker thread with its connection; every function takes
the scopes it may read and nothing else is looked at.
"""

from __future__ import annotations

import sqlite3

from bot.core.models import SpeakerCount
from bot.core.store.speakers import SpeakerCache, plan_demotions


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _visible(scopes: list[str]) -> str:
    return f"SELECT article_id FROM article_scopes WHERE scope IN ({_marks(len(scopes))})"


def view(
    conn: sqlite3.Connection, scopes: list[str], only: set[int] | None = None
) -> dict[int, str]:
    """The speakers ``scopes`` see, named as their own articles wrote them.

    Private scopes sort before ``global``, so a server's own spelling comes first.
    """
    if not scopes or (only is not None and not only):
        return {}
    sql = f"SELECT speaker_id, name FROM speaker_scopes WHERE scope IN ({_marks(len(scopes))})"
    params: list[object] = list(scopes)
    if only is not None and len(only) <= 500:
        sql += f" AND speaker_id IN ({_marks(len(only))})"
        params += sorted(only)
    out: dict[int, str] = {}
    for speaker_id, name in conn.execute(sql + " ORDER BY scope", params):
        if name is not None and (only is None or int(speaker_id) in only):
            out.setdefault(int(speaker_id), str(name))
    return out


def article_speakers(conn: sqlite3.Connection, article_id: int) -> list[int]:
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT DISTINCT speaker_id FROM quotes WHERE article_id = ? "
            "AND speaker_id IS NOT NULL",
            (article_id,),
        )
    ]


def link_speakers(conn: sqlite3.Connection, article_id: int, old_speakers: list[int]) -> None:
    """Each scope of the article sees its speakers, named as its own articles write them;
    speakers the article no longer quotes leave the scopes where nothing else quotes them."""
    conn.execute(
        "INSERT OR IGNORE INTO speaker_scopes(scope, speaker_id, name) "
        "SELECT s.scope, q.speaker_id, MIN(q.speaker_name) FROM article_scopes s "
        "JOIN quotes q ON q.article_id = s.article_id "
        "WHERE s.article_id = ? AND q.speaker_id IS NOT NULL GROUP BY s.scope, q.speaker_id",
        (article_id,),
    )
    if old_speakers:
        conn.execute(
            "DELETE FROM speaker_scopes WHERE scope IN (SELECT scope FROM article_scopes "
            f"WHERE article_id = ?) AND speaker_id IN ({_marks(len(old_speakers))}) "
            "AND NOT EXISTS (SELECT 1 FROM quotes q JOIN article_scopes s "
            "ON s.article_id = q.article_id WHERE q.speaker_id = speaker_scopes.speaker_id "
            "AND s.scope = speaker_scopes.scope)",
            (article_id, *old_speakers),
        )


def top_speakers(
    conn: sqlite3.Connection,
    cache: SpeakerCache,
    scopes: list[str],
    since: str | None,
    limit: int,
) -> list[SpeakerCount]:
    """Most quoted in scope (linked since ``since``), each with a title the scope holds."""
    visible = _visible(scopes)
    since_clause = " AND linked_at >= ?" if since is not None else ""
    params: list[object] = [*scopes, *([since] if since is not None else [])]
    counts = conn.execute(
        "SELECT q.speaker_id, COUNT(*) FROM quotes q WHERE q.speaker_id IS NOT NULL "
        f"AND q.article_id IN ({visible}{since_clause}) GROUP BY q.speaker_id",
        params,
    ).fetchall()
    out: list[SpeakerCount] = []
    for name, count, members in cache.ranked(counts, view(conn, scopes), limit):
        # The latest title among the quotes this scope sees, never another scope's.
        title = conn.execute(
            f"SELECT q.title FROM quotes q WHERE q.speaker_id IN ({_marks(len(members))}) "
            f"AND q.title IS NOT NULL AND q.article_id IN ({visible}) "
            "ORDER BY q.id DESC LIMIT 1",
            (*members, *scopes),
        ).fetchone()
        out.append(SpeakerCount(name=name, count=count, title=title[0] if title else None))
    return out


def count_speakers(conn: sqlite3.Connection, cache: SpeakerCache, scopes: list[str]) -> int:
    """Speakers quoted in scope, a surname counted with the full name it reads as."""
    ids = [
        int(r[0])
        for r in conn.execute(
            f"SELECT DISTINCT speaker_id FROM quotes WHERE article_id IN ({_visible(scopes)}) "
            "AND speaker_id IS NOT NULL",
            scopes,
        )
    ]
    # Only a bare surname's possible owners decide anything: read just those names.
    return cache.count_groups(ids, view(conn, scopes, cache.owners(ids)))


def demote_merged_surnames(conn: sqlite3.Connection) -> None:
    """Upgrading to version 3: quotes an old surname alias merged get their surname back."""
    aliases = conn.execute(
        "SELECT a.key, s.id, s.name, s.key FROM speaker_aliases a "
        "JOIN speakers s ON s.id = a.speaker_id WHERE a.key <> s.key"
    ).fetchall()
    speaker_ids = sorted({int(r[1]) for r in aliases})
    quotes: list[tuple[int, int, int]] = []
    for start in range(0, len(speaker_ids), 500):
        chunk = speaker_ids[start : start + 500]
        quotes += conn.execute(
            "SELECT id, article_id, speaker_id FROM quotes "
            f"WHERE speaker_id IN ({_marks(len(chunk))})",
            chunk,
        ).fetchall()
    article_ids = sorted({int(r[1]) for r in quotes})
    contexts: list[tuple[int, str]] = []
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        contexts += conn.execute(
            f"SELECT article_id, context FROM quotes WHERE article_id IN ({_marks(len(chunk))})",
            chunk,
        ).fetchall()
    for move in plan_demotions(aliases, quotes, contexts):
        row = conn.execute("SELECT id FROM speakers WHERE key = ?", (move.key,)).fetchone()
        speaker_id = (
            int(row[0])
            if row
            else conn.execute(
                "INSERT INTO speakers(name, key) VALUES (?, ?)", (move.name, move.key)
            ).lastrowid
        )
        for start in range(0, len(move.quote_ids), 500):
            moved = move.quote_ids[start : start + 500]
            conn.execute(
                f"UPDATE quotes SET speaker_id = ?, speaker_name = ? "
                f"WHERE id IN ({_marks(len(moved))})",
                (speaker_id, move.name, *moved),
            )


__all__ = [
    "article_speakers",
    "count_speakers",
    "demote_merged_surnames",
    "link_speakers",
    "top_speakers",
    "view",
]

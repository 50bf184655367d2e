"""PostgreSQL side of per-scope speaker names: the SQL behind :mod:`bot.core.store.speakers`.

The same queries as ``sqlite_speakers``, on an asyncpg connection; every function takes
the scopes it may read and nothing else is looked at.
"""

from __future__ import annotations

from datetime import datetime

from bot.core.models import SpeakerCount
from bot.core.store.postgres_values import Conn
from bot.core.store.speakers import SpeakerCache, plan_demotions

_VISIBLE = "SELECT article_id FROM article_scopes WHERE scope = ANY($1::text[])"


async def view(conn: Conn, scopes: list[str], only: set[int] | None = None) -> dict[int, str]:
    """The speakers ``scopes`` see, named as their own articles wrote them.

    Private scopes sort before ``global``, so a server's own spelling comes first.
    """
    if not scopes or (only is not None and not only):
        return {}
    if only is None:
        rows = await conn.fetch(
            "SELECT speaker_id, name FROM speaker_scopes WHERE scope = ANY($1::text[]) "
            "ORDER BY scope",
            scopes,
        )
    else:
        rows = await conn.fetch(
            "SELECT speaker_id, name FROM speaker_scopes WHERE scope = ANY($1::text[]) "
            "AND speaker_id = ANY($2::bigint[]) ORDER BY scope",
            scopes,
            sorted(only),
        )
    out: dict[int, str] = {}
    for speaker_id, name in rows:
        if name is not None:
            out.setdefault(int(speaker_id), str(name))
    return out


async def article_speakers(conn: Conn, article_id: int) -> list[int]:
    rows = await conn.fetch(
        "SELECT DISTINCT speaker_id FROM quotes WHERE article_id = $1 AND speaker_id IS NOT NULL",
        article_id,
    )
    return [int(r[0]) for r in rows]


async def link_speakers(conn: Conn, article_id: int, old_speakers: list[int]) -> None:
    """Each scope of the article sees its speakers, named as its own articles write them;
    speakers the article no longer quotes leave the scopes where nothing else quotes them."""
    await conn.execute(
        "INSERT INTO speaker_scopes(scope, speaker_id, name) "
        "SELECT s.scope, q.speaker_id, MIN(q.speaker_name) FROM article_scopes s "
        "JOIN quotes q ON q.article_id = s.article_id "
        "WHERE s.article_id = $1 AND q.speaker_id IS NOT NULL GROUP BY s.scope, q.speaker_id "
        "ON CONFLICT DO NOTHING",
        article_id,
    )
    if old_speakers:
        await conn.execute(
            "DELETE FROM speaker_scopes ss WHERE ss.scope IN (SELECT scope FROM article_scopes "
            "WHERE article_id = $1) AND ss.speaker_id = ANY($2::bigint[]) "
            "AND NOT EXISTS (SELECT 1 FROM quotes q JOIN article_scopes s "
            "ON s.article_id = q.article_id WHERE q.speaker_id = ss.speaker_id "
            "AND s.scope = ss.scope)",
            article_id,
            old_speakers,
        )


async def top_speakers(
    conn: Conn,
    cache: SpeakerCache,
    scopes: list[str],
    since: datetime | None,
    limit: int,
) -> list[SpeakerCount]:
    """Most quoted in scope (linked since ``since``), each with a title the scope holds."""
    since_clause = " AND linked_at >= $2" if since is not None else ""
    counts = await conn.fetch(
        "SELECT q.speaker_id, COUNT(*) FROM quotes q WHERE q.speaker_id IS NOT NULL "
        f"AND q.article_id IN ({_VISIBLE}{since_clause}) GROUP BY q.speaker_id",
        *([scopes, since] if since is not None else [scopes]),
    )
    pairs = [(int(r[0]), int(r[1])) for r in counts]
    out: list[SpeakerCount] = []
    for name, count, members in cache.ranked(pairs, await view(conn, scopes), limit):
        # The latest title among the quotes this scope sees, never another scope's.
        title = await conn.fetchval(
            "SELECT q.title FROM quotes q WHERE q.speaker_id = ANY($2::bigint[]) "
            f"AND q.title IS NOT NULL AND q.article_id IN ({_VISIBLE}) "
            "ORDER BY q.id DESC LIMIT 1",
            scopes,
            members,
        )
        out.append(SpeakerCount(name=name, count=count, title=title))
    return out


async def count_speakers(conn: Conn, cache: SpeakerCache, scopes: list[str]) -> int:
    """Speakers quoted in scope, a surname counted with the full name it reads as."""
    rows = await conn.fetch(
        f"SELECT DISTINCT speaker_id FROM quotes WHERE article_id IN ({_VISIBLE}) "
        "AND speaker_id IS NOT NULL",
        scopes,
    )
    ids = [int(r[0]) for r in rows]
    # Only a bare surname's possible owners decide anything: read just those names.
    return cache.count_groups(ids, await view(conn, scopes, cache.owners(ids)))


async def demote_merged_surnames(conn: Conn) -> None:
    """Upgrading to version 3: quotes an old surname alias merged get their surname back."""
    aliases = [
        (str(r[0]), int(r[1]), str(r[2]), str(r[3]))
        for r in await conn.fetch(
            "SELECT a.key, s.id, s.name, s.key FROM speaker_aliases a "
            "JOIN speakers s ON s.id = a.speaker_id WHERE a.key <> s.key"
        )
    ]
    quotes = [
        (int(r[0]), int(r[1]), int(r[2]))
        for r in await conn.fetch(
            "SELECT id, article_id, speaker_id FROM quotes WHERE speaker_id = ANY($1::bigint[])",
            sorted({a[1] for a in aliases}),
        )
    ]
    contexts = [
        (int(r[0]), str(r[1]))
        for r in await conn.fetch(
            "SELECT article_id, context FROM quotes WHERE article_id = ANY($1::bigint[])",
            sorted({q[1] for q in quotes}),
        )
    ]
    for move in plan_demotions(aliases, quotes, contexts):
        speaker_id = await conn.fetchval(
            "INSERT INTO speakers(name, key) VALUES ($1, $2) "
            "ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id",
            move.name,
            move.key,
        )
        await conn.execute(
            "UPDATE quotes SET speaker_id = $1, speaker_name = $2 WHERE id = ANY($3::bigint[])",
            speaker_id,
            move.name,
            list(move.quote_ids),
        )


__all__ = [
    "article_speakers",
    "count_speakers",
    "demote_merged_surnames",
    "link_speakers",
    "top_speakers",
    "view",
]

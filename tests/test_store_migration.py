"""A database written before speaker names were resolved per scope upgrades cleanly.

The old schema (versions 1 and 2) merged a bare surname into the one full name known
anywhere, through ``speaker_aliases``: server B's "Quillfeather" was stored as server A's
"Jane Quillfeather". After the upgrade, B reads its quote as "Quillfeather" again, while A,
whose own article gives the full name, still reads "Jane Quillfeather".
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.models import GLOBAL_SCOPE
from bot.core.store import postgres_migrations, sqlite_migrations
from bot.core.store.base import Store
from bot.core.store.common import TS_FORMAT
from tests.conftest import make_article, make_quote, postgres_schema

A, B = "111", "222"
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

#: What the old code wrote for: A quotes "Jane Quillfeather" (article 1) and, in another
#: article, "Quillfeather" (article 3); B quotes "Quillfeather" (article 2, merged into A's
#: full name) and "Mira Castellane".
ARTICLES = [
    (1, "https://a.example/harbour", "Harbour memo", A),
    (2, "https://b.example/bridge", "Bridge notes", B),
    (3, "https://a.example/ports", "Ports", A),
]
SPEAKERS = [
    (1, "Jane Quillfeather", "jane quillfeather"),
    (2, "Mira Castellane", "mira castellane"),
]
ALIASES = [("jane quillfeather", 1), ("quillfeather", 1), ("mira castellane", 2)]
QUOTES = [
    (1, 1, 1, "Harbour Master", "The harbour will close at dusk", "Jane Quillfeather"),
    (2, 2, 1, None, "The bridge toll stays as it is", "Quillfeather"),
    (3, 2, 2, "Minister", "The budget passed without debate", "Mira Castellane"),
    (4, 3, 1, None, "Ports need dredging this year", "Quillfeather"),
]
SPEAKER_SCOPES = [(A, 1), (B, 1), (B, 2)]


def _context(text: str, said: str) -> str:
    return f"“{text},” {said} said on Monday."


def _old_sqlite(path: Path) -> None:
    ts = NOW.strftime(TS_FORMAT)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT)")
    for version, script in sqlite_migrations.MIGRATIONS[:2]:
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (?, ?)", (version, ts))
    for article_id, url, title, scope in ARTICLES:
        conn.execute(
            "INSERT INTO articles(id, url, content_hash, title, added_at) VALUES (?,?,?,?,?)",
            (article_id, url, f"hash{article_id}", title, ts),
        )
        conn.execute("INSERT INTO article_scopes VALUES (?, ?, ?)", (scope, article_id, ts))
    conn.executemany("INSERT INTO speakers(id, name, key) VALUES (?,?,?)", SPEAKERS)
    conn.executemany("INSERT INTO speaker_aliases(key, speaker_id) VALUES (?,?)", ALIASES)
    conn.executemany("INSERT INTO speaker_scopes(scope, speaker_id) VALUES (?,?)", SPEAKER_SCOPES)
    for quote_id, article_id, speaker_id, quote_title, text, said in QUOTES:
        conn.execute(
            "INSERT INTO quotes(id, article_id, speaker_id, title, text, kind, context, "
            "confidence, added_at) VALUES (?,?,?,?,?,'direct',?,0.9,?)",
            (quote_id, article_id, speaker_id, quote_title, text, _context(text, said), ts),
        )
    conn.close()


async def _old_postgres(url: str, schema: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url, server_settings={"search_path": schema})
    try:
        await conn.execute(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ)"
        )
        for version, script in postgres_migrations.MIGRATIONS[:2]:
            await conn.execute(script)
            await conn.execute("INSERT INTO schema_version VALUES ($1, $2)", version, NOW)
        for article_id, article_url, title, scope in ARTICLES:
            await conn.execute(
                "INSERT INTO articles(id, url, content_hash, title, added_at) "
                "VALUES ($1,$2,$3,$4,$5)",
                article_id,
                article_url,
                f"hash{article_id}",
                title,
                NOW,
            )
            await conn.execute(
                "INSERT INTO article_scopes(scope, article_id, linked_at) VALUES ($1, $2, $3)",
                scope,
                article_id,
                NOW,
            )
        await conn.executemany("INSERT INTO speakers(id, name, key) VALUES ($1,$2,$3)", SPEAKERS)
        await conn.execute("SELECT setval('speakers_id_seq', 2)")
        await conn.executemany(
            "INSERT INTO speaker_aliases(key, speaker_id) VALUES ($1,$2)", ALIASES
        )
        await conn.executemany(
            "INSERT INTO speaker_scopes(scope, speaker_id) VALUES ($1,$2)", SPEAKER_SCOPES
        )
        for quote_id, article_id, speaker_id, quote_title, text, said in QUOTES:
            await conn.execute(
                "INSERT INTO quotes(id, article_id, speaker_id, title, text, kind, context, "
                "confidence, added_at) VALUES ($1,$2,$3,$4,$5,'direct',$6,0.9,$7)",
                quote_id,
                article_id,
                speaker_id,
                quote_title,
                text,
                _context(text, said),
                NOW,
            )
        await conn.execute("SELECT setval('quotes_id_seq', 4)")
        await conn.execute("SELECT setval('articles_id_seq', 3)")
        await conn.execute("INSERT INTO scope_counts VALUES ($1, 2), ($2, 2)", A, B)
        await conn.execute("UPDATE index_state SET generation = 1")
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", "postgres"])
async def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database in the old schema with the old, merged speakers: its URL (and schema)."""
    if request.param == "sqlite":
        path = tmp_path / "old.db"
        _old_sqlite(path)
        yield f"sqlite:///{path}"
        return
    async with postgres_schema() as (url, schema):
        await _old_postgres(url, schema)
        yield f"{url}#{schema}"


async def _open(url: str) -> Store:
    if url.startswith("sqlite"):
        from bot.core.store.sqlite import SQLiteStore

        store: Store = SQLiteStore.from_url(url)
    else:
        from bot.core.store.postgres import PostgresStore

        dsn, schema = url.split("#")
        store = PostgresStore.from_url(dsn, schema=schema)
    await store.open()
    return store


async def test_an_old_database_upgrades_and_stops_leaking_names(old_db: str) -> None:
    for round_ in range(2):  # the second open finds nothing left to migrate
        store = await _open(old_db)
        try:
            b = [B, GLOBAL_SCOPE]
            hit = (await store.who_said("bridge toll stays", b)).hits[0]
            assert hit.quote.speaker == "Quillfeather"
            assert (hit.article.title, hit.article.url) == (
                "Bridge notes",
                "https://b.example/bridge",
            )
            assert await store.speaker_names("", b) == ["Mira Castellane", "Quillfeather"]
            top = await store.top_speakers(b)
            assert {(s.name, s.count, s.title) for s in top} == {
                ("Mira Castellane", 1, "Minister"),
                ("Quillfeather", 1 + round_, None),
            }
            assert (await store.stats(b)).speakers == 2
            assert (await store.quotes_by("Jane Quillfeather", b))[0] == "Quillfeather"
            # A's own article gives the full name: A reads both its quotes under it.
            hit = (await store.who_said("ports need dredging", [A])).hits[0]
            assert hit.quote.speaker == "Jane Quillfeather"
            name, page = await store.quotes_by("Quillfeather", [A])
            assert name == "Jane Quillfeather" and page.total == 2
            assert (await store.stats([A])).speakers == 1
            # New quotes still land and read per scope after the upgrade.
            await store.save_article(
                make_article(f"New in B {round_}", f"https://b.example/new{round_}"),
                [make_quote(f"The ferry runs again {round_}", "Quillfeather")],
                B,
            )
            assert (await store.quotes_by("Quillfeather", b))[1].total == 2 + round_
        finally:
            await store.close()

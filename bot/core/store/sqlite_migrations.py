"""Versioned SQLite schema. Append new versions; never edit an applied one.

Version 3 resolves speaker names per scope (``bot.core.store.speakers``): each quote keeps
the name its article gave (``quotes.speaker_name``), each scope the names its articles
wrote (``speaker_scopes.name``), and surname aliases, which merged names across scopes,
are gone. Each link of an article to a scope keeps what that scope's ingest said about it
(title, outlet, author, date, URL); existing links get the article's. Between its script
and ``FINISH[3]`` the backend gives back their surname to quotes an old alias merged
(``plan_demotions``).

Version 4 keeps each quote's evidence (how its speaker was found) as JSON text in
``quotes.evidence`` (``bot.core.store.evidence_json``); older quotes have none (NULL).

Version 5 clusters quotes that are one statement (``bot.core.clusters``):
``quotes.cluster_id`` is the id of the cluster's first stored member, NULL for a quote that
is its own cluster (every older quote starts so; new quotes join them).

Version 6 keeps each quote's normalised text, and its article, in the compact
``quote_norms`` table that a look-up reads its candidates from (never the wide ``quotes``
rows). The index tail flush fills it for the quotes it flushes, up to ``meta.norms_upto``;
at open the store fills it for quotes flushed before version 6 (``sqlite_search``).
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            url TEXT UNIQUE,
            content_hash TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            author TEXT,
            published TEXT,
            fetched_at TEXT,
            added_at TEXT NOT NULL
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE TABLE article_scopes (
            scope TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (scope, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_scopes_article ON article_scopes(article_id);
        CREATE INDEX article_scopes_linked ON article_scopes(scope, linked_at);
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE
        );
        CREATE TABLE speaker_aliases (
            key TEXT PRIMARY KEY,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE TABLE speaker_scopes (
            scope TEXT NOT NULL,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            PRIMARY KEY (scope, speaker_id)
        ) WITHOUT ROWID;
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            speaker_id INTEGER REFERENCES speakers(id),
            title TEXT,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            context TEXT NOT NULL DEFAULT '',
            confidence REAL NOT NULL DEFAULT 0,
            start INTEGER NOT NULL DEFAULT 0,
            end INTEGER NOT NULL DEFAULT 0,
            added_at TEXT NOT NULL
        );
        CREATE INDEX quotes_article ON quotes(article_id);
        CREATE INDEX quotes_speaker ON quotes(speaker_id);
        CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            df INTEGER NOT NULL DEFAULT 0,
            segments INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE postings (
            term_id INTEGER NOT NULL,
            seg INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (term_id, seg)
        ) WITHOUT ROWID;
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scope TEXT NOT NULL,
            url TEXT NOT NULL,
            channel_id INTEGER,
            etag TEXT,
            modified TEXT,
            interval_minutes INTEGER NOT NULL,
            last_success TEXT,
            last_error TEXT,
            last_error_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_poll TEXT,
            lease_owner TEXT,
            lease_until TEXT,
            UNIQUE (scope, url)
        );
        CREATE TABLE feed_entries (
            feed_key TEXT NOT NULL,
            entry_key TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_key, entry_key)
        ) WITHOUT ROWID;
        CREATE TABLE digests (
            guild_id INTEGER PRIMARY KEY,
            channel_id INTEGER NOT NULL,
            time_hhmm TEXT NOT NULL,
            timezone TEXT NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1,
            last_sent_date TEXT,
            last_sent_at TEXT
        );
        CREATE TABLE digest_claims (
            guild_id INTEGER NOT NULL,
            local_date TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            PRIMARY KEY (guild_id, local_date)
        ) WITHOUT ROWID;
        """,
    ),
    (
        2,
        """
        CREATE TABLE quote_signatures (
            first_id INTEGER PRIMARY KEY,
            data BLOB NOT NULL
        );
        """,
    ),
    (
        3,
        """
        ALTER TABLE quotes ADD COLUMN speaker_name TEXT;
        ALTER TABLE speaker_scopes ADD COLUMN name TEXT;
        ALTER TABLE article_scopes ADD COLUMN title TEXT;
        ALTER TABLE article_scopes ADD COLUMN outlet TEXT;
        ALTER TABLE article_scopes ADD COLUMN author TEXT;
        ALTER TABLE article_scopes ADD COLUMN published TEXT;
        ALTER TABLE article_scopes ADD COLUMN url TEXT;
        UPDATE article_scopes SET
            title = (SELECT title FROM articles a WHERE a.id = article_id),
            outlet = (SELECT outlet FROM articles a WHERE a.id = article_id),
            author = (SELECT author FROM articles a WHERE a.id = article_id),
            published = (SELECT published FROM articles a WHERE a.id = article_id),
            url = (SELECT url FROM articles a WHERE a.id = article_id);
        CREATE INDEX article_scopes_url ON article_scopes(url)
        """,
    ),
    (
        4,
        """
        ALTER TABLE quotes ADD COLUMN evidence TEXT
        """,
    ),
    (
        5,
        """
        ALTER TABLE quotes ADD COLUMN cluster_id INTEGER;
        CREATE INDEX quotes_cluster ON quotes(cluster_id) WHERE cluster_id IS NOT NULL
        """,
    ),
    (
        6,
        """
        CREATE TABLE quote_norms (
            quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL,
            norm TEXT NOT NULL
        )
        """,
    ),
]

#: Run after a version's script and its Python step, in the same transaction.
FINISH: dict[int, str] = {
    3: """
        UPDATE quotes SET speaker_name = (SELECT name FROM speakers WHERE id = quotes.speaker_id)
        WHERE speaker_id IS NOT NULL AND speaker_name IS NULL;
        DELETE FROM speaker_scopes;
        INSERT INTO speaker_scopes(scope, speaker_id, name)
        SELECT s.scope, q.speaker_id, MIN(q.speaker_name) FROM article_scopes s
        JOIN quotes q ON q.article_id = s.article_id WHERE q.speaker_id IS NOT NULL
        GROUP BY s.scope, q.speaker_id;
        DROP TABLE speaker_aliases
        """,
}

__all__ = ["FINISH", "MIGRATIONS"]

"""Versioned PostgreSQL schema. Append new versions; never edit an applied one.

Each version runs in its own transaction while the migrating process holds an advisory
lock, so two processes starting at once apply it exactly once.

Version 2: word-pair signatures of flushed quotes (one row per flush), and ``seq`` on
``article_scopes``, which numbers links in commit order (they are written under the
ingest lock) so a process can find the links other processes made since it last looked.

Version 3: speaker names resolved per scope and article metadata kept per link, as in
``sqlite_migrations`` (same columns, same Python step between the script and ``FINISH[3]``).

Version 4: each quote's evidence as JSON text in ``quotes.evidence``, as in
``sqlite_migrations`` (older quotes have none).

Version 5: quote clusters, ``quotes.cluster_id`` as in ``sqlite_migrations`` (NULL: the
quote is its own cluster).

Version 6: the compact ``quote_norms`` table look-ups read their candidates from, as in
``sqlite_migrations``; ``index_state.norms_upto`` is the highest quote id it covers (the
flush moves it with the watermark; at open older quotes are filled, ``postgres_search``).

Version 7 (PostgreSQL only, no table changes): two functions of a look-up
(``postgres_search``), each one round trip where it used to take several: ``probe_terms``,
the hidden-word probe with the first postings to read, and ``rerank_candidates``, the walk
over the ranked candidate ids a chunk at a time until enough are visible. Both plan their
queries once per session (``force_generic_plan``): as a plain statement the probe was
planned anew at each run, ~1.5 ms of the server's time per look-up.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE articles (
            id BIGSERIAL PRIMARY KEY,
            url TEXT UNIQUE,
            content_hash TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            author TEXT,
            published TIMESTAMPTZ,
            fetched_at TIMESTAMPTZ,
            added_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE TABLE article_scopes (
            scope TEXT NOT NULL,
            article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            linked_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (scope, article_id)
        );
        CREATE INDEX article_scopes_article ON article_scopes(article_id);
        CREATE INDEX article_scopes_linked ON article_scopes(scope, linked_at);
        CREATE TABLE speakers (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE
        );
        CREATE TABLE speaker_aliases (
            key TEXT PRIMARY KEY,
            speaker_id BIGINT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            seq BIGSERIAL NOT NULL UNIQUE
        );
        CREATE TABLE speaker_scopes (
            scope TEXT NOT NULL,
            speaker_id BIGINT NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            PRIMARY KEY (scope, speaker_id)
        );
        CREATE TABLE quotes (
            id BIGSERIAL PRIMARY KEY,
            article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            speaker_id BIGINT REFERENCES speakers(id),
            title TEXT,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            context TEXT NOT NULL DEFAULT '',
            confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
            start_pos INTEGER NOT NULL DEFAULT 0,
            end_pos INTEGER NOT NULL DEFAULT 0,
            added_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX quotes_article ON quotes(article_id);
        CREATE INDEX quotes_speaker ON quotes(speaker_id);
        CREATE TABLE scope_counts (
            scope TEXT PRIMARY KEY,
            quotes BIGINT NOT NULL DEFAULT 0
        );
        CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            df INTEGER NOT NULL DEFAULT 0,
            segments INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE postings (
            term_id INTEGER NOT NULL,
            seg INTEGER NOT NULL,
            data BYTEA NOT NULL,
            PRIMARY KEY (term_id, seg)
        );
        ALTER TABLE postings ALTER COLUMN data SET STORAGE EXTERNAL;
        CREATE TABLE index_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            generation BIGINT NOT NULL,
            epoch BIGINT NOT NULL,
            watermark BIGINT NOT NULL
        );
        INSERT INTO index_state(id, generation, epoch, watermark) VALUES (1, 0, 0, 0);
        CREATE TABLE feeds (
            id BIGSERIAL PRIMARY KEY,
            scope TEXT NOT NULL,
            url TEXT NOT NULL,
            channel_id BIGINT,
            etag TEXT,
            modified TEXT,
            interval_minutes INTEGER NOT NULL,
            last_success TIMESTAMPTZ,
            last_error TEXT,
            last_error_at TIMESTAMPTZ,
            failures INTEGER NOT NULL DEFAULT 0,
            next_poll TIMESTAMPTZ,
            lease_owner TEXT,
            lease_until TIMESTAMPTZ,
            UNIQUE (scope, url)
        );
        CREATE INDEX feeds_next_poll ON feeds(next_poll);
        CREATE TABLE feed_entries (
            feed_key TEXT NOT NULL,
            entry_key TEXT NOT NULL,
            seen_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (feed_key, entry_key)
        );
        CREATE TABLE digests (
            guild_id BIGINT PRIMARY KEY,
            channel_id BIGINT NOT NULL,
            time_hhmm TEXT NOT NULL,
            timezone TEXT NOT NULL,
            enabled BOOLEAN NOT NULL DEFAULT TRUE,
            last_sent_date DATE,
            last_sent_at TIMESTAMPTZ
        );
        CREATE TABLE digest_claims (
            guild_id BIGINT NOT NULL,
            local_date DATE NOT NULL,
            claimed_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (guild_id, local_date)
        );
        """,
    ),
    (
        2,
        """
        CREATE TABLE quote_signatures (
            first_id BIGINT PRIMARY KEY,
            data BYTEA NOT NULL
        );
        ALTER TABLE quote_signatures ALTER COLUMN data SET STORAGE EXTERNAL;
        ALTER TABLE article_scopes ADD COLUMN seq BIGSERIAL;
        CREATE INDEX article_scopes_seq ON article_scopes(seq);
        """,
    ),
    (
        3,
        """
        ALTER TABLE quotes ADD COLUMN speaker_name TEXT;
        ALTER TABLE speaker_scopes ADD COLUMN name TEXT;
        ALTER TABLE article_scopes ADD COLUMN title TEXT, ADD COLUMN outlet TEXT,
            ADD COLUMN author TEXT, ADD COLUMN published TIMESTAMPTZ, ADD COLUMN url TEXT;
        UPDATE article_scopes l SET title = a.title, outlet = a.outlet, author = a.author,
            published = a.published, url = a.url FROM articles a WHERE a.id = l.article_id;
        CREATE INDEX article_scopes_url ON article_scopes(url);
        """,
    ),
    (
        4,
        """
        ALTER TABLE quotes ADD COLUMN evidence TEXT;
        """,
    ),
    (
        5,
        """
        ALTER TABLE quotes ADD COLUMN cluster_id BIGINT;
        CREATE INDEX quotes_cluster ON quotes(cluster_id) WHERE cluster_id IS NOT NULL;
        """,
    ),
    (
        6,
        """
        CREATE TABLE quote_norms (
            quote_id BIGINT PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
            article_id BIGINT NOT NULL,
            norm TEXT NOT NULL
        );
        ALTER TABLE index_state ADD COLUMN norms_upto BIGINT NOT NULL DEFAULT 0;
        """,
    ),
    (
        7,
        """
        CREATE FUNCTION rerank_candidates(
            ids BIGINT[], scopes TEXT[], watermark BIGINT, chunk INTEGER
        ) RETURNS TABLE(out_id BIGINT, out_norm TEXT, out_text TEXT)
        LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
        DECLARE
            got BIGINT := 0;
            n BIGINT;
            k INTEGER := 0;
        BEGIN
            -- Flushed quotes from the compact quote_norms, those above the watermark (the
            -- index tail) from quotes; a chunk at a time, best first, until enough.
            WHILE got < chunk AND k * chunk < cardinality(ids) LOOP
                RETURN QUERY
                    SELECT m.quote_id, m.norm, NULL::TEXT FROM quote_norms m
                    WHERE m.quote_id = ANY(ids[k * chunk + 1 : (k + 1) * chunk])
                    AND m.quote_id <= watermark AND EXISTS (SELECT 1 FROM article_scopes s
                    WHERE s.article_id = m.article_id AND s.scope = ANY(scopes))
                    UNION ALL
                    SELECT q.id, NULL::TEXT, q.text FROM quotes q
                    WHERE q.id = ANY(ids[k * chunk + 1 : (k + 1) * chunk])
                    AND q.id > watermark AND EXISTS (SELECT 1 FROM article_scopes s
                    WHERE s.article_id = q.article_id AND s.scope = ANY(scopes));
                GET DIAGNOSTICS n = ROW_COUNT;
                got := got + n;
                k := k + 1;
            END LOOP;
        END
        $fn$;

        -- The terms (of the comma-separated ``terms``) with a visible quote among their
        -- probed ids, each test stopping at the first found and the next run only for a
        -- term the earlier ones missed: their index-tail ids sent (``los``/``his``: each
        -- term's first and last ordinal in ``tail_ids``), the newest ids of their newest
        -- stored segment, then 256 ids spread evenly over all their segments (as
        -- ``spread_ids``); segment ids are uint32 little-endian, read by ``substring``
        -- (segments are stored uncompressed out of line: only the bytes asked for are
        -- read). Then (out_seg not null) the whole postings of the ``prefetch`` terms.
        CREATE FUNCTION probe_terms(
            scopes TEXT[], terms TEXT, los TEXT, his TEXT, tail_ids TEXT, prefetch TEXT
        ) RETURNS TABLE(out_term INTEGER, out_seg INTEGER, out_data BYTEA)
        LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $fn$
        BEGIN
            RETURN QUERY
            WITH a AS (SELECT string_to_array(tail_ids, ',')::BIGINT[] AS ids),
            newest AS MATERIALIZED (
                SELECT DISTINCT ON (p.term_id) p.term_id,
                substring(p.data FROM greatest(1, length(p.data) - 255)) AS d
                FROM postings p WHERE p.term_id = ANY(string_to_array(terms, ',')::INT[])
                ORDER BY p.term_id, p.seg DESC
            ),
            seg AS MATERIALIZED (
                SELECT p.term_id, p.data, length(p.data) / 4 AS len,
                sum(length(p.data) / 4) OVER (PARTITION BY p.term_id ORDER BY p.seg)
                    - length(p.data) / 4 AS base,
                sum(length(p.data) / 4) OVER (PARTITION BY p.term_id) AS n
                FROM postings p WHERE p.term_id = ANY(string_to_array(terms, ',')::INT[])
            )
            SELECT b.t, NULL::INTEGER, NULL::BYTEA FROM a,
            unnest(string_to_array(terms, ',')::INT[], string_to_array(los, ',')::INT[],
                string_to_array(his, ',')::INT[]) AS b(t, lo, hi)
            WHERE EXISTS (
                SELECT 1 FROM unnest(a.ids[b.lo:b.hi]) AS u(id) JOIN quotes q ON q.id = u.id
                WHERE EXISTS (SELECT 1 FROM article_scopes s
                    WHERE s.article_id = q.article_id AND s.scope = ANY(scopes))
            ) OR EXISTS (
                SELECT 1 FROM newest
                CROSS JOIN LATERAL generate_series(0, length(newest.d) / 4 - 1) AS i(i)
                CROSS JOIN LATERAL (SELECT substring(newest.d FROM 4 * i.i + 1 FOR 4) AS w) w
                JOIN quotes q ON q.id = get_byte(w.w, 0) + (get_byte(w.w, 1) << 8)
                    + (get_byte(w.w, 2) << 16) + (get_byte(w.w, 3)::BIGINT << 24)
                WHERE newest.term_id = b.t AND EXISTS (SELECT 1 FROM article_scopes s
                    WHERE s.article_id = q.article_id AND s.scope = ANY(scopes))
            ) OR EXISTS (
                SELECT 1 FROM (
                    SELECT seg.data, seg.base, seg.len, CASE WHEN seg.n <= 256 THEN k.k
                    ELSE floor(k.k * (seg.n::FLOAT8 / 256))::BIGINT END AS pos
                    FROM seg, generate_series(0, 255) AS k(k) WHERE seg.term_id = b.t
                ) x
                CROSS JOIN LATERAL (
                    SELECT substring(x.data FROM 4 * (x.pos - x.base)::INT + 1 FOR 4) AS w
                ) w
                JOIN quotes q ON q.id = get_byte(w.w, 0) + (get_byte(w.w, 1) << 8)
                    + (get_byte(w.w, 2) << 16) + (get_byte(w.w, 3)::BIGINT << 24)
                WHERE x.pos >= x.base AND x.pos < x.base + x.len AND EXISTS (
                    SELECT 1 FROM article_scopes s
                    WHERE s.article_id = q.article_id AND s.scope = ANY(scopes))
            )
            UNION ALL
            SELECT p.term_id, p.seg, p.data FROM postings p
            WHERE p.term_id = ANY(string_to_array(prefetch, ',')::INT[]);
        END
        $fn$;
        """,
    ),
]

#: Run after a version's script and its Python step, in the same transaction.
FINISH: dict[int, str] = {
    3: """
        UPDATE quotes q SET speaker_name = s.name FROM speakers s
        WHERE s.id = q.speaker_id AND q.speaker_name IS NULL;
        DELETE FROM speaker_scopes;
        INSERT INTO speaker_scopes(scope, speaker_id, name)
        SELECT s.scope, q.speaker_id, MIN(q.speaker_name) FROM article_scopes s
        JOIN quotes q ON q.article_id = s.article_id WHERE q.speaker_id IS NOT NULL
        GROUP BY s.scope, q.speaker_id;
        DROP TABLE speaker_aliases;
        """,
}

__all__ = ["FINISH", "MIGRATIONS"]

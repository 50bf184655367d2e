"""The SQL text of a PostgreSQL look-up (``postgres_search``): the statements that fold
what used to be a query per step into one round trip each, and their small builders.

Quote ids travel as one comma-separated text that PostgreSQL splits: asyncpg encodes a
list parameter element by element on the event loop; a text is one value, built in C.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import accumulate

QUOTE_COLS = (
    "q.id, q.article_id, q.text, q.kind, q.speaker_name, q.title, q.context, q.confidence, "
    "q.start_pos, q.end_pos, q.added_at"
)
ARTICLE_COLS = (
    "a.id, a.title, a.outlet, a.author, a.published, a.url, a.fetched_at, a.content_hash, "
    "a.added_at"
)
IN_SCOPE = "q.article_id IN (SELECT article_id FROM article_scopes WHERE scope = ANY($1::text[]))"


#: What a hit shows, in one statement (``$1``: the quote ids as one comma-separated text,
#: ``$2`` the scopes): the quote and its article (columns 0-21, as ``hits_from_rows`` reads
#: them), its cluster label (22) and whether it shares a cluster with another quote (23),
#: what the scopes said about its article (24-28: each field from the first link, in scope
#: order, that has it, as ``link_metadata``) and its speaker's name in the scopes (29: the
#: first, in scope order, as ``postgres_speakers.view``).
HIT_ROWS = (
    f"SELECT {QUOTE_COLS}, {ARTICLE_COLS}, q.speaker_id, q.evidence, "
    "COALESCE(q.cluster_id, q.id), q.cluster_id IS NOT NULL OR EXISTS "
    "(SELECT 1 FROM quotes o WHERE o.cluster_id = q.id), "
    "l.title, l.outlet, l.author, l.published, l.url, "
    "(SELECT ss.name FROM speaker_scopes ss WHERE ss.speaker_id = q.speaker_id "
    "AND ss.scope = ANY($2::text[]) AND ss.name IS NOT NULL ORDER BY ss.scope LIMIT 1) "
    "FROM quotes q JOIN articles a ON a.id = q.article_id, LATERAL (SELECT "
    + ", ".join(
        f"(array_agg(s.{c} ORDER BY s.scope) FILTER (WHERE s.{c} IS NOT NULL))[1] AS {c}"
        for c in ("title", "outlet", "author", "published", "url")
    )
    + " FROM article_scopes s WHERE s.article_id = q.article_id "
    "AND s.scope = ANY($2::text[])) l WHERE q.id = ANY(string_to_array($1, ',')::bigint[])"
)
#: The terms of ``$2`` with a visible quote among their ids: ``$3`` and ``$4`` are each
#: term's first and last ordinal in the id list ``$5`` (all comma-separated texts, see
#: ``_seen_terms``).
SEEN_TERMS = (
    "SELECT b.t FROM (SELECT string_to_array($5, ',')::bigint[] AS ids) a, "
    "unnest(string_to_array($2, ',')::int[], string_to_array($3, ',')::int[], "
    "string_to_array($4, ',')::int[]) AS b(t, lo, hi) WHERE EXISTS (SELECT 1 FROM "
    "unnest(a.ids[b.lo:b.hi]) AS u(id) JOIN quotes q ON q.id = u.id WHERE EXISTS "
    "(SELECT 1 FROM article_scopes s WHERE s.article_id = q.article_id "
    "AND s.scope = ANY($1::text[])))"
)


#: The terms of ``$2`` with a visible quote among their probed ids, and the postings of
#: the terms of ``$6`` (rows with a segment number): schema 7's ``probe_terms`` (its
#: comment says how it probes). ``$3``/``$4`` are each term's first and last ordinal in
#: the index-tail ids ``$5``; all but the scopes are comma-separated texts.
PROBE_TERMS = "SELECT * FROM probe_terms($1::text[], $2, $3, $4, $5, $6)"


def term_slices(ids: Mapping[int, Sequence[int]], terms: Sequence[int]) -> tuple[str, ...]:
    """The terms, the 1-based first and last position of each term's ids in the id list, and
    that list: four comma-separated texts, the parameters after the scopes of both
    ``PROBE_TERMS`` and ``SEEN_TERMS`` (a text is one value for asyncpg, built in C)."""
    ends = list(accumulate(len(ids[t]) for t in terms))
    return (
        ",".join(map(str, terms)),
        ",".join(str(e - len(ids[t]) + 1) for e, t in zip(ends, terms, strict=True)),
        ",".join(map(str, ends)),
        ",".join(filter(None, (",".join(map(str, ids[t])) for t in terms))),
    )


__all__ = [
    "ARTICLE_COLS",
    "HIT_ROWS",
    "IN_SCOPE",
    "PROBE_TERMS",
    "QUOTE_COLS",
    "SEEN_TERMS",
    "term_slices",
]

"""What the SQLite and PostgreSQL backends share: validation, row mapping and the
candidate-gathering loop of the word index (speakers live in ``store.speakers``).

Everything here is free of any database driver, so both backends make the same decisions
and only differ in how they move bytes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.models import GLOBAL_SCOPE, Article, QuoteHit, StoredQuote
from bot.core.search.index import (
    RERANK_CANDIDATES,
    QueryPlan,
    Slot,
    WordIndex,
    best_tier_size,
    choose_slots,
    pair_signature,
    rank_candidates,
    refine_slots,
    unpack,
)
from bot.core.search.normalize import words
from bot.core.search.rank import Ranked
from bot.core.store.base import DigestConfig, FeedState, StoreError
from bot.core.store.evidence_json import evidence_from
from bot.core.urls import normalize_url

Status = Literal["added", "updated", "duplicate", "linked"]
#: What saving does to an article already stored (see :func:`plan_write`).
WriteAction = Literal["duplicate", "link", "replace", "copy"]

TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
#: ``TS_FORMAT`` as ``strftime`` writes it (fixed width, ASCII digits).
_TS_FIXED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def utcnow() -> datetime:
    return datetime.now(UTC)


def content_hash(text: str) -> str:
    """sha256 of the article text with Unicode and whitespace normalised."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def scope_list(scopes: Sequence[str]) -> list[str]:
    """Scopes as sorted distinct strings (a stable cache key and query parameter)."""
    return sorted({str(s) for s in scopes})


def as_datetime(value: Any) -> datetime | None:
    """A stored timestamp (SQLite text or a driver datetime) as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    text = str(value)
    if _TS_FIXED.fullmatch(text):  # what ts_text writes: ISO parsing is ~30x cheaper
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    return datetime.strptime(text, TS_FORMAT).replace(tzinfo=UTC)


def as_datetime_required(value: Any) -> datetime:
    out = as_datetime(value)
    if out is None:
        raise StoreError("a required timestamp is missing in the database")
    return out


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def utc(value: datetime | None) -> datetime | None:
    """An aware UTC datetime (naive ones are taken as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def clean_article_url(url: str | None) -> str | None:
    return normalize_url(url) if url and url.strip() else None


def check_feed(url: str, interval_minutes: int) -> str:
    """The normalised feed URL, or a clear error for a subscription that cannot work."""
    clean = normalize_url(url)
    if not clean:
        raise StoreError("a feed needs a URL")
    if interval_minutes < 1:
        raise StoreError(f"feed interval must be at least 1 minute, got {interval_minutes}")
    return clean


def check_digest(time_hhmm: str, timezone: str) -> str:
    """The stripped HH:MM, or a clear error for an impossible time or unknown zone."""
    time_hhmm = time_hhmm.strip()
    if not _HHMM.match(time_hhmm):
        raise StoreError(f"digest time must be HH:MM (24-hour), got {time_hhmm!r}")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise StoreError(f"unknown time zone {timezone!r} (use e.g. Europe/Paris)") from exc
    return time_hhmm


# -- who may change an article ----------------------------------------------------------


def plan_write(writer: str, holders: AbstractSet[str], same_text: bool) -> WriteAction:
    """What saving text at a known article does, given the scopes that hold it.

    The same text is stored once: a duplicate for a holder, else one more link (each scope
    keeps its own title and URL). A changed text replaces the article only when nobody
    else would see the change: no other scope holds it, or the writer is the operator
    (``global``) and the article is global (servers see global anyway, so they see one
    version, the operator's). Otherwise the writer gets its own copy and the other
    holders keep theirs untouched: a server never changes what another server or global
    sees, and the operator never rewrites an article only servers hold.
    """
    if same_text:
        return "duplicate" if writer in holders else "link"
    if holders <= {writer} or (writer == GLOBAL_SCOPE and GLOBAL_SCOPE in holders):
        return "replace"
    return "copy"


def seen_status(action: WriteAction, writer: str, holders: AbstractSet[str]) -> Status:
    """The status the writer is told: as if the database held only what it can see.

    "linked" only when the article was global (visible to the writer already), "updated"
    only when the writer held it; an article only another private scope holds is
    reported exactly as a fresh add, so the reply reveals nothing about that scope.
    """
    if action == "duplicate":
        return "duplicate"
    if action == "link":
        return "linked" if GLOBAL_SCOPE in holders and writer != GLOBAL_SCOPE else "added"
    return "updated" if writer in holders else "added"


def stored_status(action: WriteAction | None) -> Status:
    """What a save that keeps the stored article row did to it (before ``seen_status``
    decides what the writer is told): kept, linked to the writer's scope, or replaced."""
    if action == "duplicate":
        return "duplicate"
    return "linked" if action == "link" else "updated"


# -- row mapping -------------------------------------------------------------------------


def article_from(row: Sequence[Any]) -> Article:
    """id, title, outlet, author, published, url, fetched_at, content_hash, added_at."""
    return Article(
        id=int(row[0]),
        title=row[1],
        outlet=row[2],
        author=row[3],
        published=as_datetime(row[4]),
        url=row[5],
        fetched_at=as_datetime(row[6]),
        content_hash=row[7],
        added_at=as_datetime_required(row[8]),
    )


def quote_from(row: Sequence[Any], evidence: Any = None) -> StoredQuote:
    """id, article_id, text, kind, speaker, title, context, confidence, start, end, added_at;
    ``evidence`` is the raw ``quotes.evidence`` value (``evidence_json``)."""
    return StoredQuote(
        id=int(row[0]),
        article_id=int(row[1]),
        text=row[2],
        kind=row[3],
        speaker=row[4],
        title=row[5],
        context=row[6],
        confidence=float(row[7]),
        start=int(row[8]),
        end=int(row[9]),
        added_at=as_datetime_required(row[10]),
        evidence=evidence_from(evidence),
    )


#: What one scope's own ingest said about an article (``article_scopes`` columns).
LINK_COLS = "article_id, title, outlet, author, published, url"


def link_metadata(rows: Iterable[Sequence[Any]]) -> dict[int, list[Any]]:
    """Per article id, each field from the first link row (in the order given) that has it."""
    out: dict[int, list[Any]] = {}
    for row in rows:
        meta = out.setdefault(int(row[0]), [None] * 5)
        for i, value in enumerate(row[1:6]):
            if meta[i] is None and value is not None:
                meta[i] = value
    return out


def as_seen(article: Article, meta: Sequence[Any] | None) -> Article:
    """The article with the title, outlet, author, date and URL the reader's scopes gave it.

    An article is stored once however many scopes add it, but what each said about it
    (a private upload's headline, an internal URL) stays that scope's own.
    """
    title, outlet, author, published, url = meta if meta is not None else [None] * 5
    return replace(
        article,
        title=title,
        outlet=outlet,
        author=author,
        published=as_datetime(published),
        url=url,
    )


FEED_COLS = (
    "id, scope, url, channel_id, etag, modified, interval_minutes, last_success, last_error, "
    "last_error_at, failures, next_poll"
)
DIGEST_COLS = "guild_id, channel_id, time_hhmm, timezone, enabled, last_sent_date, last_sent_at"


def feed_from(row: Sequence[Any]) -> FeedState:
    return FeedState(
        id=int(row[0]),
        scope=row[1],
        url=row[2],
        channel_id=None if row[3] is None else int(row[3]),
        etag=row[4],
        modified=row[5],
        interval_minutes=int(row[6]),
        last_success=as_datetime(row[7]),
        last_error=row[8],
        last_error_at=as_datetime(row[9]),
        failures=int(row[10]),
        next_poll=as_datetime(row[11]),
    )


def digest_from(row: Sequence[Any]) -> DigestConfig:
    return DigestConfig(
        guild_id=int(row[0]),
        channel_id=int(row[1]),
        time_hhmm=row[2],
        timezone=row[3],
        enabled=bool(row[4]),
        last_sent_date=as_date(row[5]),
        last_sent_at=as_datetime(row[6]),
    )


# -- search ------------------------------------------------------------------------------

#: How many ranked candidate ids are looked up (in rank order) to find the reranked ones.
CANDIDATE_IDS = RERANK_CANDIDATES * 4

CandidateSearch = Generator[list[Slot], list[set[int]], list[int]]


def gather_candidates(
    plan: QueryPlan,
    *,
    prefer: Callable[[int], int] | None = None,
    visible: AbstractSet[int] | None = None,
) -> CandidateSearch:
    """Ask for the postings of the slots worth reading; return ranked candidate ids.

    A generator so that a blocking and an async backend share the same loop: it yields
    the slots to read and is sent back one id set per slot. ``prefer`` orders big candidate
    tiers (word-pair affinity) and ``visible`` restricts ranking to a scope's own quotes.
    """
    chosen = choose_slots(plan)
    sets = list((yield list(chosen)))
    while best_tier_size(sets) > RERANK_CANDIDATES:
        extra = refine_slots(plan, chosen)
        if extra is None:
            break
        chosen.append(extra)
        sets.extend((yield [extra]))
    return rank_candidates(sets, limit=CANDIDATE_IDS, prefer=prefer, visible=visible)


def run_candidates(
    plan: QueryPlan,
    read: Callable[[Slot], set[int]],
    *,
    prefer: Callable[[int], int] | None = None,
    visible: AbstractSet[int] | None = None,
) -> list[int]:
    """Drive :func:`gather_candidates` with a blocking slot reader."""
    search = gather_candidates(plan, prefer=prefer, visible=visible)
    try:
        slots = next(search)
        while True:
            slots = search.send([read(s) for s in slots])
    except StopIteration as stop:
        return list(stop.value)


# -- which exact words the asker can see ---------------------------------------------------

#: How many of a term's newest quote ids are probed first for one the asker can see.
VISIBLE_PROBE = 64
#: The newest ids of a stored segment: its last bytes (segments are sorted uint32 arrays).
PROBE_BYTES = 4 * VISIBLE_PROBE


def probe_split(ids: Sequence[int]) -> list[bytes]:
    """A compacted term's sorted ids as the segments to store: all but the newest
    :data:`VISIBLE_PROBE`, then those alone.

    The visibility probe reads only the newest segment's end, but SQLite reads a whole
    value to cut its end, following its overflow pages: a common word's one compacted
    segment (megabytes) cost hundreds of page reads on a cold cache. A short list stays
    one segment.
    """
    data = array("I", ids)
    if len(data) <= 2 * VISIBLE_PROBE:
        return [data.tobytes()]
    return [data[:-VISIBLE_PROBE].tobytes(), data[-VISIBLE_PROBE:].tobytes()]


def probe_ids(tail: Sequence[int], newest: bytes | None) -> list[int]:
    """A term's newest quote ids: its index-tail ones, then the end of its newest segment.

    A word a scope can see nearly always shows in these; only the rest (hidden words, or
    words mostly in other servers' private articles) needs its whole postings read.
    """
    ids = list(tail[-VISIBLE_PROBE:])
    if newest:
        ids.extend(unpack(bytes(newest)[-PROBE_BYTES:]))
    return ids


def spread_ids(ids: Sequence[int], n: int = 4 * VISIBLE_PROBE) -> list[int]:
    """``n`` ids evenly spread over a term's postings: where the newest ones all belong to
    deleted quotes (stale postings stay until compaction), older ones are still seen."""
    if len(ids) <= n:
        return list(ids)
    step = len(ids) / n
    return [ids[int(k * step)] for k in range(n)]


class SeenTerms:
    """Terms already found visible to a list of scopes, kept until anything changes.

    Any save or deletion moves the store's generation, which empties it: a verdict never
    outlives the data it was read from.
    """

    LIMIT = 100_000

    def __init__(self) -> None:
        self.generation = -1
        self.known: set[tuple[tuple[str, ...], int]] = set()

    def unknown(self, generation: int, scopes: Sequence[str], terms: Iterable[int]) -> set[int]:
        """The terms not yet known to be visible to ``scopes`` at this generation."""
        if generation != self.generation or len(self.known) > self.LIMIT:
            self.known.clear()
            self.generation = generation
        key = tuple(scopes)
        return {t for t in terms if (key, t) not in self.known}

    def remember(self, generation: int, scopes: Sequence[str], terms: Iterable[int]) -> None:
        if generation == self.generation:
            key = tuple(scopes)
            self.known.update((key, t) for t in terms)


# -- word-pair signatures ----------------------------------------------------------------


def load_signatures(
    index: WordIndex, rows: Iterable[tuple[int, bytes]], start: int = 0
) -> list[tuple[int, int]]:
    """Load stored signature rows into the index; return the id ranges they leave uncovered.

    The ranges (first, last) lie in ``start + 1 .. index.watermark``: flushed quotes whose
    signatures were never stored (a database older than them) and must be computed once.
    """
    spans: list[tuple[int, int]] = []
    for first_id, data in rows:
        index.load_signatures(int(first_id), bytes(data))
        spans.append((int(first_id), int(first_id) + len(data) // 16 - 1))
    gaps: list[tuple[int, int]] = []
    pos, end = start + 1, index.watermark
    for lo, hi in sorted(spans):
        if pos > end:
            break
        if lo > pos:
            gaps.append((pos, min(lo - 1, end)))
        pos = max(pos, hi + 1)
    if pos <= end:
        gaps.append((pos, end))
    return gaps


def fill_signatures(
    index: WordIndex, first_id: int, last_id: int, texts: Iterable[tuple[int, str]]
) -> tuple[int, bytes]:
    """Compute the signatures of quotes ``first_id..last_id``; the row that stores them."""
    for quote_id, text in texts:
        index.set_signature(int(quote_id), pair_signature(words(str(text))))
    return first_id, index.signature_bytes(first_id, last_id)


# -- scope visibility --------------------------------------------------------------------

#: Scopes that see less than 1/SCOPE_SHARE of all quotes rank candidates among their own
#: quotes only; larger ones rank among all and drop the invisible (4x over-fetch suffices).
SCOPE_SHARE = 2
#: At most this many per-scope sets of visible quote ids are kept.
SCOPE_ID_SETS = 16


class ScopeIds:
    """The quote ids of scopes that see a small share of the database, built on use.

    Candidates are ranked among visible quotes only: otherwise a server whose quotes are a
    small share of the database would lose its hits to quotes it cannot see. A set may
    hold ids of since-deleted quotes (harmless: candidates are checked against the scope
    again); it must never lack a quote the scope sees.
    """

    def __init__(self) -> None:
        self.sets: dict[str, set[int]] = {}

    def restricts(self, scopes: Sequence[str], scope_quotes: Mapping[str, int], total: int) -> bool:
        """Whether these scopes see a small enough share to rank only their own quotes."""
        return sum(scope_quotes.get(s, 0) for s in scopes) * SCOPE_SHARE < total

    def missing(self, scopes: Sequence[str]) -> list[str]:
        return [s for s in scopes if s not in self.sets]

    def collect(self, scopes: Sequence[str], loaded: Mapping[str, set[int]]) -> set[int]:
        """The union of the scopes' sets, keeping the ``loaded`` ones (oldest go first)."""
        out: set[int] | None = None
        for scope in scopes:
            ids = self.sets.get(scope)
            if ids is None:
                ids = loaded.get(scope, set())
                if len(self.sets) >= SCOPE_ID_SETS:
                    self.sets.pop(next(iter(self.sets)))
                self.sets[scope] = ids
            out = ids if out is None else out | ids
        return out if out is not None else set()

    def add(self, scopes: Iterable[str], quote_ids: Iterable[int]) -> None:
        """New quotes of these scopes (only the sets already built follow)."""
        ids = list(quote_ids)
        for scope in scopes:
            found = self.sets.get(scope)
            if found is not None:
                found.update(ids)

    def drop(self, scope: str) -> None:
        """An article was linked into the scope: rebuild its set on next use."""
        self.sets.pop(scope, None)

    def clear(self) -> None:
        self.sets.clear()


def hits_from_rows(
    ranked: Sequence[Ranked],
    rows: Mapping[int, Sequence[Any]],
    names: Mapping[int, str],
    links: Mapping[int, Sequence[Any]],
) -> list[QuoteHit]:
    """The hits shown, in rank order, from the hit rows both stores read the same way.

    A row is the quote (0-10), its article (11-19), speaker id (20) and evidence (21);
    ``names`` are the speakers as the asking scopes name them, ``links`` what those scopes
    said about each article. A ranked id whose row is gone (removed since) is skipped.
    """
    out: list[QuoteHit] = []
    for r in ranked:
        row = rows.get(r.quote_id)
        if row is None:
            continue
        columns = row[:11]
        if row[20] is not None and int(row[20]) in names:
            columns = (*row[:4], names[int(row[20])], *row[5:11])
        quote = quote_from(columns, row[21])
        out.append(
            QuoteHit(
                quote=quote,
                article=as_seen(article_from(row[11:20]), links.get(int(row[1]))),
                score=round(r.score, 2),
                matched=r.matched,
            )
        )
    return out


__all__ = [
    "CANDIDATE_IDS",
    "DIGEST_COLS",
    "FEED_COLS",
    "LINK_COLS",
    "PROBE_BYTES",
    "SCOPE_ID_SETS",
    "SCOPE_SHARE",
    "VISIBLE_PROBE",
    "ScopeIds",
    "SeenTerms",
    "Status",
    "WriteAction",
    "article_from",
    "as_date",
    "as_datetime",
    "as_seen",
    "check_digest",
    "check_feed",
    "clean_article_url",
    "content_hash",
    "digest_from",
    "feed_from",
    "fill_signatures",
    "gather_candidates",
    "hits_from_rows",
    "link_metadata",
    "load_signatures",
    "plan_write",
    "probe_ids",
    "probe_split",
    "quote_from",
    "run_candidates",
    "scope_list",
    "seen_status",
    "spread_ids",
    "utc",
    "utcnow",
]

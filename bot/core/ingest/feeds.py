"""RSS and Atom feeds: parse what we fetched, and recognise entries seen before.

feedparser only ever sees bytes we fetched ourselves through the SSRF guard; it is never
handed a URL. An entry is known by its ids, the normalised link and the GUID, so the same
story re-posted with tracking parameters, or under a new link with the same GUID, is
ingested once. Entries with different ids are different entries however alike their titles (a
council's "Council meeting, ward 12", "ward 13"…): the title only identifies an entry that
has neither link nor GUID.
"""

from __future__ import annotations

import calendar
import io
import re
import time
import unicodedata
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from rapidfuzz import fuzz

from bot.core.ingest.errors import IngestError
from bot.core.ingest.urls import normalize_url

#: Two titles whose fingerprints are at least this similar (rapidfuzz ratio) are one story.
TITLE_SIMILARITY = 95.0
#: An entry without ids is compared with this many id-less entries before it in the batch
#: (a re-post sits next to its original), so a batch costs linear time, not quadratic.
TITLE_WINDOW = 64
#: feedparser's complaints about the served Content-Type or charset: the document itself is
#: fine (servers often call their feeds text/html), so they do not make a feed malformed.
_BENIGN_BOZO = ("NonXMLContentType", "CharacterEncodingOverride")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_TAGS = re.compile(r"<[^>]+>")


class FeedError(IngestError):
    """The document is not a feed we can read."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed, as much as the feed told us."""

    link: str | None
    guid: str | None
    title: str | None
    published: datetime | None
    summary: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title and entries in document order."""

    title: str | None
    entries: tuple[FeedEntry, ...]


def _struct_to_datetime(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(_TAGS.sub(" ", value).split())
    return text or None


def looks_like_feed(body: bytes) -> bool:
    """A cheap sniff for documents served without a feed content type."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip() if b"?>" in head else head
        while head.startswith(b"<!--") and b"-->" in head:
            head = head[head.find(b"-->") + 3 :].lstrip()
        while head.startswith(b"<?") and b"?>" in head:
            head = head[head.find(b"?>") + 2 :].lstrip()
        return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(
    body: bytes, base_url: str | None = None, content_type: str | None = None
) -> ParsedFeed:
    """Entries of an RSS/Atom document; :class:`FeedError` when it is not a readable feed.

    ``content_type`` is the response's header (charset included): without it feedparser
    flags every document, and an empty but valid feed looked malformed. A feed with no
    entries yet is an empty :class:`ParsedFeed`.
    """
    import feedparser

    if not body.strip():
        raise FeedError("empty feed")
    headers = {"content-location": base_url} if base_url else {}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers or None)
    except Exception:  # feedparser is lenient, but its sanitizers can still throw
        raise FeedError("malformed feed (could not parse it)") from None
    # A broken document can leave husks of entries behind: keep those that say something.
    raw_entries = [
        raw
        for raw in parsed.get("entries") or []
        if _clean(raw.get("link")) or _clean(raw.get("id")) or _clean(raw.get("title"))
    ]
    if not raw_entries:
        problem = type(parsed.get("bozo_exception")).__name__
        if parsed.get("bozo") and problem not in _BENIGN_BOZO:
            raise FeedError("malformed feed (not valid RSS or Atom)")
        if not parsed.get("version"):
            raise FeedError("not a feed (no RSS or Atom found)")
    entries = []
    for raw in raw_entries:
        link = _clean(raw.get("link"))
        guid = _clean(raw.get("id"))
        published = _struct_to_datetime(raw.get("published_parsed")) or _struct_to_datetime(
            raw.get("updated_parsed")
        )
        entries.append(
            FeedEntry(
                link=link,
                guid=guid,
                title=_clean(raw.get("title")),
                published=published,
                summary=_clean(raw.get("summary")),
            )
        )
    feed_title = _clean((parsed.get("feed") or {}).get("title"))
    return ParsedFeed(title=feed_title, entries=tuple(entries))


def title_fingerprint(title: str) -> str:
    """Case-folded letters and digits only: punctuation, quote style and spacing vanish."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return _NON_WORD.sub("", text)


def entry_keys(entry: FeedEntry) -> list[str]:
    """The keys a feed remembers an entry by: ``url:`` and ``guid:``; only an entry with
    neither is known by ``title:<fingerprint>@<day>`` (when dated: the day keeps a recurring
    column, "Morning briefing", from being taken for yesterday's entry)."""
    keys: list[str] = []
    if entry.link:
        keys.append("url:" + normalize_url(entry.link))
    if entry.guid and entry.guid.strip():
        keys.append("guid:" + entry.guid.strip())
    if not keys and entry.title and entry.published:
        fingerprint = title_fingerprint(entry.title)
        if fingerprint:
            keys.append(f"title:{fingerprint}@{entry.published.date().isoformat()}")
    return keys


def _has_id(keys: Sequence[str]) -> bool:
    return any(k.startswith(("url:", "guid:")) for k in keys)


def similar_title(fingerprint: str, seen: Iterable[str]) -> bool:
    """Whether a title fingerprint is near-identical to one already seen."""
    if not fingerprint:
        return False
    return any(fuzz.ratio(fingerprint, other) >= TITLE_SIMILARITY for other in seen)


@dataclass
class BatchDeduplicator:
    """Drops entries repeated within one batch: a shared link or GUID key; for entries with
    neither, the same title or a near-identical one among the last :data:`TITLE_WINDOW`."""

    keys: set[str]
    titles: set[str] = field(default_factory=set)
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=TITLE_WINDOW))

    @classmethod
    def empty(cls) -> BatchDeduplicator:
        return cls(set())

    def is_repeat(self, keys: Sequence[str], title: str | None = None) -> bool:
        """Whether an entry was already taken in this batch (and take it if not)."""
        if any(k in self.keys for k in keys):
            return True
        fingerprint = title_fingerprint(title) if title and not _has_id(keys) else ""
        if fingerprint and (fingerprint in self.titles or similar_title(fingerprint, self.recent)):
            return True
        self.keys.update(keys)
        if fingerprint:
            self.titles.add(fingerprint)
            self.recent.append(fingerprint)
        return False


__all__ = [
    "TITLE_SIMILARITY",
    "TITLE_WINDOW",
    "BatchDeduplicator",
    "FeedEntry",
    "FeedError",
    "ParsedFeed",
    "entry_keys",
    "looks_like_feed",
    "parse_feed",
    "similar_title",
    "title_fingerprint",
]

"""The store contract: what the CLI, the ingest pipeline, the digest and the cogs may ask.

Both backends (SQLite, the embedded default, and PostgreSQL for several processes)
implement this protocol and pass the same contract tests in ``tests/test_store_contract.py``.
Scopes are strings: ``"global"`` (operator-added, visible everywhere) or a Discord guild id
as a decimal string. Every read takes the scopes it may see; nothing is visible otherwise,
speaker names included: which full name a surname stands for, how a name is spelled and
which title goes with it come only from quotes in those scopes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from bot.core.models import (
    Article,
    ArticleInput,
    IngestResult,
    Page,
    Quote,
    QuoteHit,
    SearchResult,
    SpeakerCount,
    Stats,
)
from bot.core.store.deletion import ArticleList, ForgetCounts


class StoreError(RuntimeError):
    """A store operation failed in a way the caller should report (bad URL, broken database)."""


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed subscription in one scope, with what conditional GET and back-off need."""

    id: int
    scope: str
    url: str
    channel_id: int | None
    etag: str | None
    modified: str | None
    interval_minutes: int
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int
    next_poll: datetime | None


@dataclass(frozen=True, slots=True)
class DigestConfig:
    """A guild's digest settings: where and when (local time in an IANA zone)."""

    guild_id: int
    channel_id: int
    time_hhmm: str
    timezone: str
    enabled: bool
    last_sent_date: date | None
    last_sent_at: datetime | None


@runtime_checkable
class Store(Protocol):
    """Async persistence for articles, quotes, speakers, scopes, feeds and guild settings."""

    async def open(self) -> None:
        """Connect and apply pending migrations (versioned, idempotent)."""

    async def close(self) -> None:
        """Release connections; safe to call twice."""

    # -- articles and quotes -------------------------------------------------------------
    async def save_article(
        self, article: ArticleInput, quotes: Sequence[Quote], scope: str
    ) -> IngestResult:
        """Store an article and its quotes in ``scope``, atomically.

        Same URL (normalised) or same content hash already in this scope: ``duplicate``.
        Known article, new scope: stored once, linked twice; told ``linked`` only when the
        article was global (already visible), else ``added`` exactly as a fresh add. Same URL
        with changed text: ``updated``, its quotes replaced in one transaction, but only for
        the writer (and, for ``global``, the servers that also hold the global article): when
        another scope holds it, the writer gets its own copy and the others keep theirs
        (``common.plan_write``, ``common.seen_status``). Otherwise ``added``.
        """

    async def get_article(self, article_id: int) -> Article | None:
        """The article with this id, whatever its scope (callers check scope first)."""

    async def find_article(self, url: str, scopes: Sequence[str]) -> Article | None:
        """The article at this (normalised) URL if one of ``scopes`` can see it."""

    # -- search --------------------------------------------------------------------------
    async def who_said(self, phrase: str, scopes: Sequence[str], limit: int = 5) -> SearchResult:
        """Rank quotes matching ``phrase`` (fuzzy: case, quote style, typos, partial phrases)."""

    async def quotes_by(
        self, speaker: str, scopes: Sequence[str], offset: int = 0, limit: int = 10
    ) -> tuple[str | None, Page]:
        """The resolved speaker (fuzzy; a surname reads as the one full name the scopes quote)
        and a page of their quotes, newest first."""

    async def speaker_names(self, prefix: str, scopes: Sequence[str], limit: int = 25) -> list[str]:
        """Speaker names for autocomplete: prefix matches first, then fuzzy ones."""

    async def random_quote(
        self, scopes: Sequence[str], speaker: str | None = None, seed: int | None = None
    ) -> QuoteHit | None:
        """A random quote in scope (of one speaker when given)."""

    async def top_speakers(
        self, scopes: Sequence[str], since: datetime | None = None, limit: int = 10
    ) -> list[SpeakerCount]:
        """Most quoted speakers in scope, with counts and the latest title the scopes give."""

    async def stats(self, scopes: Sequence[str]) -> Stats:
        """Counts of articles, quotes, speakers (and feeds) visible in ``scopes``."""

    async def quotes_added(
        self, scopes: Sequence[str], since: datetime, until: datetime
    ) -> list[QuoteHit]:
        """Quotes whose article was linked into one of ``scopes`` in [since, until) (digest)."""

    # -- feeds ---------------------------------------------------------------------------
    async def add_feed(
        self, scope: str, url: str, channel_id: int | None, interval_minutes: int
    ) -> FeedState:
        """Subscribe ``scope`` to a feed (idempotent: same URL returns the existing one)."""

    async def remove_feed(self, scope: str, url: str) -> bool:
        """Unsubscribe; False when there was no such feed."""

    async def list_feeds(self, scope: str | None = None) -> list[FeedState]:
        """Feeds of one scope, or all of them."""

    async def update_feed(
        self,
        feed_id: int,
        *,
        etag: str | None,
        modified: str | None,
        success_at: datetime | None,
        error: str | None,
        error_at: datetime | None,
        failures: int,
        next_poll: datetime,
    ) -> None:
        """Record the result of a poll."""

    async def lease_due_feeds(
        self, now: datetime, owner: str, lease_seconds: int, limit: int = 10
    ) -> list[FeedState]:
        """Take due feeds for ``owner`` so that no other process polls them meanwhile."""

    async def seen_entries(self, feed_key: str, keys: Sequence[str]) -> set[str]:
        """Which entry keys (normalised URL, GUID, title fingerprint) a feed has seen."""

    async def mark_entries(self, feed_key: str, keys: Sequence[str]) -> None:
        """Remember entry keys so the feed never ingests them again."""

    # -- digest --------------------------------------------------------------------------
    async def get_digest(self, guild_id: int) -> DigestConfig | None:
        """The guild's digest settings, if any."""

    async def set_digest(
        self, guild_id: int, channel_id: int, time_hhmm: str, timezone: str, enabled: bool = True
    ) -> DigestConfig:
        """Create or change a guild's digest settings."""

    async def digest_configs(self) -> list[DigestConfig]:
        """All enabled digests (the scheduler filters by shard and due time)."""

    async def claim_digest(self, guild_id: int, local_date: date, now: datetime) -> bool:
        """Atomically record that today's digest is being sent; False if already claimed."""

    # -- data control --------------------------------------------------------------------
    async def list_articles(self, scope: str, offset: int = 0, limit: int = 10) -> ArticleList:
        """The articles ``scope`` holds, most recently added first, with their quote counts."""

    async def remove_article(self, scope: str, ref: int | str) -> Article | None:
        """Unlink one article (by id, or normalised URL) from ``scope``: none of its quotes
        is visible there any more, and rows no scope holds are deleted. None if not held."""

    async def forget_scope(self, scope: str) -> ForgetCounts:
        """Delete everything private to ``scope``: its articles (unlinked where another scope
        holds them), their quotes and speakers, its feeds and seen entries, digest settings
        and claims."""

    # -- one quote -------------------------------------------------------------------------
    async def quote_hit(self, quote_id: int, scopes: Sequence[str]) -> QuoteHit | None:
        """One quote with its article, as ``scopes`` see it (for a button that names the
        quote by id); None when it is gone or not visible there."""

    # -- bulk ingest -----------------------------------------------------------------------
    async def save_articles(
        self, batch: Sequence[tuple[ArticleInput, Sequence[Quote]]], scope: str
    ) -> list[IngestResult | StoreError]:
        """Several articles in ``scope``, each as :meth:`save_article` stores it, in one
        transaction: the result of each in order, a :class:`StoreError` for one that could
        not be stored (it alone is left out). An interrupt or a kill before the end leaves
        none of the batch, and every earlier batch whole."""


async def open_store(database_url: str, *, cluster_window_days: int = 30) -> Store:
    """Open the backend named by ``database_url`` (``sqlite:///...`` or ``postgresql://...``);
    ``cluster_window_days`` is the ``CLUSTER_WINDOW_DAYS`` setting (0: no clustering)."""
    if database_url.startswith("sqlite:"):
        from bot.core.store.sqlite import SQLiteStore

        store: Store = SQLiteStore.from_url(database_url, cluster_window_days=cluster_window_days)
    elif database_url.startswith(("postgresql:", "postgres:")):
        from bot.core.store.postgres import PostgresStore

        store = PostgresStore.from_url(database_url, cluster_window_days=cluster_window_days)
    else:
        raise StoreError(
            f"DATABASE_URL must start with sqlite:/// or postgresql://, got {database_url!r}"
        )
    await store.open()
    return store

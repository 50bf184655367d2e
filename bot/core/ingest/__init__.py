"""Ingestion: files, HTML pages, URLs and feeds into the store (fetching guarded against SSRF).

The names below are the package's public API; callers (the CLI, the cogs, the feed poller)
import them from here.
"""

from bot.core.ingest.errors import BlockedURLError, FetchError, IngestError
from bot.core.ingest.fetch import Fetcher, FetchResult
from bot.core.ingest.pipeline import (
    FeedResult,
    IngestSummary,
    ItemResult,
    default_feed_key,
    ingest_feed,
    ingest_text,
    ingest_upload,
    ingest_url,
)
from bot.core.ingest.sources import ingest_sources
from bot.core.ingest.ssrf import SSRFGuard, guarded_session
from bot.core.ingest.urls import normalize_url, validate_url

__all__ = [
    "BlockedURLError",
    "FeedResult",
    "FetchError",
    "FetchResult",
    "Fetcher",
    "IngestError",
    "IngestSummary",
    "ItemResult",
    "SSRFGuard",
    "default_feed_key",
    "guarded_session",
    "ingest_feed",
    "ingest_sources",
    "ingest_text",
    "ingest_upload",
    "ingest_url",
    "normalize_url",
    "validate_url",
]

"""Issue 18 figure: how many entries of a big templated feed the pipeline adds.

    python -m bench.feed_dedup [--entries 10000]

A council feed whose entries are "Council meeting, ward N", each with its own link, GUID and
article, goes through the real feed pipeline (``process_feed``: parsing, batch
de-duplication, extraction) with an in-memory store and a stub fetcher that serves each
ward's article from memory, so nothing touches the network. Every entry is a different
entry, so every one should be added.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import cast

from bot.core.ingest.fetch import Fetcher, FetchResult
from bot.core.ingest.pipeline import process_feed
from bot.core.models import Article, ArticleInput, IngestResult, Quote

BASE = "https://council.example"


def templated_feed(entries: int) -> bytes:
    """An RSS document of ``entries`` ward meetings with near-identical titles."""
    items = "".join(
        f"<item><title>Council meeting, ward {n}</title><link>{BASE}/wards/{n}</link>"
        f"<guid>ward-{n}</guid><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate></item>"
        for n in range(1, entries + 1)
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wards</title>"
        f"{items}</channel></rss>"
    ).encode()


class StubFetcher:
    """Serves ward N's article for ``/wards/N``; counts the fetches."""

    def __init__(self) -> None:
        self.fetches = 0

    async def fetch(
        self, url: str, *, etag: str | None = None, modified: str | None = None
    ) -> FetchResult:
        self.fetches += 1
        n = url.rsplit("/", 1)[-1]
        text = (
            f'Council meeting, ward {n}\n\n"Ward {n} needs new street lights," said '
            "councillor Dana Pike on Monday evening.\n"
        )
        return FetchResult(url, 200, "text/plain", "utf-8", text.encode())


class MemoryStore:
    """Just enough of a store: articles by URL and text, seen entry keys."""

    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.entries: set[str] = set()

    async def save_article(
        self, article: ArticleInput, quotes: Sequence[Quote], scope: str
    ) -> IngestResult:
        digest = hashlib.sha256(article.text.encode()).hexdigest()
        known = self.by_key.get(digest) or self.by_key.get(article.url or "")
        if known:
            return IngestResult(known, "duplicate", 0)
        new_id = len(self.by_key) + 1
        self.by_key[digest] = new_id
        if article.url:
            self.by_key[article.url] = new_id
        return IngestResult(new_id, "added", len(quotes))

    async def find_article(self, url: str, scopes: Sequence[str]) -> Article | None:
        return None

    async def seen_entries(self, feed_key: str, keys: Sequence[str]) -> set[str]:
        return {k for k in keys if k in self.entries}

    async def mark_entries(self, feed_key: str, keys: Sequence[str]) -> None:
        self.entries.update(keys)


async def run(entries: int) -> None:
    fetcher = StubFetcher()
    feed = FetchResult(f"{BASE}/rss", 200, "application/rss+xml", "utf-8", templated_feed(entries))
    start = time.perf_counter()
    result = await process_feed(
        feed,
        scope="1",
        store=MemoryStore(),
        fetcher=cast(Fetcher, fetcher),
        clock=lambda: datetime(2025, 3, 3, tzinfo=UTC),
    )
    took = time.perf_counter() - start
    statuses = Counter(item.status for item in result.items)
    print(f"{entries} entries: {dict(statuses)}; {fetcher.fetches} fetched; {took:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    asyncio.run(run(parser.parse_args().entries))


if __name__ == "__main__":
    main()

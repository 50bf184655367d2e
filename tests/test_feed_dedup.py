"""Issue 18: distinct feed entries are never dropped, and an empty feed is not malformed.

Entries with different links or GUIDs are different entries, however alike their titles
(a council's "Council meeting, ward 12", "ward 13"…). Title similarity only merges entries
that carry no id at all, and that comparison grows linearly with the batch.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from bot.core.ingest.feeds import BatchDeduplicator, FeedEntry, entry_keys, parse_feed
from bot.core.ingest.fetch import Fetcher
from bot.core.ingest.pipeline import ingest_feed
from tests.fixtures.ingest.support import LOCAL, FakeStore, Site, serve
from tests.linear_time import best_cpu_time

DAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def ward_entry(n: int, *, link: bool = True, guid: bool = True) -> FeedEntry:
    return FeedEntry(
        link=f"https://council.example/meetings/ward-{n}" if link else None,
        guid=f"council-ward-{n}" if guid else None,
        title=f"Council meeting, ward {n}",
        published=DAY,
        summary=None,
    )


def kept(entries: list[FeedEntry]) -> list[FeedEntry]:
    batch = BatchDeduplicator.empty()
    return [e for e in entries if not batch.is_repeat(entry_keys(e), e.title)]


def test_templated_titles_with_distinct_ids_are_all_kept() -> None:
    entries = [ward_entry(n) for n in range(10_000)]
    assert len(kept(entries)) == 10_000


def test_distinct_links_alone_or_guids_alone_keep_entries_apart() -> None:
    by_link = [ward_entry(n, guid=False) for n in range(50)]
    by_guid = [ward_entry(n, link=False) for n in range(50)]
    assert len(kept(by_link)) == 50
    assert len(kept(by_guid)) == 50


def test_a_shared_link_or_guid_is_still_one_entry() -> None:
    first = ward_entry(1)
    same_guid = FeedEntry("https://council.example/other", first.guid, "Other", DAY, None)
    same_link = FeedEntry(f"{first.link}?utm_source=rss", "x-9", "Other", DAY, None)
    assert kept([first, same_guid, same_link]) == [first]


def test_titles_merge_only_entries_without_an_id() -> None:
    bare = FeedEntry(None, None, "Harbour plan approved", DAY, None)
    retouched = FeedEntry(None, None, "Harbour plan approve!", DAY, None)
    with_id = FeedEntry("https://ledger.example/harbour", None, "Harbour plan approved", DAY, None)
    other = FeedEntry(None, None, "Harbour plan rejected", DAY, None)
    assert kept([bare, retouched, with_id, other]) == [bare, with_id, other]


def test_an_entry_with_an_id_is_not_known_by_its_title() -> None:
    assert entry_keys(ward_entry(12)) == [
        "url:https://council.example/meetings/ward-12",
        "guid:council-ward-12",
    ]
    bare = FeedEntry(None, None, "Morning briefing", DAY, None)
    assert entry_keys(bare) == ["title:morningbriefing@2025-03-03"]


def test_title_comparison_grows_linearly_with_the_batch() -> None:
    def bare(n: int) -> list[FeedEntry]:
        # Far apart (hashes), so none merges: every title is compared, none is dropped.
        titles = [f"Report {hashlib.sha1(str(i).encode()).hexdigest()[:16]}" for i in range(n)]
        return [FeedEntry(None, None, t, DAY, None) for t in titles]

    small, large = bare(1_000), bare(4_000)
    assert len(kept(large)) == 4_000
    small_s = large_s = float("inf")
    for _ in range(3):  # interleaved, so a burst of load on the machine hits both
        small_s = min(small_s, best_cpu_time(lambda: kept(small), 5))
        large_s = min(large_s, best_cpu_time(lambda: kept(large), 5))
    ratio = large_s / small_s
    assert ratio <= 6.0, f"4x the entries took {ratio:.1f}x the time"


def test_an_empty_feed_is_empty_not_malformed() -> None:
    body = (
        b"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
        b"<title>Ward news</title><link>https://council.example/</link>"
        b"<description>Nothing yet</description></channel></rss>"
    )
    feed = parse_feed(body, "https://council.example/rss", "application/rss+xml")
    assert (feed.title, feed.entries) == ("Ward news", ())
    atom = (
        b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        b"<title>Ward news</title><id>urn:council</id>"
        b"<updated>2025-03-03T00:00:00Z</updated></feed>"
    )
    # Served as text/html (it happens): sniffed as a feed, still empty rather than malformed.
    assert parse_feed(atom, "https://council.example/atom", "text/html").entries == ()


async def test_empty_feed_polls_cleanly_and_a_templated_feed_adds_every_entry() -> None:
    site = Site()
    wards = range(1, 31)
    items = "".join(
        f"<item><title>Council meeting, ward {n}</title><link>{{base}}/wards/{n}</link>"
        f"<guid>ward-{n}</guid><pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate></item>"
        for n in wards
    )
    head = "<?xml version='1.0'?><rss version='2.0'><channel><title>Wards</title>"
    site.page("/empty.xml", head + "</channel></rss>", "application/rss+xml")
    site.page("/wards.xml", head + items + "</channel></rss>", "application/rss+xml")
    for n in wards:
        site.page(
            f"/wards/{n}",
            f'Council meeting, ward {n}\n\n"Ward {n} needs {n + 2} new street lights," '
            f"said councillor Dana Pike on Monday evening.\n",
            "text/plain",
        )

    store = FakeStore()
    async with serve(site), Fetcher(LOCAL) as fetcher:
        empty = await ingest_feed(site.url("/empty.xml"), scope="1", store=store, fetcher=fetcher)
        first = await ingest_feed(site.url("/wards.xml"), scope="1", store=store, fetcher=fetcher)
        again = await ingest_feed(site.url("/wards.xml"), scope="1", store=store, fetcher=fetcher)
    assert (empty.error, empty.items, empty.title) == (None, [], "Wards")
    assert [i.status for i in first.items] == ["added"] * 30
    assert len(store.articles) == 30
    assert {i.status for i in again.items} == {"duplicate"}
    assert all(site.hits[f"/wards/{n}"] == 1 for n in wards)

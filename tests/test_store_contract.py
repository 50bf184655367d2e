"""The contract every store backend passes. Uses only the ``Store`` protocol."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core.models import GLOBAL_SCOPE, ArticleInput, Quote
from bot.core.store.base import Store
from tests.conftest import Clock, make_article, make_quote

A, B = "111", "222"

BUDGET_TEXT = (
    "The council approved the budget on Tuesday. “Everything is on the table for the "
    "negotiations,” said JD Vance."
)


async def _seed_guild_a(store: Store) -> int:
    result = await store.save_article(
        make_article(BUDGET_TEXT, "https://news.example/budget", title="Budget deal"),
        [
            make_quote("Everything is on the table for the negotiations", "JD Vance", "Senator"),
            make_quote("We will not raise taxes on working families", "JD Vance"),
        ],
        A,
    )
    return result.article_id


# -- scoping ------------------------------------------------------------------------------


async def test_a_guild_never_sees_another_guilds_articles(store: Store, clock: Clock) -> None:
    since = clock.now - timedelta(hours=1)
    await _seed_guild_a(store)
    until = clock.now + timedelta(hours=1)
    assert await store.find_article("https://news.example/budget", [B]) is None
    assert (await store.who_said("on the table", [B])).hits == ()
    assert (await store.who_said("on the table", [B])).suggestions == ()
    assert await store.quotes_by("Vance", [B]) == (None, (await store.quotes_by("x", [B]))[1])
    assert (await store.quotes_by("JD Vance", [B]))[1].total == 0
    assert await store.speaker_names("va", [B]) == []
    assert await store.speaker_names("", [B]) == []
    assert await store.random_quote([B], seed=1) is None
    assert await store.random_quote([B], speaker="Vance", seed=1) is None
    assert await store.top_speakers([B]) == []
    stats = await store.stats([B])
    assert (stats.articles, stats.quotes, stats.speakers) == (0, 0, 0)
    assert await store.quotes_added([B], since, until) == []
    # ...while guild A sees all of it.
    assert await store.find_article("https://news.example/budget", [A]) is not None
    assert (await store.who_said("on the table", [A])).hits
    assert (await store.quotes_by("JD Vance", [A]))[1].total == 2
    assert await store.speaker_names("va", [A]) == ["JD Vance"]
    assert await store.random_quote([A], seed=1) is not None
    assert [s.name for s in await store.top_speakers([A])] == ["JD Vance"]
    assert (await store.stats([A])).quotes == 2
    assert len(await store.quotes_added([A], since, until)) == 2


async def test_empty_scope_list_sees_nothing(store: Store) -> None:
    await _seed_guild_a(store)
    assert (await store.who_said("on the table", [])).hits == ()
    assert (await store.stats([])).quotes == 0
    assert await store.find_article("https://news.example/budget", []) is None


async def test_global_articles_are_visible_with_the_guild_scope(store: Store) -> None:
    await store.save_article(
        make_article("Global text", "https://news.example/g"),
        [make_quote("The harvest was the best in a decade", "Elena Moreau")],
        GLOBAL_SCOPE,
    )
    await _seed_guild_a(store)
    assert (await store.who_said("best harvest in a decade", [GLOBAL_SCOPE, A])).hits
    assert (await store.who_said("best in a decade", [GLOBAL_SCOPE, B])).hits
    assert (await store.who_said("on the table for the negotiations", [GLOBAL_SCOPE, B])).hits == ()
    assert (await store.stats([GLOBAL_SCOPE, A])).quotes == 3


# -- ingest -------------------------------------------------------------------------------


async def test_reingesting_the_same_article_adds_nothing(store: Store) -> None:
    first = await store.save_article(
        make_article(BUDGET_TEXT, "https://news.example/budget"),
        [make_quote("Everything is on the table for the negotiations", "JD Vance")],
        A,
    )
    again = await store.save_article(
        make_article(BUDGET_TEXT, "https://news.example/budget"),
        [make_quote("Everything is on the table for the negotiations", "JD Vance")],
        A,
    )
    assert first.status == "added" and again.status == "duplicate"
    assert again.article_id == first.article_id
    assert (await store.stats([A])).quotes == 1
    assert len((await store.who_said("on the table", [A], limit=5)).hits) == 1


async def test_same_url_in_two_scopes_is_stored_once_and_linked(store: Store) -> None:
    first = await store.save_article(
        make_article(BUDGET_TEXT, "https://news.example/budget?utm_source=feed#top"),
        [make_quote("Everything is on the table for the negotiations", "JD Vance")],
        A,
    )
    second = await store.save_article(
        make_article(BUDGET_TEXT, "HTTPS://NEWS.example/budget/"),
        [make_quote("Everything is on the table for the negotiations", "JD Vance")],
        B,
    )
    assert second.status == "added"  # told as a fresh add: B learns nothing about A
    assert second.article_id == first.article_id
    found = await store.find_article("https://news.example/budget/?utm_campaign=x", [B])
    assert found is not None and found.id == first.article_id
    assert (await store.stats([A, B])).articles == 1
    assert (await store.stats([A, B])).quotes == 1
    assert (await store.stats([B])).quotes == 1


async def test_article_without_url_is_identified_by_content(store: Store) -> None:
    text = "A pasted article with no link. “We are ready,” said Omar Hartley."
    first = await store.save_article(make_article(text), [make_quote("We are ready")], A)
    again = await store.save_article(make_article(text), [make_quote("We are ready")], A)
    linked = await store.save_article(make_article(text), [make_quote("We are ready")], B)
    other = await store.save_article(make_article(text + " More."), [make_quote("Later")], A)
    assert (first.status, again.status, linked.status) == ("added", "duplicate", "added")
    assert other.status == "added" and other.article_id != first.article_id


async def test_changed_text_at_same_url_replaces_quotes(store: Store) -> None:
    url = "https://news.example/story"
    await store.save_article(
        make_article("Version one.", url, title="Old title"),
        [make_quote("The bridge will open in May"), make_quote("Costs are under control")],
        A,
    )
    updated = await store.save_article(
        make_article("Version two, corrected.", url, title="New title"),
        [make_quote("The bridge will open in June")],
        A,
    )
    assert updated.status == "updated" and updated.quotes == 1
    assert (await store.stats([A])).quotes == 1
    assert (await store.who_said("costs are under control", [A])).hits == ()
    hits = (await store.who_said("bridge will open in June", [A])).hits
    assert hits and hits[0].quote.text == "The bridge will open in June"
    assert hits[0].article.title == "New title"
    # Another scope holding the article keeps its version (tests/test_scope_writes.py).


class _Exploding:
    """A quote whose text cannot be read: ingest must fail as a whole."""

    @property
    def text(self) -> str:
        raise ValueError("broken quote")

    def __getattr__(self, name: str) -> object:
        return getattr(make_quote("x"), name)


async def test_interrupted_ingest_leaves_no_half_article(store: Store) -> None:
    quotes: list[Quote] = [
        make_quote("The first quote goes in fine", "Ana Castellano"),
        make_quote("So does the second one", "Ana Castellano"),
        _Exploding(),  # type: ignore[list-item]
        make_quote("The fourth never arrives", "Ana Castellano"),
    ]
    with pytest.raises(Exception, match="broken quote"):
        await store.save_article(make_article("Doomed text", "https://news.example/d"), quotes, A)
    assert await store.find_article("https://news.example/d", [A]) is None
    stats = await store.stats([A])
    assert (stats.articles, stats.quotes, stats.speakers) == (0, 0, 0)
    assert (await store.who_said("first quote goes in fine", [A])).hits == ()
    assert await store.speaker_names("ana", [A]) == []
    # ...and the store still works afterwards.
    ok = await store.save_article(
        make_article("Doomed text", "https://news.example/d"), quotes[:2], A
    )
    assert ok.status == "added" and ok.quotes == 2


# -- speakers ----------------------------------------------------------------------------


async def test_speaker_spellings_are_one_speaker(store: Store) -> None:
    spellings = ["JD Vance", "J.D. Vance", "Vance", "Jd vance"]
    for i, name in enumerate(spellings):
        await store.save_article(
            make_article(f"Article {i}", f"https://news.example/v{i}"),
            [make_quote(f"Statement number {i} about the economy", name)],
            A,
        )
    for query in [*spellings, "j. d. vance", "vance"]:
        resolved, page = await store.quotes_by(query, [A])
        assert resolved == "JD Vance", query
        assert page.total == 4, query
    assert (await store.stats([A])).speakers == 1
    assert await store.speaker_names("J", [A]) == ["JD Vance"]


async def test_surname_alias_needs_a_unique_full_name(store: Store) -> None:
    await store.save_article(
        make_article("One", "https://news.example/s1"),
        [
            make_quote("Schools need more money", "Maria Okafor"),
            make_quote("Roads need more money", "Daniel Okafor"),
        ],
        A,
    )
    await store.save_article(
        make_article("Two", "https://news.example/s2"),
        [make_quote("Everyone needs more money", "Okafor")],
        A,
    )
    name, page = await store.quotes_by("Maria Okafor", [A])
    assert name == "Maria Okafor" and page.total == 1


async def test_quotes_by_is_fuzzy_paged_and_newest_first(store: Store) -> None:
    base = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(25):
        await store.save_article(
            make_article(
                f"Story {i}", f"https://news.example/p{i}", published=base + timedelta(days=i)
            ),
            [make_quote(f"Remark {i:02d} on the state of the harbour", "Hugo Delacroix", "Mayor")],
            A,
        )
    name, first = await store.quotes_by("Hugo Delacrox", [A], offset=0, limit=10)
    assert name == "Hugo Delacroix"
    assert first.total == 25 and len(first.items) == 10 and first.offset == 0
    assert first.items[0].text.startswith("Remark 24")
    _, last = await store.quotes_by("hugo delacroix", [A], offset=20, limit=10)
    assert [q.text[:9] for q in last.items] == [f"Remark {i:02d}" for i in range(4, -1, -1)]
    assert first.items[0].speaker == "Hugo Delacroix" and first.items[0].title == "Mayor"
    assert await store.quotes_by("Zbigniew Nobody", [A]) == (None, last.__class__(offset=0))


async def test_speaker_names_prefix_first_then_fuzzy(store: Store) -> None:
    names = ["Sofia Marchetti", "Sofia Martinez", "Samuel Marsh", "Peter Prentice"]
    for i, speaker in enumerate(names):
        await store.save_article(
            make_article(f"S{i}", f"https://news.example/n{i}"),
            [make_quote(f"Words number {i}", speaker)],
            A,
        )
    got = await store.speaker_names("sofia mar", [A], limit=5)
    assert got[:2] == ["Sofia Marchetti", "Sofia Martinez"]
    assert "Peter Prentice" not in got
    assert (await store.speaker_names("prentise", [A]))[0] == "Peter Prentice"
    assert await store.speaker_names("", [A], limit=2) == ["Peter Prentice", "Samuel Marsh"]


async def test_random_quote_is_seeded_and_respects_speaker(store: Store) -> None:
    quotes = [make_quote(f"Quote number {i} is here", "Irene Varga") for i in range(5)]
    quotes += [make_quote(f"Other number {i} is here", "Felix Kimura") for i in range(5)]
    await store.save_article(make_article("R", "https://news.example/r"), quotes, A)
    one = await store.random_quote([A], seed=42)
    two = await store.random_quote([A], seed=42)
    assert one is not None and two is not None and one.quote.id == two.quote.id
    picks = {
        hit.quote.speaker
        for seed in range(10)
        if (hit := await store.random_quote([A], speaker="Kimura", seed=seed)) is not None
    }
    assert picks == {"Felix Kimura"}


async def test_top_speakers_counts_and_since(store: Store, clock: Clock) -> None:
    await store.save_article(
        make_article("Old", "https://news.example/t1"),
        [make_quote("a b c one", "Rosa Ibarra"), make_quote("a b c two", "Rosa Ibarra")],
        A,
    )
    clock.advance(days=2)
    await store.save_article(
        make_article("New", "https://news.example/t2"),
        [make_quote("d e f three", "Kwame Mbeki")],
        A,
    )
    top = await store.top_speakers([A])
    assert [(s.name, s.count) for s in top] == [("Rosa Ibarra", 2), ("Kwame Mbeki", 1)]
    recent = await store.top_speakers([A], since=clock.now - timedelta(days=1))
    assert [(s.name, s.count) for s in recent] == [("Kwame Mbeki", 1)]


async def test_quotes_added_window_uses_link_time(store: Store, clock: Clock) -> None:
    start = clock.now
    await store.save_article(
        make_article("W", "https://news.example/w"), [make_quote("Early words")], GLOBAL_SCOPE
    )
    clock.advance(days=1)
    await store.save_article(make_article("W", "https://news.example/w"), [], A)  # linked now
    day1 = await store.quotes_added([A], start, start + timedelta(hours=12))
    day2 = await store.quotes_added(
        [A], start + timedelta(hours=12), clock.now + timedelta(hours=1)
    )
    assert day1 == [] and [h.quote.text for h in day2] == ["Early words"]


# -- feeds and entries ----------------------------------------------------------------------


async def test_feeds_add_list_remove(store: Store) -> None:
    feed = await store.add_feed(A, "https://news.example/rss", 42, 15)
    again = await store.add_feed(A, "https://news.example/rss", 42, 15)
    other = await store.add_feed(B, "https://news.example/rss", 7, 30)
    assert again.id == feed.id and other.id != feed.id
    assert [f.id for f in await store.list_feeds(A)] == [feed.id]
    assert {f.id for f in await store.list_feeds()} == {feed.id, other.id}
    assert (await store.stats([A])).feeds == 1
    assert await store.remove_feed(A, "https://news.example/rss") is True
    assert await store.remove_feed(A, "https://news.example/rss") is False
    assert [f.id for f in await store.list_feeds()] == [other.id]


async def test_lease_due_feeds_gives_each_feed_to_one_owner(store: Store, clock: Clock) -> None:
    feed = await store.add_feed(A, "https://news.example/rss", None, 15)
    now = clock.now
    first = await store.lease_due_feeds(now, "proc-1", 60)
    second = await store.lease_due_feeds(now, "proc-2", 60)
    assert [f.id for f in first] == [feed.id] and second == []
    # The lease expires: someone else may take it.
    later = await store.lease_due_feeds(now + timedelta(seconds=61), "proc-2", 60)
    assert [f.id for f in later] == [feed.id]
    await store.update_feed(
        feed.id,
        etag='"abc"',
        modified="Sat, 01 Mar 2025 12:00:00 GMT",
        success_at=now,
        error=None,
        error_at=None,
        failures=0,
        next_poll=now + timedelta(minutes=15),
    )
    assert await store.lease_due_feeds(now + timedelta(minutes=5), "proc-1", 60) == []
    due = await store.lease_due_feeds(now + timedelta(minutes=15), "proc-1", 60)
    assert [f.etag for f in due] == ['"abc"']
    assert due[0].last_success == now and due[0].failures == 0


async def test_update_feed_records_errors(store: Store, clock: Clock) -> None:
    feed = await store.add_feed(A, "https://news.example/rss", None, 15)
    await store.update_feed(
        feed.id,
        etag=None,
        modified=None,
        success_at=None,
        error="HTTP 503",
        error_at=clock.now,
        failures=3,
        next_poll=clock.now + timedelta(hours=1),
    )
    (state,) = await store.list_feeds(A)
    assert (state.last_error, state.failures, state.last_error_at) == ("HTTP 503", 3, clock.now)
    assert state.next_poll == clock.now + timedelta(hours=1)


async def test_entry_keys_are_remembered_per_feed(store: Store) -> None:
    assert await store.seen_entries("feed-1", ["a", "b"]) == set()
    await store.mark_entries("feed-1", ["a", "b"])
    await store.mark_entries("feed-1", ["b", "c"])
    assert await store.seen_entries("feed-1", ["a", "c", "d"]) == {"a", "c"}
    assert await store.seen_entries("feed-2", ["a"]) == set()


# -- digest ----------------------------------------------------------------------------------


async def test_digest_settings_and_single_claim(store: Store, clock: Clock) -> None:
    assert await store.get_digest(5) is None
    config = await store.set_digest(5, 99, "08:30", "Europe/Paris")
    assert (config.channel_id, config.time_hhmm, config.timezone, config.enabled) == (
        99,
        "08:30",
        "Europe/Paris",
        True,
    )
    await store.set_digest(6, 98, "09:00", "UTC", enabled=False)
    assert [c.guild_id for c in await store.digest_configs()] == [5]
    today = date(2025, 3, 1)
    assert await store.claim_digest(5, today, clock.now) is True
    assert await store.claim_digest(5, today, clock.now) is False
    assert await store.claim_digest(5, today + timedelta(days=1), clock.now) is True
    after = await store.get_digest(5)
    assert after is not None and after.last_sent_date == today + timedelta(days=1)
    changed = await store.set_digest(5, 100, "07:00", "America/New_York")
    assert changed.channel_id == 100 and changed.last_sent_date == after.last_sent_date


@pytest.mark.parametrize(
    ("hhmm", "zone"), [("25:00", "UTC"), ("8h", "UTC"), ("08:00", "Mars/Base")]
)
async def test_bad_digest_settings_are_refused_clearly(store: Store, hhmm: str, zone: str) -> None:
    with pytest.raises(Exception, match=r"(?i)time|zone"):
        await store.set_digest(5, 99, hhmm, zone)
    assert await store.get_digest(5) is None


async def test_articles_keep_their_metadata(store: Store, clock: Clock) -> None:
    published = datetime(2025, 2, 27, 9, 30, tzinfo=UTC)
    result = await store.save_article(
        ArticleInput(
            text="Body",
            title="A title",
            outlet="The Daily Example",
            author="Jo Reporter",
            published=published,
            url="https://news.example/meta",
            fetched_at=clock.now,
        ),
        [make_quote("Something worth quoting")],
        A,
    )
    article = await store.get_article(result.article_id)
    assert article is not None
    assert (article.title, article.outlet, article.author) == (
        "A title",
        "The Daily Example",
        "Jo Reporter",
    )
    assert article.published == published and article.fetched_at == clock.now
    assert article.url == "https://news.example/meta" and article.added_at == clock.now
    assert len(article.content_hash) == 64
    assert await store.get_article(result.article_id + 1000) is None


async def test_nul_and_odd_characters_are_stored_not_fatal(store: Store) -> None:
    text = "Body with a NUL \x00 inside. “Tidal power is\x00 the future,” said Aino Virtanen."
    result = await store.save_article(
        make_article(text, "https://news.example/nul", title="Tidal\x00 title"),
        [make_quote("Tidal power is\x00 the future of the coast", "Aino\x00 Virtanen")],
        A,
    )
    assert result.status == "added" and result.quotes == 1
    hits = (await store.who_said("tidal power is the future", [A])).hits
    assert hits and hits[0].quote.text.startswith("Tidal power is")
    assert hits[0].article.title is not None and hits[0].article.title.startswith("Tidal")
    assert await store.find_article("https://news.example/nul\x00", [A]) is None
    await store.mark_entries("feed\x00", ["key\x00one", "two"])
    assert await store.seen_entries("feed\x00", ["key\x00one", "three"]) == {"key\x00one"}
    assert (await store.quotes_by("aino virtanen", [A]))[1].total == 1

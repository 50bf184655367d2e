"""Data control on every backend: list a scope's articles, remove one, forget a scope.

Runs on the same ``store`` fixture as the contract suite (SQLite and PostgreSQL, brute-force
and word-index search paths). Uses only the ``Store`` protocol (plus ``flush_index``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.core.models import GLOBAL_SCOPE
from bot.core.store.base import Store
from bot.core.store.deletion import article_ref
from tests.conftest import Clock, make_article, make_quote

A, B = "111", "222"

HARBOUR = "The harbour reopened on Monday after repairs, officials said."
BRIDGE = "The bridge will close for a month, the city said."
SHARED = "Ministers met in the capital to discuss the rail strike."


async def _seed(store: Store, clock: Clock) -> dict[str, int]:
    """A's own article, a bridge article A then B added, one shared with global."""
    ids: dict[str, int] = {}
    harbour = await store.save_article(
        make_article(HARBOUR, "https://news.example/harbour", title="Harbour reopens"),
        [
            make_quote("The cranes are turning again at last", "Ana Ruiz", "Port Director"),
            make_quote("Every berth will be busy by the summer", "Ana Ruiz"),
        ],
        A,
    )
    ids["harbour"] = harbour.article_id
    clock.advance(minutes=5)
    bridge = await store.save_article(
        make_article(BRIDGE, "https://news.example/bridge", title="Bridge closes"),
        [make_quote("Drivers should plan a detour through the valley", "Tom Okafor")],
        A,
    )
    ids["bridge"] = bridge.article_id
    await store.save_article(make_article(BRIDGE, "https://news.example/bridge"), [], B)
    clock.advance(minutes=5)
    shared = await store.save_article(
        make_article(SHARED, "https://news.example/rail", title="Rail strike talks"),
        [make_quote("The trains must run on time again", "Lena Voss")],
        GLOBAL_SCOPE,
    )
    ids["shared"] = shared.article_id
    await store.save_article(make_article(SHARED, "https://news.example/rail"), [], A)
    return ids


async def _flush(store: Store) -> None:
    """Write the search index tail to disk, so postings hold the quotes too."""
    flush: Any = getattr(store, "flush_index", None)
    if flush is not None:
        await flush()


def _texts(result: Any) -> set[str]:
    return {h.quote.text for h in result.hits}


async def test_list_articles_newest_first_paged_and_scoped(store: Store, clock: Clock) -> None:
    ids = await _seed(store, clock)
    page = await store.list_articles(A, offset=0, limit=2)
    assert page.total == 3
    assert [e.article.id for e in page.items] == [ids["shared"], ids["bridge"]]
    assert page.items[1].quotes == 1 and page.items[1].article.title == "Bridge closes"
    rest = await store.list_articles(A, offset=2, limit=2)
    assert [e.article.id for e in rest.items] == [ids["harbour"]] and rest.offset == 2
    assert rest.items[0].quotes == 2
    assert [e.article.id for e in (await store.list_articles(B)).items] == [ids["bridge"]]
    assert (await store.list_articles("333")).total == 0


async def test_remove_article_hides_its_quotes_everywhere_in_that_scope(
    store: Store, clock: Clock
) -> None:
    since = clock.now - timedelta(hours=1)
    ids = await _seed(store, clock)
    until = clock.now + timedelta(hours=1)
    await _flush(store)
    removed = await store.remove_article(A, ids["harbour"])
    assert removed is not None and removed.title == "Harbour reopens"
    scopes = [A, GLOBAL_SCOPE]
    assert "The cranes are turning again at last" not in _texts(
        await store.who_said("cranes are turning again", scopes)
    )
    assert (await store.quotes_by("Ana Ruiz", scopes))[1].total == 0
    assert "Ana Ruiz" not in await store.speaker_names("Ana", scopes)
    assert "Ana Ruiz" not in [s.name for s in await store.top_speakers(scopes)]
    for seed in range(10):
        hit = await store.random_quote(scopes, seed=seed)
        assert hit is not None and hit.quote.speaker != "Ana Ruiz"
    stats = await store.stats([A])
    assert (stats.articles, stats.quotes) == (2, 2)
    added = await store.quotes_added(scopes, since, until)
    assert {h.quote.speaker for h in added} == {"Tom Okafor", "Lena Voss"}
    # The article belonged to A alone: its rows are gone.
    assert await store.get_article(ids["harbour"]) is None
    # Removing it again, or an article the scope does not hold, changes nothing.
    assert await store.remove_article(A, ids["harbour"]) is None
    assert await store.remove_article(B, ids["shared"]) is None
    assert (await store.stats([GLOBAL_SCOPE])).quotes == 1


async def test_remove_by_url_only_unlinks_an_article_other_scopes_hold(
    store: Store, clock: Clock
) -> None:
    ids = await _seed(store, clock)
    ref = article_ref("<https://NEWS.example/bridge/>")
    assert isinstance(ref, str)
    assert await store.remove_article(A, ref) is not None
    assert (await store.who_said("plan a detour through the valley", [A])).hits == ()
    assert (await store.quotes_by("Tom Okafor", [A]))[1].total == 0
    # B still holds it, untouched.
    assert _texts(await store.who_said("plan a detour through the valley", [B])) == {
        "Drivers should plan a detour through the valley"
    }
    assert await store.speaker_names("Tom", [B]) == ["Tom Okafor"]
    assert await store.get_article(ids["bridge"]) is not None
    # The shared global article: unlinked from A, still global.
    assert await store.remove_article(A, ids["shared"]) is not None
    assert (await store.stats([A])).articles == 1
    assert _texts(await store.who_said("trains must run on time", [GLOBAL_SCOPE]))


async def test_a_removed_article_can_be_added_again(store: Store, clock: Clock) -> None:
    ids = await _seed(store, clock)
    await _flush(store)
    await store.remove_article(A, ids["harbour"])
    again = await store.save_article(
        make_article(HARBOUR, "https://news.example/harbour", title="Harbour reopens"),
        [make_quote("The cranes are turning again at last", "Ana Ruiz", "Port Director")],
        A,
    )
    assert again.status == "added" and again.article_id != ids["harbour"]
    hits = (await store.who_said("cranes are turning again", [A])).hits
    assert [h.quote.article_id for h in hits] == [again.article_id]
    assert (await store.quotes_by("Ana Ruiz", [A]))[1].total == 1


async def test_forget_scope_deletes_everything_private_to_it(store: Store, clock: Clock) -> None:
    ids = await _seed(store, clock)
    await _flush(store)
    await store.add_feed(A, "https://news.example/feed.xml", 42, 15)
    await store.add_feed(B, "https://news.example/feed.xml", 43, 15)
    await store.mark_entries(f"{A} https://news.example/feed.xml", ["e1", "e2"])
    await store.mark_entries(f"{B} https://news.example/feed.xml", ["e1"])
    await store.set_digest(int(A), 42, "08:30", "Europe/Paris")
    await store.set_digest(int(B), 43, "09:00", "UTC")
    today = date(2025, 3, 1)
    assert await store.claim_digest(int(A), today, clock.now)

    counts = await store.forget_scope(A)
    assert (counts.articles, counts.articles_deleted, counts.quotes_deleted) == (3, 1, 2)
    assert (counts.feeds, counts.digests) == (1, 1)

    assert (await store.list_articles(A)).total == 0
    stats = await store.stats([A])
    assert (stats.articles, stats.quotes, stats.speakers, stats.feeds) == (0, 0, 0, 0)
    assert (await store.who_said("cranes are turning again", [A])).hits == ()
    assert (await store.who_said("plan a detour through the valley", [A])).hits == ()
    assert await store.speaker_names("", [A]) == []
    assert await store.get_article(ids["harbour"]) is None
    assert await store.list_feeds(A) == []
    assert await store.seen_entries(f"{A} https://news.example/feed.xml", ["e1", "e2"]) == set()
    assert await store.get_digest(int(A)) is None
    # A new digest for the server starts afresh: today's claim went with the rest.
    await store.set_digest(int(A), 42, "08:30", "UTC")
    assert await store.claim_digest(int(A), today, clock.now)

    # Other scopes keep what they hold.
    assert await store.get_article(ids["bridge"]) is not None
    assert _texts(await store.who_said("plan a detour through the valley", [B]))
    assert _texts(await store.who_said("trains must run on time", [GLOBAL_SCOPE]))
    assert [f.scope for f in await store.list_feeds(B)] == [B]
    assert await store.seen_entries(f"{B} https://news.example/feed.xml", ["e1"]) == {"e1"}
    assert await store.get_digest(int(B)) is not None
    # Forgetting again removes only the new digest; an unknown scope has nothing to forget.
    again = await store.forget_scope(A)
    assert (again.articles, again.feeds, again.digests) == (0, 0, 1)
    assert (await store.forget_scope("333")).empty


def test_article_ref_reads_ids_and_urls() -> None:
    assert article_ref("42") == 42 and article_ref(" #7 ") == 7
    assert article_ref("<https://News.Example/a/?utm_source=x>") == "https://news.example/a"
    assert article_ref("not a link") is None
    assert article_ref("") is None


async def test_another_process_follows_a_deletion(pg_schema: tuple[str, str], clock: Clock) -> None:
    """PostgreSQL, two processes: one forgets a scope; the other neither answers with the
    deleted quotes nor trips over the deleted speaker when the article comes back."""
    from bot.core.store.postgres import PostgresStore

    url, schema = pg_schema
    one = PostgresStore.from_url(url, clock=clock, schema=schema, brute_force_below=0)
    two = PostgresStore.from_url(url, clock=clock, schema=schema, brute_force_below=0)
    await one.open()
    await two.open()
    try:
        await _seed(one, clock)
        assert _texts(await two.who_said("cranes are turning again", [A]))  # two caught up
        assert await two.speaker_names("Ana", [A])
        await one.forget_scope(A)
        assert (await two.who_said("cranes are turning again", [A])).hits == ()
        assert "Ana Ruiz" not in await two.speaker_names("Ana", [A])
        again = await two.save_article(
            make_article(HARBOUR, "https://news.example/harbour", title="Harbour reopens"),
            [make_quote("The cranes are turning again at last", "Ana Ruiz")],
            A,
        )
        assert again.status == "added"
        assert (await one.quotes_by("Ana Ruiz", [A]))[1].total == 1
    finally:
        await one.close()
        await two.close()

"""``save_articles``: several articles in one transaction, on every backend (issue 17)."""

from __future__ import annotations

from bot.core.models import IngestResult
from bot.core.store.base import Store, StoreError
from tests.conftest import make_article, make_quote

A = "111"


def _pier(i: int) -> tuple[str, str]:
    return (
        f"Pier {i} closes for repairs. “The pier {i} deck will be rebuilt by spring,” "
        "said Ines Okafor.",
        f"The pier {i} deck will be rebuilt by spring",
    )


async def test_a_batch_stores_each_article_as_one_at_a_time_would(store: Store) -> None:
    text0, said0 = _pier(0)
    text1, said1 = _pier(1)
    await store.save_article(make_article(text0, "https://news.example/p0"), [], A)
    results = await store.save_articles(
        [
            (make_article(text0, "https://news.example/p0"), [make_quote(said0, "Ines Okafor")]),
            (make_article(text1, "https://news.example/p1"), [make_quote(said1, "Ines Okafor")]),
            (make_article(None), [make_quote("Never stored")]),  # type: ignore[arg-type]
            (make_article(text1, "https://news.example/p1"), [make_quote(said1, "Ines Okafor")]),
        ],
        A,
    )
    first, second, bad, again = results
    assert isinstance(first, IngestResult) and first.status == "duplicate"
    assert isinstance(second, IngestResult) and (second.status, second.quotes) == ("added", 1)
    assert isinstance(bad, StoreError)
    assert isinstance(again, IngestResult) and again.status == "duplicate"
    assert again.article_id == second.article_id
    hits = (await store.who_said("pier 1 deck will be rebuilt", [A])).hits
    assert [h.quote.speaker for h in hits[:1]] == ["Ines Okafor"]
    stats = await store.stats([A])
    assert (stats.articles, stats.quotes) == (2, 1)
    assert (await store.quotes_by("Ines Okafor", [A]))[1].total == 1


async def test_an_empty_batch_changes_nothing(store: Store) -> None:
    assert await store.save_articles([], A) == []
    assert (await store.stats([A])).articles == 0

"""A word a server can see is searched as that word, however many private uses hide it.

Before planning, the PostgreSQL store asks which exact words of a phrase the asking scopes
cannot see (those are planned as unknown, so nothing reveals another server's words). It
probes a few of each word's quotes first (the newest and an even spread) and reads every
one only when those show nothing. Here one server's only quote with a rare word sits among
hundreds of another server's private quotes with it: at the oldest place (the spread finds
it), the third oldest (only reading every quote finds it) and the newest, in the index
tail and flushed to the postings table; without it, the word stays unknown to that server.
Skips unless WHOSAID_TEST_POSTGRES_URL is set.
"""

from __future__ import annotations

import pytest

from bot.core.models import GLOBAL_SCOPE
from bot.core.store.postgres import PostgresStore
from tests.conftest import Clock, make_article, make_quote

A, B = "111", "222"
PRIVATE = 400
B_TEXT = "The zorblat levy will fund the harbour wall next spring"


@pytest.mark.parametrize("flush", [False, True])
@pytest.mark.parametrize("position", [0, 2, PRIVATE, None])
async def test_a_word_seen_once_among_private_uses_is_found(
    pg_schema: tuple[str, str], flush: bool, position: int | None
) -> None:
    url, schema = pg_schema
    store = PostgresStore.from_url(url, schema=schema, brute_force_below=0, clock=Clock())
    await store.open()
    try:
        private = [
            (
                make_article(f"A memo {n}", f"https://a.example/{n}"),
                [make_quote(f"Memo {n} says the zorblat office stays shut", "Jane Quill")],
            )
            for n in range(PRIVATE)
        ]
        await store.save_article(
            make_article("B note", "https://b.example/wall"),
            [make_quote("The harbour wall needs a new levy", "Rhea Tollmark")],
            B,
        )
        split = PRIVATE if position is None else position
        await store.save_articles(private[:split], A)
        if position is not None:
            await store.save_article(
                make_article("B report", "https://b.example/levy"), [make_quote(B_TEXT)], B
            )
        await store.save_articles(private[split:], A)
        if flush:
            await store.flush_index()
        result = await store.who_said("zorblat", [B, GLOBAL_SCOPE])
    finally:
        await store.close()
    found = [h.quote.text for h in [*result.hits, *result.suggestions]]
    assert found == ([] if position is None else [B_TEXT])

"""Every backend keeps a quote's evidence (how its speaker was found) and gives it back
wherever quotes are read for display; a database from before evidence was kept upgrades, its
old quotes reading with no evidence."""

from __future__ import annotations

from datetime import timedelta

from bot.core.extract import extract_quotes
from bot.core.models import GLOBAL_SCOPE, StoredQuote
from bot.core.store.base import Store
from tests.conftest import Clock, make_article, make_quote
from tests.test_store_migration import _open, old_db  # noqa: F401 (old_db is a fixture)

SCOPE = "4242"
ARTICLE = (
    "Harbour commissioner Dana Whitfield toured the flooded docks in Port Ellery on Tuesday. "
    "The storm had torn two cranes from their moorings overnight.\n"
    '"We will rebuild every pier before the winter fishing season," she said.\n'
    "Whitfield said the council would vote on the emergency fund in March.\n"
)


def _pronoun_quote(quotes: list[StoredQuote]) -> StoredQuote:
    return next(q for q in quotes if "rebuild every pier" in q.text)


def _assert_pronoun_evidence(q: StoredQuote) -> None:
    ev = q.evidence
    assert ev is not None
    assert (ev.form, ev.mention, ev.cue) == ("pronoun", "she", "said")
    assert ev.introduced == "Dana Whitfield"
    assert ev.introduced_sentence == (
        "Harbour commissioner Dana Whitfield toured the flooded docks in Port Ellery on Tuesday."
    )
    assert "she" in ev.path and "Dana Whitfield" in ev.path


async def test_saved_evidence_comes_back_wherever_quotes_are_shown(
    store: Store, clock: Clock
) -> None:
    scopes = [SCOPE, GLOBAL_SCOPE]
    since = clock()
    await store.save_article(
        make_article(ARTICLE, "https://news.example/docks"), extract_quotes(ARTICLE), SCOPE
    )
    hit = (await store.who_said("rebuild every pier", scopes)).hits[0]
    _assert_pronoun_evidence(hit.quote)
    _, page = await store.quotes_by("Dana Whitfield", scopes)
    _assert_pronoun_evidence(_pronoun_quote(page.items))
    indirect = next(q for q in page.items if q.kind == "indirect")
    assert indirect.evidence is not None and indirect.evidence.form == "name"
    added = await store.quotes_added(scopes, since, since + timedelta(hours=1))
    _assert_pronoun_evidence(_pronoun_quote([h.quote for h in added]))
    for seed in range(4):
        random_hit = await store.random_quote(scopes, speaker="Dana Whitfield", seed=seed)
        assert random_hit is not None and random_hit.quote.evidence is not None
    one = await store.quote_hit(hit.quote.id, scopes)
    assert one is not None and one.quote == hit.quote and one.article.url == hit.article.url


async def test_a_quote_without_evidence_reads_none(store: Store) -> None:
    await store.save_article(
        make_article("Ferry notes", "https://news.example/ferry"),
        [make_quote("The ferry runs again on Monday", "Ines Morrow")],
        SCOPE,
    )
    hit = (await store.who_said("ferry runs again", [SCOPE])).hits[0]
    assert hit.quote.evidence is None


async def test_one_quote_by_id_only_where_it_is_visible(store: Store) -> None:
    await store.save_article(
        make_article(ARTICLE, "https://news.example/docks"), extract_quotes(ARTICLE), SCOPE
    )
    hit = (await store.who_said("rebuild every pier", [SCOPE])).hits[0]
    assert await store.quote_hit(hit.quote.id, ["9999"]) is None
    assert await store.quote_hit(hit.quote.id + 1000, [SCOPE]) is None
    assert await store.quote_hit(10**30, [SCOPE]) is None


async def test_an_old_database_upgrades_and_keeps_evidence_from_then_on(
    old_db: str,  # noqa: F811
) -> None:
    store = await _open(old_db)
    try:
        b = ["222", GLOBAL_SCOPE]
        old = (await store.who_said("bridge toll stays", b)).hits[0]
        assert old.quote.evidence is None
        await store.save_article(
            make_article(ARTICLE, "https://b.example/docks"), extract_quotes(ARTICLE), "222"
        )
        _assert_pronoun_evidence((await store.who_said("rebuild every pier", b)).hits[0].quote)
    finally:
        await store.close()


async def test_the_who_embed_says_the_speaker_came_through_a_pronoun(store: Store) -> None:
    from bot.ui.render import hit_embed

    await store.save_article(
        make_article(ARTICLE, "https://news.example/docks"), extract_quotes(ARTICLE), SCOPE
    )
    hit = (await store.who_said("rebuild every pier", [SCOPE])).hits[0]
    fields = {f.name: f.value for f in hit_embed(hit).fields}
    assert fields["How the speaker was found"] == (
        "attributed via *she*, resolved to Dana Whitfield"
    )

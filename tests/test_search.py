"""Who-said search as a user sees it: forgiving about form, never confidently wrong."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from bot.core.models import GLOBAL_SCOPE
from bot.core.search import index as index_module
from bot.core.search.index import (
    MAX_EXPANSIONS,
    ONE_WORD_TIER_BELOW,
    Vocabulary,
    index_terms,
    max_edits,
    rank_candidates,
)
from bot.core.store.base import Store
from bot.core.store.sqlite import SQLiteStore
from tests.conftest import Clock, make_article, make_quote, postgres_schema

QUOTES = [
    ("Everything is on the table for the negotiations with the union", "JD Vance"),
    ("We don’t negotiate with people who break their promises", "Maria Lindqvist"),
    ("The bridge will be finished before the winter storms arrive", "Hugo Delacroix"),
    ("Our economy is growing and we intend to keep it that way", "Grace Okafor"),
    ("Nobody should pretend that this budget is easy for families", "Omar Hartley"),
    ("The well-known café on Rue Élysée will close at the end of March", "Elena Moreau"),
    ("I have never said that, and I never will", "Peter Prentice"),
    ("This is not a budget for working people, it is a budget for the few", "Rosa Ibarra"),
]


async def _seed(store: Store) -> None:
    for i, (text, speaker) in enumerate(QUOTES):
        await store.save_article(
            make_article(f"Story {i}: {text}", f"https://news.example/{i}", title=f"Story {i}"),
            [make_quote(text, speaker)],
            GLOBAL_SCOPE,
        )
    # Filler so that the index has something to choose from.
    filler = [
        make_quote(f"The committee will meet again on day {i} to review the figures", "Clerk")
        for i in range(30)
    ]
    await store.save_article(
        make_article("Filler", "https://news.example/filler"), filler, "global"
    )


async def _top(store: Store, phrase: str) -> str | None:
    result = await store.who_said(phrase, [GLOBAL_SCOPE])
    return result.hits[0].quote.text if result.hits else None


@pytest.mark.parametrize(
    "phrase",
    [
        "on the table",
        "Everything is on the table for the negotiations with the union",
        "EVERYTHING IS ON THE TABLE",
        "“everything is on the table”",
        '"everything is on the table"',
        "  everything   is on the\ttable!!! ",
    ],
)
async def test_exact_phrase_in_any_case_or_quote_style(store: Store, phrase: str) -> None:
    await _seed(store)
    assert await _top(store, phrase) == QUOTES[0][0]


async def test_curly_and_straight_apostrophes_match(store: Store) -> None:
    await _seed(store)
    assert await _top(store, "we don't negotiate with people") == QUOTES[1][0]
    assert await _top(store, "we dont negotiate with people") == QUOTES[1][0]


async def test_accents_and_dashes_do_not_matter(store: Store) -> None:
    await _seed(store)
    assert await _top(store, "the well known cafe on rue elysee") == QUOTES[5][0]
    assert await _top(store, "well—known café") == QUOTES[5][0]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the bridge will be finshed before the winter", 2),  # one typo
        ("the brigde will be finshed before the wniter", 2),  # several
        ("our econmy is growwing", 3),
        ("nobody shuold pretend", 4),
        ("we dont negotiate with poeple who brake their promises", 1),
    ],
)
async def test_typos_are_tolerated(store: Store, phrase: str, expected: int) -> None:
    await _seed(store)
    assert await _top(store, phrase) == QUOTES[expected][0]


async def test_partial_phrase_and_missing_or_extra_small_words(store: Store) -> None:
    await _seed(store)
    assert await _top(store, "bridge finished before winter storms") == QUOTES[2][0]
    assert await _top(store, "the economy is growing and we intend to keep it") == QUOTES[3][0]
    assert await _top(store, "pretend that this budget is so easy for the families") == QUOTES[4][0]


async def test_matched_offsets_point_at_the_matched_words(store: Store) -> None:
    await _seed(store)
    result = await store.who_said("on the tabel", [GLOBAL_SCOPE])
    hit = result.hits[0]
    bolded = " ".join(hit.quote.text[s:e] for s, e in hit.matched)
    assert "on the table" in bolded
    assert all(0 <= s < e <= len(hit.quote.text) for s, e in hit.matched)


@pytest.mark.parametrize(
    "phrase",
    [
        "purple elephants dance quietly on xylophones",
        "zqxj vbnm wrtp",
        "quantum chromodynamics lattice",
    ],
)
async def test_nonsense_gets_no_hit_but_suggestions(store: Store, phrase: str) -> None:
    await _seed(store)
    result = await store.who_said(phrase, [GLOBAL_SCOPE])
    assert result.hits == ()


async def test_near_miss_offers_did_you_mean(store: Store) -> None:
    await _seed(store)
    result = await store.who_said("the bridge collapsed during a summer heatwave", [GLOBAL_SCOPE])
    assert result.hits == ()
    assert QUOTES[2][0] in [s.quote.text for s in result.suggestions]


async def test_empty_or_symbol_only_phrase_is_harmless(store: Store) -> None:
    await _seed(store)
    for phrase in ["", "   ", "!!!", "“”", "\x00\x01"]:
        result = await store.who_said(phrase, [GLOBAL_SCOPE])
        assert result.hits == ()


async def test_limit_caps_hits_and_best_comes_first(store: Store) -> None:
    await _seed(store)
    result = await store.who_said(
        "the committee will meet again to review the figures", ["global"], 3
    )
    assert len(result.hits) == 3
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)


async def test_index_survives_restart_and_batched_flushes(tmp_path: Path, clock: Clock) -> None:
    url = f"sqlite:///{tmp_path}/w.db"
    store = SQLiteStore.from_url(url, clock=clock, brute_force_below=0, flush_every=7)
    await store.open()
    for i in range(20):
        await store.save_article(
            make_article(f"A{i}", f"https://news.example/r{i}"),
            [make_quote(f"Harbour statement number {i} about ferries and tides")],
            GLOBAL_SCOPE,
        )
    await store.save_article(
        make_article("Last", "https://news.example/last"),
        [make_quote("The lighthouse keeper retired after forty years")],
        GLOBAL_SCOPE,
    )
    await store.close()  # flushes the tail
    again = SQLiteStore.from_url(url, clock=clock, brute_force_below=0, flush_every=1000)
    await again.open()
    assert await _top(again, "lighthouse keeper retired") == (
        "The lighthouse keeper retired after forty years"
    )
    assert await _top(again, "harbour statement number 13") is not None
    await again.close()


async def test_updated_article_is_searched_by_its_new_quotes_only(tmp_path: Path) -> None:
    store = SQLiteStore.from_url(f"sqlite:///{tmp_path}/u.db", brute_force_below=0, flush_every=1)
    await store.open()
    url = "https://news.example/u"
    await store.save_article(
        make_article("v1", url), [make_quote("The old quote about trains")], "g"
    )
    await store.save_article(
        make_article("v2", url), [make_quote("The new quote about buses")], "g"
    )
    assert (await store.who_said("old quote about trains", ["g"])).hits == ()
    assert await _top_scope(store, "new quote about buses", "g") == "The new quote about buses"
    await store.close()


async def _top_scope(store: Store, phrase: str, scope: str) -> str | None:
    result = await store.who_said(phrase, [scope])
    return result.hits[0].quote.text if result.hits else None


async def test_memory_database_and_bad_urls(tmp_path: Path) -> None:
    store = SQLiteStore.from_url("sqlite:///:memory:")
    await store.open()
    await store.save_article(make_article("m"), [make_quote("In memory only")], "g")
    assert await _top_scope(store, "in memory only", "g") == "In memory only"
    await store.close()
    with pytest.raises(Exception, match="sqlite"):
        SQLiteStore.from_url("sqlite:/relative.db")
    nested = SQLiteStore.from_url(f"sqlite:///{tmp_path}/a/b/c/x.db")
    await nested.open()
    assert (tmp_path / "a" / "b" / "c" / "x.db").exists()
    await nested.close()


_LETTERS = st.text(alphabet="abcde", min_size=3, max_size=7)


@settings(max_examples=150, deadline=None)
@given(vocab=st.lists(_LETTERS, min_size=1, max_size=60, unique=True), word=_LETTERS)
def test_typo_correction_finds_what_a_full_scan_finds(vocab: list[str], word: str) -> None:
    """The deletion-key lookup must not lose a one-edit correction a scan would make."""
    v = Vocabulary()
    for term in vocab:
        v.add(term)
    found, exact = v.expand(word)
    if word in vocab:
        assert exact and [v.terms[t] for t in found] == [word]
        return
    limit = max_edits(word)
    one_edit = {t for t in vocab if OSA.distance(word, t) == 1}
    got = {v.terms[t] for t in found}
    if len(one_edit) <= MAX_EXPANSIONS:
        assert one_edit <= got
    assert all(OSA.distance(word, t) <= limit for t in got)


class Backend:
    """Stores of one backend on one database (reopened for restarts), and raw SQL on it."""

    def __init__(self, url: str, schema: str | None = None) -> None:
        self.url = url
        self.schema = schema

    async def open(self, **kwargs: Any) -> Store:
        store: Store
        if self.schema is None:
            store = SQLiteStore.from_url(self.url, **kwargs)
        else:
            from bot.core.store.postgres import PostgresStore

            store = PostgresStore.from_url(self.url, schema=self.schema, **kwargs)
        await store.open()
        return store

    async def execute(self, sql: str) -> None:
        if self.schema is None:
            with sqlite3.connect(self.url.removeprefix("sqlite:///")) as conn:
                conn.execute(sql)
            return
        import asyncpg

        conn = await asyncpg.connect(self.url, server_settings={"search_path": self.schema})
        try:
            await conn.execute(sql)
        finally:
            await conn.close()


@pytest.fixture(params=["sqlite", "postgres"])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    if request.param == "postgres":
        async with postgres_schema() as (url, schema):
            yield Backend(url, schema)
        return
    yield Backend(f"sqlite:///{tmp_path}/s.db")


async def test_small_guild_finds_its_quote_among_many_invisible_near_matches(
    backend: Backend,
) -> None:
    """A guild's quotes compete only with what the guild can see, however big the rest is."""
    store = await backend.open(brute_force_below=10)
    guild, other = "guild-1", "guild-2"
    own = "The harbour ferry timetable will change in the spring, the council said"
    await store.save_article(
        make_article(own, "https://news.example/own"), [make_quote(own)], guild
    )
    for a in range(30):  # the guild's other 3,000 quotes, on other subjects
        fill = [make_quote(f"Roadworks on route {a} will last {i} weeks") for i in range(100)]
        await store.save_article(
            make_article(f"fill {a}", f"https://news.example/f{a}"), fill, guild
        )
    for a in range(50):  # 5,000 newer near-matches the guild cannot see
        near = [
            make_quote(f"The harbour ferry timetable will change in the spring, ferry {a}-{i}")
            for i in range(100)
        ]
        await store.save_article(
            make_article(f"near {a}", f"https://news.example/n{a}"), near, other
        )
    phrase = "harbour ferry timetable will change in the spring"
    assert await _top_scope(store, phrase, guild) == own
    assert (await _top_scope(store, phrase, other) or "").startswith("The harbour ferry")
    # Quotes the guild gains later, new or linked from elsewhere, are searchable at once.
    later = "The harbour ferry timetable will change again in the autumn"
    await store.save_article(
        make_article(later, "https://news.example/later"), [make_quote(later)], guild
    )
    assert (
        await _top_scope(store, "ferry timetable will change again in the autumn", guild) == later
    )
    await store.save_article(make_article("near 7", "https://news.example/n7"), [], guild)
    assert await _top_scope(store, "in the spring, ferry 7-42", guild) == (
        "The harbour ferry timetable will change in the spring, ferry 7-42"
    )
    await store.close()


async def test_common_word_phrase_is_found_among_quotes_with_the_same_words(
    backend: Backend,
) -> None:
    """Word order decides among many quotes that all hold every word of the phrase."""
    store = await backend.open(brute_force_below=0, flush_every=300)
    own = "Asked about the race, he said that he would not run again"
    await store.save_article(make_article(own, "https://news.example/o"), [make_quote(own)], "g")
    for a in range(9):  # 900 newer quotes with the same words in another order
        mixed = [
            make_quote(f"He would not run, she said, and that is what he said {a}-{i}")
            for i in range(100)
        ]
        await store.save_article(make_article(f"m{a}", f"https://news.example/m{a}"), mixed, "g")
    phrase = "he said that he would not run"
    assert await _top_scope(store, phrase, "g") == own
    await store.close()
    # After a restart the word-pair signatures come back from disk, or are rebuilt when
    # the database predates them.
    for drop in (False, True):
        if drop:
            await backend.execute("DELETE FROM quote_signatures")
        again = await backend.open(brute_force_below=0)
        assert await _top_scope(again, phrase, "g") == own
        await again.close()


async def _common_word_store(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store where every quote holds "he", "has", "said" and "it"; returns the one quote
    that holds them as the phrase "he has said it". Small thresholds stand for 1M quotes:
    one word's postings are all that may be read, too many to order by word pairs."""
    monkeypatch.setattr(index_module, "POSTING_BUDGET", 100)
    monkeypatch.setattr(index_module, "POSTING_HARD_CAP", 700)
    monkeypatch.setattr(index_module, "PREFER_MAX", 50)
    store = SQLiteStore.from_url(f"sqlite:///{path}", brute_force_below=0, flush_every=250)
    await store.open()
    own = "Nobody doubts it: he has said it again and again, the mayor told reporters"
    await store.save_article(make_article(own, "https://news.example/c"), [make_quote(own)], "g")
    for a in range(6):  # 600 newer quotes with the same words in other orders
        mixed = [
            make_quote(f"It has been said that he will vote on bill {a}-{i}") for i in range(100)
        ]
        await store.save_article(make_article(f"c{a}", f"https://news.example/c{a}"), mixed, "g")
    assert await _top_scope(store, "he has said it", "g") == own
    assert await _top_scope(store, "He has SAID it again", "g") == own
    assert await _top_scope(store, "he has siad it", "g") == own  # pairs of corrected words
    await store.close()
    return own


async def test_common_word_only_phrase_is_found_by_its_word_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _common_word_store(tmp_path / "p.db", monkeypatch)


async def test_common_word_pairs_are_indexed_when_an_older_database_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database written before pair terms existed gets them once, at open."""
    path = tmp_path / "old.db"
    own = await _common_word_store(path, monkeypatch)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "DELETE FROM postings WHERE term_id IN (SELECT id FROM terms WHERE term LIKE '% %')"
        )
        conn.execute("DELETE FROM terms WHERE term LIKE '% %'")
        conn.execute("DELETE FROM meta WHERE key LIKE 'pair_terms%'")
    for _ in range(2):  # the upgrade, then an ordinary open
        again = SQLiteStore.from_url(f"sqlite:///{path}", brute_force_below=0)
        await again.open()
        assert await _top_scope(again, "he has said it", "g") == own
        await again.close()
    with sqlite3.connect(path) as conn:
        (df,) = conn.execute("SELECT df FROM terms WHERE term = 'has said'").fetchone()
    assert df == 1


def test_word_pairs_are_terms_only_for_common_words_and_never_typo_corrections() -> None:
    terms = index_terms("Trump has said it: the wall will be built")
    assert {"has said", "said it", "will be"} <= terms
    assert "trump has" not in terms and "the wall" not in terms
    vocab = Vocabulary()
    vocab.load(1, "has said", 5, 1)
    vocab.load(2, "hassled", 5, 1)
    # "hassaid" is one deletion from "has said": only real words may correct it.
    assert vocab.expand("hassaid") == ([2], False)


def test_quotes_sharing_one_word_fill_in_only_while_few_share_more() -> None:
    """Three rare words: quotes with two of them come first; one-word quotes only pad."""
    lonely = 10_000  # has only the first word
    few_pairs = set(range(1, 11))  # ten quotes with words one and two
    sets = [few_pairs | {lonely}, set(few_pairs), {20_000}]
    ranked = rank_candidates(sets, limit=100)
    assert ranked[:10] == sorted(few_pairs, reverse=True)
    assert lonely in ranked  # too few two-word matches: one-word matches still count

    many_pairs = set(range(1, ONE_WORD_TIER_BELOW + 1))
    sets = [many_pairs | {lonely}, set(many_pairs), {20_000}]
    ranked = rank_candidates(sets, limit=1000)
    assert set(ranked) == many_pairs  # enough two-word matches: the one-word tier is skipped

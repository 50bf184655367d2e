"""Typo correction never reveals that a word exists in another server's private articles.

On the word-index path, a word the vocabulary knows exactly is not corrected. If only A's
private articles hold it, B asking for that spelling must be served as if the word were
unknown (corrected toward B's own words), or B could tell that A wrote it. Each test builds
two databases that differ only in whether A's private article holds the word, and checks
that B's answers are the same in both, on both backends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.core.models import GLOBAL_SCOPE
from bot.core.store.base import Store
from tests.conftest import Clock, make_article, make_quote, postgres_schema

A, B = "111", "222"

B_QUOTES = [
    ("The budget cuts will hurt rural schools", "Pell Garrow"),
    ("Our harbour budget passed without a debate", "Rhea Tollmark"),
    ("Rural bus routes will close in the spring", "Pell Garrow"),
]
#: A's private quote holds the misspelling "budgit" (or, in the other database, not).
A_WITH = ("The budgit office never answered our letters", "Jane Quillfeather")
A_WITHOUT = ("The tariff office never answered our letters", "Jane Quillfeather")

QUERIES = ["budgit", "budgit cuts", "harbour budgit", "the budgit cuts will hurt"]


def _public(value: Any) -> Any:
    """A result as a user sees it: every field but the internal row ids."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _public(getattr(value, f.name))
            for f in fields(value)
            if f.name not in {"id", "article_id", "quote_id"}
        }
    if isinstance(value, list | tuple):
        return [_public(v) for v in value]
    return value


@asynccontextmanager
async def _store(backend: str, folder: Path) -> AsyncIterator[Store]:
    """A store forced onto the word-index path (as the ``*-index`` fixtures do)."""
    if backend == "postgres":
        from bot.core.store.postgres import PostgresStore

        async with postgres_schema() as (url, schema):
            pg = PostgresStore.from_url(url, schema=schema, brute_force_below=0, clock=Clock())
            await pg.open()
            try:
                yield pg
            finally:
                await pg.close()
        return
    from bot.core.store.sqlite import SQLiteStore

    s = SQLiteStore.from_url(f"sqlite:///{folder}/whosaid.db", brute_force_below=0, clock=Clock())
    await s.open()
    try:
        yield s
    finally:
        await s.close()


async def _answers(store: Store, a_quote: tuple[str, str], flush: bool = False) -> list[Any]:
    for n, (text, speaker) in enumerate(B_QUOTES):
        await store.save_article(
            make_article(f"B text {n}", f"https://b.example/{n}"), [make_quote(text, speaker)], B
        )
    text, speaker = a_quote
    await store.save_article(
        make_article("A text", "https://a.example/letters"), [make_quote(text, speaker)], A
    )
    if flush:  # the postings on disk, not in the index tail
        await store.flush_index()  # type: ignore[attr-defined]
    return [_public(await store.who_said(q, [B, GLOBAL_SCOPE])) for q in QUERIES]


@pytest.mark.parametrize("flush", [False, True])
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
async def test_b_cannot_tell_whether_a_holds_a_word(
    backend: str, flush: bool, tmp_path: Path
) -> None:
    async with _store(backend, tmp_path / "with") as store:
        with_word = await _answers(store, A_WITH, flush)
    async with _store(backend, tmp_path / "without") as store:
        without_word = await _answers(store, A_WITHOUT, flush)
    assert with_word == without_word
    # And B is helped: "budgit" is corrected to B's "budget".
    assert {h["quote"]["text"] for h in with_word[0]["hits"]} == {
        B_QUOTES[0][0],
        B_QUOTES[1][0],
    }


async def test_a_still_finds_its_own_exact_word(tmp_path: Path) -> None:
    async with _store("sqlite", tmp_path) as store:
        await _answers(store, A_WITH)
        result = await store.who_said("budgit office", [A, GLOBAL_SCOPE])
    assert [h.quote.text for h in result.hits] == [A_WITH[0]]

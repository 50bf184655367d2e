"""Who may change an article, and what an ingest tells the writer (both backends).

An article is stored once however many scopes add the same text, but a changed text at a
known URL changes it only for the writer's own scope (and, from the operator's CLI, for
global): a server never rewrites what another server or global sees. The status an
ingest reports is computed as if the database held only what the writer can see.
"""

from __future__ import annotations

from bot.core.models import GLOBAL_SCOPE, Quote
from bot.core.store.base import Store
from tests.conftest import make_article, make_quote

A, B = "111", "222"
URL = "https://news.example/harbour-plan"
TEXT_A = "The harbour plan passed. “The cranes arrive in spring,” said Mira Voss."
TEXT_B = "The harbour plan failed. “The cranes will never come,” said Mira Voss."


def _a_quotes() -> list[Quote]:
    return [make_quote("The cranes arrive in spring", "Mira Voss", "Port Director")]


def _b_quotes() -> list[Quote]:
    return [make_quote("The cranes will never come", "Mira Voss", "Union Steward")]


async def _texts(store: Store, scopes: list[str]) -> set[str]:
    """The quote texts the scopes see for the two harbour versions."""
    found: set[str] = set()
    for phrase in ("cranes arrive in spring", "cranes will never come"):
        found.update(h.quote.text for h in (await store.who_said(phrase, scopes)).hits)
    return found


async def _title(store: Store, phrase: str, scopes: list[str]) -> str | None:
    hits = (await store.who_said(phrase, scopes)).hits
    assert hits, phrase
    return hits[0].article.title


async def test_a_server_cannot_overwrite_another_servers_article(store: Store) -> None:
    a = await store.save_article(make_article(TEXT_A, URL, title="Plan passes"), _a_quotes(), A)
    b = await store.save_article(make_article(TEXT_B, URL, title="Plan fails"), _b_quotes(), B)
    # B is told exactly what a fresh add says, and gets its own article.
    assert (a.status, b.status) == ("added", "added")
    assert b.article_id != a.article_id
    # A keeps its text, title, quotes and counts, untouched.
    assert await _texts(store, [A]) == {"The cranes arrive in spring"}
    assert await _title(store, "cranes arrive in spring", [A]) == "Plan passes"
    assert (await store.stats([A])).quotes == 1
    assert (await store.top_speakers([A]))[0].title == "Port Director"
    found = await store.find_article(URL, [A])
    assert found is not None and found.id == a.article_id and found.title == "Plan passes"
    # B sees only its own version, at the same URL.
    assert await _texts(store, [B]) == {"The cranes will never come"}
    assert await _title(store, "cranes will never come", [B]) == "Plan fails"
    found = await store.find_article(URL, [B])
    assert found is not None and found.id == b.article_id and found.url is not None
    # Again the same: nothing new; a further change updates B's own copy only.
    again = await store.save_article(make_article(TEXT_B, URL), _b_quotes(), B)
    assert (again.status, again.article_id) == ("duplicate", b.article_id)
    third = await store.save_article(
        make_article(TEXT_B + " Talks resume.", URL),
        [make_quote("We will talk again", "Mira Voss")],
        B,
    )
    assert (third.status, third.article_id) == ("updated", b.article_id)
    assert await _texts(store, [B]) == set()
    assert (await store.who_said("we will talk again", [B])).hits
    assert await _texts(store, [A]) == {"The cranes arrive in spring"}
    assert not (await store.who_said("we will talk again", [A])).hits


async def test_a_server_that_shared_an_article_gets_its_own_copy_when_it_changes(
    store: Store,
) -> None:
    a = await store.save_article(make_article(TEXT_A, URL, title="Plan passes"), _a_quotes(), A)
    shared = await store.save_article(make_article(TEXT_A, URL), _a_quotes(), B)
    assert shared.article_id == a.article_id  # the same text is stored once
    changed = await store.save_article(
        make_article(TEXT_B, URL, title="Plan fails"), _b_quotes(), B
    )
    assert changed.status == "updated" and changed.article_id != a.article_id
    assert await _texts(store, [B]) == {"The cranes will never come"}
    assert (await store.stats([B])).quotes == 1
    assert [s.title for s in await store.top_speakers([B])] == ["Union Steward"]
    assert await _texts(store, [A]) == {"The cranes arrive in spring"}
    assert await _title(store, "cranes arrive in spring", [A]) == "Plan passes"
    assert (await store.stats([A])).quotes == 1
    # Each removes its own; the other's stays.
    removed = await store.remove_article(A, URL)
    assert removed is not None and removed.id == a.article_id
    assert await _texts(store, [B]) == {"The cranes will never come"}
    assert (await store.list_articles(B)).total == 1


async def test_the_owner_of_an_article_changes_it_only_for_itself(store: Store) -> None:
    """The replace behaviour of one scope stays; another holder keeps the old version."""
    await store.save_article(make_article(TEXT_A, URL), _a_quotes(), A)
    await store.save_article(make_article(TEXT_A, URL), _a_quotes(), B)
    updated = await store.save_article(make_article(TEXT_B, URL), _b_quotes(), A)
    assert updated.status == "updated"
    assert await _texts(store, [A]) == {"The cranes will never come"}
    assert await _texts(store, [B]) == {"The cranes arrive in spring"}


async def test_a_server_cannot_change_a_global_article(store: Store) -> None:
    g = await store.save_article(
        make_article(TEXT_A, URL, title="Plan passes"), _a_quotes(), GLOBAL_SCOPE
    )
    b = await store.save_article(make_article(TEXT_B, URL, title="Plan fails"), _b_quotes(), B)
    assert b.status == "added" and b.article_id != g.article_id
    for scopes in ([GLOBAL_SCOPE], [A, GLOBAL_SCOPE]):
        assert await _texts(store, scopes) == {"The cranes arrive in spring"}
        assert await _title(store, "cranes arrive in spring", scopes) == "Plan passes"
    # B sees global's version (every server does) and its own.
    assert await _texts(store, [B, GLOBAL_SCOPE]) == {
        "The cranes arrive in spring",
        "The cranes will never come",
    }


async def test_the_operator_updates_a_global_article_for_everyone(store: Store) -> None:
    await store.save_article(make_article(TEXT_A, URL), _a_quotes(), GLOBAL_SCOPE)
    linked = await store.save_article(make_article(TEXT_A, URL), _a_quotes(), B)
    assert linked.status == "linked"  # B could already see it: nothing to hide
    updated = await store.save_article(make_article(TEXT_B, URL), _b_quotes(), GLOBAL_SCOPE)
    assert updated.status == "updated"
    # One version everywhere, the operator's: no server sees two.
    for scopes in ([GLOBAL_SCOPE], [B, GLOBAL_SCOPE], [B]):
        assert await _texts(store, scopes) == {"The cranes will never come"}


async def test_the_operator_never_rewrites_an_article_only_a_server_holds(store: Store) -> None:
    await store.save_article(make_article(TEXT_A, URL), _a_quotes(), A)
    g = await store.save_article(make_article(TEXT_B, URL), _b_quotes(), GLOBAL_SCOPE)
    assert g.status == "added"
    assert await _texts(store, [A]) == {"The cranes arrive in spring"}
    assert await _texts(store, [GLOBAL_SCOPE]) == {"The cranes will never come"}


# -- what an ingest tells the writer (issue 18: nothing about another server) ------------


async def test_an_article_only_another_server_holds_is_reported_as_a_fresh_add(
    store: Store,
) -> None:
    private = await store.save_article(make_article(TEXT_A, URL), _a_quotes(), A)
    told = await store.save_article(make_article(TEXT_A, URL), _a_quotes(), B)
    # Exactly what B would have been told on an empty database.
    assert (told.status, told.quotes) == ("added", private.quotes)
    assert (await store.save_article(make_article(TEXT_A, URL), _a_quotes(), B)).status == (
        "duplicate"
    )
    # The same without a URL (recognised by its text).
    text = "A pasted memo. “The ferry runs on Sunday,” said Ola Brandt."
    await store.save_article(make_article(text), [make_quote("The ferry runs on Sunday")], A)
    pasted = await store.save_article(
        make_article(text), [make_quote("The ferry runs on Sunday")], B
    )
    assert pasted.status == "added"
    # The operator is told the same way about a server's article.
    operator = await store.save_article(make_article(text), [], GLOBAL_SCOPE)
    assert operator.status == "added"
    # A global article is one every server already sees: "linked" says nothing new.
    later = await store.save_article(make_article(text), [], "333")
    assert later.status == "linked"

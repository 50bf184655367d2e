"""Typo correction and "did you mean" across scopes (both backends, both search paths).

The vocabulary and word frequencies are the whole database's, so a misspelt word in server
B may be corrected toward a word only A's private articles hold. That may change ranking,
but what B is shown (hits and suggestions) only ever comes from quotes B can see.
"""

from __future__ import annotations

from bot.core.models import GLOBAL_SCOPE, SearchResult
from bot.core.store.base import Store
from tests.conftest import make_article, make_quote

A, B = "111", "222"

#: Words only A's private article holds.
A_ONLY = ["saltmarsh", "lighthouse", "quillfeather", "envoy", "alpha"]

A_QUOTES = [
    ("The saltmarsh lighthouse will be sold to the envoy", "Jane Quillfeather"),
    ("Nobody outside the alpha group knows about the lighthouse", "Orrin Vasquez"),
]
#: B's quotes use words one or two letters away from A's.
B_QUOTES = [
    ("The saltmarch reserve reopens in April", "Pell Garrow"),
    ("Our lighthorse statue was cleaned on Monday", "Pell Garrow"),
    ("The envoi of the festival was a long poem", "Rhea Tollmark"),
]
G_QUOTES = [("The harbour budget passed without debate", "Mira Castellane")]

QUERIES = [
    "saltmarsh",
    "saltmarsh lighthouse",
    "saltmarsh lighthouse will be sold",
    "saltmarsk lighthose",
    "salt marsh light house",
    "lighthouse",
    "lighthouse envoy",
    "the envoy",
    "quillfeather",
    "quilfeather said",
    "alpha group knows",
    "nobody outside knows about it",
    "sold to the envoy",
]


def _shown(result: SearchResult) -> list[str]:
    """Every text a who answer or its "did you mean" shows."""
    out: list[str] = []
    for hit in (*result.hits, *result.suggestions):
        quote, article = hit.quote, hit.article
        out += [quote.text, quote.context, quote.speaker or "", quote.title or ""]
        out += [article.title or "", article.url or "", article.outlet or ""]
    return out


async def test_typos_in_one_server_never_show_another_servers_words(store: Store) -> None:
    await store.save_article(
        make_article("A private text", "https://a.example/ledger", title="Ledger"),
        [make_quote(text, speaker) for text, speaker in A_QUOTES],
        A,
    )
    await store.save_article(
        make_article("B private text", "https://b.example/notes", title="Notes"),
        [make_quote(text, speaker) for text, speaker in B_QUOTES],
        B,
    )
    await store.save_article(
        make_article("Global text", "https://wire.example/g", title="Wire"),
        [make_quote(text, speaker) for text, speaker in G_QUOTES],
        GLOBAL_SCOPE,
    )
    visible = {text for text, _ in B_QUOTES + G_QUOTES}
    offered = 0
    for query in QUERIES:
        for limit in (1, 5):
            result = await store.who_said(query, [B, GLOBAL_SCOPE], limit=limit)
            quotes = {hit.quote.text for hit in (*result.hits, *result.suggestions)}
            assert quotes <= visible, (query, quotes - visible)
            shown = " ".join(_shown(result)).casefold()
            assert [w for w in A_ONLY if w in shown] == [], (query, shown)
            offered += len(quotes)
    # The test looks at something: B's near words are found (as hits or suggestions).
    assert offered > 0
    # ...and A, asking the same, does see its own.
    assert (await store.who_said("saltmarsh lighthouse", [A])).hits

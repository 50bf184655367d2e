"""Quote clusters in the store, on every backend: one statement carried by several outlets
is one cluster per scope, first seen by publication date, repaired on re-ingest and removal,
and never counts another server's private quotes."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.models import GLOBAL_SCOPE, Evidence, Quote, QuoteHit
from bot.core.store.base import Store
from tests.conftest import make_article
from tests.test_store_migration import _open, old_db  # noqa: F401 (old_db is a fixture)

FULL = (
    "We will not raise water rates this winter, and I will veto any bill that tries to do "
    "it behind the backs of families"
)
TRIMMED = "We will not raise water rates this winter"
CHANGED = FULL.replace("rates", "prices")
A, B = "111", "222"


def q(text: str, speaker: str = "Mara Ellison", form: str = "name", conf: float = 0.8) -> Quote:
    return Quote(
        text=text,
        start=0,
        end=len(text),
        kind="direct",
        speaker=speaker,
        speaker_mention=None,
        title="Governor" if speaker == "Mara Ellison" else None,
        cue=None,
        confidence=conf,
        context=text,
        evidence=Evidence(method="left", form=form),
    )


async def save(
    store: Store, slug: str, outlet: str, day: int, quotes: list[Quote], scope: str = GLOBAL_SCOPE
) -> None:
    await store.save_article(
        make_article(
            f"{slug} {outlet} {day} " + " ".join(x.text for x in quotes),
            f"https://example.org/{slug}",
            title=f"Story {slug}",
            outlet=outlet,
            published=datetime(2026, 11, day, tzinfo=UTC),
        ),
        quotes,
        scope,
    )


async def best(store: Store, phrase: str, scopes: list[str]) -> QuoteHit:
    result = await store.who_said(phrase, scopes)
    assert result.hits, phrase
    return result.hits[0]


async def test_one_statement_in_four_outlets_is_one_cluster_with_a_consensus(
    store: Store,
) -> None:
    # Ingested out of publication order: "first" is the earliest date, not the first saved.
    await save(store, "ledger", "Coastal Ledger", 3, [q(FULL)])
    await save(store, "wire", "Continental Wire", 2, [q(FULL, "Ellison")])
    await save(store, "courier", "Valley Courier", 4, [q(TRIMMED, "Ellison")])
    await save(store, "dispatch", "Northern Dispatch", 5, [q(CHANGED, "Dana Whitcombe", "pronoun")])
    await save(store, "other", "Valley Courier", 6, [q("The board meets again on Thursday")])
    hit = await best(store, "raise water prices", [GLOBAL_SCOPE])
    info = hit.cluster
    assert info is not None
    assert (info.articles, info.outlets) == (4, 4)
    assert info.first_seen.outlet == "Continental Wire"
    assert info.first_seen.url == "https://example.org/wire"
    assert hit.quote.speaker == "Mara Ellison"  # the pronoun's wrong name is repaired
    assert info.own_speaker == "Dana Whitcombe"
    assert info.tallies == (("Mara Ellison", 3), ("Dana Whitcombe", 1))
    assert {v.text for v in info.variants} == {FULL, TRIMMED}
    assert {v.relation for v in info.variants} == {"altered"}  # each differs by "prices"
    lone = await best(store, "board meets again on Thursday", [GLOBAL_SCOPE])
    assert lone.cluster is None


async def test_confident_names_of_different_people_stay_apart(store: Store) -> None:
    await save(store, "a", "Coastal Ledger", 3, [q(FULL)])
    await save(store, "b", "Continental Wire", 4, [q(FULL, "Dana Whitcombe")])
    result = await store.who_said("raise water rates this winter", [GLOBAL_SCOPE])
    assert {h.quote.speaker for h in result.hits} == {"Mara Ellison", "Dana Whitcombe"}
    assert all(h.cluster is None for h in result.hits)


async def test_quotes_outside_the_window_do_not_join(store: Store) -> None:
    await save(store, "a", "Coastal Ledger", 1, [q(FULL)])
    await store.save_article(
        make_article(
            "later " + FULL,
            "https://example.org/later",
            outlet="Continental Wire",
            published=datetime(2027, 3, 1, tzinfo=UTC),
        ),
        [q(FULL)],
        GLOBAL_SCOPE,
    )
    hit = await best(store, "raise water rates", [GLOBAL_SCOPE])
    assert hit.cluster is None


async def test_removal_and_rewrite_keep_clusters_right(store: Store) -> None:
    await save(store, "a", "Coastal Ledger", 2, [q(FULL)], A)
    await save(store, "b", "Continental Wire", 3, [q(TRIMMED)], A)
    await save(store, "c", "Valley Courier", 4, [q(CHANGED)], A)
    info = (await best(store, "raise water prices", [A])).cluster
    assert info is not None and info.articles == 3
    # The first outlet's article is removed: the other two remain one statement, first
    # seen at the next date.
    assert await store.remove_article(A, "https://example.org/a") is not None
    info = (await best(store, "raise water prices", [A])).cluster
    assert info is not None and info.articles == 2
    assert info.first_seen.outlet == "Continental Wire"
    # Re-ingested with different words: it leaves the cluster.
    await store.save_article(
        make_article(
            "b changed",
            "https://example.org/b",
            outlet="Continental Wire",
            published=datetime(2026, 11, 3, tzinfo=UTC),
        ),
        [q("Pipes laid in the 1950s must be replaced within a decade")],
        A,
    )
    assert (await best(store, "raise water prices", [A])).cluster is None


async def test_another_servers_private_quotes_never_count(store: Store) -> None:
    await save(store, "g", "Continental Wire", 3, [q(FULL)])
    await save(store, "a", "Coastal Ledger", 2, [q(FULL)], A)  # earlier, private to A
    await save(store, "b1", "Valley Courier", 4, [q(TRIMMED)], B)
    await save(store, "b2", "Northern Dispatch", 5, [q(CHANGED, "Tomas Reyes", "pronoun")], B)
    seen_a = (await best(store, "raise water rates", [A, GLOBAL_SCOPE])).cluster
    assert seen_a is not None
    assert (seen_a.articles, seen_a.first_seen.outlet) == (2, "Coastal Ledger")
    assert [v.text for v in seen_a.variants] == []
    seen_b = (await best(store, "raise water prices", [B, GLOBAL_SCOPE])).cluster
    assert seen_b is not None
    assert (seen_b.articles, seen_b.first_seen.outlet) == (3, "Continental Wire")
    assert all("Coastal Ledger" not in (v.text or "") for v in seen_b.variants)
    assert seen_b.tallies[0] == ("Mara Ellison", 2)
    only_global = (await best(store, "raise water rates", [GLOBAL_SCOPE])).cluster
    assert only_global is None  # global alone sees one occurrence
    # A server forgetting itself leaves the others' clusters intact.
    await store.forget_scope(A)
    again = (await best(store, "raise water prices", [B, GLOBAL_SCOPE])).cluster
    assert again is not None and again.articles == 3


async def test_an_old_database_upgrades_and_new_quotes_join_old_ones(
    old_db: str,  # noqa: F811
) -> None:
    store = await _open(old_db)
    try:
        scopes = [B, GLOBAL_SCOPE]
        old = await best(store, "bridge toll stays", scopes)
        assert old.cluster is None
        # The old quotes were stored on 2025-03-01 (no publication date): within the window.
        await store.save_article(
            make_article(
                "toll story",
                "https://example.org/toll",
                outlet="Harbour Post",
                published=datetime(2025, 3, 2, tzinfo=UTC),
            ),
            [q("The bridge toll stays as it is", "Quillfeather")],
            B,
        )
        hit = await best(store, "bridge toll stays", scopes)
        assert hit.cluster is not None and hit.cluster.articles == 2
    finally:
        await store.close()


async def test_quotes_pages_and_the_digest_see_only_the_scopes_occurrences(
    store: Store,
) -> None:
    await save(store, "a", "Coastal Ledger", 2, [q(FULL)], A)  # private to A
    await save(store, "b1", "Valley Courier", 3, [q(TRIMMED)], B)
    await save(store, "b2", "Northern Dispatch", 4, [q(CHANGED)], B)
    _, page = await store.quotes_by("Mara Ellison", [B, GLOBAL_SCOPE])
    assert len(page.items) == 2
    infos = [page.clusters[item.id] for item in page.items]
    assert {(i.articles, i.first_seen.outlet) for i in infos} == {(2, "Valley Courier")}
    since, until = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)
    added = await store.quotes_added([B, GLOBAL_SCOPE], since, until)
    assert {h.cluster.articles for h in added if h.cluster} == {2}
    _, page_a = await store.quotes_by("Mara Ellison", [A, GLOBAL_SCOPE])
    assert page_a.clusters == {}  # A's quote is alone in what A sees


async def test_the_full_quote_joins_its_lead_stored_earlier(store: Store) -> None:
    await save(store, "lead", "Valley Courier", 4, [q(TRIMMED)])
    await save(
        store, "noise", "Valley Courier", 4, [q("Rates will rise for water users next year")]
    )
    await save(store, "full", "Continental Wire", 2, [q(FULL)])
    info = (await best(store, "behind the backs of families", [GLOBAL_SCOPE])).cluster
    assert info is not None
    assert (info.articles, info.first_seen.outlet) == (2, "Continental Wire")


async def test_a_copy_saved_after_the_index_is_flushed_joins(store: Store) -> None:
    # The words read for the second save are read again for the third, after the first
    # two quotes moved from memory to the stored index: the third still finds them.
    await save(store, "first", "Coastal Ledger", 2, [q(FULL)])
    await save(store, "second", "Continental Wire", 3, [q(FULL)])
    await store.flush_index()  # type: ignore[attr-defined]  # both backends have it
    await save(store, "third", "Valley Courier", 4, [q(TRIMMED)])
    info = (await best(store, "raise water rates this winter", [GLOBAL_SCOPE])).cluster
    assert info is not None
    assert info.articles == 3

"""One server never learns what only another server's private articles hold (issue 18).

Two private scopes (A, B) and the global one. Every read the commands use (who/search with
its alternatives and "did you mean", quotes by speaker, random quote, speakers, stats,
digest, speaker autocomplete) runs in each scope on every backend, and its output must hold
no name, title, article title, quote or count that only the other private scope holds.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.core.models import GLOBAL_SCOPE
from bot.core.store.base import Store
from tests.conftest import Clock, make_article, make_quote

A, B = "111", "222"


def _public(value: Any) -> Any:
    """A result as a user could see it: every field but the internal row ids."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _public(getattr(value, f.name))
            for f in fields(value)
            if f.name not in {"id", "article_id"}
        }
    if isinstance(value, list | tuple):
        return [_public(v) for v in value]
    return value


# -- the scenario ----------------------------------------------------------------


async def test_a_surname_never_borrows_a_full_name_from_another_private_scope(
    store: Store,
) -> None:
    await store.save_article(
        make_article("Private to A", "https://a.example/harbour", title="Harbour memo"),
        [make_quote("The harbour will close at dusk", "Jane Quillfeather", "Harbour Master")],
        A,
    )
    await store.save_article(
        make_article("Private to B", "https://b.example/bridge", title="Bridge notes"),
        [make_quote("The bridge toll stays as it is", "Quillfeather")],
        B,
    )
    hit = (await store.who_said("bridge toll stays", [B, GLOBAL_SCOPE])).hits[0]
    assert hit.quote.speaker == "Quillfeather"
    name, page = await store.quotes_by("Quillfeather", [B, GLOBAL_SCOPE])
    assert name == "Quillfeather" and [q.speaker for q in page.items] == ["Quillfeather"]
    assert await store.speaker_names("quill", [B, GLOBAL_SCOPE]) == ["Quillfeather"]
    assert [s.name for s in await store.top_speakers([B, GLOBAL_SCOPE])] == ["Quillfeather"]
    assert (await store.quotes_by("Jane Quillfeather", [B, GLOBAL_SCOPE]))[1].total == 1
    # In A, where the full name is known, the name is full and A's own.
    hit = (await store.who_said("harbour will close", [A, GLOBAL_SCOPE])).hits[0]
    assert hit.quote.speaker == "Jane Quillfeather"


async def test_a_surname_resolves_to_a_full_name_the_scope_can_see(store: Store) -> None:
    await store.save_article(
        make_article("Global wire", "https://wire.example/ports", title="Ports"),
        [make_quote("Ports need dredging", "Jane Quillfeather")],
        GLOBAL_SCOPE,
    )
    await store.save_article(
        make_article("Private to B", "https://b.example/bridge"),
        [make_quote("The bridge toll stays as it is", "Quillfeather")],
        B,
    )
    hit = (await store.who_said("bridge toll stays", [B, GLOBAL_SCOPE])).hits[0]
    assert hit.quote.speaker == "Jane Quillfeather"
    name, page = await store.quotes_by("Quillfeather", [B, GLOBAL_SCOPE])
    assert name == "Jane Quillfeather" and page.total == 2
    # The global scope alone never sees B's quote.
    assert (await store.quotes_by("Quillfeather", [GLOBAL_SCOPE]))[1].total == 1


async def test_top_speakers_title_comes_from_the_scope(store: Store) -> None:
    await store.save_article(
        make_article("B story", "https://b.example/fire"),
        [make_quote("The fire is contained", "Dana Whitlock", "Fire Chief")],
        B,
    )
    await store.save_article(
        make_article("A story", "https://a.example/envoy"),
        [make_quote("The talks are secret", "Dana Whitlock", "Special Envoy")],
        A,
    )
    top = await store.top_speakers([B, GLOBAL_SCOPE])
    assert [(s.name, s.count, s.title) for s in top] == [("Dana Whitlock", 1, "Fire Chief")]


async def test_a_linked_article_reads_with_the_names_its_new_scope_can_see(store: Store) -> None:
    """An article first private in A, later added to B: B resolves it within B's view."""
    await store.save_article(
        make_article("A intro", "https://a.example/intro"),
        [make_quote("I will run the port", "Jane Quillfeather")],
        A,
    )
    text = "Quillfeather said the ferry will run."
    quotes = [make_quote("The ferry will run on Sundays", "Quillfeather")]
    await store.save_article(make_article(text, "https://news.example/ferry"), quotes, A)
    assert (await store.who_said("ferry will run", [A])).hits[0].quote.speaker == (
        "Jane Quillfeather"
    )
    linked = await store.save_article(make_article(text, "https://news.example/ferry"), quotes, B)
    assert linked.status == "added"  # as a fresh add: nothing about A
    assert (await store.who_said("ferry will run", [B])).hits[0].quote.speaker == "Quillfeather"
    assert await store.speaker_names("", [B]) == ["Quillfeather"]
    assert [s.name for s in await store.top_speakers([B])] == ["Quillfeather"]
    # Linked globally later: every server sees the article, none sees A's full name.
    await store.save_article(make_article(text, "https://news.example/ferry"), quotes, "global")
    hit = (await store.who_said("ferry will run", [B, GLOBAL_SCOPE])).hits[0]
    assert hit.quote.speaker == "Quillfeather"
    assert (await store.who_said("ferry will run", [A, GLOBAL_SCOPE])).hits[0].quote.speaker == (
        "Jane Quillfeather"
    )


async def test_a_spelling_is_shown_as_the_scope_wrote_it(store: Store) -> None:
    await store.save_article(
        make_article("A", "https://a.example/zoe"), [make_quote("Rain again", "Zoë Harrowgate")], A
    )
    await store.save_article(
        make_article("B", "https://b.example/zoe"), [make_quote("Sun again", "Zoe Harrowgate")], B
    )
    assert (await store.who_said("sun again", [B])).hits[0].quote.speaker == "Zoe Harrowgate"
    assert await store.speaker_names("zo", [B]) == ["Zoe Harrowgate"]
    assert (await store.who_said("rain again", [A])).hits[0].quote.speaker == "Zoë Harrowgate"


async def test_a_speaker_an_updated_article_drops_leaves_the_scope(store: Store) -> None:
    url = "https://a.example/council"
    await store.save_article(
        make_article("First version", url), [make_quote("We will vote", "Tomas Brightwater")], A
    )
    await store.save_article(make_article("First version", url), [], B)  # linked
    updated = await store.save_article(
        make_article("Second version", url), [make_quote("We voted", "Ines Calloway")], B
    )
    assert updated.status == "updated"
    assert await store.speaker_names("", [B]) == ["Ines Calloway"]
    assert (await store.stats([B])).speakers == 1
    # A keeps the version it holds (B got its own copy).
    assert await store.speaker_names("", [A]) == ["Tomas Brightwater"]


async def test_a_linked_article_shows_the_metadata_its_own_scope_gave(store: Store) -> None:
    """The same text added in A and B is stored once; each sees its own title, URL, outlet."""
    text = "The body of the memo, word for word the same in both servers."
    quotes = [make_quote("The memo says very little", "Lena Marsh")]
    await store.save_article(
        make_article(
            text,
            "https://a.example/internal/memo-7",
            title="Alpha Internal Memo",
            outlet="Alpha Desk",
            author="Rhea Secretwood",
        ),
        quotes,
        A,
    )
    linked = await store.save_article(make_article(text, None, title="Forwarded memo"), quotes, B)
    assert linked.status == "added"
    for hit in [
        (await store.who_said("memo says very little", [B, GLOBAL_SCOPE])).hits[0],
        await store.random_quote([B, GLOBAL_SCOPE], seed=1),
    ]:
        assert hit is not None
        article = hit.article
        assert (article.title, article.url, article.outlet, article.author) == (
            "Forwarded memo",
            None,
            None,
            None,
        )
    article = (await store.who_said("memo says very little", [A])).hits[0].article
    assert (article.title, article.outlet) == ("Alpha Internal Memo", "Alpha Desk")
    assert await store.find_article("https://a.example/internal/memo-7", [B]) is None
    # A's new version at its URL stays A's (A gets its own copy); B keeps the memo it added.
    await store.save_article(
        make_article("The memo, rewritten.", "https://a.example/internal/memo-7"),
        [make_quote("The memo now says more", "Lena Marsh")],
        A,
    )
    assert (await store.who_said("memo now says more", [B])).hits == ()
    assert (await store.who_said("memo says very little", [B])).hits[0].article.url is None


# -- the contract: every read, three scopes ----------------------------------------------

#: What only A's private articles hold; none of it may reach B or the global scope.
A_ONLY = [
    "Jane",
    "Orrin Vasquez",
    "Vasquez",
    "Special Envoy",
    "Alpha Ledger",
    "a.example",
    "saltmarsh",
    "lighthouse",
]
#: What only B's private articles hold.
B_ONLY = ["Bravo Notes", "b.example", "Fire Chief", "tollbooth", "Pell Garrow", "Garrow"]


async def _seed(store: Store, clock: Clock) -> None:
    await store.save_article(
        make_article("Global wire text", "https://wire.example/g1", title="Wire Roundup"),
        [
            make_quote("The regional budget passed without debate", "Mira Castellane", "Minister"),
            make_quote("We expect calmer weather this week", "Dana Whitlock"),
        ],
        GLOBAL_SCOPE,
    )
    clock.advance(minutes=1)
    await store.save_article(
        make_article("B private text", "https://b.example/notes", title="Bravo Notes"),
        [
            make_quote("The tollbooth on the bridge will stay open", "Quillfeather"),
            make_quote("Our crews contained the blaze", "Dana Whitlock", "Fire Chief"),
            make_quote("The tollbooth queue is our top worry", "Pell Garrow"),
        ],
        B,
    )
    clock.advance(minutes=1)
    await store.save_article(
        make_article("A private text", "https://a.example/ledger", title="Alpha Ledger"),
        [
            make_quote(
                "The saltmarsh lighthouse will be sold", "Jane Quillfeather", "Special Envoy"
            ),
            make_quote("The saltmarsh talks are confidential", "Dana Whitlock", "Special Envoy"),
            make_quote("Nobody outside knows about the lighthouse", "Orrin Vasquez"),
            make_quote("The lighthouse sale closes Friday", "Vasquez"),
        ],
        A,
    )
    clock.advance(minutes=1)
    # The same text added by both servers: stored once, each with its own metadata.
    shared = "Shared ferry text, word for word."
    ferry = [make_quote("The ferry timetable is final", "Quillfeather")]
    await store.save_article(
        make_article(shared, "https://a.example/ferry", title="Alpha Ledger Ferry", author="Jane"),
        ferry,
        A,
    )
    await store.save_article(make_article(shared, None, title="Ferry copy"), ferry, B)
    clock.advance(minutes=1)


async def _everything(store: Store, scopes: list[str], clock: Clock) -> list[Any]:
    """The output of every read a command makes, in ``scopes``."""
    phrases = [
        "the tollbooth on the bridge",
        "saltmarsh lighthouse will be sold",
        "regional budget passed",
        "crews contained the blaze",
        "lighthouse",
        "ferry timetable",
        "tollboth",
        "saltmarsch talks",
        "nothing like this at all anywhere",
    ]
    names = [
        "Quillfeather",
        "Jane Quillfeather",
        "Jane",
        "Dana Whitlock",
        "Whitlock",
        "Vasquez",
        "Orrin Vasquez",
        "Pell Garrow",
        "Garrow",
        "Mira Castellane",
    ]
    out: list[Any] = []
    for phrase in phrases:
        out.append(await store.who_said(phrase, scopes, limit=10))
    for name in names:
        out.append(await store.quotes_by(name, scopes, limit=50))
        out.append([await store.random_quote(scopes, speaker=name, seed=s) for s in range(6)])
    for prefix in ["", "q", "j", "quill", "v", "w", "d", "g", "p", "o", "orin", "jane q"]:
        out.append(await store.speaker_names(prefix, scopes, limit=25))
    out.append([await store.random_quote(scopes, seed=s) for s in range(20)])
    out.append(await store.top_speakers(scopes, limit=25))
    out.append(await store.top_speakers(scopes, since=clock.now - timedelta(days=1), limit=25))
    out.append(await store.stats(scopes))
    out.append(await store.quotes_added(scopes, clock.now - timedelta(days=1), clock.now))
    return list(_public(out))


async def test_no_read_shows_another_private_scope(store: Store, clock: Clock) -> None:
    await _seed(store, clock)
    for scopes, foreign in [
        ([B, GLOBAL_SCOPE], A_ONLY),
        ([A, GLOBAL_SCOPE], B_ONLY),
        ([GLOBAL_SCOPE], A_ONLY + B_ONLY),
    ]:
        seen = repr(await _everything(store, scopes, clock))
        leaked = [word for word in foreign if word.casefold() in seen.casefold()]
        assert leaked == [], (scopes, leaked)
    # Counts are the scope's own.
    b = await store.stats([B, GLOBAL_SCOPE])
    assert (b.articles, b.quotes, b.speakers) == (3, 6, 4)
    assert {(s.name, s.count, s.title) for s in await store.top_speakers([B, GLOBAL_SCOPE])} == {
        ("Dana Whitlock", 2, "Fire Chief"),
        ("Quillfeather", 2, None),
        ("Pell Garrow", 1, None),
        ("Mira Castellane", 1, "Minister"),
    }
    g = await store.stats([GLOBAL_SCOPE])
    assert (g.articles, g.quotes, g.speakers) == (1, 2, 2)
    a = await store.stats([A, GLOBAL_SCOPE])
    # Vasquez is Orrin Vasquez in A; Quillfeather is not quoted in A as a bare surname.
    assert (a.articles, a.quotes, a.speakers) == (3, 7, 4)
    assert (await store.quotes_by("Vasquez", [A]))[0:1] == ("Orrin Vasquez",)
    # ...and each scope does see its own data.
    assert (await store.who_said("saltmarsh lighthouse", [A, GLOBAL_SCOPE])).hits
    assert (await store.who_said("tollbooth on the bridge", [B, GLOBAL_SCOPE])).hits


# -- end to end: the scenario through the command line ---------------------------


def test_cli_answers_each_server_with_its_own_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'whosaid.db'}")
    a = tmp_path / "a.txt"
    a.write_text(
        "Harbour Board Weighs Closing The Old Quay\n"
        "Bay Herald | 2025-03-01 | https://a.example/quay\n\n"
        "Jane Quillfeather, the harbour master, said on Monday that the quay was unsafe.\n\n"
        "“We cannot keep the old quay open through another winter,” Quillfeather said.\n",
        encoding="utf-8",
    )
    b = tmp_path / "b.txt"
    b.write_text(
        "Toll Bridge Stays Open\nValley Courier | 2025-03-02 | https://b.example/toll\n\n"
        "The toll bridge will stay open through the spring, officials said.\n\n"
        "“The bridge toll stays exactly where it is for now,” Quillfeather said on Tuesday.\n",
        encoding="utf-8",
    )

    def run(*argv: str) -> tuple[int, str]:
        code = main(list(argv))
        return code, capsys.readouterr().out

    assert run("ingest", str(a), "--scope", A)[0] == 0
    assert run("ingest", str(b), "--scope", B)[0] == 0
    code, out = run("who", "bridge toll stays", "--scope", B)
    assert code == 0 and out.splitlines()[0] == "Quillfeather said:"
    for argv in (["quotes", "Quillfeather"], ["speakers"], ["stats"], ["digest"]):
        out = run(*argv, "--scope", B)[1]
        assert "Jane" not in out and "Quay" not in out and "harbour" not in out, (argv, out)
    code, out = run("who", "old quay open", "--scope", A)
    assert code == 0 and out.splitlines()[0].startswith("Jane Quillfeather")


async def test_two_processes_read_names_in_the_readers_scopes(
    pg_schema: tuple[str, str], clock: Clock
) -> None:
    """PostgreSQL shards: a speaker written by one process reads per scope in the other."""
    from bot.core.store.postgres import PostgresStore

    url, schema = pg_schema
    one = PostgresStore.from_url(url, clock=clock, schema=schema)
    two = PostgresStore.from_url(url, clock=clock, schema=schema)
    await one.open()
    await two.open()
    try:
        await one.save_article(
            make_article("A full", "https://a.example/1"),
            [make_quote("The quay is unsafe", "Jane Quillfeather")],
            A,
        )
        await two.save_article(
            make_article("B bare", "https://b.example/1"),
            [make_quote("The toll stays put", "Quillfeather")],
            B,
        )
        await two.save_article(
            make_article("A bare", "https://a.example/2"),
            [make_quote("The quay closes in May", "Quillfeather")],
            A,
        )
        for store in (one, two):
            hit = (await store.who_said("toll stays put", [B, GLOBAL_SCOPE])).hits[0]
            assert hit.quote.speaker == "Quillfeather"
            hit = (await store.who_said("quay closes in May", [A, GLOBAL_SCOPE])).hits[0]
            assert hit.quote.speaker == "Jane Quillfeather"
            assert await store.speaker_names("", [B]) == ["Quillfeather"]
            assert (await store.quotes_by("Quillfeather", [A]))[1].total == 2
    finally:
        await one.close()
        await two.close()

"""End to end: the real discord.py client, over real HTTP and websocket, against a fake Discord.

The bot runs on the real SQLite store, filled with the bundled samples through the real
ingest pipeline and extractor (and the project's seed article from ../shared when present).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.client import WhosaidBot, apply_endpoints
from bot.core.ingest.pipeline import ingest_text
from bot.core.ingest.sources import ingest_sources
from bot.core.models import GLOBAL_SCOPE, ArticleInput, Quote
from bot.core.store import Store, open_store
from bot.settings import Settings
from bot.ui import limits
from bot.ui.render import hit_embed
from tests.fake_discord import (
    ALICE,
    BOB,
    GUILD_ID,
    TOKEN,
    FakeDiscord,
    Recorded,
)

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
SEED = REPO.parent / "shared" / "seeds" / "000_e42e6a23a56a0ba9.txt"


class Clock:
    """A clock the test moves by hand (flood control reads it)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _quote(text: str, speaker: str, title: str | None, context: str, conf: float = 0.9) -> Quote:
    start = context.find(text)
    return Quote(
        text=text,
        start=max(start, 0),
        end=max(start, 0) + len(text),
        kind="direct",
        speaker=speaker,
        speaker_mention=None,
        title=title,
        cue=None,
        confidence=conf,
        context=context,
    )


# News-style fixtures written for these tests (no real article text).
VANCE_CONTEXT = (
    "Asked about the talks, Vance said that sending troops remains “on the table” "
    "if a peace deal fails."
)
SEED_ARTICLES: list[tuple[ArticleInput, list[Quote], str]] = [
    (
        ArticleInput(
            text=VANCE_CONTEXT,
            title="Vance says troops remain an option in peace talks",
            outlet="The Daily Ledger",
            url="https://news.example.com/world/vance-talks",
            published=datetime(2025, 3, 3, tzinfo=UTC),
        ),
        [
            _quote(
                "Every option is on the table if the deal fails",
                "JD Vance",
                "Vice President",
                VANCE_CONTEXT,
            )
        ],
        "global",
    ),
    (
        ArticleInput(
            text="Mayor Ines Brightwater spoke at the council.",
            title="Council *special* meeting",
            outlet="Riverside Post",
            url="https://news.example.com/local/council",
            published=datetime(2025, 3, 4, tzinfo=UTC),
        ),
        [
            _quote(
                f"Budget line {n}: we will fund the bridge repairs this year",
                "Ines Brightwater",
                "Mayor",
                "Ines Brightwater spoke at the council.",
            )
            for n in range(1, 8)
        ]
        + [
            _quote(
                "Tell @everyone the vote is on Tuesday, <@&1234567890123456789> included",
                "Ines Brightwater",
                "Mayor",
                "She urged residents to attend.",
            )
        ],
        str(GUILD_ID),
    ),
    (
        ArticleInput(text="Hidden.", title="Another server's article", outlet="Elsewhere"),
        [_quote("A secret from another server on the table", "Zed Other", None, "Hidden.")],
        "999",
    ),
]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """The real SQLite store: the bundled samples through the real pipeline, plus fixtures."""
    real = await open_store(f"sqlite:///{tmp_path / 'e2e.db'}")
    summary = await ingest_sources(
        [str(SAMPLES)], scope=GLOBAL_SCOPE, store=real, settings=Settings()
    )
    assert summary.added >= 6, summary.format()
    if SEED.is_file():  # read at run time, never copied into the repository
        seed = SEED.read_text(encoding="utf-8")
        await ingest_text(seed, scope=GLOBAL_SCOPE, store=real, url="https://news.example.com/seed")
    for article, quotes, scope in SEED_ARTICLES:
        await real.save_article(article, quotes, scope)
    yield real
    await real.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(fake: FakeDiscord, store: Any, clock: Clock) -> AsyncIterator[WhosaidBot]:
    settings = Settings(
        discord_token=TOKEN,
        command_prefix="!",
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
    )
    apply_endpoints(settings)
    client = WhosaidBot(settings, store=store, clock=clock, guild_ready_timeout=0.1)
    await client.login(TOKEN)
    task = asyncio.create_task(client.connect())
    await asyncio.wait_for(client.wait_until_ready(), 5)
    yield client
    await client.close()
    await asyncio.wait_for(task, 5)


def _mentions_none(rec: Recorded) -> bool:
    data = rec.payload() or {}
    allowed = data.get("allowed_mentions")
    return allowed is not None and allowed.get("parse") == [] and not allowed.get("users")


def assert_all_silent(fake: FakeDiscord) -> None:
    """Every request that sent text carried allowed_mentions with an empty parse list."""
    sent = [r for r in fake.requests if r.sends_text()]
    assert sent, "the bot sent nothing"
    bad = [(r.method, r.path, r.payload()) for r in sent if not _mentions_none(r)]
    assert not bad


def _embed_text(rec: Recorded) -> str:
    parts = []
    for e in rec.embeds():
        parts += [e.get("title", ""), e.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in e.get("fields", [])]
        parts.append((e.get("footer") or {}).get("text", ""))
    return "\n".join(parts)


async def test_who_said_prefix_answers_with_speaker(bot: WhosaidBot, fake: FakeDiscord) -> None:
    rec = await fake.ask(BOB, '!who said "on the table"')
    embed = rec.embeds()[0]
    assert embed["title"].startswith("JD Vance")
    assert "**on the table**" in embed["description"]
    assert "Zed Other" not in _embed_text(rec)  # another server's scope is invisible
    assert_all_silent(fake)


def _answer(fake: FakeDiscord, inter: dict[str, Any]) -> Any:
    """Predicate: a request answering ``inter`` that carries text or embeds."""
    token = inter["token"]
    return lambda r: token in r.path and r.sends_text()


async def test_slash_who_defers_then_answers(bot: WhosaidBot, fake: FakeDiscord) -> None:
    since = fake.mark()
    inter = await fake.slash(BOB, "who", {"phrase": "On The Table"})
    first = await fake.wait_for_request(fake.for_interaction(inter), since=since)
    assert first.path.endswith("/callback") and first.body["type"] == 5  # deferred in time
    rec = await fake.wait_for_request(_answer(fake, inter), since=since)
    assert rec.embeds()[0]["title"].startswith("JD Vance")
    assert "Vice President" in rec.embeds()[0]["title"]
    source = next(f for f in rec.embeds()[0]["fields"] if f["name"] == "Source")
    assert "(https://news.example.com/world/vance-talks)" in source["value"]
    assert "The Daily Ledger" in source["value"] and "3 Mar 2025" in source["value"]
    assert_all_silent(fake)


async def test_who_said_unquoted_and_curly_quotes(bot: WhosaidBot, fake: FakeDiscord) -> None:
    for text in ("!who said on the table", "!who said “on the table”", "!WHO on the table"):
        rec = await fake.ask(BOB, text)
        assert rec.embeds()[0]["title"].startswith("JD Vance"), text


async def test_no_match_says_so_with_did_you_mean(bot: WhosaidBot, fake: FakeDiscord) -> None:
    rec = await fake.ask(BOB, '!who said "fund repairs tables"')
    embed = rec.embeds()[0]
    assert embed["title"] == "No match"
    assert "Did you mean" in embed["description"]


async def test_autocomplete_offers_speakers_in_scope(bot: WhosaidBot, fake: FakeDiscord) -> None:
    choices = await fake.autocomplete(BOB, "quotes", "speaker", "Ine")
    assert choices[0]["name"] == "Ines Brightwater"  # prefix matches first
    everyone = await fake.autocomplete(BOB, "quotes", "speaker", "")
    names = {c["name"] for c in everyone}
    assert "JD Vance" in names and "Zed Other" not in names
    random_choices = await fake.autocomplete(BOB, "quote", "speaker", "jd", subcommand="random")
    assert random_choices[0]["value"] == "JD Vance"


async def test_paging_by_buttons_only_for_the_invoker(bot: WhosaidBot, fake: FakeDiscord) -> None:
    rec = await fake.ask(ALICE, "!quotes Ines Brightwater")
    embed = rec.embeds()[0]
    assert embed["footer"]["text"].startswith("Page 1 of 2")
    # The newest quote comes first, and its @everyone is escaped (and never pings).
    assert "@\u200beveryone" in embed["description"]
    buttons = rec.body["components"][0]["components"]
    # Persistent buttons: the list, the invoker, the offset and the speaker are in the id.
    owner = ALICE.id
    prev_id, next_id = (
        f"ws:pg:q:p:{owner}:0:Ines Brightwater",
        f"ws:pg:q:n:{owner}:0:Ines Brightwater",
    )
    assert [b["custom_id"] for b in buttons] == [prev_id, next_id]
    assert buttons[0].get("disabled") is True
    msg_id = max(fake.messages)  # the answer just created

    since = fake.mark()
    refused = await fake.click(BOB, msg_id, next_id)
    reply = await fake.wait_for_request(fake.for_interaction(refused), since=since)
    assert reply.body["type"] == 4
    assert reply.body["data"]["flags"] & 64  # ephemeral
    assert "Only the person who ran the command can" in reply.body["data"]["content"]

    since = fake.mark()
    turned = await fake.click(ALICE, msg_id, next_id)
    reply = await fake.wait_for_request(fake.for_interaction(turned), since=since)
    assert reply.body["type"] == 7  # the message is edited in place
    page2 = reply.embeds()[0]
    assert page2["footer"]["text"].startswith("Page 2 of 2")
    assert "Budget line 1:" in page2["description"]
    buttons = reply.body["data"]["components"][0]["components"]
    assert buttons[1].get("disabled") is True and not buttons[0].get("disabled")
    assert_all_silent(fake)


async def test_choosing_an_alternative_shows_that_answer(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    rec = await fake.ask(BOB, "!who said on the table")
    select = rec.body["components"][0]["components"][0]
    assert select["type"] == 3 and len(select["options"]) >= 2
    other = select["options"][1]
    since = fake.mark()
    inter = await fake.click(BOB, max(fake.messages), select["custom_id"], values=[other["value"]])
    reply = await fake.wait_for_request(fake.for_interaction(inter), since=since)
    assert reply.body["type"] == 7
    assert reply.embeds()[0]["title"].startswith(other["label"])
    assert_all_silent(fake)


async def test_each_picked_alternative_is_the_answer_as_listed(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    """The menu keeps only ids, scores and spans and loads a quote when it is picked: the
    answer shown is the one the look-up listed, matched words bold and match % the same."""
    rec = await fake.ask(BOB, "!who said on the table")
    message_id = max(fake.messages)
    select = rec.body["components"][0]["components"][0]
    listed = await store.who_said("on the table", [str(GUILD_ID), GLOBAL_SCOPE], limit=6)
    assert len(select["options"]) == len(listed.hits) >= 2
    for option, hit in zip(select["options"], listed.hits, strict=True):
        since = fake.mark()
        picked = await fake.click(BOB, message_id, select["custom_id"], values=[option["value"]])
        reply = await fake.wait_for_request(fake.for_interaction(picked), since=since)
        assert reply.body["type"] == 7
        expected = hit_embed(hit, alternatives=len(listed.hits) - 1).to_dict()
        assert reply.embeds()[0] == expected
    assert_all_silent(fake)


async def test_picking_an_answer_removed_since_says_it_is_gone(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    rec = await fake.ask(BOB, "!who said on the table")
    message_id = max(fake.messages)
    select = rec.body["components"][0]["components"][0]
    listed = await store.who_said("on the table", [str(GUILD_ID), GLOBAL_SCOPE], limit=6)
    gone = listed.hits[1].quote
    scope = str(GUILD_ID) if await store.quote_hit(gone.id, [str(GUILD_ID)]) else GLOBAL_SCOPE
    await store.remove_article(scope, gone.article_id)
    since = fake.mark()
    picked = await fake.click(
        BOB, message_id, select["custom_id"], values=[select["options"][1]["value"]]
    )
    reply = await fake.wait_for_request(fake.for_interaction(picked), since=since)
    assert reply.body["type"] == 4 and reply.body["data"]["flags"] & 64
    assert reply.body["data"]["content"] == "That choice is no longer available."
    assert_all_silent(fake)


async def test_non_admin_is_refused_ingest(bot: WhosaidBot, fake: FakeDiscord) -> None:
    before = await fake.ask(BOB, "!stats")
    rec = await fake.ask(BOB, "!ingest https://news.example.com/story")
    assert "Manage Server" in rec.embeds()[0]["description"]
    # The slash form is Discord's to refuse (default_member_permissions): see
    # test_e2e_commands for an interaction that arrives because the owner allowed it.
    after = await fake.ask(BOB, "!stats")  # nothing was added
    assert after.embeds()[0]["fields"] == before.embeds()[0]["fields"]
    assert_all_silent(fake)


async def test_admin_ingests_an_attached_file(bot: WhosaidBot, fake: FakeDiscord) -> None:
    text = (
        "The harbour will reopen next week. “We are confident the repairs are done,” "
        "said Port Director Ana Ruiz on Monday.\n"
    ).encode()
    att = fake.add_attachment("harbour-reopens.txt", text)
    since = fake.mark()
    await fake.send_message(ALICE, "!ingest", attachments=[att])
    progress = await fake.wait_for_request(
        lambda r: r.method == "POST" and r.path.endswith("/messages"), since=since
    )
    assert "Reading" in progress.body["content"]
    done = await fake.wait_for_request(
        lambda r: r.method == "PATCH" and bool(r.embeds()), since=since
    )
    embed = done.embeds()[0]
    assert embed["title"].startswith("Added")
    assert "harbour" in embed["description"].lower() and "found" in embed["description"]
    assert_all_silent(fake)


async def test_unknown_command_and_errors_keep_the_bot_running(
    bot: WhosaidBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    since = fake.mark()
    await fake.send_message(BOB, "!frobnicate the news")  # not ours: stay silent
    typo = await fake.ask(BOB, "!speakrs")
    assert "Did you mean `!speakers`" in typo.embeds()[0]["description"]
    assert not [r for r in fake.requests[since:] if "frobnicate" in str(r.body)]

    missing = await fake.ask(BOB, "!who")
    assert "Missing `phrase`" in missing.embeds()[0]["description"]
    empty = await fake.ask(BOB, "!who said")
    assert "Tell me what to look for" in empty.embeds()[0]["description"]
    unknown = await fake.ask(BOB, "!quotes Nobody Atall")
    assert "no speaker called" in unknown.embeds()[0]["description"]

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(bot.store, "who_said", broken)
    sorry = await fake.ask(ALICE, "!who said anything")
    assert "Sorry, something went wrong" in sorry.embeds()[0]["description"]
    assert "fire" not in str(sorry.body)
    monkeypatch.undo()
    again = await fake.ask(ALICE, '!who said "on the table"')
    assert again.embeds()[0]["title"].startswith("JD Vance")
    assert_all_silent(fake)


async def test_flood_control_per_user(bot: WhosaidBot, fake: FakeDiscord, clock: Clock) -> None:
    for _ in range(5):
        ok = await fake.ask(BOB, "!stats")
        assert ok.embeds()[0]["title"] == "What I know here"
    slow = await fake.ask(BOB, "!stats")
    assert "Slow down" in slow.embeds()[0]["description"]
    other = await fake.ask(ALICE, "!stats")  # others are not affected
    assert other.embeds()[0]["title"] == "What I know here"
    clock.now += 10.5
    again = await fake.ask(BOB, "!stats")
    assert again.embeds()[0]["title"] == "What I know here"


async def test_embed_limits_hold_for_huge_quotes(
    bot: WhosaidBot, fake: FakeDiscord, store: Any
) -> None:
    huge = "zebra " * 3000
    context = ("Context " * 2000) + huge
    await store.save_article(
        ArticleInput(text=context, title="T" * 1000, outlet="O" * 500, url="https://x.example/a"),
        [_quote(huge.strip(), "S" * 400, "Title " * 100, context)],
        str(GUILD_ID),
    )
    rec = await fake.ask(BOB, "!who said zebra zebra")
    for embed in rec.embeds():
        e = discord.Embed.from_dict(embed)
        assert len(e) <= limits.TOTAL
        assert len(e.title or "") <= limits.TITLE
        assert len(e.description or "") <= limits.DESCRIPTION
        assert all(len(f.value or "") <= limits.FIELD_VALUE for f in e.fields)
    assert_all_silent(fake)


async def test_owner_syncs_slash_commands(bot: WhosaidBot, fake: FakeDiscord) -> None:
    refused = await fake.ask(BOB, "!sync")
    assert "owner" in refused.embeds()[0]["description"]
    done = await fake.ask(ALICE, "!sync")
    assert done.body["content"].startswith("Synced 15 slash command(s)")
    put = next(r for r in fake.requests if r.method == "PUT")
    assert put.path == f"/applications/{bot.application_id}/commands"
    names = {c["name"] for c in put.body}
    assert names == {
        "who",
        "quotes",
        "quote",
        "speakers",
        "stats",
        "ingest",
        "feeds",
        "digest",
        "help",
        "articles",
        "forget-server",
        "about",
        "Who said this?",
        "check",
        "Check this quote",
    }
    ingest = next(c for c in put.body if c["name"] == "ingest")
    assert int(ingest["default_member_permissions"]) == 32  # Manage Server
    here = await fake.ask(ALICE, "!sync guild")
    assert "this server" in here.body["content"]
    assert any(r.path.endswith(f"/guilds/{GUILD_ID}/commands") for r in fake.requests)


async def test_help_lists_every_command_with_an_example(bot: WhosaidBot, fake: FakeDiscord) -> None:
    rec = await fake.ask(BOB, "!help")
    text = _embed_text(rec)
    for example in (
        '!who said "on the table"',
        "!quotes JD Vance",
        "!quote random",
        "!speakers",
        "!stats",
        "!ingest https://",
        "!sync guild",
    ):
        assert example in text
    since = fake.mark()
    inter = await fake.slash(BOB, "help")
    reply = await fake.wait_for_request(_answer(fake, inter), since=since)
    assert reply.body["data"]["flags"] & 64


async def test_speakers_and_random_quote(bot: WhosaidBot, fake: FakeDiscord) -> None:
    top = await fake.ask(BOB, "!speakers")
    desc = top.embeds()[0]["description"]
    assert desc.index("Ines Brightwater") < desc.index("JD Vance")
    assert "Zed Other" not in desc
    one = await fake.ask(BOB, "!quote random JD Vance")
    assert one.embeds()[0]["title"].startswith("JD Vance")
    since = fake.mark()
    inter = await fake.slash(BOB, "quote", {"speaker": "Ines"}, subcommand="random")
    reply = await fake.wait_for_request(_answer(fake, inter), since=since)
    assert reply.embeds()[0]["title"].startswith("Ines Brightwater")
    assert_all_silent(fake)


async def test_direct_messages_see_only_global_articles(bot: WhosaidBot, fake: FakeDiscord) -> None:
    dm = 310_000_000_000_000_001
    rec = await fake.ask(BOB, '!who said "on the table"', channel_id=dm, dm=True)
    assert rec.embeds()[0]["title"].startswith("JD Vance")  # a global article
    server_only = await fake.ask(BOB, "!quotes Ines Brightwater", channel_id=dm, dm=True)
    assert "no speaker called" in server_only.embeds()[0]["description"]
    refused = await fake.ask(ALICE, "!ingest https://news.example.com/x", channel_id=dm, dm=True)
    assert "only works in a server" in refused.embeds()[0]["description"]
    assert_all_silent(fake)

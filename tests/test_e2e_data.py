"""End to end, issue 16: a server's articles, removing one, forgetting the server, ``about``,
and deleting a server's data when the bot is removed from it (never on an outage)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.client import WhosaidBot
from bot.core.models import GLOBAL_SCOPE
from bot.core.store import Store
from bot.core.store.deletion import ForgetCounts
from bot.ui.views import ConfirmView
from tests.conftest import make_article
from tests.fake_discord import ALICE, BOB, GUILD_ID, FakeDiscord, Recorded
from tests.test_e2e import assert_all_silent, bot, clock, store

__all__ = ["bot", "clock", "store"]

SCOPE = str(GUILD_ID)
DM = 310_000_000_000_000_001


def _text(rec: Recorded) -> str:
    data = rec.payload() or {}
    parts = [str(data.get("content") or "")]
    for e in rec.embeds():
        parts += [e.get("title", ""), e.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in e.get("fields", [])]
        parts.append((e.get("footer") or {}).get("text", ""))
    return "\n".join(parts)


async def test_articles_lists_this_servers_articles_newest_first(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    rec = await fake.ask(ALICE, "!articles")
    text = _text(rec)
    assert "Council \\*special\\* meeting" in text  # escaped title, this server's article
    assert "Another server" not in text and "Vance says troops" not in text  # not global
    assert "#" in text and "8 quotes" in text
    refused = await fake.ask(BOB, "!articles")
    assert "Manage Server" in refused.embeds()[0]["description"]


async def test_articles_remove_hides_its_quotes_from_every_answer(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    listed = await store.list_articles(SCOPE)
    council = next(
        e.article for e in listed.items if e.article.title == "Council *special* meeting"
    )
    before = await fake.ask(BOB, "!quotes Ines Brightwater")
    assert before.embeds()[0]["title"].startswith("Quotes by Ines")
    done = await fake.ask(ALICE, f"!articles remove {council.url}")
    assert "Removed **Council \\*special\\* meeting**" in done.body["content"]
    gone = await fake.ask(BOB, "!quotes Ines Brightwater")
    assert "no speaker called" in gone.embeds()[0]["description"]
    who = await fake.ask(BOB, '!who said "fund the bridge repairs"')
    assert "Ines Brightwater" not in _text(who)
    top = await fake.ask(BOB, "!speakers")
    assert "Ines Brightwater" not in _text(top)
    again = await fake.ask(ALICE, f"!articles remove {council.id}")
    assert "no such article" in again.embeds()[0]["description"]
    # A global article is not this server's to remove.
    vance = await store.find_article("https://news.example.com/world/vance-talks", [GLOBAL_SCOPE])
    assert vance is not None
    refused = await fake.ask(ALICE, f"!articles remove {vance.id}")
    assert "no such article" in refused.embeds()[0]["description"]
    assert_all_silent(fake)


async def test_forget_server_asks_first_and_only_the_invoker_confirms(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    prompt = await fake.ask(ALICE, "!forget-server")
    assert "cannot be undone" in prompt.body["content"]
    confirm = prompt.body["components"][0]["components"][0]
    assert confirm["label"] == "Delete everything"
    msg_id = max(fake.messages)
    assert (await store.stats([SCOPE])).articles > 0

    since = fake.mark()
    stranger = await fake.click(BOB, msg_id, confirm["custom_id"])
    reply = await fake.wait_for_request(fake.for_interaction(stranger), since=since)
    assert reply.body["data"]["flags"] & 64 and "Only" in reply.body["data"]["content"]
    assert (await store.stats([SCOPE])).articles > 0  # nothing happened

    since = fake.mark()
    await fake.click(ALICE, msg_id, confirm["custom_id"])
    done = await fake.wait_for_request(
        lambda r: r.method == "PATCH" and "Deleted this server's data" in str(r.body),
        since=since,
    )
    assert "article(s)" in done.body["content"]
    stats = await store.stats([SCOPE])
    assert (stats.articles, stats.quotes) == (0, 0)
    who = await fake.ask(BOB, '!who said "on the table"')  # global articles stay
    assert who.embeds()[0]["title"].startswith("JD Vance")
    assert_all_silent(fake)


async def test_forget_server_cancel_and_timeout_delete_nothing(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    prompt = await fake.ask(ALICE, "!forget-server")
    cancel = prompt.body["components"][0]["components"][1]
    since = fake.mark()
    inter = await fake.click(ALICE, max(fake.messages), cancel["custom_id"])
    reply = await fake.wait_for_request(fake.for_interaction(inter), since=since)
    assert "nothing was deleted" in reply.body["data"]["content"]
    assert (await store.stats([SCOPE])).articles > 0

    calls: list[str] = []

    async def action(interaction: Any) -> str:
        calls.append("forget")
        return "deleted"

    class Message:
        def __init__(self) -> None:
            self.edits: list[dict[str, Any]] = []

        async def edit(self, **kwargs: Any) -> None:
            self.edits.append(kwargs)

    class User:
        id = 1
        display_name = "Alice"

    view = ConfirmView(
        User(),  # type: ignore[arg-type]
        action,
        confirm_label="Delete",
        cancelled="Cancelled",
        timed_out="No answer in time: nothing was deleted.",
    )
    message = Message()
    view.message = message  # type: ignore[assignment]
    await view.on_timeout()
    assert calls == []
    assert message.edits[0]["content"].endswith("nothing was deleted.")
    assert message.edits[0]["view"] is None


async def test_about_says_what_is_stored_and_the_counts_here(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    rec = await fake.ask(BOB, "!about")
    text = _text(rec)
    assert rec.embeds()[0]["title"].startswith("whosaid ")
    assert "What I store" in text and "forget-server" in text and "articles remove" in text
    assert "1 article(s), 8 quote(s)" in text  # this server's own


async def _forget_spy(
    bot: WhosaidBot, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], asyncio.Event]:
    calls: list[str] = []
    done = asyncio.Event()
    real = bot.store.forget_scope

    async def spy(scope: str) -> ForgetCounts:
        calls.append(scope)
        try:
            return await real(scope)
        finally:
            done.set()

    monkeypatch.setattr(bot.store, "forget_scope", spy)
    return calls, done


async def test_removed_from_a_server_deletes_its_data(
    bot: WhosaidBot, fake: FakeDiscord, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, done = await _forget_spy(bot, monkeypatch)
    await fake.guild_delete(unavailable=False)
    await asyncio.wait_for(done.wait(), 5)
    assert calls == [SCOPE]
    stats = await store.stats([SCOPE])
    assert (stats.articles, stats.quotes) == (0, 0)
    assert (await store.stats([GLOBAL_SCOPE])).articles > 0


async def test_an_outage_deletes_nothing(
    bot: WhosaidBot, fake: FakeDiscord, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, _ = await _forget_spy(bot, monkeypatch)
    await fake.guild_delete(unavailable=True)
    # A round trip after the event: the bot has handled it by the time it answers.
    await fake.ask(BOB, "!stats", channel_id=DM, dm=True)
    assert calls == []
    assert bot.get_guild(GUILD_ID) is None or bot.get_guild(GUILD_ID).unavailable  # type: ignore[union-attr]
    assert (await store.stats([SCOPE])).articles == 1


async def test_help_lists_the_data_commands(bot: WhosaidBot, fake: FakeDiscord) -> None:
    text = _text(await fake.ask(BOB, "!help"))
    for example in ("!articles remove 42", "!forget-server", "!about", "Who said this?"):
        assert example in text
    assert "!sync clear guild" in text


async def test_articles_pages_with_buttons_and_slash_remove(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    for n in range(1, 10):
        await store.save_article(
            make_article(f"Story number {n} about the harbour.", f"https://news.example/s{n}"),
            [],
            SCOPE,
        )
    rec = await fake.ask(ALICE, "!articles")
    assert "Page 1 of 2" in _text(rec) and "10 article(s)" in _text(rec)
    prev, nxt = rec.body["components"][0]["components"]
    assert prev.get("disabled") is True and nxt["custom_id"] == f"ws:pg:a:n:{ALICE.id}:0:"
    since = fake.mark()
    inter = await fake.click(ALICE, max(fake.messages), nxt["custom_id"])
    page2 = await fake.wait_for_request(fake.for_interaction(inter), since=since)
    assert page2.body["type"] == 7 and "Page 2 of 2" in _text(page2)

    # Bob lacks Manage Server; the server allowed his role for /articles in Integrations.
    since = fake.mark()
    slash = await fake.slash(
        BOB, "articles", {"article": "https://news.example/s3"}, subcommand="remove"
    )
    done = await fake.wait_for_request(
        lambda r: slash["token"] in r.path and r.sends_text(), since=since
    )
    assert "Removed" in _text(done)
    assert (await store.list_articles(SCOPE)).total == 9

"""End to end, issue 16: permissions, flood control, replies, views after a restart.

Same fake Discord and real SQLite store as ``test_e2e.py`` (its fixtures are reused).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.client import WhosaidBot, apply_endpoints
from bot.core.store import Store
from bot.settings import Settings
from tests.fake_discord import ALICE, BOB, CHANNEL_ID, TOKEN, FakeDiscord, Recorded
from tests.test_e2e import Clock, assert_all_silent, bot, clock, store

__all__ = ["bot", "clock", "store"]


def _answer(inter: dict[str, Any]) -> Any:
    token = inter["token"]
    return lambda r: token in r.path and r.sends_text()


def _embed_text(rec: Recorded) -> str:
    parts: list[str] = [str((rec.payload() or {}).get("content") or "")]
    for e in rec.embeds():
        parts += [e.get("title", ""), e.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in e.get("fields", [])]
    return "\n".join(parts)


@asynccontextmanager
async def running_bot(fake: FakeDiscord, store: Store, clock: Clock) -> AsyncIterator[WhosaidBot]:
    """Another bot process on the same fake Discord and store (a restart)."""
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
    try:
        await asyncio.wait_for(client.wait_until_ready(), 5)
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)


# -- permissions ----------------------------------------------------------------------------------
async def test_slash_admin_command_from_a_role_allowed_in_integrations_is_served(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    # Bob lacks Manage Server, but the owner allowed his role for /digest in Server
    # Settings -> Integrations, so Discord delivers the interaction: it must be served.
    since = fake.mark()
    inter = await fake.slash(BOB, "digest", subcommand="status")
    reply = await fake.wait_for_request(_answer(inter), since=since)
    assert "No daily digest here yet" in _embed_text(reply)
    assert "Manage Server" not in _embed_text(reply)


async def test_prefix_admin_command_still_needs_manage_server(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    refused = await fake.ask(BOB, "!digest")
    assert "Manage Server" in refused.embeds()[0]["description"]
    allowed = await fake.ask(ALICE, "!digest")
    assert "No daily digest here yet" in allowed.body["content"]


# -- flood control --------------------------------------------------------------------------------
async def test_flood_warning_is_sent_once_per_window(
    bot: WhosaidBot, fake: FakeDiscord, clock: Clock
) -> None:
    for _ in range(5):
        ok = await fake.ask(BOB, "!stats")
        assert ok.embeds()[0]["title"] == "What I know here"
    slow = await fake.ask(BOB, "!stats")
    assert "Slow down" in slow.embeds()[0]["description"]
    since = fake.mark()
    for _ in range(3):  # more in the same window: no more answers
        await fake.send_message(BOB, "!stats")
    other = await fake.ask(ALICE, "!stats")  # processed after Bob's extra messages
    assert other.embeds()[0]["title"] == "What I know here"
    posts = [r for r in fake.requests[since:] if r.method == "POST" and "messages" in r.path]
    assert len(posts) == 1  # Alice's answer only
    clock.now += 10.5
    again = await fake.ask(BOB, "!stats")
    assert again.embeds()[0]["title"] == "What I know here"


async def test_flood_refusal_of_an_interaction_is_private(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    for _ in range(5):
        await fake.ask(BOB, "!stats")
    since = fake.mark()
    inter = await fake.slash(BOB, "stats")
    reply = await fake.wait_for_request(_answer(inter), since=since)
    assert "Slow down" in _embed_text(reply)
    assert reply.body["data"]["flags"] & 64


# -- replies --------------------------------------------------------------------------------------
async def test_prefix_answers_reply_to_the_command_without_pinging(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    since = fake.mark()
    msg = await fake.send_message(BOB, '!who said "on the table"')
    rec = await fake.wait_for_request(
        lambda r: r.method == "POST" and r.path == f"/channels/{CHANNEL_ID}/messages", since=since
    )
    assert str(rec.body["message_reference"]["message_id"]) == msg["id"]
    assert rec.body["allowed_mentions"]["replied_user"] is False
    assert rec.body["allowed_mentions"]["parse"] == []
    error = await fake.ask(BOB, "!who said")
    assert "message_reference" in error.body
    assert_all_silent(fake)


# -- views after a restart ------------------------------------------------------------------------
async def test_old_buttons_work_or_expire_cleanly_after_a_restart(
    fake: FakeDiscord, store: Store, clock: Clock
) -> None:
    async with running_bot(fake, store, clock):
        pages = await fake.ask(ALICE, "!quotes Ines Brightwater")
        pages_id = max(fake.messages)
        next_id = pages.body["components"][0]["components"][1]["custom_id"]
        answer = await fake.ask(BOB, "!who said on the table")
        answer_id = max(fake.messages)
        select = answer.body["components"][0]["components"][0]
    async with running_bot(fake, store, clock):  # a new process: no view in memory
        since = fake.mark()
        turned = await fake.click(ALICE, pages_id, next_id)
        reply = await fake.wait_for_request(fake.for_interaction(turned), since=since)
        assert reply.body["type"] == 7  # the page turns, from the id alone
        assert reply.embeds()[0]["footer"]["text"].startswith("Page 2 of 2")

        since = fake.mark()
        picked = await fake.click(
            BOB, answer_id, select["custom_id"], values=[select["options"][1]["value"]]
        )
        edit = await fake.wait_for_request(fake.for_interaction(picked), since=since)
        assert edit.body["type"] == 7 and edit.body["data"]["components"] == []
        note = await fake.wait_for_request(
            lambda r: picked["token"] in r.path and r.method == "POST" and r.sends_text(),
            since=since,
        )
        assert "expired" in note.body["content"] and note.body["flags"] & 64
        assert fake.messages[answer_id]["embeds"]  # the answer itself stays
    assert_all_silent(fake)


# -- who: autocomplete, max length, the context menu ----------------------------------------------
async def test_who_autocompletes_phrases_and_limits_their_length(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    choices = await fake.autocomplete(BOB, "who", "phrase", "on the tabel")
    assert "Every option is on the table if the deal fails" in [c["value"] for c in choices]
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    assert await fake.autocomplete(BOB, "who", "phrase", "on") == []  # too short to guess
    await fake.ask(ALICE, "!sync")
    put = next(r for r in fake.requests if r.method == "PUT")
    who = next(c for c in put.body if c["name"] == "who")
    phrase = next(o for o in who["options"] if o["name"] == "phrase")
    assert phrase["max_length"] == 300 and phrase["autocomplete"] is True
    menu = next(c for c in put.body if c["name"] == "Who said this?")
    assert menu["type"] == 3  # a message context menu


async def test_who_said_this_answers_privately_then_shows_in_channel(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    target = await fake.send_message(BOB, "Did he really say “on the table” about the troops?")
    since = fake.mark()
    inter = await fake.message_command(ALICE, "Who said this?", target)
    first = await fake.wait_for_request(fake.for_interaction(inter), since=since)
    assert first.body["type"] == 5 and first.body["data"]["flags"] & 64  # private
    answer = await fake.wait_for_request(_answer(inter), since=since)
    assert answer.embeds()[0]["title"].startswith("JD Vance")
    button = answer.body["components"][0]["components"][0]
    assert button["label"] == "Show in channel"
    private_id = fake.originals[inter["token"]]

    since = fake.mark()
    refused = await fake.click(BOB, private_id, button["custom_id"])
    no = await fake.wait_for_request(fake.for_interaction(refused), since=since)
    assert no.body["data"]["flags"] & 64 and "Only" in no.body["data"]["content"]

    since = fake.mark()
    shown = await fake.click(ALICE, private_id, button["custom_id"])
    public = await fake.wait_for_request(fake.for_interaction(shown), since=since)
    assert public.body["type"] == 4 and not (public.body["data"].get("flags") or 0) & 64
    assert public.embeds()[0]["title"].startswith("JD Vance")
    assert_all_silent(fake)


async def test_who_said_this_on_a_message_without_text(bot: WhosaidBot, fake: FakeDiscord) -> None:
    target = await fake.send_message(BOB, "")
    since = fake.mark()
    inter = await fake.message_command(ALICE, "Who said this?", target)
    reply = await fake.wait_for_request(_answer(inter), since=since)
    assert "no text" in _embed_text(reply) and reply.body["data"]["flags"] & 64


# -- sync -----------------------------------------------------------------------------------------
async def test_sync_clear_guild_removes_the_servers_copies(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    await fake.ask(ALICE, "!sync")
    await fake.ask(ALICE, "!sync guild")
    key = str(200_000_000_000_000_001)
    assert fake.commands[key] and fake.commands["global"]  # every command twice here
    done = await fake.ask(ALICE, "!sync clear guild")
    assert "each command now shows once" in done.body["content"]
    assert fake.commands[key] == [] and fake.commands["global"]
    wrong = await fake.ask(ALICE, "!sync clear")
    assert "sync clear guild" in wrong.embeds()[0]["description"]

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

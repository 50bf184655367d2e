"""End to end, issue 17: what the bot keeps between answers, so that full garbage collections
(which stop the event loop) stay short. The bot keeps no message cache, a menu under an
answer is a small record with only its message's channel and id (no discord.py view) yet
still greys out in place when it times out, and the process entry point freezes what
start-up built."""

from __future__ import annotations

import asyncio
import gc
import io
import sys
from typing import Any

import discord
import pytest

import bot.client as client_module
from bot.client import WhosaidBot
from bot.settings import Settings
from tests.fake_discord import ALICE, BOB, CHANNEL_ID, TOKEN, FakeDiscord
from tests.test_e2e import bot, clock, store

__all__ = ["bot", "clock", "store"]


async def test_answers_leave_no_message_cache(bot: WhosaidBot, fake: FakeDiscord) -> None:
    for _ in range(3):
        rec = await fake.ask(BOB, '!who said "on the table"')
        assert rec.embeds()[0]["title"].startswith("JD Vance")
    assert list(bot.cached_messages) == []


async def test_timed_out_menu_is_disabled_in_place(bot: WhosaidBot, fake: FakeDiscord) -> None:
    done = asyncio.ensure_future(bot.wait_for("command_completion"))
    rec = await fake.ask(BOB, "!who said on the table")
    assert rec.body["components"][0]["components"][0]["type"] == 3  # the menu
    await asyncio.wait_for(done, 5)  # the command has kept the message it sent
    answer_id = max(fake.messages)
    menu = bot.menus.get(answer_id)
    assert menu is not None
    # Only what editing needs is kept, not the sent message with its embed and components.
    assert type(menu.message) is discord.PartialMessage
    assert menu.message.id == answer_id

    since = fake.mark()
    assert await bot.menus.expire(now=menu.expires - 1) == 0  # not yet
    assert await bot.menus.expire(now=menu.expires) == 1
    edit = await fake.wait_for_request(
        lambda r: r.method == "PATCH" and r.path == f"/channels/{CHANNEL_ID}/messages/{answer_id}",
        since=since,
    )
    controls = [c for row in edit.body["components"] for c in row["components"]]
    menu_json = [c for c in controls if c["type"] == 3]
    assert menu_json and menu_json[0].get("disabled") is True  # greyed out
    assert menu_json[0]["options"] == rec.body["components"][0]["components"][0]["options"]
    assert [c for c in controls if c["type"] == 2 and not c.get("disabled")]  # "Why?" stays

    since = fake.mark()
    late = await fake.click(BOB, answer_id, menu_json[0]["custom_id"], values=["1"])
    reply = await fake.wait_for_request(fake.for_interaction(late), since=since)
    assert reply.body["data"]["flags"] & 64
    assert "expired" in reply.body["data"]["content"]


async def test_menus_grey_out_on_their_own_when_due(bot: WhosaidBot, fake: FakeDiscord) -> None:
    bot.menus.timeout = 0.0  # due at once: the expiry task runs without waiting
    since = fake.mark()
    await fake.ask(BOB, "!who said on the table")
    answer_id = max(fake.messages)
    edit = await fake.wait_for_request(
        lambda r: r.method == "PATCH" and r.path == f"/channels/{CHANNEL_ID}/messages/{answer_id}",
        since=since,
    )
    menu = [c for row in edit.body["components"] for c in row["components"] if c["type"] == 3]
    assert menu and menu[0].get("disabled") is True
    assert len(bot.menus) == 0


async def test_only_the_asker_picks_from_the_menu(bot: WhosaidBot, fake: FakeDiscord) -> None:
    rec = await fake.ask(BOB, "!who said on the table")
    select = rec.body["components"][0]["components"][0]
    since = fake.mark()
    other = await fake.click(ALICE, max(fake.messages), select["custom_id"], values=["1"])
    reply = await fake.wait_for_request(fake.for_interaction(other), since=since)
    assert reply.body["data"]["flags"] & 64
    assert reply.body["data"]["content"].startswith("Only ")
    assert "can pick from these answers" in reply.body["data"]["content"]


async def test_setup_freezes_start_up_objects_only_when_asked(
    store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    settings = Settings(discord_token=TOKEN)
    for ask in (False, True):
        async with WhosaidBot(settings, store=store, start_loops=False, freeze_heap=ask) as client:
            await client.setup_hook()
        assert frozen == ([True] if ask else [])


def test_run_freezes_the_heap_after_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    options: dict[str, Any] = {}

    async def serve(settings: Settings, err: Any, **bot_options: Any) -> int:
        options.update(bot_options)
        return 0

    monkeypatch.setattr(client_module, "serve", serve)
    assert client_module.run(Settings(discord_token=TOKEN), io.StringIO()) == 0
    assert options == {"freeze_heap": True}


def test_run_lets_look_ups_take_the_interpreter_back_within_a_millisecond(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A look-up gives up the interpreter lock at each SQLite call; while the index flushes
    # on the writer thread, each return waited up to the default 5 ms for it.
    intervals: list[float] = []

    async def serve(settings: Settings, err: Any, **bot_options: Any) -> int:
        return 0

    monkeypatch.setattr(client_module, "serve", serve)
    monkeypatch.setattr(sys, "setswitchinterval", intervals.append)
    assert client_module.run(Settings(discord_token=TOKEN), io.StringIO()) == 0
    assert intervals == [0.001]

"""Sharding against the fake Discord: each process identifies as exactly its shards, so a
server's events reach one process and a command is answered once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bot.client import WhosaidBot, apply_endpoints
from bot.core.store.sqlite import SQLiteStore
from bot.settings import Settings
from tests.fake_discord import BOB, GUILD_ID, TOKEN, FakeDiscord

pytestmark = pytest.mark.usefixtures("endpoints")


@asynccontextmanager
async def running(fake: FakeDiscord, env: dict[str, str]) -> AsyncIterator[WhosaidBot]:
    """A bot process configured by ``env`` (as ``whosaid run`` reads it), connected."""
    settings = Settings.load(
        {
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_API_BASE": fake.api_base,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DATABASE_URL": "sqlite:///:memory:",
            **env,
        },
        env_file=None,
    )
    apply_endpoints(settings)
    store = SQLiteStore.from_url(settings.database_url)
    await store.open()
    bot = WhosaidBot(settings, store=store, guild_ready_timeout=0.1, identify_wait=0)
    await bot.login(TOKEN)
    task = asyncio.create_task(bot.connect())
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        yield bot
    finally:
        await bot.close()
        await asyncio.wait_for(task, 10)
        await store.close()


def shards_identified(fake: FakeDiscord) -> list[list[int] | None]:
    return sorted((i.get("shard") for i in fake.identifies), key=str)


async def test_two_processes_split_four_shards_and_answer_once() -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        async with (
            running(fake, {"SHARD_COUNT": "4", "SHARD_IDS": "0,1"}) as first,
            running(fake, {"SHARD_COUNT": "4", "SHARD_IDS": "2,3"}) as second,
        ):
            assert shards_identified(fake) == [[0, 4], [1, 4], [2, 4], [3, 4]]
            assert (GUILD_ID >> 22) % 4 == 0  # the test server lives on shard 0
            assert first.get_guild(GUILD_ID) is not None
            assert second.get_guild(GUILD_ID) is None
            since = fake.mark()
            msg = fake._message(300_000_000_000_000_001, BOB, {"content": "!stats"})
            delivered = await fake.dispatch("MESSAGE_CREATE", {**msg, "member": BOB.member()})
            assert delivered == 1  # only the process running shard 0 gets the command
            reply = await fake.wait_for_request(
                lambda r: r.method == "POST" and r.path.endswith("/messages"), since=since
            )
            assert reply.embeds()
    finally:
        await fake.close()


async def test_one_process_with_two_of_four_shards_identifies_each() -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        async with running(fake, {"SHARD_COUNT": "4", "SHARD_IDS": "2,3"}) as bot:
            assert shards_identified(fake) == [[2, 4], [3, 4]]
            assert sorted(bot.shards) == [2, 3]
            assert bot.own_shards == (4, (2, 3))
    finally:
        await fake.close()


@pytest.mark.parametrize(("recommended", "expected"), [(1, [[0, 1]]), (2, [[0, 2], [1, 2]])])
async def test_unsharded_process_runs_the_shards_discord_recommends(
    recommended: int, expected: list[list[int]]
) -> None:
    fake = FakeDiscord(recommended_shards=recommended)
    await fake.start()
    try:
        async with running(fake, {}) as bot:
            assert shards_identified(fake) == expected
            assert bot.own_shards == (None, ())  # the digest handles every server
            rec = await fake.ask(BOB, "!stats")
            assert rec.embeds()
    finally:
        await fake.close()

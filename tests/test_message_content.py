"""Slash-only mode: with MESSAGE_CONTENT=false the bot starts without the privileged Message
Content intent (a bot that cannot get it verified) and answers slash commands."""

from __future__ import annotations

import asyncio
import io

import pytest

from bot.client import apply_endpoints, serve
from bot.core.store.sqlite import SQLiteStore
from bot.settings import Settings
from tests.fake_discord import BOB, MESSAGE_CONTENT_INTENT, TOKEN, FakeDiscord

pytestmark = pytest.mark.usefixtures("endpoints")


async def test_slash_only_mode_starts_without_the_privileged_intent() -> None:
    fake = FakeDiscord(reject_intents=True)  # the application lacks the intent
    await fake.start()
    settings = Settings.load(
        {
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_API_BASE": fake.api_base,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
            "MESSAGE_CONTENT": "false",
            "LOG_LEVEL": "WARNING",
        },
        env_file=None,
    )
    apply_endpoints(settings)
    store = SQLiteStore.from_url("sqlite:///:memory:")
    await store.open()
    err = io.StringIO()
    task = asyncio.create_task(serve(settings, err, store=store, guild_ready_timeout=0.1))
    try:
        await fake.wait_identified()
        assert fake.identify is not None
        assert not int(fake.identify["intents"]) & MESSAGE_CONTENT_INTENT
        since = fake.mark()
        inter = await fake.slash(BOB, "stats")
        answers = fake.for_interaction(inter)
        answer = await fake.wait_for_request(lambda r: answers(r) and r.sends_text(), since=since)
        assert "Articles" in str(answer.embeds()) or "articles" in str(answer.payload())
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await store.close()
        await fake.close()
    assert err.getvalue() == ""

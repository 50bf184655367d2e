"""The bot's ingest reply, end to end on the fake Discord: it says what the CLI summary
says (bytes replaced, quotes over the cap), escaped, and never that another server had the
article (issue 18)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.client import WhosaidBot, apply_endpoints
from bot.core.ingest.pipeline import ingest_upload
from bot.core.ingest.worker import shared_worker
from bot.core.models import GLOBAL_SCOPE
from bot.core.store import Store, open_store
from bot.settings import Settings
from bot.ui.render import IngestSummary, ingest_embed
from tests.fake_discord import ALICE, TOKEN, FakeDiscord
from tests.test_e2e import assert_all_silent

#: The cap the bot runs with in these tests (MAX_QUOTES_PER_ARTICLE).
CAP = 2

# News-style text written for these tests.
FERRY = (
    "Ferry Service Returns To Island\n\n"
    "The island ferry will run again from Monday. “The boats are ready,” said Harbour "
    "Master Lio Brandt. “We hired six new crew,” said Operations Chief Mara Quell.\n"
).encode()
FOUR_QUOTES = (
    "Council Budget Vote\n\n"
    "“We will fix the roads first,” said Mayor Ada Rennick. “Schools come next,” said "
    "Councillor Tom Vale. “The pool stays open,” said Councillor Una Fenwick. “Taxes will "
    "not rise this year,” said Treasurer Bo Lindqvist.\n"
).encode()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    real = await open_store(f"sqlite:///{tmp_path / 'reply.db'}")
    yield real
    await real.close()


@pytest.fixture
async def bot(fake: FakeDiscord, store: Store) -> AsyncIterator[WhosaidBot]:
    """The real bot with a small quote cap; the shared worker gets its settings back after."""
    worker = shared_worker()
    saved = (worker.budget, worker.max_quotes)
    settings = Settings(
        discord_token=TOKEN,
        command_prefix="!",
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
        max_quotes_per_article=CAP,
    )
    apply_endpoints(settings)
    client = WhosaidBot(settings, store=store, guild_ready_timeout=0.1)
    await client.login(TOKEN)
    task = asyncio.create_task(client.connect())
    try:
        await asyncio.wait_for(client.wait_until_ready(), 5)
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(task, 5)
        worker.budget, worker.max_quotes = saved


async def _upload(fake: FakeDiscord, filename: str, data: bytes) -> dict[str, Any]:
    """Upload ``data`` with ``!ingest``; the finished reply's embed."""
    att = fake.add_attachment(filename, data)
    since = fake.mark()
    await fake.send_message(ALICE, "!ingest", attachments=[att])
    done = await fake.wait_for_request(
        lambda r: r.method == "PATCH" and bool(r.embeds()), since=since
    )
    embed: dict[str, Any] = done.embeds()[0]
    return embed


async def test_a_stray_byte_is_noted_in_the_reply(bot: WhosaidBot, fake: FakeDiscord) -> None:
    data = FERRY.replace(b"from Monday", b"from Monday\xff")
    embed = await _upload(fake, "ferry.txt", data)
    assert embed["title"] == "Added"
    assert "1 byte was not valid UTF-8 and was replaced with �" in embed["description"]
    assert_all_silent(fake)


async def test_quotes_over_the_cap_are_noted_in_the_reply(
    bot: WhosaidBot, fake: FakeDiscord
) -> None:
    embed = await _upload(fake, "budget.txt", FOUR_QUOTES)
    assert embed["title"] == "Added"
    assert f"{CAP} quotes found." in embed["description"]
    assert (
        f"4 quotes found; only the {CAP} most confident (attributed first) were kept"
        in embed["description"]
    )
    # A clean upload under the cap has no note.
    embed = await _upload(fake, "ferry.txt", FERRY)
    assert "Note" not in embed["description"]


async def test_another_servers_article_is_reported_as_a_fresh_add(
    bot: WhosaidBot, fake: FakeDiscord, store: Store
) -> None:
    settings = Settings()
    elsewhere = await ingest_upload(
        FERRY, filename="ferry.txt", scope="999", store=store, settings=settings
    )
    assert elsewhere.status == "added"
    embed = await _upload(fake, "ferry.txt", FERRY)
    assert embed["title"] == "Added"  # not "already known elsewhere": nothing about 999
    assert "elsewhere" not in str(embed) and "global" not in str(embed)
    # An article the operator added is one this server saw already: saying so is harmless.
    await ingest_upload(
        FOUR_QUOTES, filename="budget.txt", scope=GLOBAL_SCOPE, store=store, settings=settings
    )
    embed = await _upload(fake, "budget.txt", FOUR_QUOTES)
    assert embed["title"] == "Added (already one of the global articles)"


def test_notes_are_escaped_like_everything_else() -> None:
    summary = IngestSummary(
        "x.txt", "added", "Title", 1, notes=("<@123> and **bold** at https://evil.example/x",)
    )
    description = ingest_embed(summary).description or ""
    assert "<@123>" not in description and "**bold**" not in description
    assert "<https://evil.example/x>" in description

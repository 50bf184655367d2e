"""Fixtures for the end-to-end tests: a loopback fake Discord and discord.py's endpoints.

Registered as a plugin by the root ``conftest.py`` so that the e2e modules share one copy;
the core tests never request them, so they stay free of discord at run time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import discord
import pytest
import yarl

from tests.fake_discord import FakeDiscord


@pytest.fixture
def endpoints() -> Iterator[None]:
    """Restore discord.py's real REST and gateway endpoints after a test moved them."""
    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE = base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(str(gateway))


@pytest.fixture
async def fake(endpoints: None) -> AsyncIterator[FakeDiscord]:
    """A fake Discord (gateway and REST) listening on 127.0.0.1 for one test."""
    server = FakeDiscord()
    await server.start()
    yield server
    await server.close()

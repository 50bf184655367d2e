"""Start-up and shutdown of the bot process against the fake Discord: the operator's view."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.client import run, serve
from bot.core.store.sqlite import SQLiteStore
from bot.settings import Settings
from tests.fake_discord import BOB, TOKEN, FakeDiscord

REPO = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.usefixtures("endpoints")


def _settings(fake: FakeDiscord, token: str = TOKEN) -> Settings:
    return Settings(
        discord_token=token,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
        log_level="WARNING",
    )


async def _serve(fake: FakeDiscord, settings: Settings) -> tuple[int, str]:
    from bot.client import apply_endpoints

    apply_endpoints(settings)
    err = io.StringIO()
    store = SQLiteStore.from_url("sqlite:///:memory:")
    await store.open()
    try:
        code = await asyncio.wait_for(
            serve(settings, err, store=store, guild_ready_timeout=0.1), 10
        )
    finally:
        await store.close()
    return code, err.getvalue()


async def test_rejected_token_is_one_line_and_exit_1() -> None:
    fake = FakeDiscord(token="the-real-one")
    await fake.start()
    try:
        code, err = await _serve(fake, _settings(fake, token="wrong"))
    finally:
        await fake.close()
    assert code == 1
    assert err.count("\n") == 1 and "rejected the token" in err and "DISCORD_TOKEN" in err


async def test_missing_privileged_intent_is_explained() -> None:
    fake = FakeDiscord(reject_intents=True)
    await fake.start()
    try:
        code, err = await _serve(fake, _settings(fake))
    finally:
        await fake.close()
    assert code == 1
    assert "MESSAGE CONTENT INTENT" in err and "Traceback" not in err


async def test_sigterm_shuts_down_cleanly() -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        task = asyncio.create_task(_serve(fake, _settings(fake)))
        await fake.wait_identified()
        rec = await fake.ask(BOB, "!stats")  # it is up and answering
        assert rec.embeds()
        os.kill(os.getpid(), signal.SIGTERM)
        code, err = await asyncio.wait_for(task, 10)
    finally:
        await fake.close()
    assert (code, err) == (0, "")


def test_missing_token_exits_2_without_traceback() -> None:
    err = io.StringIO()
    assert run(Settings(discord_token=""), err) == 2
    assert "DISCORD_TOKEN is not set" in err.getvalue()


def test_python_m_bot_without_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "DISCORD_TOKEN is not set" in proc.stderr and "Traceback" not in proc.stderr

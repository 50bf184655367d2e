"""Hand check: start the fake Discord and ``whosaid run`` against it, ask
``!who said "on the table"`` and print the rendered answer (the JSON the bot sent).

    python bench/fake_run.py [--database-url sqlite:///tmp/x.db]

Without ``--database-url`` the bot runs in this process on a temporary SQLite database
filled with the bundled samples (and the seed article from ../shared when present).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fake_discord import BOB, TOKEN, FakeDiscord  # noqa: E402


async def in_process(fake: FakeDiscord) -> None:
    """Run the bot in this process on a temporary database holding the bundled samples."""
    import tempfile

    from bot.client import WhosaidBot, apply_endpoints
    from bot.core.ingest.sources import ingest_sources
    from bot.core.store import open_store
    from bot.settings import Settings

    settings = Settings(
        discord_token=TOKEN, discord_api_base=fake.api_base, discord_gateway_url=fake.gateway_url
    )
    apply_endpoints(settings)
    with tempfile.TemporaryDirectory() as tmp:
        store = await open_store(f"sqlite:///{tmp}/fake_run.db")
        sources = [str(REPO / "data" / "samples")]
        seed = REPO.parent / "shared" / "seeds" / "000_e42e6a23a56a0ba9.txt"
        if seed.is_file():
            sources.append(str(seed))
        await ingest_sources(sources, scope="global", store=store, settings=settings)
        bot = WhosaidBot(settings, store=store, guild_ready_timeout=0.1)
        await bot.login(TOKEN)
        task = asyncio.create_task(bot.connect())
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        try:
            await show(fake)
        finally:
            await bot.close()
            await task
            await store.close()


async def as_subprocess(fake: FakeDiscord, database_url: str) -> int:
    """``whosaid run`` in a child process, configured only through the environment."""
    env = dict(os.environ)
    env.update(
        DISCORD_TOKEN=TOKEN,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=REPO, env=env
    )
    try:
        await fake.wait_identified(timeout=30)
        await asyncio.sleep(0.5)  # let READY/GUILD_CREATE settle in the child (hand check only)
        await show(fake)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(proc.wait(), 30)
    print(f"whosaid run exited with {code}", file=sys.stderr)
    return code


async def show(fake: FakeDiscord) -> None:
    rec = await fake.ask(BOB, '!who said "on the table"')
    print(json.dumps(rec.body, indent=2, ensure_ascii=False))


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="run `whosaid run` as a child on this database")
    args = parser.parse_args()
    fake = FakeDiscord()
    await fake.start()
    try:
        if args.database_url:
            return await as_subprocess(fake, args.database_url)
        await in_process(fake)
        return 0
    finally:
        await fake.close()


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))

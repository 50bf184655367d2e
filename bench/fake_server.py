"""The fake Discord for the serving bench, in its own process (``python -m bench.fake_server``).

Real Discord is remote: its HTTP handling and gateway cost the bot nothing. Run in the bot's
process, ``tests/fake_discord.py`` charged the bot for both (and for the bench's own asking),
so ``bench/serve_bench.py`` starts this module as a child and drives it over loopback:

- ``POST /_bench/ask {"phrases": [...], "burst": bool}``: ask each phrase (one after another,
  or all at once) as ``!who said "..."`` and answer ``{"ms": [...]}``, each the time from the
  MESSAGE_CREATE dispatch to the bot's reply arriving here;
- ``POST /_bench/loop {"phrases": [...]}``: ask them round and round until ``/_bench/stop``,
  then answer the latencies;
- ``GET /_bench/cpu``: this process's CPU seconds (what the fake costs per request).

The child prints one JSON line ``{"port": N}`` on stdout when it listens, and stops when its
stdin closes. :class:`Asker` is the same asking in-process (``serve_bench --fake in-process``).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from aiohttp import web  # noqa: E402

from tests.fake_discord import BOB, CHANNEL_ID, FakeDiscord, Recorded  # noqa: E402


class Asker:
    """Asks ``!who said`` through a :class:`FakeDiscord` and times the replies.

    Replies are matched by the message they reference, through the fake's ``listeners``:
    one dict look-up per request instead of every waiter rescanning the request log.
    """

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self._waiting: dict[str, asyncio.Future[None]] = {}
        self._path = f"/channels/{CHANNEL_ID}/messages"
        self._stop = asyncio.Event()
        fake.listeners.append(self._on_request)

    def _on_request(self, rec: Recorded) -> None:
        if rec.method != "POST" or rec.path != self._path or not isinstance(rec.body, dict):
            return
        ref = rec.body.get("message_reference") or {}
        fut = self._waiting.pop(str(ref.get("message_id")), None)
        if fut is not None and not fut.done():
            fut.set_result(None)

    async def ask(self, phrase: str) -> float:
        """Post one look-up; ms until the bot's reply to it arrived."""
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        t0 = time.perf_counter()
        # The id is known only once the message exists: register before dispatching it.
        msg = self.fake._message(CHANNEL_ID, BOB, {"content": f'!who said "{phrase}"'})
        self._waiting[str(msg["id"])] = fut
        await self.fake.dispatch("MESSAGE_CREATE", {**msg, "member": BOB.member()})
        await asyncio.wait_for(fut, 120)
        return (time.perf_counter() - t0) * 1000

    async def many(self, phrases: Sequence[str], *, burst: bool) -> list[float]:
        """Every phrase, one after another or all at once."""
        if burst:
            return list(await asyncio.gather(*(self.ask(p) for p in phrases)))
        return [await self.ask(p) for p in phrases]

    async def loop(self, phrases: Sequence[str]) -> list[float]:
        """Ask round and round until :meth:`stop`."""
        self._stop.clear()
        out: list[float] = []
        i = 0
        while not self._stop.is_set():
            out.append(await self.ask(phrases[i % len(phrases)]))
            i += 1
        return out

    def stop(self) -> None:
        self._stop.set()


def control_routes(app: web.Application, asker: Asker) -> None:
    """The ``/_bench/*`` routes (outside the fake's ``/api/v10`` catch-all)."""

    async def ask(request: web.Request) -> web.Response:
        body = await request.json()
        ms = await asker.many(body["phrases"], burst=bool(body.get("burst")))
        return web.json_response({"ms": ms})

    async def loop(request: web.Request) -> web.Response:
        body = await request.json()
        return web.json_response({"ms": await asker.loop(body["phrases"])})

    async def stop(request: web.Request) -> web.Response:
        asker.stop()
        return web.json_response({})

    async def cpu(request: web.Request) -> web.Response:
        return web.json_response({"cpu": time.process_time()})

    app.router.add_post("/_bench/ask", ask)
    app.router.add_post("/_bench/loop", loop)
    app.router.add_post("/_bench/stop", stop)
    app.router.add_get("/_bench/cpu", cpu)


async def serve() -> None:
    """Listen, print the port, run until stdin closes."""
    fake = FakeDiscord()
    control_routes(fake.app, Asker(fake))
    await fake.start()
    print(json.dumps({"port": fake.port}), flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    await fake.close()


class RemoteFake:
    """The parent's handle on the child: its URLs and the ``/_bench`` calls."""

    def __init__(self, proc: asyncio.subprocess.Process, port: int) -> None:
        import aiohttp

        self.proc = proc
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.api_base = self.base + "/api/v10"
        self.gateway_url = f"ws://127.0.0.1:{port}/gateway"
        self._http = aiohttp.ClientSession()

    @classmethod
    async def start(cls) -> RemoteFake:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.fake_server",
            cwd=REPO,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 60)
        return cls(proc, int(json.loads(line)["port"]))

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        async with self._http.post(self.base + path, json=body) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def many(self, phrases: Sequence[str], *, burst: bool) -> list[float]:
        return list(
            (await self._post("/_bench/ask", {"phrases": list(phrases), "burst": burst}))["ms"]
        )

    async def loop(self, phrases: Sequence[str]) -> list[float]:
        return list((await self._post("/_bench/loop", {"phrases": list(phrases)}))["ms"])

    async def stop(self) -> None:
        await self._post("/_bench/stop", {})

    async def cpu(self) -> float:
        async with self._http.get(self.base + "/_bench/cpu") as resp:
            return float((await resp.json())["cpu"])

    async def close(self) -> None:
        await self._http.close()
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            await asyncio.wait_for(self.proc.wait(), 10)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()


if __name__ == "__main__":
    asyncio.run(serve())

"""An event loop in a thread of its own, and a class decorator that runs a store's public
coroutine methods there.

The PostgreSQL store talks to the server through asyncpg on an event loop: each query is
protocol work (encoding, a socket send, parsing the reply) and a look-up makes about ten.
On the bot's loop, a burst of 50 look-ups was ~3.5 ms of that loop's CPU per look-up, and
the gateway heartbeat waited behind it (event-loop lag 13-25 ms). Run on its own loop, the
store costs the bot's loop one hand-off per call (its CPU per look-up halved: 3.4-4.9 to
1.7-2.1 ms); the store's own state is still touched by one loop only (its thread). The
burst of 50 measured no faster (p95 505-514 against 638-718 ms, loop lag 10-17 against
21-48 ms: the two threads contend for the interpreter lock), so it is opt-in for now.
Measured again once a look-up made five queries instead of ten (``postgres_search``), it
is still no faster: p95 648-702 ms on its own loop against 540-695 ms on the bot's (loop
lag 31-45 against 18-19 ms; 100k quotes, back to back, load 1.8-2.1).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")
C = TypeVar("C", bound=type)


class LoopThread:
    """An event loop running forever in a daemon thread until :meth:`stop`."""

    def __init__(self, name: str) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    async def call(self, coro: Coroutine[Any, Any, T]) -> T:
        """Await ``coro`` on this loop from another one (cancelling this cancels it there)."""
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self.loop))

    async def stop(self) -> None:
        """Stop the loop and wait for its thread (without blocking the calling loop)."""
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        await asyncio.to_thread(self._thread.join)
        self.loop.close()


def _hop(fn: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., Awaitable[T]]:
    @functools.wraps(fn)
    async def run(self: Any, *args: Any, **kwargs: Any) -> T:
        home: LoopThread | None = self._home
        if home is None or asyncio.get_running_loop() is home.loop:
            return await fn(self, *args, **kwargs)
        return await home.call(fn(self, *args, **kwargs))

    return run


def on_home_loop(cls: C) -> C:
    """Make every public coroutine method of ``cls`` (and of its bases) run on the
    instance's ``_home`` :class:`LoopThread` when it has one; ``open`` and ``close`` are
    left to the class (they start and stop the thread)."""
    names = {
        name
        for klass in cls.__mro__
        for name, member in vars(klass).items()
        if not name.startswith("_")
        and name not in {"open", "close"}
        and inspect.iscoroutinefunction(member)
    }
    for name in sorted(names):
        setattr(cls, name, _hop(getattr(cls, name)))
    return cls


__all__ = ["LoopThread", "on_home_loop"]

"""End-to-end serving benchmark: the real bot against the fake Discord on a built database.

Starts :class:`~bot.client.WhosaidBot` in this process against ``tests/fake_discord.py``
run in a child process (``bench/fake_server.py``: real Discord is remote, so its HTTP and
gateway work must not be charged to the bot; ``--fake in-process`` runs it here, as before)
with a store of N synthetic quotes (built like ``bench/search_bench.py``; ``--keep`` and
``--reuse`` share its databases in ``bench/out``), then reports

- sequential ``!who said`` latency (one at a time, as one user sees it);
- a burst of ``--burst`` look-ups sent at once: p50 / p95 / last reply;
- event-loop lag: a probe task sleeping 5 ms and measuring its own oversleep, worst case
  over the sequential and burst phases (what the gateway heartbeat would feel);
- the worst look-up while ``--ingest-articles`` articles (10 quotes each) are saved
  concurrently, which crosses one index tail flush at the default 20,000 quotes, and the
  worst garbage-collection pause then (it stops every thread), in wall and CPU time;
  ``--census`` then prints how many objects the collector tracks, by type;
- CPU milliseconds per request of this (the bot's) process and of the fake's.

    python -m bench.serve_bench --n 100000 --reuse
    python -m bench.serve_bench --n 100000 --reuse --database-url postgresql://...

The flood guard is opened wide (one fake user sends every look-up). Latencies are timed in
the fake, from dispatching the message to receiving the reply, over loopback. Print
``uptime`` with every figure: the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import os
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.fake_server import Asker, RemoteFake  # noqa: E402
from bench.search_bench import OUT, BenchStore, _quote, build, make_queries, pct  # noqa: E402
from bench.synth import MarkovChain, SynthQuote, corpus_texts, generate  # noqa: E402
from bot.core.models import GLOBAL_SCOPE, ArticleInput, SearchResult  # noqa: E402
from bot.core.store.postgres import PostgresStore  # noqa: E402
from tests.fake_discord import TOKEN, FakeDiscord  # noqa: E402

PROBE_S = 0.005


class LagProbe:
    """A task that sleeps ``PROBE_S`` over and over and keeps its worst oversleep (ms)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None
        #: The worst garbage collection pause (ms) since :meth:`start`: it stops every thread.
        self.gc_worst = 0.0
        #: The same in CPU time of the collecting thread (steadier on a shared machine).
        self.gc_worst_cpu = 0.0
        self._gc_t0 = self._gc_c0 = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_t0, self._gc_c0 = time.perf_counter(), time.thread_time()
        else:
            self.gc_worst = max(self.gc_worst, (time.perf_counter() - self._gc_t0) * 1000)
            self.gc_worst_cpu = max(self.gc_worst_cpu, (time.thread_time() - self._gc_c0) * 1000)

    async def _loop(self) -> None:
        while True:
            t0 = time.perf_counter()
            await asyncio.sleep(PROBE_S)
            lag = (time.perf_counter() - t0 - PROBE_S) * 1000
            self.samples.append(lag)
            self.worst = max(self.worst, lag)

    def start(self) -> None:
        self.worst, self.samples, self.gc_worst, self.gc_worst_cpu = 0.0, [], 0.0, 0.0
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> tuple[float, float]:
        """(worst, p99) lag in ms since :meth:`start`."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        return self.worst, pct(self.samples, 0.99)


class LocalFake:
    """The fake Discord in this process (``--fake in-process``: how the bench used to run,
    charging the fake's HTTP and gateway work to the bot)."""

    def __init__(self) -> None:
        self.fake = FakeDiscord()
        self.asker = Asker(self.fake)

    async def start(self) -> LocalFake:
        await self.fake.start()
        self.api_base, self.gateway_url = self.fake.api_base, self.fake.gateway_url
        return self

    async def many(self, phrases: Sequence[str], *, burst: bool) -> list[float]:
        return await self.asker.many(phrases, burst=burst)

    async def loop(self, phrases: Sequence[str]) -> list[float]:
        return await self.asker.loop(phrases)

    async def stop(self) -> None:
        self.asker.stop()

    async def cpu(self) -> float:
        return 0.0  # already in this process's CPU

    async def close(self) -> None:
        await self.fake.close()


Fake = LocalFake | RemoteFake


async def ingest_while_asking(
    fake: Fake,
    store: BenchStore,
    phrases: Sequence[str],
    articles: int,
    quotes: Sequence[SynthQuote],
    saved: list[int],
) -> tuple[list[float], float]:
    """Look-ups one after another while ``articles`` are saved; (latencies, ingest seconds).

    ``quotes`` are generated before the measured phases (in this phase they took a few
    hundred ms of the loop's GIL). A run mark keeps the texts new when a kept database is
    reused (the same texts would only be duplicates).
    """
    run = time.time_ns()

    async def ingest() -> float:
        t0 = time.perf_counter()
        try:
            for a in range(articles):
                batch = quotes[a * 10 : a * 10 + 10]
                article = ArticleInput(
                    text=f"live {run} {a} " + " ".join(q.text for q in batch),
                    title=f"Live article {a}",
                    outlet="Bench Live",
                    url=f"https://bench.example/live/{time.time_ns()}/{a}",
                )
                result = await store.save_article(article, [_quote(q) for q in batch], GLOBAL_SCOPE)
                saved.append(result.article_id)
        finally:
            await fake.stop()
        return time.perf_counter() - t0

    task = asyncio.create_task(ingest())
    lat = await fake.loop(phrases)
    return lat, await task


class Cpu:
    """CPU seconds of this (the bot's) process, of its event loop's thread (the rest ran on
    the store's threads) and of the fake's, over one phase."""

    def __init__(self, fake: Fake) -> None:
        self.fake = fake

    async def __aenter__(self) -> Cpu:
        self.bot0, self.fake0 = time.process_time(), await self.fake.cpu()
        self.loop0 = time.thread_time()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.loop = time.thread_time() - self.loop0
        self.bot = time.process_time() - self.bot0
        self.fake_s = await self.fake.cpu() - self.fake0

    def per(self, n: int) -> str:
        share = f", fake {self.fake_s / n * 1000:.2f}" if self.fake_s else ""
        return (
            f"cpu/request: bot {self.bot / n * 1000:.2f} ms (loop thread"
            f" {self.loop / n * 1000:.2f}){share}"
        )


def census(top: int = 24) -> None:
    """Print how many objects the collector tracks (outside the frozen generation) and the
    commonest types: what a full collection walks, and what holds it."""
    gc.collect()
    counts: dict[str, int] = {}
    for obj in gc.get_objects():
        name = type(obj).__qualname__
        counts[name] = counts.get(name, 0) + 1
    common = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
    print(f"tracked objects: {sum(counts.values()):,} (frozen {gc.get_freeze_count():,}); top:")
    print("  " + ", ".join(f"{name} {n:,}" for name, n in common))


async def answer_from_memory(store: BenchStore, phrases: Sequence[str]) -> None:
    """Answer ``store.who_said`` for ``phrases`` from results computed now, in memory.

    What a ``!who said`` costs without its look-up: the Discord side's floor (gateway
    parse, command, embed, reply), which no look-up speed-up can go below. The phrases are
    keyed as the cog cleans them; any other phrase is looked up as usual.
    """
    from cogs.quotes import ALTERNATIVES, clean_phrase

    answers: dict[str, SearchResult] = {}
    for phrase in phrases:
        key = clean_phrase(f'said "{phrase}"', prefix_form=True)
        answers[key] = await store.who_said(key, [GLOBAL_SCOPE], limit=ALTERNATIVES)
    look_up = store.who_said

    async def remembered(phrase: str, scopes: Sequence[str], limit: int = 5) -> SearchResult:
        known = answers.get(phrase)
        return known if known is not None else await look_up(phrase, scopes, limit)

    store.who_said = remembered  # type: ignore[method-assign]


def _row(name: str, lat: Sequence[float]) -> str:
    return (
        f"{name:28} n={len(lat):4d} p50 {statistics.median(lat):7.1f} ms  "
        f"p95 {pct(lat, 0.95):7.1f} ms  max {max(lat):7.1f} ms"
    )


async def run(args: argparse.Namespace) -> None:
    from bot.client import SWITCH_INTERVAL, FloodGuard, WhosaidBot, apply_endpoints
    from bot.settings import Settings

    chain = MarkovChain(corpus_texts())
    folder = OUT / f"n{args.n}"
    if args.reuse and not args.database_url and (folder / "complete").exists():
        # Work on a copy, so that the live ingest leaves the kept database as it was.
        copy = OUT / f"serve-n{args.n}"
        await asyncio.to_thread(shutil.rmtree, copy, True)
        await asyncio.to_thread(shutil.copytree, folder, copy)
        folder = copy
    store, quotes, _ = await build(args.n, args.seed, chain, folder, args.database_url, args.reuse)
    if isinstance(store, PostgresStore) and args.pg_loop == "own":
        # On an event loop in a thread of its own (the bot does not run it so yet).
        await store.close()
        store = PostgresStore.from_url(
            args.database_url, schema=store.schema, brute_force_below=0, own_loop=True
        )
        await store.open()
    live_quotes = list(generate(args.ingest_articles * 10, seed=991, chain=chain))
    queries = make_queries(quotes, chain.vocabulary, args.sequential + args.burst + 50, args.seed)
    phrases = [p.replace('"', "") for p, _, _ in queries["exact"]]
    # The bench's own data (the N synthetic quotes, the Markov chain) is not the bot's: out
    # of the collector's sight, as the store's loaded index is, so that the bot process's
    # full collections (which stop every thread) walk only what a bot would hold.
    del quotes, queries
    gc.collect()
    gc.freeze()
    if args.lookups_from_memory:
        await answer_from_memory(store, phrases)
    fake: Fake = await (RemoteFake.start() if args.fake == "process" else LocalFake().start())
    settings = Settings(
        discord_token=TOKEN,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
        log_level="WARNING",
    )
    apply_endpoints(settings)
    sys.setswitchinterval(SWITCH_INTERVAL)  # as ``python -m bot`` runs (bot.client.run)
    bot = WhosaidBot(settings, store=store, guild_ready_timeout=0.1, freeze_heap=True)
    bot.flood = FloodGuard(rate=1_000_000, per=1.0)
    probe = LagProbe()
    saved: list[int] = []
    print(
        f"\n=== serve bench: N = {args.n:,} quotes ({type(store).__name__}, fake {args.fake}) ==="
    )
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    seq_p = phrases[5 : 5 + args.sequential]
    burst_p = phrases[5 + args.sequential : 5 + args.sequential + args.burst]
    try:
        await bot.login(TOKEN)
        conn = asyncio.create_task(bot.connect())
        await asyncio.wait_for(bot.wait_until_ready(), 30)
        await fake.many(phrases[:5], burst=False)  # warm-up
        probe.start()
        async with Cpu(fake) as cpu:
            seq = await fake.many(seq_p, burst=False)
        seq_lag = await probe.stop()
        print(_row("sequential", seq), f" loop lag max {seq_lag[0]:.1f} ms; {cpu.per(len(seq))}")
        probe.start()
        profile = cProfile.Profile() if args.profile else None
        if profile is not None:  # the event loop's thread only: what the look-ups wrap
            profile.enable()
        async with Cpu(fake) as cpu:
            b = await fake.many(burst_p, burst=True)
        if profile is not None:
            profile.disable()
            profile.dump_stats(args.profile)
        burst_lag = await probe.stop()
        print(
            _row(f"burst of {args.burst}", b),
            f" last {max(b):.1f} ms, loop lag max {burst_lag[0]:.1f} ms p99 {burst_lag[1]:.1f} ms;"
            f" {cpu.per(len(b))}",
        )
        if args.ingest_articles:
            probe.start()
            live, ingest_s = await ingest_while_asking(
                fake, store, phrases, args.ingest_articles, live_quotes, saved
            )
            live_lag = await probe.stop()
            print(
                _row(f"during ingest of {args.ingest_articles}", live),
                f" (ingest {ingest_s:.1f} s, loop lag max {live_lag[0]:.1f} ms,"
                f" worst gc pause {probe.gc_worst:.1f} ms, {probe.gc_worst_cpu:.1f} ms CPU)",
            )
        print(f"load after: {os.getloadavg()[0]:.2f}")
        if args.census:
            census()
    finally:
        await bot.close()
        await asyncio.gather(conn, return_exceptions=True)
        if args.database_url:  # leave the kept PostgreSQL schema as it was
            for article_id in saved:
                await store.remove_article(GLOBAL_SCOPE, article_id)
        await store.close()
        await fake.close()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sequential", type=int, default=40)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--ingest-articles", type=int, default=2000)
    parser.add_argument("--keep", action="store_true", help="keep the database in bench/out")
    parser.add_argument("--reuse", action="store_true", help="reopen a database kept by --keep")
    parser.add_argument("--database-url", default=None, help="postgresql://... (default SQLite)")
    parser.add_argument(
        "--fake",
        choices=("process", "in-process"),
        default="process",
        help="run the fake Discord in a child process (as real Discord is remote) or in this one",
    )
    parser.add_argument(
        "--pg-loop",
        choices=("own", "bot"),
        default="bot",
        help="PostgreSQL store on the bot's event loop (as the bot runs it) or on its own "
        "loop in a thread (PostgresStore(own_loop=True): less of the bot's loop CPU, but "
        "slower bursts so far)",
    )
    parser.add_argument(
        "--census", action="store_true", help="print the tracked objects by type at the end"
    )
    parser.add_argument(
        "--lookups-from-memory",
        action="store_true",
        help="answer the look-ups from results computed before the phases: the cost of a "
        "request without its look-up (the Discord side's floor)",
    )
    parser.add_argument("--profile", help="write the burst's cProfile stats (loop thread) here")
    args = parser.parse_args(argv)
    asyncio.run(run(args))


if __name__ == "__main__":
    main()

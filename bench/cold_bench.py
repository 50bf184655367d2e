"""Look-up latency with a cold operating-system page cache, on a kept SQLite store.

A bot restarted on a big database, or one whose pages the kernel evicted, reads every
posting list and candidate row from disk. This drops the page cache before every look-up
(``/proc/sys/vm/drop_caches``, so it needs root; it says so and stops otherwise) and times
the whole ``who_said`` call, then asks the same phrases warm for comparison (timed on the
second pass after the cold one: the first still reads what the cold pass left on disk). Two cold
figures: ``once`` drops the cache once after opening the store and asks every phrase (a
restarted bot: each look-up reads its own rows from disk, the shared upper pages of the
tables warm up), ``each`` drops it before every look-up (nothing of the file in memory).

    python -m bench.search_bench --n 1000000 --base 900000 --keep --queries 10 --bf-queries 0
    python -m bench.cold_bench --db bench/out/n1000000/bench.db --queries 100

Phrases are windows of 4-8 words from random stored quotes (random case and quote style),
read before the first drop. Print ``uptime`` with the figures: the disk is shared too.

Each mode also times the look-up's stages alone, by wrapping the store's methods for them:
``fetch`` is the candidate fetch (``_candidates``: the ranked ids' normalised texts, scope
checked), ``probe`` the scope probe of the query's words (``_hidden_terms``), ``postings``
the posting lists read (``_disk_postings``) and ``rows`` the shown hits' rows (``_hit_rows``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.search_bench import OUT, pct
from bot.core.models import GLOBAL_SCOPE
from bot.core.store.sqlite import SQLiteStore

DROP = Path("/proc/sys/vm/drop_caches")


def drop_page_cache() -> None:
    """Write dirty pages out and drop the clean ones (raises PermissionError unless root)."""
    os.sync()
    DROP.write_text("1\n")


def phrases(db: Path, count: int, seed: int) -> list[str]:
    """``count`` look-up phrases cut from random stored quotes."""
    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        (top,) = conn.execute("SELECT max(id) FROM quotes").fetchone()
        out: list[str] = []
        while len(out) < count:
            row = conn.execute("SELECT text FROM quotes WHERE id = ?", (rng.randint(1, top),))
            found = row.fetchone()
            words = found[0].split() if found else []
            if len(words) < 6:
                continue
            size = rng.randint(4, min(8, len(words)))
            start = rng.randrange(len(words) - size + 1)
            phrase = " ".join(words[start : start + size])
            out.append(rng.choice([phrase, phrase.lower(), f"“{phrase}”", f'"{phrase}"']))
        return out
    finally:
        conn.close()


STAGES = {
    "fetch": "_candidates",
    "probe": "_hidden_terms",
    "postings": "_disk_postings",
    "rows": "_hit_rows",
}


class StageTimer:
    """Wraps the store's stage methods (``STAGES``) on the instance to add up their time."""

    def __init__(self, store: SQLiteStore) -> None:
        self.spent = dict.fromkeys(STAGES, 0.0)
        for stage, method in STAGES.items():
            setattr(store, method, self._wrap(stage, getattr(store, method)))

    def _wrap(self, stage: str, inner: Callable[..., Any]) -> Callable[..., Any]:
        def timed_stage(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent[stage] += (time.perf_counter() - t0) * 1000

        return timed_stage

    def take(self) -> dict[str, float]:
        """The time each stage spent since the last call (ms), and start again."""
        out, self.spent = self.spent, dict.fromkeys(STAGES, 0.0)
        return out


async def timed(
    store: SQLiteStore,
    queries: Sequence[str],
    cold: bool,
    stages: StageTimer,
    per_stage: dict[str, list[float]] | None = None,
) -> list[float]:
    out: list[float] = []
    for phrase in queries:
        if cold:
            await asyncio.to_thread(drop_page_cache)
        stages.take()
        t0 = time.perf_counter()
        await store.who_said(phrase, [GLOBAL_SCOPE], 1)
        out.append((time.perf_counter() - t0) * 1000)
        if per_stage is not None:
            for stage, ms in stages.take().items():
                per_stage.setdefault(stage, []).append(ms)
    return out


def line(name: str, values: Sequence[float]) -> str:
    return (
        f"{name:8} p50 {statistics.median(values):7.2f} ms  p95 {pct(values, 0.95):7.2f} ms  "
        f"max {max(values):7.2f} ms  ({len(values)} look-ups)"
    )


async def run(db: Path, count: int, seed: int) -> None:
    try:
        drop_page_cache()
    except OSError as exc:
        raise SystemExit(f"cannot drop the page cache ({exc}): run as root") from exc
    # Separate phrases per mode: the store's own caches (posting lists, visible words) must
    # not carry one mode's reads into the other.
    queries = phrases(db, 2 * count + 1, seed)
    first_q, once_q, each_q = queries[:1], queries[1 : count + 1], queries[count + 1 :]
    drop_page_cache()
    t0 = time.perf_counter()
    store = SQLiteStore.from_url(f"sqlite:///{db}", brute_force_below=0, cluster_window_days=0)
    await store.open()
    opened = (time.perf_counter() - t0) * 1000
    stages = StageTimer(store)
    split: dict[str, dict[str, list[float]]] = {"once": {}, "each": {}, "warm": {}}
    try:
        first = await timed(store, first_q, False, stages)
        once = await timed(store, once_q, False, stages, split["once"])
        each = await timed(store, each_q, True, stages, split["each"])
        await timed(store, each_q, False, stages)  # the second pass reads nothing from disk
        warm = await timed(store, each_q, False, stages, split["warm"])
    finally:
        await store.close()
    (quotes,) = (
        sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        .execute("SELECT count(*) FROM quotes")
        .fetchone()
    )
    print(f"{db} ({quotes:,} quotes), load {os.getloadavg()[0]:.2f}")
    print(f"open on a cold cache {opened:.0f} ms; first look-up after it {first[0]:.1f} ms")
    for mode, values in (("once", once), ("each", each), ("warm", warm)):
        print(line(mode, values))
        for stage, spent in split[mode].items():
            print("  " + line(stage, spent))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=OUT / "n1000000" / "bench.db")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist: build it with search_bench --keep")
    asyncio.run(run(args.db, args.queries, args.seed))


if __name__ == "__main__":
    main()

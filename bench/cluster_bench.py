"""Clustering benchmark: the parent's CPU per saved quote spent on clustering, and recall.

Saves articles into a copy of a kept SQLite store (e.g. the 900,000 quotes kept by
``search_bench --base 900000``): most of their quotes are new synthetic ones, and some are
planted wordings of a stored quote -- an exact copy, a cut to its lead, a cut of its
first words, one word changed -- which should join that quote's cluster. Reported: CPU
seconds (``time.process_time``) of the whole saves and of ``sqlite_clusters.assign``, per
quote; how many quotes joined a cluster; how many planted ones joined their source's.

    python -m bench.cluster_bench --base-db bench/out/base900000_s7/bench.db
    python -m bench.cluster_bench --base-db bench/out/base900000_s7/bench.db --profile 25
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.search_bench import _quote  # noqa: E402
from bench.synth import MarkovChain, SynthQuote, corpus_texts, generate  # noqa: E402
from bot.core.models import GLOBAL_SCOPE, ArticleInput  # noqa: E402
from bot.core.store import sqlite_clusters  # noqa: E402
from bot.core.store.sqlite import SQLiteStore  # noqa: E402

KINDS = ("copy", "lead", "tail", "word")


def variant(text: str, kind: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """Another outlet's wording of ``text``: a copy, a cut or one word changed."""
    tokens = text.split()
    if kind == "copy":
        return text
    if kind == "lead":
        return " ".join(tokens[: max(6, len(tokens) * 2 // 3)])
    if kind == "tail":
        return " ".join(tokens[min(len(tokens) - 6, max(1, len(tokens) // 4)) :])
    changed = list(tokens)
    changed[rng.randrange(len(changed))] = rng.choice(vocabulary)
    return " ".join(changed)


def sources(db: Path, count: int, seed: int, newest: int) -> list[tuple[int, str, str]]:
    """``count`` stored quotes of 8+ words (id, text, speaker), from the ``newest`` ones."""
    conn = sqlite3.connect(db)
    try:
        top = conn.execute("SELECT MAX(id) FROM quotes").fetchone()[0]
        rows = conn.execute(
            "SELECT id, text, speaker_name FROM quotes WHERE id > ? ORDER BY id",
            (top - newest,),
        ).fetchall()
    finally:
        conn.close()
    rows = [r for r in rows if len(str(r[1]).split()) >= 8]
    return random.Random(seed).sample(rows, count)


class Timed:
    """``sqlite_clusters.assign`` wrapped: its CPU seconds and returned join counts."""

    def __init__(self, fn: Callable[..., int], profile: cProfile.Profile | None) -> None:
        self.fn, self.profile = fn, profile
        self.cpu = 0.0
        self.joined = 0

    def __call__(self, *args: Any, **kwargs: Any) -> int:
        t0 = time.process_time()
        if self.profile is not None:
            self.profile.enable()
        try:
            out = self.fn(*args, **kwargs)
        finally:
            if self.profile is not None:
                self.profile.disable()
            self.cpu += time.process_time() - t0
        self.joined += out
        return out


async def run(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    chain = MarkovChain(corpus_texts())
    fresh = list(generate(args.articles * 10, args.seed + 1000, chain))
    planted = sources(args.base_db, args.articles * args.planted, args.seed, args.sources)
    with tempfile.TemporaryDirectory(prefix="whosaid-cluster-") as tmp:
        shutil.copyfile(args.base_db, f"{tmp}/bench.db")
        store = SQLiteStore.from_url(
            f"sqlite:///{tmp}/bench.db", cluster_window_days=0 if args.no_clusters else 30
        )
        await store.open()
        profile = cProfile.Profile() if args.profile else None
        timed = Timed(sqlite_clusters.assign, profile)
        sqlite_clusters.assign = timed
        plan: list[tuple[int, int, str]] = []  # (article, source id, kind)
        saved = 0
        cpu = 0.0
        t_wall = time.perf_counter()
        for a in range(args.articles):
            batch: list[SynthQuote] = fresh[a * 10 : a * 10 + 10 - args.planted]
            for j in range(args.planted):
                source_id, text, speaker = planted[a * args.planted + j]
                kind = KINDS[(a * args.planted + j) % len(KINDS)]
                batch.append(SynthQuote(variant(text, kind, rng, chain.vocabulary), speaker, None))
                plan.append((a, source_id, kind))
            article = ArticleInput(
                text=f"{a} " + " ".join(q.text for q in batch),
                title=f"Cluster bench {a}",
                outlet="Bench Wire",
                url=f"https://bench.example/cluster/{args.seed}/{a}",
            )
            t0 = time.process_time()
            await store.save_article(article, [_quote(q) for q in batch], GLOBAL_SCOPE)
            cpu += time.process_time() - t0
            saved += len(batch)
        wall = time.perf_counter() - t_wall
        await store.close()
        sqlite_clusters.assign = timed.fn
        conn = sqlite3.connect(f"{tmp}/bench.db")
        try:
            found = planted_joins(conn, plan, args.planted)
        finally:
            conn.close()
    print(f"=== cluster bench: {args.articles} articles, {saved} quotes into {args.base_db} ===")
    print(
        f"saves: CPU {cpu:.2f} s ({1e6 * cpu / saved:.0f} us/quote), wall {wall:.1f} s; "
        f"clustering CPU {timed.cpu:.2f} s ({1e6 * timed.cpu / saved:.0f} us/quote)"
    )
    total = len(plan)
    by_kind = ", ".join(f"{k} {found[k]}/{total // len(KINDS)}" for k in KINDS)
    print(
        f"joined a cluster: {timed.joined} quotes; planted wordings that joined their "
        f"source's: {sum(found.values())}/{total} ({by_kind})"
    )
    print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


def planted_joins(
    conn: sqlite3.Connection, plan: list[tuple[int, int, str]], per: int
) -> dict[str, int]:
    """How many planted wordings (per kind) share their source's cluster."""
    found = dict.fromkeys(KINDS, 0)
    label = {
        int(r[0]): int(r[1])
        for r in conn.execute("SELECT id, COALESCE(cluster_id, id) FROM quotes")
    }
    new_ids: dict[int, list[int]] = {}
    for quote_id, article in conn.execute(
        "SELECT q.id, a.title FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE a.title LIKE 'Cluster bench %' ORDER BY q.id"
    ):
        new_ids.setdefault(int(str(article).rsplit(" ", 1)[1]), []).append(int(quote_id))
    seen: dict[int, int] = {}
    for a, source_id, kind in plan:
        ids = new_ids.get(a, [])
        j = seen.get(a, 0)
        seen[a] = j + 1
        if len(ids) >= per and label.get(ids[len(ids) - per + j]) == label.get(source_id):
            found[kind] += 1
    return found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-db", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--planted", type=int, default=2, help="planted wordings per article")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--sources", type=int, default=100_000, help="plant wordings of the newest this many"
    )
    parser.add_argument("--no-clusters", action="store_true")
    parser.add_argument("--profile", type=int, default=0, help="print this many cProfile rows")
    asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    main()

"""Bulk-ingest benchmark: ``whosaid ingest`` of a folder of generated news articles.

The articles are written at run time into a temporary folder: a headline, narrative
sentences from the word chain of :mod:`bench.synth` (trained on whatever texts it finds at
run time, never copied into the repository) and quotations attributed in the usual news
patterns (``"...," Name said.``, ``Name, the title, said: "..."``). The command then runs
as a child process (``python -m bot.cli ingest``) on a fresh database and the wall time is
reported as articles/s and quotes/s, with the machine's load.

    python -m bench.ingest_bench --articles 2000
    python -m bench.ingest_bench --articles 500 --workers 1
    python -m bench.ingest_bench --articles 500 --database-url postgresql://.../empty_db
    python -m bench.ingest_bench --articles 4000 --base-db bench/out/base900000_s7/bench.db

``--base-db`` ingests into a copy of that SQLite database (e.g. the 900,000 quotes kept by
``search_bench --base 900000``) instead of an empty one: the rate at a large store. The
command's fixed cost of opening that store (loading its index) is timed apart, by ingesting
an empty folder into another copy, and left out of the rate.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synth import MarkovChain, corpus_texts, speakers  # noqa: E402

_SUMMARY = re.compile(r"(\d+) items?: (\d+) added.*?; (\d+) new quotes?")


def article(rng: random.Random, chain: MarkovChain, people: list[tuple[str, str | None]]) -> str:
    """One news-style article: a headline and paragraphs mixing narrative and quotes."""
    lines = [chain.sentence(rng, 5, 10).rstrip(".!?"), ""]
    for _ in range(rng.randint(6, 12)):
        name, title = rng.choice(people)
        said = chain.sentence(rng, 8, 30).rstrip(".!?")
        narrative = chain.sentence(rng, 10, 30)
        pattern = rng.randrange(3)
        if pattern == 0:
            quote = f"“{said},” {name} said."
        elif pattern == 1:
            role = f", the {title}," if title else ""
            quote = f"{name}{role} said: “{said}.”"
        else:
            quote = f"“{said},” said {name}."
        lines.append(f"{narrative} {quote}")
        lines.append("")
    return "\n".join(lines)


def write_folder(folder: Path, count: int, seed: int) -> int:
    """``count`` article files in ``folder``; returns their total size in bytes."""
    rng = random.Random(seed)
    chain = MarkovChain(corpus_texts())
    people = speakers(rng, 300)
    size = 0
    for i in range(count):
        text = article(rng, chain, people)
        (folder / f"article_{i:05d}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode())
    return size


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def run_ingest(
    folder: Path, database_url: str, workers: int | None, clusters: bool = True
) -> tuple[float, str]:
    """Wall seconds and the summary line of one ``whosaid ingest`` child process."""
    env = dict(os.environ, DATABASE_URL=database_url, LOG_LEVEL="WARNING")
    if not clusters:
        env["CLUSTER_WINDOW_DAYS"] = "0"
    if workers is not None:
        env["INGEST_WORKERS"] = str(workers)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ingest", str(folder)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    lines = [line for line in proc.stdout.splitlines() if _SUMMARY.search(line)]
    if proc.returncode not in (0, 1) or not lines:
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall, lines[-1]


def joined(url: str) -> int | None:
    """How many stored quotes joined an earlier quote's cluster (SQLite only)."""
    if not url.startswith("sqlite:///"):
        return None
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return int(
            conn.execute("SELECT COUNT(*) FROM quotes WHERE cluster_id IS NOT NULL").fetchone()[0]
        )
    finally:
        conn.close()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=None, help="INGEST_WORKERS for the run")
    parser.add_argument(
        "--database-url", default=None, help="an empty database (default: a new SQLite file)"
    )
    parser.add_argument(
        "--no-clusters", action="store_true", help="CLUSTER_WINDOW_DAYS=0 (the baseline)"
    )
    parser.add_argument(
        "--base-db", type=Path, default=None, help="a SQLite file to copy and ingest into"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="whosaid-ingest-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        size = write_folder(folder, args.articles, args.seed)
        url = args.database_url or f"sqlite:///{tmp}/ingest.db"
        print(f"=== ingest bench: {args.articles} articles, {size / 1e6:.1f} MB ===")
        opening = 0.0
        if args.base_db is not None:
            empty = Path(tmp) / "empty"
            empty.mkdir()
            shutil.copyfile(args.base_db, f"{tmp}/ingest.db")
            opening, _ = run_ingest(empty, url, args.workers, not args.no_clusters)
            shutil.copyfile(args.base_db, f"{tmp}/ingest.db")
            print(f"into a copy of {args.base_db}; opening it (empty ingest) {opening:.1f} s")
        print(f"load before: {load()}")
        wall, summary = run_ingest(folder, url, args.workers, not args.no_clusters)
        wall -= opening
        match = _SUMMARY.search(summary)
        assert match is not None
        quotes = int(match.group(3))
        print(summary)
        print(
            f"wall {wall:.1f} s: {args.articles / wall:.0f} articles/s, {quotes / wall:.0f} "
            f"quotes/s (workers {args.workers or 'default'}, clusters "
            f"{'off' if args.no_clusters else 'on'}); load after: {load()}"
        )
        if (count := joined(url)) is not None:
            print(f"quotes that joined an earlier quote's cluster: {count:,}")


if __name__ == "__main__":
    main()

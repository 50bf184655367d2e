"""Who-said search benchmark: our index against rapidfuzz brute force, same queries.

For each N it builds a SQLite store of N synthetic quotes (through ``save_article``, 10
quotes per article), then asks three kinds of phrases taken from random quotes: exact
(a window of 4-8 words, random case/quote style), typo (1-2 character edits) and one word
changed. A top hit counts as right when it is the source quote or contains the clean phrase
(normalised), since a phrase may occur in several quotes. Brute force is
``process.extractOne(phrase, all_normalised_quotes, scorer=fuzz.partial_ratio)``.

    python -m bench.search_bench --n 10000 100000
    python -m bench.search_bench --n 1000000 --bf-queries 50
    python -m bench.search_bench --n 100000 --database-url postgresql://localhost/whosaid
    python -m bench.search_bench --n 1000000 --base 900000 --queries 100 --bf-queries 0

``--base B`` (SQLite only) times only the saves of quotes B+1..N: the first B quotes are
stored once without clustering, kept in ``bench/out/base<B>_s<seed>`` and copied for every
run, so the save rate at a large N is measured in minutes rather than rebuilt from zero.

With ``--database-url postgresql://...`` the same run uses the PostgreSQL backend, in a
schema ``bench_n<N>`` of that database (dropped first, and afterwards unless ``--keep``).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import string
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process

from bench.synth import MarkovChain, SynthQuote, corpus_texts, generate
from bot.core.models import GLOBAL_SCOPE, ArticleInput, Quote, SearchResult
from bot.core.search.normalize import normalize
from bot.core.store.postgres import PostgresStore
from bot.core.store.sqlite import SQLiteStore

BenchStore = SQLiteStore | PostgresStore

OUT = Path(__file__).resolve().parent / "out"
KINDS = ("exact", "typo", "word")


def _quote(q: SynthQuote) -> Quote:
    return Quote(
        text=q.text,
        start=0,
        end=len(q.text),
        kind="direct",
        speaker=q.speaker,
        speaker_mention=None,
        title=q.title,
        cue=None,
        confidence=0.9,
        context=f"“{q.text},” {q.speaker} said.",
    )


def typo(word: str, rng: random.Random) -> str:
    """One random edit: substitute, delete, insert or swap two neighbours."""
    i = rng.randrange(len(word))
    op = rng.choice("sdit")
    letter = rng.choice(string.ascii_lowercase)
    if op == "s":
        return word[:i] + letter + word[i + 1 :]
    if op == "d" and len(word) > 3:
        return word[:i] + word[i + 1 :]
    if op == "t" and i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + letter + word[i:]


def make_queries(
    quotes: Sequence[SynthQuote], vocabulary: Sequence[str], count: int, seed: int
) -> dict[str, list[tuple[str, str, int]]]:
    """(phrase, clean normalised phrase, source index) triples per kind."""
    out: dict[str, list[tuple[str, str, int]]] = {k: [] for k in KINDS}
    for k_i, kind in enumerate(KINDS):
        # Each kind draws its own source quotes, so no kind warms the caches of another.
        rng = random.Random(seed * 31 + k_i)
        while len(out[kind]) < count:
            idx = rng.randrange(len(quotes))
            tokens = quotes[idx].text.split()
            if len(tokens) < 6:
                continue
            size = rng.randint(4, min(8, len(tokens)))
            start = rng.randrange(len(tokens) - size + 1)
            window = tokens[start : start + size]
            clean = normalize(" ".join(window))
            if len(clean) < 12:
                continue
            if kind == "exact":
                exact = " ".join(window)
                exact = rng.choice(
                    [exact, exact.lower(), exact.upper(), f"“{exact}”", f'"{exact}"']
                )
                out["exact"].append((exact, clean, idx))
            elif kind == "typo":
                words = list(window)
                long_ones = [i for i, w in enumerate(words) if len(w.strip(".,;:!?")) >= 4]
                if not long_ones:
                    continue
                for _ in range(rng.choice((1, 2))):
                    j = rng.choice(long_ones)
                    words[j] = typo(words[j], rng)
                out["typo"].append((" ".join(words), clean, idx))
            else:
                changed = list(window)
                j = rng.randrange(len(changed))
                changed[j] = rng.choice(vocabulary)
                out["word"].append((" ".join(changed), clean, idx))
    return {k: v[:count] for k, v in out.items()}


def right(top_norm: str | None, top_index: int | None, clean: str, idx: int) -> bool:
    if top_index == idx:
        return True
    return top_norm is not None and f" {clean} " in f" {top_norm} "


def pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0


async def _drop_schema(url: str, schema: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    finally:
        await conn.close()


async def open_bench_store(
    n: int, folder: Path, database_url: str | None, reuse: bool = False, window: int = 30
) -> BenchStore:
    """The chosen backend's store (index search forced on): fresh, or the kept one on reuse.
    ``window`` is the cluster window in days (0: no clustering, ``--no-clusters``)."""
    store: BenchStore
    if database_url and database_url.startswith(("postgresql:", "postgres:")):
        if not reuse:
            await _drop_schema(database_url, f"bench_n{n}")
        store = PostgresStore.from_url(
            database_url, schema=f"bench_n{n}", brute_force_below=0, cluster_window_days=window
        )
    else:
        if not reuse:
            shutil.rmtree(folder, ignore_errors=True)
        store = SQLiteStore.from_url(
            f"sqlite:///{folder}/bench.db", brute_force_below=0, cluster_window_days=window
        )
    await store.open()
    return store


async def build(
    n: int,
    seed: int,
    chain: MarkovChain,
    folder: Path,
    database_url: str | None = None,
    reuse: bool = False,
    window: int = 30,
    base: int = 0,
) -> tuple[BenchStore, list[SynthQuote], dict[str, float]]:
    """The store of ``n`` quotes; with ``reuse`` a database kept by ``--keep`` is reopened.
    With ``base`` the first ``base`` quotes come from a kept copy and only the rest are timed."""
    done = folder / "complete"
    reuse = reuse and done.exists()
    base = 0 if reuse else base
    if base:
        await _copy_base(base, seed, chain, folder, database_url)
    store = await open_bench_store(n, folder, database_url, reuse or bool(base), window)
    t0 = time.perf_counter()
    quotes = list(generate(n, seed, chain))
    gen_s = time.perf_counter() - t0
    if reuse:
        return store, quotes, {"generate_s": gen_s, "ingest_s": 0.0}
    t0 = time.perf_counter()
    for a in range(base, n, 10):
        batch = quotes[a : a + 10]
        body = " ".join(q.text for q in batch)
        article = ArticleInput(
            text=f"{a} {body}",
            title=f"Synthetic article {a // 10}",
            outlet="Bench News",
            url=f"https://bench.example/{seed}/{a // 10}",
        )
        await store.save_article(article, [_quote(q) for q in batch], GLOBAL_SCOPE)
    await store.flush_index()
    ingest_s = time.perf_counter() - t0
    await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
    done.write_text("ok\n")
    return store, quotes, {"generate_s": gen_s, "ingest_s": ingest_s}


async def _copy_base(
    base: int, seed: int, chain: MarkovChain, folder: Path, database_url: str | None
) -> None:
    """Put a copy of the kept store of the first ``base`` quotes (built once) in ``folder``."""
    if database_url:
        raise SystemExit("--base works on SQLite only")
    kept = OUT / f"base{base}_s{seed}"
    if not (kept / "complete").exists():
        store, _, _ = await build(base, seed, chain, kept, window=0)
        await store.close()
    shutil.rmtree(folder, ignore_errors=True)
    await asyncio.to_thread(shutil.copytree, kept, folder)
    (folder / "complete").unlink()


async def run(n: int, args: argparse.Namespace, chain: MarkovChain) -> None:
    window = 0 if args.no_clusters else 30
    base = min(args.base, n)
    store, quotes, times = await build(
        n, args.seed, chain, OUT / f"n{n}", args.database_url, args.reuse, window, base
    )
    sizes = await store.sizes()
    norms = [normalize(q.text) for q in quotes]
    queries = make_queries(quotes, chain.vocabulary, args.queries, args.seed + n)
    text_b, index_b = sizes["quote_text_bytes"], sizes["index_bytes"]
    clusters = "off" if args.no_clusters else "on"
    print(f"\n=== N = {n:,} quotes ({type(store).__name__}, clusters {clusters}) ===")
    if times["ingest_s"]:
        timed = f"quotes {base + 1:,}..{n:,} saved into a store of {base:,}, " if base else ""
        print(
            f"generate {times['generate_s']:.1f} s, {timed}ingest+index {times['ingest_s']:.1f} s "
            f"({(n - base) / times['ingest_s']:,.0f} quotes/s)"
        )
    else:
        print("reused the database kept by an earlier --keep run")
    print(
        f"quote text {text_b / 1e6:.1f} MB, index {index_b / 1e6:.1f} MB "
        f"(ratio {index_b / text_b:.2f}), whole database {sizes['database_bytes'] / 1e6:.1f} MB"
    )
    if "norms_bytes" in sizes:  # the compact candidate table (schema 6)
        print(
            f"normalised texts read by look-ups (quote_norms) {sizes['norms_bytes'] / 1e6:.1f} MB"
        )
    # warm-up (vocabulary buckets, sqlite cache)
    for phrase, _, _ in queries["exact"][:5]:
        await store.who_said(phrase, [GLOBAL_SCOPE], 1)
    print(
        f"{'kind':6} {'ours p50':>9} {'p95':>8} {'recall@1':>9} | {'brute p50':>10} "
        f"{'p95':>8} {'recall@1':>9} {'(bf n)':>7}"
    )
    for kind in KINDS:
        lat: list[float] = []
        ok = 0
        for phrase, clean, idx in queries[kind]:
            t0 = time.perf_counter()
            res: SearchResult = await store.who_said(phrase, [GLOBAL_SCOPE], 1)
            lat.append((time.perf_counter() - t0) * 1000)
            top = res.hits[0].quote.text if res.hits else None
            good = right(normalize(top) if top else None, None, clean, idx)
            ok += good
            if not good and args.show_misses:
                score = res.hits[0].score if res.hits else None
                print(f"  MISS {kind}: {phrase!r}\n    source: {quotes[idx].text!r}")
                print(f"    top ({score}): {top!r}")
        bf = queries[kind][: args.bf_queries]
        bf_lat: list[float] = []
        bf_ok = 0
        bf_same_ours = 0
        for phrase, clean, idx in bf:
            q = normalize(phrase)
            t0 = time.perf_counter()
            best = process.extractOne(q, norms, scorer=fuzz.partial_ratio, processor=None)
            bf_lat.append((time.perf_counter() - t0) * 1000)
            top_i = int(best[2]) if best else None
            bf_ok += right(norms[top_i] if top_i is not None else None, top_i, clean, idx)
        # ours on the same brute-force sample, for a like-for-like recall figure
        for phrase, clean, idx in bf:
            res = await store.who_said(phrase, [GLOBAL_SCOPE], 1)
            top = res.hits[0].quote.text if res.hits else None
            bf_same_ours += right(normalize(top) if top else None, None, clean, idx)
        head = (
            f"{kind:6} {statistics.median(lat):8.2f}ms {pct(lat, 0.95):6.2f}ms {ok / len(lat):9.3f}"
        )
        if not bf:
            print(f"{head} | (no brute force)")
            continue
        print(
            f"{head} | {statistics.median(bf_lat):8.1f}ms {pct(bf_lat, 0.95):6.1f}ms "
            f"{bf_ok / len(bf):9.3f} {len(bf):7d}  (ours on bf sample {bf_same_ours / len(bf):.3f})"
        )
    await store.close()
    if not (args.keep or args.reuse):
        shutil.rmtree(OUT / f"n{n}", ignore_errors=True)
        if isinstance(store, PostgresStore):
            await _drop_schema(store.dsn, f"bench_n{n}")


def main(argv: Sequence[str] | None = None, runner: Callable[..., object] = asyncio.run) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300, help="queries per kind")
    parser.add_argument("--bf-queries", type=int, default=200, help="brute-force sample per kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the databases in bench/out")
    parser.add_argument(
        "--reuse", action="store_true", help="reopen a database kept by --keep (implies --keep)"
    )
    parser.add_argument("--show-misses", action="store_true", help="print every wrong top hit")
    parser.add_argument(
        "--no-clusters", action="store_true", help="ingest without quote clustering (baseline)"
    )
    parser.add_argument(
        "--base",
        type=int,
        default=0,
        help="time only the saves after this many quotes (a kept copy holds those; SQLite)",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="postgresql://... to bench the PostgreSQL backend (default: SQLite in bench/out)",
    )
    args = parser.parse_args(argv)
    chain = MarkovChain(corpus_texts())
    for n in args.n:
        runner(run(n, args, chain))


if __name__ == "__main__":
    main()

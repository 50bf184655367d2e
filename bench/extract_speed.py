"""Articles per second of ``extract_quotes`` over the PolNeAR dev texts, in one process.

Usage: ``python bench/extract_speed.py [--rounds N]``. The corpus is read from ``../shared``;
without it a synthetic mix of news-style paragraphs (and a pathological string) is used.

Besides the overall rate it prints each round's rate: the median and the best round. On a
shared machine a round that another process slows down drags the overall rate; the median
round is robust to a few of those, and the best round is the code's own speed (the reading
``timeit`` recommends: slower repeats come from interference, not from the code).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import string
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.attribution_eval import CORPUS  # noqa: E402
from bot.core.extract import extract_quotes  # noqa: E402

_SYNTHETIC = (
    "“We will not back down,” Senator Jane Doe said on Tuesday. She added that the plan was "
    "“dead on arrival” and warned that voters would remember. According to aides, the vote "
    "could slip.\n\n"
)


def load_texts() -> list[str]:
    """Dev texts when the corpus is there, otherwise 84 synthetic articles."""
    folder = CORPUS / "data" / "dev" / "text"
    if folder.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return [_SYNTHETIC * 12 for _ in range(84)]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    texts = load_texts()
    chars = sum(len(t) for t in texts)
    for t in texts[:5]:
        extract_quotes(t)  # warm-up: regex compilation, lazy imports
    quotes = 0
    per_round: list[float] = []
    for _ in range(args.rounds):
        r0 = time.perf_counter()
        for t in texts:
            quotes += len(extract_quotes(t))
        per_round.append(time.perf_counter() - r0)
    elapsed = sum(per_round)
    n = len(texts) * args.rounds
    rates = sorted(len(texts) / r for r in per_round)
    print(
        f"{n} articles ({chars * args.rounds / 1e6:.1f} MB) in {elapsed:.2f}s: "
        f"{n / elapsed:.0f} articles/s, {chars * args.rounds / elapsed / 1e6:.2f} MB/s, "
        f"{quotes // args.rounds} quotes per round"
    )
    print(
        f"per round ({len(texts)} articles): median {statistics.median(rates):.0f} articles/s, "
        f"best {rates[-1]:.0f}, worst {rates[0]:.0f}"
    )
    # 20,000 transcript turns, each under its own capitalised label (about 1 MB)
    labels = itertools.islice(itertools.product(string.ascii_uppercase, repeat=4), 20_000)
    turns = "".join(f"“{''.join(lab)}: we will see about it, said nobody.”\n\n" for lab in labels)
    cases = (
        ("“ * 200000", "“" * 200_000),
        ('said " * 50000', 'said "' * 50_000),
        ("20000 labelled turns", turns),
    )
    for label, patho in cases:
        t0 = time.perf_counter()
        extract_quotes(patho)
        print(f"pathological {label}: {time.perf_counter() - t0:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Articles per second of ``extract_quotes``, in one process.

Usage: ``python bench/extract_speed.py [--rounds N]``. The corpus is read from ``../shared``;
without it a synthetic mix of news-style paragraphs (and a pathological string) is used.

Two measures:

* **rounds**: the 84 PolNeAR dev texts read ``--rounds`` times (the measure issue 14's target
  and earlier figures were set on). Besides the overall rate it prints each round's: the
  median round (robust to a round another process slows down) and the best (the code's own
  speed, the reading ``timeit`` recommends). Later rounds re-read texts the process has
  read, so the extractor's bounded caches of names and words serve them better than new
  news would.
* **new text**: the 840 PolNeAR train texts read once each, as a stream of news the process
  has never seen (its caches warm only from other articles, as in real ingestion): the
  stricter figure, what ingesting fresh news gets.
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


def load_texts(split: str = "dev") -> list[str]:
    """The split's texts when the corpus is there, otherwise 84 synthetic articles."""
    folder = CORPUS / "data" / split / "text"
    if folder.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return [_SYNTHETIC * 12 for _ in range(84)]


def _timed(texts: Sequence[str]) -> tuple[float, int]:
    """Seconds to extract every text once, and the quotes found."""
    t0 = time.perf_counter()
    quotes = sum(len(extract_quotes(t)) for t in texts)
    return time.perf_counter() - t0, quotes


def _spread(label: str, n: int, seconds: Sequence[float]) -> str:
    rates = sorted(n / s for s in seconds)
    return (
        f"per {label} ({n} articles): median {statistics.median(rates):.0f} articles/s, "
        f"best {rates[-1]:.0f}, worst {rates[0]:.0f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    texts = load_texts()
    chars = sum(len(t) for t in texts)
    for t in texts[:5]:
        extract_quotes(t)  # warm-up: regex compilation, lazy imports
    rounds = [_timed(texts) for _ in range(args.rounds)]
    elapsed = sum(s for s, _ in rounds)
    n = len(texts) * args.rounds
    print(
        f"rounds: {n} articles ({chars * args.rounds / 1e6:.1f} MB) in {elapsed:.2f}s: "
        f"{n / elapsed:.0f} articles/s, {chars * args.rounds / elapsed / 1e6:.2f} MB/s, "
        f"{rounds[0][1]} quotes per round"
    )
    print(_spread("round", len(texts), [s for s, _ in rounds]))
    stream = load_texts("train")
    elapsed, _ = _timed(stream)
    size = sum(len(t) for t in stream)
    print(
        f"new text: {len(stream)} articles read once ({size / 1e6:.1f} MB) in {elapsed:.2f}s: "
        f"{len(stream) / elapsed:.0f} articles/s, {size / elapsed / 1e6:.2f} MB/s"
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

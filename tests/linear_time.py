"""A helper for the linear-growth property tests (issue 18): time a parser on an input and
on an input four times larger, and check the time grows at most about fourfold.

The only timed assertions of the suite live here, by design: a ratio of two timings of the
same function in this process's CPU time (other processes on the machine do not count),
the minimum of interleaved runs with the garbage collector off, and sizes grown until the
smaller run takes long enough to dominate timer noise.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: The smaller run is grown until it takes at least this long (seconds) ...
CALIBRATE_SECONDS = 0.05
#: ... or the larger input would pass the upload cap (FETCH_MAX_BYTES, 5 MiB).
MAX_CHARS = 5 * 1024 * 1024
#: 4x the input may take at most this many times as long (linear plus generous noise) ...
MAX_RATIO = 6.0
#: ... plus this much, for runs so fast that the timer's resolution matters.
SLACK_SECONDS = 0.01
#: Measurements of one input pair before a ratio over the limit fails the test.
ATTEMPTS = 2


def best_cpu_time(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` calls in this process's CPU time, the collector off."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            t0 = time.process_time()
            run()
            best = min(best, time.process_time() - t0)
    finally:
        if enabled:
            gc.enable()
    return best


def _best_time(run: Callable[[str], object], text: str, repeat: int) -> float:
    return best_cpu_time(lambda: run(text), repeat)


def growth(
    run: Callable[[str], object],
    make: Callable[[int], str],
    *,
    start: int = 256,
    max_chars: int = MAX_CHARS,
    repeat: int = 3,
    min_chars: int = 0,
) -> tuple[int, float, float]:
    """(n, t(n), t(4n)) for ``run(make(n))``, n doubled from ``start`` until t(n) is measurable.

    ``make(n)`` builds an input of about ``n`` units; the larger input stays within
    ``max_chars`` characters.
    """
    n = start
    while True:
        text = make(n)
        small = _best_time(run, text, repeat)
        grown = small >= CALIBRATE_SECONDS and len(text) >= min_chars
        if grown or len(text) * 8 > max_chars:
            break
        n *= 2
    big_text = make(4 * n)
    large = float("inf")
    for _ in range(repeat):  # interleaved, so a burst of load on the machine hits both
        small = min(small, _best_time(run, text, 1))
        large = min(large, _best_time(run, big_text, 1))
    return n, small, large


def assert_linear(
    run: Callable[[str], object],
    make: Callable[[int], str],
    *,
    start: int = 256,
    max_chars: int = MAX_CHARS,
    repeat: int = 3,
    min_chars: int = 0,
) -> None:
    """Fail when 4x the input takes more than :data:`MAX_RATIO` times as long.

    ``min_chars`` makes the smaller input at least that long, for costs that only show on
    large inputs (a small quadratic term next to a large linear one). A ratio over the
    limit is measured once more before failing: one slow run of the large input (a page
    fault storm, a neighbour's cache traffic) once failed a linear parser at 6.8x, while
    a super-linear one is over the limit every time.
    """
    for _ in range(ATTEMPTS):
        n, small, large = growth(
            run, make, start=start, max_chars=max_chars, repeat=repeat, min_chars=min_chars
        )
        if large <= MAX_RATIO * small + SLACK_SECONDS:
            return
    assert large <= MAX_RATIO * small + SLACK_SECONDS, (
        f"not linear: {len(make(n))} chars took {small:.4f}s, "
        f"{len(make(4 * n))} chars {large:.4f}s ({large / max(small, 1e-9):.1f}x)"
    )

"""Keep the garbage collector off the loaded search index.

A store holds millions of long-lived objects after it loads (vocabulary, deletion keys,
speaker caches). Python's full collections walk every one of them: during an ingest, when
allocations are many, such a pass stopped every thread, the event loop included, for about
200 ms at 100k quotes (the worst look-up while ingesting was that pause). Freezing what is
loaded moves it out of the collector's sight; it is still freed as usual when unreferenced.
"""

from __future__ import annotations

import gc

#: Below this many index terms a full collection is quick: nothing to do.
SETTLE_FROM_TERMS = 10_000


def settle_heap(terms: int) -> None:
    """Collect once, then freeze every object alive now (call after loading an index of
    ``terms`` terms; small ones are left alone, so short-lived stores in tests are too)."""
    if terms < SETTLE_FROM_TERMS:
        return
    gc.collect()
    gc.freeze()


__all__ = ["SETTLE_FROM_TERMS", "settle_heap"]

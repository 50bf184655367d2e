"""A compacted word keeps its newest ids in a short segment of their own (SQLite).

Every look-up probes whether the asker can see any quote holding each of its words, from
the end of the word's newest stored segment. SQLite reads a whole value to cut its end, so
when compaction left a common word in one segment of megabytes, a look-up on a cold page
cache read hundreds of pages for a few hundred bytes (``bench/cold_bench.py``). The word's
quotes must still all be found, in order, and saves after the compaction must add to them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.core.models import GLOBAL_SCOPE
from bot.core.search.index import MAX_SEGMENTS
from bot.core.store.common import PROBE_BYTES, VISIBLE_PROBE
from bot.core.store.sqlite import SQLiteStore
from tests.conftest import make_article, make_quote

WORD = "breakwater"


def _segments(path: Path) -> list[int]:
    """The byte length of each stored segment of :data:`WORD`, in order."""
    conn = sqlite3.connect(path)
    try:
        return [
            int(n)
            for (n,) in conn.execute(
                "SELECT length(p.data) FROM postings p JOIN terms t ON t.id = p.term_id "
                "WHERE t.term = ? ORDER BY p.seg",
                (WORD,),
            )
        ]
    finally:
        conn.close()


async def _save_round(store: SQLiteStore, first: int, count: int) -> None:
    for i in range(first, first + count):
        text = f"The {WORD} number {i} will stand against the autumn storms of the bay"
        article = make_article(f"Harbour {i}\n\n{text}", url=f"https://wire.example/{i}")
        await store.save_article(article, [make_quote(text)], GLOBAL_SCOPE)
    await store.flush_index()


async def test_a_compacted_word_keeps_its_newest_ids_in_a_short_last_segment(
    tmp_path: Path,
) -> None:
    path = tmp_path / "postings.db"
    store = SQLiteStore.from_url(f"sqlite:///{path}", brute_force_below=0, cluster_window_days=0)
    await store.open()
    try:
        per_flush = 3 * VISIBLE_PROBE // MAX_SEGMENTS + 1
        saved = 0
        for _ in range(MAX_SEGMENTS + 1):  # one flush more than compaction allows
            await _save_round(store, saved, per_flush)
            saved += per_flush
        compacted = _segments(path)
        await _save_round(store, saved, 2)  # saves after the compaction add to it
        saved += 2
        after = _segments(path)
        found = await store.who_said(f"{WORD} number {saved - 1}", [GLOBAL_SCOPE], 1)
        oldest = await store.who_said(f"{WORD} number 0 will stand", [GLOBAL_SCOPE], 1)
    finally:
        await store.close()
    assert sum(compacted) == 4 * (saved - 2)  # every id kept once
    assert len(compacted) == 2 and compacted[-1] == PROBE_BYTES
    assert after[:2] == compacted and after[2] == 4 * 2
    assert found.hits[0].quote.text.startswith(f"The {WORD} number {saved - 1} ")
    assert oldest.hits[0].quote.text.startswith(f"The {WORD} number 0 ")

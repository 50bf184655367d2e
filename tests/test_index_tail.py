"""The in-memory index tail: what look-ups read from it, and that the garbage collector's
full passes (which stop every thread, the event loop too) have nothing in it to walk."""

from __future__ import annotations

import gc

from bot.core.search.index import WordIndex, unpack


def test_tail_postings_are_the_quote_ids_in_order_and_flush_as_before() -> None:
    index = WordIndex()
    for quote_id in range(1, 301):
        index.add_quote(quote_id, "the budget is on the table" if quote_id % 3 else "taxes rise")
    table = index.vocab.ids["table"]
    assert list(index.tail_postings(table)) == [i for i in range(1, 301) if i % 3]
    assert list(index.tail_postings(10**9)) == []
    batch = index.flush_batch()
    segment = next(data for term_id, _, data in batch.segments if term_id == table)
    assert list(unpack(segment)) == [i for i in range(1, 301) if i % 3]
    index.flushed(batch)
    assert list(index.tail_postings(table)) == []


def test_the_tail_holds_no_object_the_garbage_collector_tracks() -> None:
    index = WordIndex()
    for quote_id in range(1, 2001):
        index.add_quote(quote_id, f"speaker {quote_id % 50} said the plan would work in {quote_id}")
    assert index.tail
    assert not gc.is_tracked(index.tail)
    assert not any(gc.is_tracked(ids) for ids in index.tail.values())


def test_a_tail_added_out_of_order_still_flushes_sorted_segments() -> None:
    index = WordIndex()
    for quote_id in (5, 9, 2, 7):
        index.add_quote(quote_id, "the budget is on the table")
    table = index.vocab.ids["table"]
    batch = index.flush_batch()
    segment = next(data for term_id, _, data in batch.segments if term_id == table)
    assert list(unpack(segment)) == [2, 5, 7, 9]
    index.flushed(batch)
    for quote_id in (10, 11):
        index.add_quote(quote_id, "the budget is on the table")
    batch = index.flush_batch()
    segment = next(data for term_id, _, data in batch.segments if term_id == table)
    assert list(unpack(segment)) == [10, 11]

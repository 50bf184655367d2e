"""A store with a large loaded index keeps it out of the collector's full passes (issue 17)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot.core.store.heap import SETTLE_FROM_TERMS, settle_heap


@pytest.fixture
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_large_index_is_frozen_out_of_full_collections(thawed: None) -> None:
    settle_heap(SETTLE_FROM_TERMS)
    assert gc.get_freeze_count() > 0


def test_a_small_index_leaves_the_collector_alone(thawed: None) -> None:
    settle_heap(SETTLE_FROM_TERMS - 1)
    assert gc.get_freeze_count() == 0

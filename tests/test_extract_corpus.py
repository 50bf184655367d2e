"""PolNeAR smoke test: dev quoted F1 must not fall below the floor reached (regression guard)."""

from __future__ import annotations

import pytest

from bench.attribution_eval import CORPUS, evaluate, load_split

pytestmark = pytest.mark.polnear


def test_dev_quoted_f1_above_floor() -> None:
    if not (CORPUS / "data" / "dev").is_dir():
        pytest.skip(f"PolNeAR not found at {CORPUS}")
    rep = evaluate(load_split("dev"))
    assert rep.quoted.f1 >= 0.935
    assert rep.quoted.mention_ok / rep.quoted.mention >= 0.885
    assert rep.everything.f1 >= 0.61

"""PolNeAR smoke test: the dev figures must not fall below the issue's targets or the floor
reached (regression guard)."""

from __future__ import annotations

import pytest

from bench.attribution_eval import CORPUS, evaluate, load_split

pytestmark = pytest.mark.polnear


def test_dev_quoted_f1_above_floor() -> None:
    if not (CORPUS / "data" / "dev").is_dir():
        pytest.skip(f"PolNeAR not found at {CORPUS}")
    rep = evaluate(load_split("dev"))
    assert rep.quoted.f1 >= 0.93
    assert rep.quoted.mention_ok / rep.quoted.mention >= 0.95
    assert rep.everything.f1 >= 0.615

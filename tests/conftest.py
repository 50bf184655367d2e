"""Shared fixtures: a ``store`` for every backend, a controllable clock, quote builders."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.models import ArticleInput, Quote
from bot.core.store.base import Store

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    """``../shared`` next to the repository (or next to the folder of worktrees)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared").is_dir():
            return base / "shared"
    return None


class Clock:
    """A clock tests move by hand: no wall-clock waits anywhere."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_quote(
    text: str,
    speaker: str | None = "Maria Lindqvist",
    title: str | None = None,
    kind: str = "direct",
) -> Quote:
    """A quote as the extractor would hand it over."""
    return Quote(
        text=text,
        start=0,
        end=len(text),
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker,
        speaker_mention=None,
        title=title,
        cue=None,
        confidence=0.9,
        context=f"“{text},” {speaker} said.",
    )


def make_article(text: str, url: str | None = None, **kwargs: object) -> ArticleInput:
    return ArticleInput(text=text, url=url, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def quote() -> Callable[..., Quote]:
    return make_quote


def _postgres_url() -> str | None:
    return os.environ.get("WHOSAID_TEST_POSTGRES_URL") or None


@pytest.fixture(params=["sqlite", "sqlite-index", "postgres"])
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, clock: Clock
) -> AsyncIterator[Store]:
    """Every backend behind the same protocol.

    ``sqlite-index`` forces the word-index search path even on tiny data (the default
    store brute-forces scopes under 2,000 quotes), so both paths pass the same tests.
    """
    backend = request.param
    if backend == "postgres":
        url = _postgres_url()
        if url is None:
            pytest.skip("set WHOSAID_TEST_POSTGRES_URL to run the PostgreSQL backend")
        try:
            from bot.core.store.postgres import (  # type: ignore[import-not-found]
                PostgresStore,
            )
        except ImportError:
            pytest.skip("the PostgreSQL backend is not on this branch")
        pg: Store = PostgresStore.from_url(url, clock=clock)
        await pg.open()
        reset = getattr(pg, "reset_for_tests", None)
        if reset is not None:
            await reset()
        yield pg
        await pg.close()
        return
    from bot.core.store.sqlite import SQLiteStore

    brute = 2000 if backend == "sqlite" else 0
    s = SQLiteStore.from_url(
        f"sqlite:///{tmp_path}/db/whosaid.db", clock=clock, brute_force_below=brute
    )
    await s.open()
    yield s
    await s.close()

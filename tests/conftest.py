"""Shared fixtures: a ``store`` for every backend, a controllable clock, quote builders."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings

from bot.core.models import ArticleInput, Quote
from bot.core.store.base import Store

# Property tests judge behaviour, not speed (speed is measured in bench/): hypothesis's
# per-example deadline (200 ms) failed tests on a heavily loaded machine, so it is off here.
settings.register_profile("whosaid", deadline=None)
settings.load_profile("whosaid")

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


def postgres_url() -> str | None:
    """The test server's URL, or None (the PostgreSQL tests then skip with the reason)."""
    return os.environ.get("WHOSAID_TEST_POSTGRES_URL") or None


POSTGRES_SKIP = "set WHOSAID_TEST_POSTGRES_URL=postgresql://... to run the PostgreSQL backend"


@contextlib.asynccontextmanager
async def postgres_schema() -> AsyncIterator[tuple[str, str]]:
    """A fresh, empty schema for one test (dropped afterwards): (database URL, schema)."""
    import asyncpg

    url = postgres_url()
    if url is None:
        pytest.skip(POSTGRES_SKIP)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f"CREATE SCHEMA {schema}")
        yield url, schema
    finally:
        await conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await conn.close()


@pytest.fixture
async def pg_schema() -> AsyncIterator[tuple[str, str]]:
    async with postgres_schema() as found:
        yield found


@pytest.fixture(params=["sqlite", "sqlite-index", "postgres", "postgres-index", "postgres-thread"])
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, clock: Clock
) -> AsyncIterator[Store]:
    """Every backend behind the same protocol.

    ``*-index`` forces the word-index search path even on tiny data (the default store
    brute-forces scopes under 2,000 quotes), so both paths pass the same tests. Each
    PostgreSQL test gets its own fresh schema; ``postgres-thread`` is the index path on the
    store's own event loop in a thread (``own_loop=True``).
    """
    backend = request.param
    brute = 0 if backend.endswith(("-index", "-thread")) else 2000
    if backend.startswith("postgres"):
        from bot.core.store.postgres import PostgresStore

        async with postgres_schema() as (url, schema):
            pg = PostgresStore.from_url(
                url,
                clock=clock,
                schema=schema,
                brute_force_below=brute,
                own_loop=backend.endswith("-thread"),
            )
            await pg.open()
            try:
                yield pg
            finally:
                await pg.close()
        return
    from bot.core.store.sqlite import SQLiteStore

    s = SQLiteStore.from_url(
        f"sqlite:///{tmp_path}/db/whosaid.db", clock=clock, brute_force_below=brute
    )
    await s.open()
    yield s
    await s.close()


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never touch the user's data folder or database: the per-user default lands in
    a temporary folder, and a DATABASE_URL or DATA_DIR exported in the shell is ignored."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    patch.delenv("DATABASE_URL", raising=False)
    patch.delenv("DATA_DIR", raising=False)
    yield
    patch.undo()

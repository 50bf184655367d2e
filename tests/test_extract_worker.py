"""Extraction in a worker process: a time budget per article, a quote cap, a free loop."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.extract import extract_quotes
from bot.core.ingest.pipeline import ingest_text, ingest_upload
from bot.core.ingest.worker import (
    ExtractionTimeout,
    ExtractionWorker,
    cap_quotes,
    configure_shared_worker,
    shared_worker,
)
from bot.core.models import Quote
from tests.fixtures import slow_start
from tests.fixtures.ingest.support import LOCAL, FakeStore

ARTICLE = (
    "Harbour fees rise\n\n"
    "“We cannot keep the harbour open on goodwill,” said Mayor Ines Albright on Monday.\n\n"
    "The ferry operators said the fees were “a tax on islanders”."
)


def _spin(text: str, *, title: str | None = None) -> list[Quote]:
    """An extractor stuck in a rule that never ends (what a super-linear parser looks like)."""
    if "stuck" in text:
        while True:
            pass
    return extract_quotes(text, title=title)


def _many(text: str, *, title: str | None = None) -> list[Quote]:
    """Five quotes per article: two attributed, three not, with rising confidence."""
    del title
    return [
        _quote(i, speaker=("Ines Albright" if i in {1, 3} else None), confidence=0.2 + i / 10)
        for i in range(5)
    ]


def _quote(i: int, *, speaker: str | None, confidence: float) -> Quote:
    return Quote(f"quote {i}", i, i + 1, "direct", speaker, None, None, None, confidence)


@pytest.fixture
def spinning() -> Iterator[ExtractionWorker]:
    worker = ExtractionWorker(budget=1.0, extract=_spin)
    yield worker
    worker.close()


def test_cap_keeps_attributed_then_confident_quotes_in_document_order() -> None:
    quotes = _many("")
    kept = cap_quotes(quotes, 3)
    assert [q.text for q in kept] == ["quote 1", "quote 3", "quote 4"]
    assert cap_quotes(quotes, 10) == quotes


async def test_worker_gives_the_same_quotes_as_extraction_in_process() -> None:
    worker = ExtractionWorker()
    try:
        result = await worker.extract(ARTICLE)
    finally:
        worker.close()
    assert result.quotes == extract_quotes(ARTICLE)
    assert result.dropped == 0 and len(result.quotes) == 2


async def test_article_over_budget_fails_and_the_loop_keeps_answering(
    spinning: ExtractionWorker,
) -> None:
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.05)

    beat = asyncio.create_task(heartbeat())
    try:
        item = await ingest_text(
            "Stuck\n\nA stuck article.", scope="global", store=FakeStore(), worker=spinning
        )
    finally:
        beat.cancel()
    assert item.status == "failed"
    assert item.error == (
        "gave up: finding its quotes took over 1 s (the time limit per article); nothing was stored"
    )
    assert ticks >= 5  # the event loop ran all along
    # The stuck worker was killed; the next article gets a fresh one (its start-up does not
    # count against the budget).
    after = await ingest_text(ARTICLE, scope="global", store=FakeStore(), worker=spinning)
    assert after.status == "added" and after.quotes == 2


async def test_a_fresh_workers_start_up_does_not_count_against_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The worker needs longer to start than the budget allows one article: the article is
    # still extracted, since the budget's clock starts only once the worker is ready.
    monkeypatch.setenv(slow_start.SLOW_START, "1")
    worker = ExtractionWorker(budget=1.0, extract=slow_start.quoted)
    try:
        found = await worker.extract(ARTICLE)
    finally:
        worker.close()
    assert [q.speaker for q in found.quotes] == ["Ines Albright", "The ferry operators"]
    assert worker.budget < slow_start.START_UP


async def test_cancelled_extraction_kills_the_worker_at_once(spinning: ExtractionWorker) -> None:
    task = asyncio.create_task(spinning.extract("stuck"))
    await asyncio.sleep(0.2)
    process = spinning._process
    assert process is not None and process.is_alive()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not process.is_alive()


async def test_a_wait_cancelled_as_the_answer_arrives_is_still_cancelled() -> None:
    # Ctrl-C or shutdown cancels an ingest waiting on a worker; when the answer arrived in
    # the same moment, the wait returned it instead (Python 3.11's wait_for) and the
    # cancelled ingest carried on. Cancelled after 0-3 turns of the loop, the answer
    # already in the pipe, every wait must end cancelled.
    carried_on = 0
    for turns in range(4):
        ours, theirs = multiprocessing.Pipe()
        try:
            theirs.send("answer")
            task = asyncio.create_task(ExtractionWorker._readable(ours, 30.0))
            for _ in range(turns):
                await asyncio.sleep(0)
            if task.cancel():
                try:
                    await task
                    carried_on += 1
                except asyncio.CancelledError:
                    pass
        finally:
            ours.close()
            theirs.close()
    assert carried_on == 0


async def test_over_budget_is_an_ingest_error(spinning: ExtractionWorker) -> None:
    with pytest.raises(ExtractionTimeout):
        await spinning.extract("stuck")


async def test_ingest_summary_says_which_quotes_the_cap_kept() -> None:
    worker = ExtractionWorker(max_quotes=3, extract=_many)
    try:
        item = await ingest_text(ARTICLE, scope="global", store=FakeStore(), worker=worker)
    finally:
        worker.close()
    assert item.quotes == 3 and item.dropped == 2
    assert item.remarks() == [
        "5 quotes found; only the 3 most confident (attributed first) were kept"
    ]


async def test_upload_whose_page_takes_too_long_to_read_fails_with_the_reason() -> None:
    # about 300 KB of tags that never close: the HTML reader needs well over a second
    page = b"<html><body>" + b"<p><b><i>word " * 20_000
    worker = ExtractionWorker(budget=0.2)
    try:
        item = await ingest_upload(
            page,
            filename="page.html",
            scope="global",
            store=FakeStore(),
            settings=LOCAL,
            worker=worker,
        )
        assert item.status == "failed"
        assert item.error is not None and item.error.startswith(
            "gave up: reading the file took over 0.2 s"
        )
    finally:
        worker.close()


def test_shared_worker_takes_the_settings() -> None:
    worker = shared_worker()
    before = (worker.budget, worker.max_quotes)
    try:
        configure_shared_worker(budget=7.5, max_quotes=42)
        assert (shared_worker().budget, shared_worker().max_quotes) == (7.5, 42)
    finally:
        configure_shared_worker(budget=before[0], max_quotes=before[1])


def test_cli_start_up_hands_the_settings_to_the_worker(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """EXTRACT_TIME_BUDGET and MAX_QUOTES_PER_ARTICLE reach the worker every ingest uses."""
    from bot.cli import main

    worker = shared_worker()
    before = (worker.budget, worker.max_quotes)
    monkeypatch.setenv("EXTRACT_TIME_BUDGET", "3.5")
    monkeypatch.setenv("MAX_QUOTES_PER_ARTICLE", "17")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'w.db'}")
    try:
        assert main(["stats"]) == 0
        assert (worker.budget, worker.max_quotes) == (3.5, 17)
    finally:
        configure_shared_worker(budget=before[0], max_quotes=before[1])
    capsys.readouterr()

"""The ingestion pipeline and the ``ingest`` sub-command, against an in-memory store."""

from __future__ import annotations

import argparse
import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.core.ingest import cli as ingest_cli
from bot.core.ingest import pipeline
from bot.core.ingest.fetch import Fetcher
from bot.core.ingest.pipeline import ingest_text, ingest_upload, ingest_url
from bot.core.ingest.sources import ingest_sources
from bot.core.ingest.worker import ExtractionWorker
from bot.core.models import Quote
from bot.settings import Settings
from tests.fixtures.ingest.support import FIXTURES, LOCAL, FakeStore, Site, fixture_bytes, serve


def _fake_quotes(text: str, *, title: str | None = None) -> list[Quote]:
    """Stand-in extractor: one quote per double-quoted passage, so counts are checkable."""
    del title
    quotes = []
    for n, part in enumerate(text.split('"')[1::2]):
        start = text.index(part)
        quotes.append(
            Quote(part, start, start + len(part), "direct", f"Speaker {n}", None, None, None, 0.9)
        )
    return quotes


@pytest.fixture(scope="module")
def fake_worker() -> Iterator[ExtractionWorker]:
    worker = ExtractionWorker(extract=_fake_quotes)
    yield worker
    worker.close()


@pytest.fixture(autouse=True)
def extractor(monkeypatch: pytest.MonkeyPatch, fake_worker: ExtractionWorker) -> None:
    monkeypatch.setattr(pipeline, "shared_worker", lambda: fake_worker)


def _explode(text: str, *, title: str | None = None) -> list[Quote]:
    if title and "Library" in title:
        raise RuntimeError("boom")
    return []


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    site = Site()
    site.page("/news/library", fixture_bytes("library.html"))
    site.page("/news/bridge", fixture_bytes("bridge.html"))
    site.page("/news/harbour", fixture_bytes("harbour.html"))
    site.page("/atom.xml", fixture_bytes("atom.xml"), "application/atom+xml")
    site.page("/plain.txt", (FIXTURES / "market.txt").read_bytes(), "text/plain")
    site.page("/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
    async with serve(site):
        yield site


async def test_batch_where_some_items_fail_and_the_others_land(site: Site, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "market.txt").write_bytes((FIXTURES / "market.txt").read_bytes())
    (tmp_path / "folder" / "empty.txt").write_text("  \n")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00")
    sources = [
        str(FIXTURES / "harbour.html"),
        str(binary),
        str(tmp_path / "folder"),
        str(tmp_path / "missing.txt"),
        site.url("/news/library?utm_source=newsletter"),
        site.url("/logo.png"),
        site.url("/news/nope"),
        "http://127.0.0.2/internal",
        site.url("/news/library"),
    ]
    store = FakeStore()
    seen: list[tuple[int, int]] = []
    summary = await ingest_sources(
        sources,
        scope="global",
        store=store,
        settings=LOCAL,
        progress=lambda done, total, _label: seen.append((done, total)),
    )
    got = [
        (Path(i.source).name if "://" not in i.source else i.source, i.status, i.error)
        for i in summary.items
    ]
    assert got == [
        ("harbour.html", "added", None),
        ("scan.txt", "failed", "binary file, not text"),
        ("empty.txt", "failed", "empty file, no text"),
        ("market.txt", "added", None),
        ("missing.txt", "failed", "no such file"),
        (sources[4], "added", None),
        (sources[5], "failed", "not an article (content type image/png)"),
        (sources[6], "failed", "HTTP 404"),
        (sources[7], "failed", "refused: 127.0.0.2 is a loopback address"),
        (sources[8], "duplicate", None),
    ]
    assert (summary.added, summary.duplicates, summary.failed) == (3, 1, 6)
    assert summary.quotes == 3 + 3 + 2  # quoted passages in harbour, market and library
    assert seen[-1] == (10, 10) and [d for d, _ in seen] == list(range(1, 11))
    text = summary.format()
    assert "10 items: 3 added, 0 updated, 0 linked, 1 duplicate, 6 failed; 8 new quotes" in text
    assert "Failed:" in text and "scan.txt: binary file, not text" in text


async def test_feed_url_in_a_batch_ingests_its_entries(site: Site) -> None:
    store = FakeStore()
    summary = await ingest_sources(
        [site.url("/atom.xml"), site.url("/news/bridge")],
        scope="global",
        store=store,
        settings=LOCAL,
    )
    assert [(i.title, i.status) for i in summary.items] == [
        ("Council backs harbour plan after long night", "added"),
        ("Old rail bridge to reopen for cyclists", "added"),
    ]
    assert store.saved_inputs[0].outlet == "The Lakeside Ledger"
    assert store.saved_inputs[0].url == site.url("/news/harbour")
    assert store.saved_inputs[0].fetched_at is not None


async def test_store_failure_is_one_failed_item(site: Site) -> None:
    store = FakeStore(fail_on_title="Library to stay open on Sundays")
    summary = await ingest_sources(
        [site.url("/news/library"), site.url("/news/bridge")],
        scope="global",
        store=store,
        settings=LOCAL,
    )
    assert [(i.status, i.error) for i in summary.items] == [
        ("failed", "could not store it (database is locked)"),
        ("added", None),
    ]


async def test_extractor_crash_does_not_stop_the_batch(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = ExtractionWorker(extract=_explode)
    monkeypatch.setattr(pipeline, "shared_worker", lambda: worker)
    try:
        summary = await ingest_sources(
            [site.url("/news/library"), site.url("/news/bridge")],
            scope="global",
            store=FakeStore(),
            settings=LOCAL,
        )
    finally:
        worker.close()
    assert [(i.status, i.error) for i in summary.items] == [
        ("failed", "internal error (RuntimeError)"),
        ("added", None),
    ]


async def test_changed_text_at_the_same_url_is_an_update() -> None:
    store = FakeStore()
    url = "https://gazette.example/news/market-moves"
    first = await ingest_text("Market moves\n\nOld text.", scope="global", store=store, url=url)
    second = await ingest_text(
        'Market moves\n\nNew text. "Finally," said Elena Fischer.',
        scope="global",
        store=store,
        url=url,
    )
    again = await ingest_text(
        'Market moves\n\nNew text. "Finally," said Elena Fischer.',
        scope="global",
        store=store,
        url=url + "?utm_source=x",
    )
    assert (first.status, second.status, again.status) == ("added", "updated", "duplicate")
    assert second.quotes == 1


async def test_ingest_text_reads_html_and_plain_text() -> None:
    store = FakeStore()
    html = (FIXTURES / "bridge.html").read_text()
    page = await ingest_text(html, scope="123", store=store, filename="bridge.html")
    plain = await ingest_text(
        'Ferry fares rise\n\n"It is unavoidable," said the operator.', scope="123", store=store
    )
    empty = await ingest_text("   ", scope="123", store=store, filename="blank.txt")
    titled = await ingest_text("Body only.", scope="123", store=store, title="Given title")
    assert (page.status, page.title) == ("added", "Old rail bridge to reopen for cyclists")
    assert (plain.status, plain.title, plain.quotes) == ("added", "Ferry fares rise", 1)
    assert (empty.status, empty.error) == ("failed", "empty file, no text")
    assert titled.title == "Given title"


async def test_upload_of_binary_data_is_refused() -> None:
    result = await ingest_upload(
        b"GIF89a\x01\x00\x01\x00\x00\xff\x00",
        filename="photo.txt",
        scope="1",
        store=FakeStore(),
        settings=LOCAL,
    )
    assert (result.status, result.error, result.source) == (
        "failed",
        "binary file, not text",
        "photo.txt",
    )


async def test_upload_with_a_bad_url_is_refused() -> None:
    result = await ingest_upload(
        b"Title\n\nText.",
        filename="a.txt",
        scope="1",
        store=FakeStore(),
        settings=LOCAL,
        url="javascript:x",
    )
    assert result.status == "failed" and "not javascript:" in (result.error or "")


async def test_ingest_url_refuses_a_feed_and_reads_plain_text(site: Site) -> None:
    store = FakeStore()
    async with Fetcher(LOCAL) as fetcher:
        feed = await ingest_url(site.url("/atom.xml"), scope="global", store=store, fetcher=fetcher)
        plain = await ingest_url(
            site.url("/plain.txt"), scope="global", store=store, fetcher=fetcher
        )
    assert (feed.status, feed.error) == ("failed", "this is a feed, not an article")
    assert (plain.status, plain.title) == (
        "added",
        "Farmers market moves to the old station square",
    )
    # The text's own metadata line gives the outlet, but not the address: that is where we got it.
    assert store.saved_inputs[-1].url == site.url("/plain.txt")
    assert store.saved_inputs[-1].outlet == "Riverside Gazette"


@pytest.mark.parametrize(
    ("raw", "scope"), [("global", "global"), ("GLOBAL", "global"), ("0123", "123")]
)
def test_scope_argument_accepts_global_or_a_guild_id(raw: str, scope: str) -> None:
    assert ingest_cli.parse_scope(raw) == scope


@pytest.mark.parametrize("raw", ["", "guild", "-5", "0", "12a", "1" * 21])
def test_scope_argument_rejects_anything_else(raw: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        ingest_cli.parse_scope(raw)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="whosaid")
    ingest_cli.add_ingest_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def test_cli_parser_defaults_to_global_and_rejects_bad_scope(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = _parser().parse_args(["ingest", "a.txt", "https://news.example/x"])
    assert (args.sources, args.scope, args.func) == (
        ["a.txt", "https://news.example/x"],
        "global",
        ingest_cli.cmd_ingest,
    )
    with pytest.raises(SystemExit) as caught:
        _parser().parse_args(["ingest", "a.txt", "--scope", "my-server"])
    assert caught.value.code == 2
    assert "scope must be 'global' or a server (guild) id" in capsys.readouterr().err


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


async def test_run_ingest_prints_a_summary_and_a_progress_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FakeStore()

    async def fake_open_store(url: str, **settings: int) -> FakeStore:
        assert url == "sqlite:///test.db"
        return store

    async def close() -> None:
        return None

    store.close = close  # type: ignore[attr-defined]
    monkeypatch.setattr("bot.core.store.base.open_store", fake_open_store)
    for n in range(7):
        (tmp_path / f"story{n}.txt").write_text(f'Story {n}\n\n"Quote {n}," said someone.')
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    args = _parser().parse_args(["ingest", str(tmp_path), "--scope", "42"])
    out, err = io.StringIO(), _Tty()
    settings = Settings(database_url="sqlite:///test.db")
    code = await ingest_cli.run_ingest(args, settings, out, err)
    assert code == 1
    assert (
        "8 items: 7 added, 0 updated, 0 linked, 0 duplicate, 1 failed; 7 new quotes"
        in out.getvalue()
    )
    assert "bad.txt: binary file, not text" in out.getvalue()
    assert "[##############################] 8/8" in err.getvalue()
    assert all(scope == {"42"} for scope in (a.scopes for a in store.articles))


async def test_no_progress_bar_when_stderr_is_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FakeStore()

    async def fake_open_store(url: str, **settings: int) -> FakeStore:
        return store

    async def close() -> None:
        return None

    store.close = close  # type: ignore[attr-defined]
    monkeypatch.setattr("bot.core.store.base.open_store", fake_open_store)
    for n in range(7):
        (tmp_path / f"s{n}.txt").write_text(f"Story {n}\n\nText {n}.")
    out, err = io.StringIO(), io.StringIO()
    code = await ingest_cli.run_ingest(
        _parser().parse_args(["ingest", str(tmp_path)]), LOCAL, out, err
    )
    assert code == 0 and err.getvalue() == ""
    assert "7 items: 7 added" in out.getvalue()


async def test_uploads_cannot_claim_another_articles_url() -> None:
    store = FakeStore()
    html = (
        (FIXTURES / "library.html")
        .read_text()
        .replace(
            "</head>", '<link rel="canonical" href="https://courier.example/news/library"></head>'
        )
    )
    text_with_meta = (
        "Library\nValley Courier | 2024-04-11 | https://courier.example/news/library\n\nX."
    )
    await ingest_text(html, scope="7", store=store, filename="library.html")
    await ingest_upload(
        text_with_meta.encode(), filename="l.txt", scope="7", store=store, settings=LOCAL
    )
    assert [a.url for a in store.saved_inputs] == [None, None]
    assert store.saved_inputs[1].outlet == "Valley Courier"


async def test_a_web_address_without_scheme_gets_a_hint() -> None:
    summary = await ingest_sources(
        ["news.example.com/story-1"], scope="global", store=FakeStore(), settings=LOCAL
    )
    assert summary.items[0].error == "no such file (for a web address, start it with https://)"


async def test_a_missing_file_gets_no_web_hint() -> None:
    summary = await ingest_sources(["nope.txt"], scope="global", store=FakeStore(), settings=LOCAL)
    assert summary.items[0].error == "no such file"


async def test_broken_feed_in_a_batch_is_reported() -> None:
    site = Site()
    site.page("/broken.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</ti", "text/html")
    site.page("/feed-as-html", fixture_bytes("atom.xml"), "text/html")
    site.page("/news/harbour", fixture_bytes("harbour.html"))
    async with serve(site):
        summary = await ingest_sources(
            [site.url("/broken.xml"), site.url("/feed-as-html")],
            scope="global",
            store=FakeStore(),
            settings=LOCAL,
        )
    assert [(i.status, i.error) for i in summary.items] == [
        ("failed", "malformed feed (not valid RSS or Atom)"),
        ("added", None),
    ]

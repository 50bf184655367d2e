"""Local files and uploads: text, HTML, folders; binary, empty, huge and broken input refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.ingest.files import (
    FileError,
    article_from_bytes,
    collect_files,
    decode_text,
    decode_text_counted,
    parse_meta_line,
    parse_plain_text,
    read_article_file,
)
from bot.core.ingest.html import HTMLError, extract_html
from bot.core.ingest.pipeline import ingest_upload
from tests.fixtures.ingest.support import FIXTURES, LOCAL, FakeStore

MB = 1024 * 1024


def test_plain_text_with_sample_metadata_line() -> None:
    article = read_article_file(FIXTURES / "market.txt", max_bytes=MB)
    assert article.title == "Farmers market moves to the old station square"
    assert article.outlet == "Riverside Gazette"
    assert article.published == datetime(2024, 5, 2, tzinfo=UTC)
    assert article.url == "https://gazette.example/news/market-moves"
    assert "Riverside Gazette |" not in article.text
    assert article.text.startswith("Farmers market moves to the old station square\n\nThe Saturday")
    assert '"Nobody asked us," said Gordon Miles' in article.text


def test_plain_text_without_metadata_keeps_every_line() -> None:
    text = "Ferry fares rise\n\nThe ferry company | said on Monday that fares rise.\n"
    article = parse_plain_text(text)
    assert article.title == "Ferry fares rise"
    assert article.outlet is None and article.url is None
    assert "The ferry company | said on Monday" in article.text


@pytest.mark.parametrize(
    "line",
    [
        "Gazette | 2024-13-01 | https://gazette.example/a",  # no such month
        "Gazette | 2024-05-02",
        "Gazette | 2024-05-02 | gazette.example/a",
        " | 2024-05-02 | https://gazette.example/a",
        "Gazette | 2 May 2024 | https://gazette.example/a",
    ],
)
def test_lines_not_of_the_exact_shape_are_not_metadata(line: str) -> None:
    assert parse_meta_line(line) is None


def test_html_file_uses_page_metadata() -> None:
    article = read_article_file(FIXTURES / "harbour.html", max_bytes=MB)
    assert article.title == "Council backs harbour plan after long night"
    assert article.outlet == "The Lakeside Ledger"
    assert article.author == "Dana Whitfield"
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].startswith('"This is the best deal this town has been offered')
    assert "Copyright" not in article.text and "Home" not in article.text


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two\n\nText two.")
    (tmp_path / "a.htm").write_text("<html></html>")
    (tmp_path / "one.txt").write_text("One\n\nText one.")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_files(tmp_path)]
    assert found == ["a.htm", "b/two.txt", "one.txt"]


def test_binary_upload_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(FileError) as caught:
        article_from_bytes(png, filename="chart.txt")
    assert str(caught.value) == "binary file, not text"


def test_binary_file_named_html_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html>\x00\x01\x02\x03")
    with pytest.raises(FileError) as caught:
        read_article_file(path, max_bytes=MB)
    assert str(caught.value) == "binary file, not text"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n", "\ufeff\n".encode()])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(FileError) as caught:
        read_article_file(path, max_bytes=MB)
    assert str(caught.value) == "empty file, no text"


def test_huge_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Big news\n\n" + b"word " * 300_000)
    with pytest.raises(FileError) as caught:
        read_article_file(path, max_bytes=MB)
    assert str(caught.value) == "too large (over 1 MB)"


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileError) as caught:
        read_article_file(tmp_path / "nope.txt", max_bytes=MB)
    assert str(caught.value) == "no such file"


def test_other_encodings_are_read() -> None:
    text = "Café reopens\n\n“We missed our regulars,” said owner Zoë Martín."
    assert decode_text(text.encode("cp1252")) == text
    assert decode_text(text.encode("utf-16")) == text
    assert decode_text(b"\xef\xbb\xbf" + text.encode()) == text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty page"),
        ("   \n ", "empty page"),
        ("<html><head><title>x</title></head><body></body></html>", "no article text"),
        ("<<<html>>><p<p<p>></body><<//", "no article text"),
        ("<html><body><div><div><div>", "no article text"),
    ],
)
def test_malformed_or_empty_html_is_a_clear_error(html: str, reason: str) -> None:
    with pytest.raises(HTMLError) as caught:
        extract_html(html)
    assert reason in str(caught.value)


def test_canonical_url_of_another_site_is_not_believed() -> None:
    page = (
        (FIXTURES / "library.html")
        .read_text()
        .replace(
            "</head>",
            '<link rel="canonical" href="https://other-outlet.example/real-story"></head>',
        )
    )
    assert extract_html(page, url="https://courier.example/news/library").canonical_url == (
        "https://courier.example/news/library"
    )


@given(st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_a_file_error(data: bytes) -> None:
    try:
        article = article_from_bytes(data, filename="upload.txt", max_bytes=MB)
    except (FileError, HTMLError):
        return
    assert article.text.strip()


@given(st.text(max_size=500))
def test_any_html_text_gives_a_page_or_an_html_error(text: str) -> None:
    try:
        page = extract_html("<html><body>" + text + "</body></html>")
    except HTMLError:
        return
    assert page.text.strip()


STRAY = (
    "Café reopens\n\n“We missed our regulars,” said owner Zoë Martín. "
    "“The street was empty without us,” she added.\n"
).encode()


def test_utf8_with_one_stray_byte_is_read_as_utf8_and_the_byte_replaced() -> None:
    data = STRAY.replace(b"owner", b"owner\xff")
    assert decode_text(data) == STRAY.decode().replace("owner", "owner\ufffd")
    assert decode_text_counted(data) == (STRAY.decode().replace("owner", "owner\ufffd"), 1)
    assert decode_text_counted(STRAY) == (STRAY.decode(), 0)


def test_text_that_is_mostly_not_utf8_still_falls_back_to_windows_1252() -> None:
    text = "Café reopens\n\n“We missed our regulars,” said owner Zoë Martín. Ça va."
    # one valid UTF-8 sequence by accident does not make cp1252 text UTF-8
    data = text.encode("cp1252") + "é".encode()
    assert decode_text(data) == text + "Ã©"


async def test_upload_summary_says_bytes_were_replaced() -> None:
    data = STRAY.replace(b"owner", b"owner\xff")
    item = await ingest_upload(
        data, filename="cafe.txt", scope="global", store=FakeStore(), settings=LOCAL
    )
    assert item.status == "added"
    assert item.remarks() == ["1 byte was not valid UTF-8 and was replaced with �"]

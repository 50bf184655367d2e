"""Local files and uploads: plain text and saved HTML pages, one article each.

A plain text article's first non-empty line is its title. The bundled samples may carry
a second line ``Outlet | YYYY-MM-DD | URL``; when a line has exactly that shape it is read
as metadata and taken out of the text.
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime
from pathlib import Path

from bot.core.ingest.errors import IngestError
from bot.core.ingest.fetch import human_size
from bot.core.ingest.html import extract_html
from bot.core.models import ArticleInput

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
# The metadata line is split on "|" and each field matched whole: a single regex over the
# line backtracked quadratically on a long line without the shape (issue 18).
_META_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_META_URL = re.compile(r"https?://\S+")
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_MAX_TITLE = 300
# What surrogateescape turns an invalid byte into (valid UTF-8 never decodes to these).
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


class FileError(IngestError):
    """A file or upload that cannot be an article (binary, empty, too large, unreadable)."""


def _utf8_replacing(data: bytes) -> tuple[str, int]:
    """UTF-8 (BOM dropped) with each invalid byte replaced by U+FFFD, and how many were."""
    escaped = data.decode("utf-8-sig", errors="surrogateescape")
    return _ESCAPED_BYTE.subn("\ufffd", escaped)


def decode_text_counted(data: bytes) -> tuple[str, int]:
    """:func:`decode_text`, and how many bytes were not valid UTF-8 and were replaced.

    Text that is overwhelmingly UTF-8 (at least three valid non-ASCII characters for each
    invalid byte, or any when Windows-1252 cannot explain the bytes) is read as UTF-8
    with the stray bytes replaced; other text as Windows-1252. Raises :class:`FileError`
    for binary data.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError:
            raise FileError("binary file, not text") from None
    if b"\x00" in data:
        raise FileError("binary file, not text")
    replaced = 0
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, replaced = _utf8_replacing(data)
        valid = sum(1 for ch in text if ord(ch) > 127) - replaced
        if valid < 3 * replaced:
            try:
                text, replaced = data.decode("cp1252"), 0
            except UnicodeDecodeError:  # not cp1252 either: keep the UTF-8 reading
                if not valid:
                    raise FileError("binary file, not text") from None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(2, len(text[:4096]) // 100):
        raise FileError("binary file, not text")
    return text, replaced


def decode_text(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM, a few stray bytes replaced), UTF-16 with
    a BOM, else Windows-1252.

    Raises :class:`FileError` for binary data (NUL bytes, control characters, bytes that
    no text encoding explains).
    """
    return decode_text_counted(data)[0]


def replaced_note(replaced: int) -> str:
    """The ingest summary's note for bytes replaced while decoding."""
    if replaced == 1:
        return "1 byte was not valid UTF-8 and was replaced with �"
    return f"{replaced} bytes were not valid UTF-8 and were replaced with �"


def looks_like_html(data: bytes | str, filename: str | None = None) -> bool:
    """Whether an upload or file is an HTML page rather than plain text."""
    if filename and Path(filename).suffix.lower() in HTML_SUFFIXES:
        return True
    head = data[:1024] if isinstance(data, bytes) else data[:1024].encode("utf-8", "replace")
    return bool(_HTML_START.match(head.lstrip(codecs.BOM_UTF8)))


def parse_meta_line(line: str) -> tuple[str, datetime, str] | None:
    """``Outlet | YYYY-MM-DD | URL`` as (outlet, date, url), or None for any other line."""
    fields = line.split("|", 2)
    if len(fields) != 3 or "\n" in line:
        return None
    outlet, date, url = (field.strip() for field in fields)
    if not outlet or not _META_DATE.fullmatch(date) or not _META_URL.fullmatch(url):
        return None
    try:
        day = datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None
    return outlet, day, url


def parse_plain_text(text: str, *, fallback_title: str | None = None) -> ArticleInput:
    """A plain text article: first non-empty line is the title, optional metadata line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise FileError("empty file, no text")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    title = lines[first].strip()[:_MAX_TITLE] or fallback_title
    outlet = url = None
    published = None
    second = next((i for i in range(first + 1, len(lines)) if lines[i].strip()), None)
    if second is not None and (meta := parse_meta_line(lines[second])) is not None:
        outlet, published, url = meta
        del lines[second]
        if second < len(lines) and not lines[second].strip() and not lines[second - 1].strip():
            del lines[second]  # keep one blank line where the metadata line was
    body = "\n".join(lines).strip()
    if not body:
        raise FileError("empty file, no text")
    return ArticleInput(text=body, title=title, outlet=outlet, published=published, url=url)


def article_from_bytes(
    data: bytes, *, filename: str | None = None, max_bytes: int | None = None
) -> ArticleInput:
    """An upload or file's bytes as an article (HTML or plain text); FileError otherwise."""
    return article_from_bytes_counted(data, filename=filename, max_bytes=max_bytes)[0]


def article_from_bytes_counted(
    data: bytes, *, filename: str | None = None, max_bytes: int | None = None
) -> tuple[ArticleInput, int]:
    """:func:`article_from_bytes` and how many bytes were replaced decoding it."""
    if max_bytes is not None and len(data) > max_bytes:
        raise FileError(f"too large (over {human_size(max_bytes)})")
    if not data.strip():
        raise FileError("empty file, no text")
    fallback = Path(filename).stem if filename else None
    if looks_like_html(data, filename):
        decode_text(data)  # refuses binary data named .html
        page = extract_html(data)
        article = ArticleInput(
            text=page.text,
            title=page.title or fallback,
            outlet=page.outlet,
            author=page.author,
            published=page.published,
            url=page.canonical_url,
        )
        return article, 0
    text, replaced = decode_text_counted(data)
    return parse_plain_text(text, fallback_title=fallback), replaced


def read_article_file(path: Path, *, max_bytes: int) -> ArticleInput:
    """Read one local file as an article; :class:`FileError` with a reason otherwise."""
    return read_article_file_counted(path, max_bytes=max_bytes)[0]


def read_article_file_counted(path: Path, *, max_bytes: int) -> tuple[ArticleInput, int]:
    """:func:`read_article_file` and how many bytes were replaced decoding it."""
    try:
        if not path.is_file():
            raise FileError("not a file" if path.exists() else "no such file")
        if path.stat().st_size > max_bytes:
            raise FileError(f"too large (over {human_size(max_bytes)})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise FileError(f"cannot read ({(exc.strerror or str(exc)).lower()})") from None
    return article_from_bytes_counted(data, filename=path.name, max_bytes=max_bytes)


def collect_files(path: Path) -> list[Path]:
    """The article files of a folder (recursive, sorted; hidden ones skipped), or the file."""
    if not path.is_dir():
        return [path]
    found = [
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    ]
    return sorted(found)


__all__ = [
    "ARTICLE_SUFFIXES",
    "FileError",
    "article_from_bytes",
    "article_from_bytes_counted",
    "collect_files",
    "decode_text",
    "decode_text_counted",
    "looks_like_html",
    "parse_meta_line",
    "parse_plain_text",
    "read_article_file",
    "read_article_file_counted",
    "replaced_note",
]

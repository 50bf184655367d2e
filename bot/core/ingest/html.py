"""HTML page to article text and metadata, with trafilatura.

The quote extractor works paragraph by paragraph, so the text keeps each paragraph of the
page as a block separated by a blank line. This is CPU work: call :func:`extract_html`
from a thread (``asyncio.to_thread``) in async code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from bot.core.ingest.errors import IngestError

_log = logging.getLogger(__name__)
_WORD = re.compile(r"[^\W\d_]{2,}")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


class HTMLError(IngestError):
    """The page holds no article text we can read."""


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """Article text and what the page says about itself."""

    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    canonical_url: str | None = None


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _element_text(element: Any) -> str:
    for lb in element.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    raw = "".join(element.itertext())
    lines = [_clean_line(line) for line in raw.split("\n")]
    return "\n".join(line for line in lines if line)


def _blocks(body: Any) -> list[str]:
    blocks: list[str] = []
    for child in body:
        if not isinstance(child.tag, str):
            continue
        if child.tag in {"list", "table"}:
            rows = [_element_text(row) for row in child if isinstance(row.tag, str)]
            text = "\n".join(row for row in rows if row)
        else:
            text = _element_text(child)
        if text:
            blocks.append(text)
    return blocks


def parse_date(value: str | None) -> datetime | None:
    """A page or feed date (``YYYY-MM-DD`` or ISO 8601) as an aware UTC datetime."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _same_site(a: str, b: str) -> bool:
    def host(url: str) -> str:
        try:
            name = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return ""
        return name.removeprefix("www.")

    return bool(host(a)) and host(a) == host(b)


def extract_html(html: str | bytes, url: str | None = None) -> ExtractedPage:
    """Article text and metadata of a page; :class:`HTMLError` when there is none.

    A canonical URL is only believed when it is on the same site as ``url``: a page must
    not be able to pass itself off as another outlet's article.
    """
    import trafilatura

    if not html.strip():
        raise HTMLError("empty page")
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura/lxml can fail in many ways on broken markup
        _log.debug("trafilatura failed on %s: %r", url, exc)
        raise HTMLError("could not read the page (malformed HTML)") from None
    if document is None or isinstance(document, dict):
        raise HTMLError("no article text found on the page")
    body = getattr(document, "body", None)
    blocks = _blocks(body) if body is not None else []
    if not blocks:
        raw = getattr(document, "text", None) or ""
        blocks = [_clean_line(line) for line in raw.split("\n") if _clean_line(line)]
    title = _clean_line(document.title or "") or None
    if blocks and title and blocks[0].casefold() == title.casefold():
        blocks = blocks[1:]
    text = "\n\n".join(blocks).strip()
    if not _WORD.search(text):  # markup debris such as "<<>>" is not an article
        raise HTMLError("no article text found on the page")
    canonical = document.url or None
    if url and not (canonical and _same_site(canonical, url)):
        canonical = url
    if canonical and not url and not canonical.lower().startswith(("http://", "https://")):
        canonical = None
    return ExtractedPage(
        text=text,
        title=title,
        outlet=_clean_line(document.sitename or "") or None,
        author=_clean_line(document.author or "") or None,
        published=parse_date(document.date),
        canonical_url=canonical,
    )


__all__ = ["ExtractedPage", "HTMLError", "extract_html", "parse_date"]

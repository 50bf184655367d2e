"""Helpers the extraction tests share: pick a reported quote, read its mention."""

from __future__ import annotations

from bot.core.models import Quote


def find(quotes: list[Quote], fragment: str) -> Quote:
    """The reported quote whose text holds ``fragment`` (confidence at least 0.3)."""
    hits = [q for q in quotes if fragment in q.text and q.confidence >= 0.3]
    assert hits, f"no quote containing {fragment!r} in {[q.text for q in quotes]}"
    return hits[0]


def mention(q: Quote) -> str | None:
    """The speaker mention as written, or None."""
    return q.speaker_mention.text if q.speaker_mention else None

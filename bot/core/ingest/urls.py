"""Checking that a user-supplied address is a fetchable web URL (normalising is in
:mod:`bot.core.urls`, shared with the store)."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.core.ingest.errors import BlockedURLError
from bot.core.urls import WEB_SCHEMES, is_tracking_param, looks_like_url, normalize_url


def validate_url(text: str) -> str:
    """Return the stripped URL if it is a fetchable http(s) address, else raise with a reason."""
    url = text.strip()
    if not url:
        raise BlockedURLError("empty address")
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:
        raise BlockedURLError(f"not a valid web address: {url[:80]}") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise BlockedURLError(f"not a web address (no http:// or https://): {url[:80]}")
    if scheme not in WEB_SCHEMES:
        raise BlockedURLError(f"refused: only http and https links are fetched, not {scheme}:")
    if not parts.hostname:
        raise BlockedURLError(f"not a valid web address (no host): {url[:80]}")
    return url


__all__ = ["is_tracking_param", "looks_like_url", "normalize_url", "validate_url"]

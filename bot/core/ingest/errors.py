"""Errors of the ingestion package; ``str(error)`` is the short reason shown to a person."""

from __future__ import annotations


class IngestError(Exception):
    """One source could not be ingested; the message says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FetchError(IngestError):
    """Fetching a URL failed ("timed out after 20 s", "HTTP 404", "too large (over 5 MB)")."""


class BlockedURLError(FetchError):
    """The SSRF guard refused a URL (private address, non-web scheme, ...)."""

"""Data control for a scope: what listing, removing and forgetting return, shared by backends.

A server may list the articles it added, remove one (its quotes disappear from every answer
and digest of that server) or forget everything private to it. An article linked into
several scopes is only unlinked from the one forgetting it; rows go only when no scope holds
them any more (see ``sqlite_admin`` and ``postgres_admin``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.core.models import Article
from bot.core.urls import normalize_url


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An article as one scope holds it: when it was added there and how many quotes it has."""

    article: Article
    linked_at: datetime
    quotes: int


@dataclass(frozen=True, slots=True)
class ArticleList:
    """A page of a scope's articles, newest first, and how many there are in all."""

    items: list[ArticleEntry]
    total: int
    offset: int


@dataclass(frozen=True, slots=True)
class ForgetCounts:
    """What forgetting a scope removed (unlinked articles stay for the scopes that hold them)."""

    articles: int = 0
    articles_deleted: int = 0
    quotes_deleted: int = 0
    feeds: int = 0
    digests: int = 0

    @property
    def empty(self) -> bool:
        return not (self.articles or self.feeds or self.digests)


_ID = re.compile(r"^#?(\d{1,18})$")


def article_ref(ref: str) -> int | str | None:
    """An article named by its id (``42``, ``#42``) or its URL (normalised); None if neither."""
    text = ref.strip().strip("<>").strip()
    found = _ID.match(text)
    if found:
        return int(found.group(1))
    if re.match(r"^https?://\S+$", text, re.IGNORECASE):
        return normalize_url(text)
    return None


def feed_key_prefix(scope: str) -> str:
    """Seen feed entries are keyed ``"<scope> <url>"`` (``pipeline.default_feed_key``)."""
    return f"{scope} "


def digest_guild(scope: str) -> int | None:
    """The guild id whose digest settings belong to ``scope`` (None for ``global``)."""
    return int(scope) if scope.isdigit() else None


__all__ = [
    "ArticleEntry",
    "ArticleList",
    "ForgetCounts",
    "article_ref",
    "digest_guild",
    "feed_key_prefix",
]

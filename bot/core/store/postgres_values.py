"""What values need on their way into and out of PostgreSQL, shared by every PostgreSQL module
of the store: the connection alias, NUL-free text (PostgreSQL text cannot hold U+0000) and
the row count of a command tag."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from bot.core.store.common import scope_list

#: An asyncpg connection (or pool connection); asyncpg ships no type information.
Conn: TypeAlias = Any


def clean_text(value: str) -> str:
    """PostgreSQL text cannot hold NUL: U+FFFD instead (same length, nothing lost)."""
    return value.replace("\x00", "\ufffd") if "\x00" in value else value


def clean_optional(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL: store U+FFFD instead (same length, nothing lost)."""
    if value is None or "\x00" not in value:
        return value
    return value.replace("\x00", "\ufffd")


def rowcount(status: str) -> int:
    """Rows touched, from a command tag such as ``DELETE 3``."""
    try:
        return int(status.rsplit(" ", 1)[-1])
    except ValueError:
        return 0


def clean_scopes(scopes: Sequence[str]) -> list[str]:
    """The scope list as stored (deduplicated, NUL-free)."""
    return [clean_text(s) for s in scope_list(scopes)]

"""Digest text within Discord's limits: one-line strings, shortening, dates, and splitting a
digest's sections into messages or embed fields.

Pure and Discord-free: ``bot.core.digest`` builds the digest, this module only makes its text
fit (2,000 characters a message; 256/1,024 a field name/value, 25 fields and 6,000 characters
an embed). Escaping markdown stays the Discord layer's job.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

DISCORD_MESSAGE_LIMIT = 2000
EMBED_FIELD_NAME_LIMIT = 256
EMBED_FIELD_VALUE_LIMIT = 1024
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_TOTAL_LIMIT = 6000
EMBED_MAX_FIELDS = 25

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ELLIPSIS = "…"


def clean_line(text: str | None) -> str:
    """One line of plain text: control characters and any whitespace run become one space."""
    if not text:
        return ""
    chars = [" " if unicodedata.category(c) == "Cc" else c for c in text]
    return " ".join("".join(chars).split())


def clip_text(text: str, limit: int) -> str:
    """Shorten ``text`` to at most ``limit`` characters with an ellipsis, at a word boundary
    when one is reasonably close (never losing more than half of the room)."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return _ELLIPSIS[:limit]
    room = limit - 1
    cut = text[:room]
    space = cut.rfind(" ")
    if space >= room // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + _ELLIPSIS


def format_day(day: date) -> str:
    """``Tue 24 Nov 2026`` without depending on the process locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_date(day: date) -> str:
    """``24 Nov 2026`` (an article's date, beside its outlet)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its body, as an embed field (name, value) or a block of text."""

    name: str
    value: str
    url: str | None = None


def pack_blocks(blocks: Sequence[tuple[str, list[str]]], limit: int) -> list[str]:
    """Blocks joined by blank lines; a block that does not fit starts a new message, and one
    longer than a whole message is split on line boundaries with a continuation heading."""
    messages: list[str] = []
    current = ""
    for heading, lines in blocks:
        text = "\n".join(lines)
        if current and len(current) + 2 + len(text) <= limit:
            current += "\n\n" + text
            continue
        if len(text) <= limit:
            if current:
                messages.append(current)
            current = text
            continue
        if current:
            messages.append(current)
        current = ""
        cont = clip_text(f"{heading} (cont.)", limit) if heading else ""
        for line in lines:
            if not current:
                current = line
            elif len(current) + 1 + len(line) <= limit:
                current += "\n" + line
            else:
                messages.append(current)
                current = f"{cont}\n{line}" if cont and len(cont) + 1 + len(line) <= limit else line
    if current:
        messages.append(current)
    return messages


# -- embeds ----------------------------------------------------------------------------------
def split_for_embeds(
    sections: Sequence[Section],
    *,
    reserved: int = 0,
    name_limit: int = EMBED_FIELD_NAME_LIMIT,
    value_limit: int = EMBED_FIELD_VALUE_LIMIT,
    total_limit: int = EMBED_TOTAL_LIMIT,
    max_fields: int = EMBED_MAX_FIELDS,
) -> list[list[Section]]:
    """Group sections into embeds' fields within Discord's limits.

    Names are shortened to ``name_limit``; a value longer than ``value_limit`` is split on line
    boundaries into continuation fields ("… (cont.)"), a single over-long line shortened. Each
    group holds at most ``max_fields`` fields whose names and values total at most
    ``total_limit - reserved`` characters (``reserved``: the embed's title, description and
    footer). Discord also caps all embeds of ONE message at 6000 together: send one group per
    message, or add up the groups yourself.
    """
    budget = total_limit - reserved
    if budget < name_limit + value_limit:
        raise ValueError(
            f"reserved={reserved} leaves {budget} characters, less than one full field"
        )
    fields: list[Section] = []
    for section in sections:
        fields.extend(_fit_section(section, name_limit, value_limit))
    groups: list[list[Section]] = []
    current: list[Section] = []
    used = 0
    for item in fields:
        cost = len(item.name) + len(item.value)
        if current and (used + cost > budget or len(current) >= max_fields):
            groups.append(current)
            current, used = [], 0
        current.append(item)
        used += cost
    if current:
        groups.append(current)
    return groups


def _fit_section(section: Section, name_limit: int, value_limit: int) -> list[Section]:
    name = clip_text(clean_line(section.name), name_limit) or "(untitled)"
    value = section.value.strip() or "—"
    if len(value) <= value_limit:
        return [replace(section, name=name, value=value)]
    cont_name = clip_text(f"{clean_line(section.name) or '(untitled)'} (cont.)", name_limit)
    chunks: list[str] = []
    current = ""
    for raw in value.split("\n"):
        if not raw.strip():
            continue
        line = clip_text(raw, value_limit)
        if not current:
            current = line
        elif len(current) + 1 + len(line) <= value_limit:
            current += "\n" + line
        else:
            chunks.append(current)
            current = line
    if current:
        chunks.append(current)
    return [
        replace(section, name=name if i == 0 else cont_name, value=chunk)
        for i, chunk in enumerate(chunks)
    ]

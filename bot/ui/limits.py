"""Discord's size limits and the text helpers that keep every message inside them.

Discord rejects a whole message when one part is too long, so everything we render goes
through :func:`fit_embed` / :func:`truncate` and is cut with an ellipsis instead of failing.
"""

from __future__ import annotations

import re

import discord

TITLE = 256
DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
TOTAL = 6000
FIELDS = 25
CONTENT = 2000
SELECT_LABEL = 100
SELECT_DESCRIPTION = 100
SELECT_OPTIONS = 25
CHOICE_NAME = 100
CHOICES = 25

ELLIPSIS = "…"


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut.

    A trailing backslash left by the cut would escape the ellipsis (or a closing marker),
    so it is dropped too.
    """
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit == 1:
        return ELLIPSIS
    cut = text[: limit - 1].rstrip()
    while cut.endswith("\\"):
        cut = cut[:-1]
    return cut + ELLIPSIS


#: A raw web address, with any <> already around it; trailing punctuation is the sentence's.
_URL = re.compile(r"<?(https?://[^\s<>]*[^\s<>.,:;!?\"'()\[\]{}`])>?", re.IGNORECASE)
#: Characters that start markup anywhere in a line: backslash, emphasis, strike, spoiler,
#: code, masked-link brackets and "<", which opens every mention, channel link ``<#id>``,
#: command mention ``</name:id>``, timestamp ``<t:…>`` and custom emoji ``<:name:id>``.
_INLINE = re.compile(r"([\\*_~|`\[\]<>])")
#: Markup that only counts at the start of a line: block quote, heading, subtext, lists.
#: (A backslash only escapes punctuation: "1." becomes "1\\.", not "\\1.")
_LINE_START = re.compile(r"^([ \t]*)((?:-#|#{1,3}|-|\+)(?=[ \t])|\d+(?=\.[ \t]))", re.MULTILINE)


def _escape_plain(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(
        lambda m: m.group(0) + "\\" if m.group(2)[0].isdigit() else f"{m.group(1)}\\{m.group(2)}",
        text,
    )
    # Every "@", not only "@everyone": bold_matches escapes pieces, and "@" + "**everyone**"
    # must not become a mention either. The zero-width space is invisible.
    return text.replace("@", "@\u200b")


def link_spans(text: str) -> list[tuple[int, int]]:
    """Where :func:`escape` finds raw URLs (it keeps each whole, so callers must not split one)."""
    return [found.span() for found in _URL.finditer(text)]


def escape(text: str) -> str:
    """User or article text made inert for every Discord markup, for embeds and messages:
    no markdown, no pings (``@everyone``, ``<@id>``), no channel, command, timestamp or emoji
    markup (shown as typed), and raw URLs wrapped in ``<…>`` so none unfurls a preview.

    The one escape every renderer uses on text it did not write itself.
    """
    out: list[str] = []
    pos = 0
    for found in _URL.finditer(text):
        out.append(_escape_plain(text[pos : found.start()]))
        out.append(f"<{found.group(1)}>")
        pos = found.end()
    out.append(_escape_plain(text[pos:]))
    return "".join(out)


def embed_length(embed: discord.Embed) -> int:
    """The length Discord counts against the 6000-character total."""
    return len(embed)


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Cut every part of ``embed`` to Discord's limits, in place, and return it.

    Fields beyond 25 are dropped; if the total is still over 6000, the description shrinks
    first, then fields are dropped from the end, then the footer and title shrink.
    """
    if embed.title:
        embed.title = truncate(embed.title, TITLE)
    if embed.description:
        embed.description = truncate(embed.description, DESCRIPTION)
    if embed.author and embed.author.name:
        embed.set_author(
            name=truncate(embed.author.name, AUTHOR),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    if embed.footer and embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, FOOTER), icon_url=embed.footer.icon_url)
    fields = embed.fields[:FIELDS]
    embed.clear_fields()
    for f in fields:
        embed.add_field(
            name=truncate(f.name or "\u200b", FIELD_NAME) or "\u200b",
            value=truncate(f.value or "\u200b", FIELD_VALUE) or "\u200b",
            inline=bool(f.inline),
        )
    excess = len(embed) - TOTAL
    if excess > 0 and embed.description:
        keep = max(0, len(embed.description) - excess)
        embed.description = truncate(embed.description, keep) or None
    while len(embed) > TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    excess = len(embed) - TOTAL
    if excess > 0 and embed.footer and embed.footer.text:
        text = truncate(embed.footer.text, max(0, len(embed.footer.text) - excess))
        embed.set_footer(text=text or None, icon_url=embed.footer.icon_url)
    excess = len(embed) - TOTAL
    if excess > 0 and embed.author and embed.author.name:
        name = truncate(embed.author.name, max(1, len(embed.author.name) - excess))
        embed.set_author(name=name, url=embed.author.url, icon_url=embed.author.icon_url)
    excess = len(embed) - TOTAL
    if excess > 0 and embed.title:
        embed.title = truncate(embed.title, max(1, len(embed.title) - excess))
    return embed

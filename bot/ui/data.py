"""Embeds for data control: a server's articles, ``/about``, and forgetting a server.

Built with the same escaping and limits as :mod:`bot.ui.render` (whose helpers it uses).
"""

from __future__ import annotations

import discord

from bot.core.models import Stats
from bot.core.store.deletion import ArticleList, ForgetCounts
from bot.ui.limits import DESCRIPTION, fit_embed
from bot.ui.render import INFO_COLOUR, format_date, source_text

#: What ``/about`` says the bot keeps, and how each part can be removed.
STORED = (
    "• Articles you add (`ingest`, feeds): their title, outlet, date, link and the quotes "
    "found in them, with speaker names. Not the full text.\n"
    "• Feeds this server follows and the entries already seen.\n"
    "• This server's digest channel, time and time zone.\n"
    "Nothing about members: no messages are stored, only the commands are read."
)


def articles_embed(page: ArticleList, page_size: int, prefix: str) -> discord.Embed:
    """One page of the server's articles, newest first, each with its id for ``remove``."""
    pages = max(1, -(-page.total // page_size))
    current = page.offset // page_size + 1
    per = max(120, (DESCRIPTION - 200) // max(1, len(page.items)))
    lines = []
    for entry in page.items:
        added = format_date(entry.linked_at) or "?"
        plural = "s" if entry.quotes != 1 else ""
        head = f"**#{entry.article.id}** · added {added} · {entry.quotes} quote{plural}"
        lines.append(f"{head}\n{source_text(entry.article)}"[:per])
    embed = discord.Embed(
        title="Articles added in this server",
        description="\n\n".join(lines)
        or f"No articles yet. Add one with `{prefix}ingest https://…`.",
        colour=INFO_COLOUR,
    )
    embed.set_footer(
        text=f"Page {current} of {pages} · {page.total} article(s), newest first · "
        f"{prefix}articles remove <id or link> takes one out"
    )
    return fit_embed(embed)


def about_embed(version: str, stats: Stats, prefix: str, *, in_server: bool) -> discord.Embed:
    """Version, what is stored, how to remove it, and this server's counts."""
    embed = discord.Embed(
        title=f"whosaid {version}",
        description="Finds who said a quote in the news articles this server follows.",
        colour=INFO_COLOUR,
    )
    embed.add_field(name="What I store", value=STORED, inline=False)
    embed.add_field(
        name="Removing data",
        value=(
            f"`{prefix}articles remove <id or link>`: one article and its quotes.\n"
            f"`{prefix}forget-server`: everything this server added (asks first).\n"
            "Removing the bot from the server deletes it all too. "
            "(These need the Manage Server permission.)"
        ),
        inline=False,
    )
    where = "This server" if in_server else "Here (shared articles only)"
    embed.add_field(
        name=where,
        value=(
            f"{stats.articles} article(s), {stats.quotes} quote(s), {stats.speakers} "
            f"speaker(s), {stats.feeds} feed(s)"
        ),
        inline=False,
    )
    return fit_embed(embed)


def forgotten_text(counts: ForgetCounts) -> str:
    """What ``forget-server`` deleted, in one line."""
    if counts.empty:
        return "There was nothing of this server's to delete."
    return (
        f"Deleted this server's data: {counts.articles} article(s) with their quotes, "
        f"{counts.feeds} feed(s)" + (", the digest settings" if counts.digests else "") + "."
    )

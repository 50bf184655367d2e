"""Data control: ``articles`` (list, remove), ``forget-server``, ``about``, and deleting a
server's private data when the bot is removed from it.

Thin over the store's ``list_articles`` / ``remove_article`` / ``forget_scope``. Only the
server's own scope is ever touched: global articles (added by the operator) stay.
"""

from __future__ import annotations

import importlib.metadata
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NONE, UserError, WhosaidBot, scope_of
from bot.core.models import GLOBAL_SCOPE
from bot.core.store.deletion import article_ref
from bot.ui.data import about_embed, articles_embed, forgotten_text
from bot.ui.limits import escape, truncate
from bot.ui.views import ConfirmView, PageButton, PageContent, PageSource, page_view
from cogs.checks import manage_server
from cogs.typed import hybrid_command, hybrid_group, subcommand

log = logging.getLogger(__name__)

Context = commands.Context[WhosaidBot]

PAGE_SIZE = 8
#: Seconds the forget confirmation stays open.
CONFIRM_SECONDS = 60.0


def version() -> str:
    """The installed package version (``dev`` when run from a bare checkout)."""
    try:
        return importlib.metadata.version("whosaid")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


async def articles_page(bot: WhosaidBot, guild_id: int, offset: int) -> PageContent:
    """The page at ``offset`` of a server's articles (the last page when beyond)."""
    scope = scope_of(guild_id)
    page = await bot.store.list_articles(scope, offset=offset, limit=PAGE_SIZE)
    if page.total and offset >= page.total:
        last = (page.total - 1) // PAGE_SIZE * PAGE_SIZE
        page = await bot.store.list_articles(scope, offset=last, limit=PAGE_SIZE)
    embed = articles_embed(page, PAGE_SIZE, bot.prefix)
    return PageContent(embed, page.offset, page.total, PAGE_SIZE)


async def _articles_source(
    interaction: discord.Interaction[Any], _arg: str, offset: int
) -> PageContent | None:
    bot = interaction.client
    if not isinstance(bot, WhosaidBot) or interaction.guild_id is None:
        return None
    return await articles_page(bot, interaction.guild_id, offset)


class Data(commands.Cog):
    """What this server stores, and removing it."""

    def __init__(self, bot: WhosaidBot) -> None:
        self.bot = bot

    @hybrid_group(
        name="articles",
        description="The articles this server added, newest first.",
        fallback="list",
        invoke_without_command=True,
    )
    @commands.guild_only()
    @manage_server()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def articles(self, ctx: Context, page: int = 1) -> None:
        """List the server's articles with their ids, paged with buttons."""
        assert ctx.guild is not None
        await ctx.defer()
        content = await articles_page(self.bot, ctx.guild.id, max(0, page - 1) * PAGE_SIZE)
        view = page_view("a", ctx.author.id, "", content)
        if view is None:
            await ctx.send(embed=content.embed, allowed_mentions=NONE)
        else:
            await ctx.send(embed=content.embed, view=view, allowed_mentions=NONE)

    @subcommand(
        articles,
        name="remove",
        description="Remove an article and its quotes from this server.",
        usage="<id or link>",
    )
    @commands.guild_only()
    @manage_server()
    @app_commands.describe(article="The article's id (from /articles list) or its link")
    async def articles_remove(self, ctx: Context, *, article: str) -> None:
        """Unlink the article from this server: its quotes leave every answer and digest."""
        assert ctx.guild is not None
        ref = article_ref(article)
        if ref is None:
            raise UserError(f"Give the article's id (see `{self.bot.prefix}articles`) or its link.")
        await ctx.defer()
        removed = await self.bot.store.remove_article(scope_of(ctx.guild.id), ref)
        if removed is None:
            raise UserError(
                "This server has no such article. "
                f"`{self.bot.prefix}articles` lists them with their ids."
            )
        title = escape(truncate(removed.title or removed.url or f"#{removed.id}", 200))
        log.info("guild %s removed article %s", ctx.guild.id, removed.id)
        await ctx.send(
            f"Removed **{title}**: its quotes no longer appear in this server.",
            allowed_mentions=NONE,
            suppress_embeds=True,
        )

    @hybrid_command(
        name="forget-server",
        description="Delete every article, quote, feed and digest setting of this server.",
    )
    @commands.guild_only()
    @manage_server()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def forget_server(self, ctx: Context) -> None:
        """Ask for confirmation (only the invoker can confirm), then delete."""
        assert ctx.guild is not None
        guild_id = ctx.guild.id
        stats = await self.bot.store.stats([scope_of(guild_id)])

        async def confirmed(interaction: discord.Interaction[Any]) -> str:
            counts = await self.bot.store.forget_scope(scope_of(guild_id))
            log.info("guild %s forgot its data: %s", guild_id, counts)
            return forgotten_text(counts)

        view = ConfirmView(
            ctx.author,
            confirmed,
            confirm_label="Delete everything",
            cancelled="Cancelled: nothing was deleted.",
            timed_out="No answer in time: nothing was deleted.",
            timeout=CONFIRM_SECONDS,
            boot=self.bot.boot_id,
        )
        view.message = await ctx.send(
            f"This deletes everything this server added: {stats.articles} article(s) with "
            f"their {stats.quotes} quote(s), {stats.feeds} feed(s) and the digest settings. "
            "Articles shared by the bot's operator stay. This cannot be undone.",
            view=view,
            allowed_mentions=NONE,
        )

    @hybrid_command(name="about", description="Version, what I store and how to remove it.")
    async def about(self, ctx: Context) -> None:
        """Version, what is stored, how to remove data, and this server's counts."""
        scope = scope_of(ctx.guild.id if ctx.guild else None)
        stats = await self.bot.store.stats([scope])
        embed = about_embed(version(), stats, self.bot.prefix, in_server=scope != GLOBAL_SCOPE)
        await ctx.send(embed=embed, allowed_mentions=NONE)

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Removed from a server (not an outage): delete what is private to it."""
        if guild.unavailable:
            return
        counts = await self.bot.store.forget_scope(scope_of(guild.id))
        log.info("removed from guild %s: deleted its data (%s)", guild.id, counts)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    if not isinstance(bot, WhosaidBot):
        raise TypeError("the data cog needs a WhosaidBot")
    PageButton.sources["a"] = PageSource(PAGE_SIZE, _articles_source)
    await bot.add_cog(Data(bot))

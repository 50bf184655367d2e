"""Owner-only maintenance: publishing the slash commands to Discord (and clearing a
server's own copies).

Syncing is rate limited by Discord, so it is a deliberate command, never done at start-up.
"""

from __future__ import annotations

import logging
from typing import Literal

from discord.ext import commands

from bot.client import NONE, UserError, WhosaidBot

log = logging.getLogger(__name__)

Context = commands.Context[WhosaidBot]


class Admin(commands.Cog):
    """Commands for the bot's owner."""

    def __init__(self, bot: WhosaidBot) -> None:
        self.bot = bot

    @commands.command(name="sync", usage="[guild | clear guild]")
    @commands.is_owner()
    async def sync(
        self,
        ctx: Context,
        where: Literal["guild", "global", "clear"] = "global",
        target: Literal["guild"] | None = None,
    ) -> None:
        """``!sync`` publishes slash commands everywhere; ``!sync guild`` only here (instant);
        ``!sync clear guild`` removes the copies ``!sync guild`` made here.

        A server that has both the global commands and a ``!sync guild`` copy shows every
        command twice: clearing the server's copy leaves the global ones.
        """
        if where == "clear":
            if target != "guild":
                raise UserError("Use `sync clear guild` to remove this server's copies.")
            if ctx.guild is None:
                raise UserError("`sync clear guild` only works in a server.")
            self.bot.tree.clear_commands(guild=ctx.guild)
            await self.bot.tree.sync(guild=ctx.guild)
            log.info("cleared the slash commands of guild %s", ctx.guild.id)
            await ctx.send(
                "Removed this server's own copies of the slash commands; the global ones "
                "stay (each command now shows once).",
                allowed_mentions=NONE,
            )
            return
        if where == "guild":
            if ctx.guild is None:
                raise UserError("`sync guild` only works in a server.")
            self.bot.tree.copy_global_to(guild=ctx.guild)
            synced = await self.bot.tree.sync(guild=ctx.guild)
            place = "this server"
        else:
            synced = await self.bot.tree.sync()
            place = "every server (may take a while to show up)"
        log.info("synced %d slash commands to %s", len(synced), where)
        await ctx.send(f"Synced {len(synced)} slash command(s) to {place}.", allowed_mentions=NONE)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    if not isinstance(bot, WhosaidBot):
        raise TypeError("the admin cog needs a WhosaidBot")
    await bot.add_cog(Admin(bot))

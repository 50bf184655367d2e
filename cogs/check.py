"""``check``: is a quotation someone posted real, trimmed, altered or misattributed?

``/check quote:<text>``, ``!check "…"`` and the message context menu "Check this quote".
The cog parses nothing itself: the core splits the claim and decides (``bot.core.check``),
``bot.ui.check`` renders. Each server checks against its own articles plus the global ones.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NONE, UserError, WhosaidBot, scopes_for
from bot.core.check import check, claim_problem
from bot.ui.check import check_embed
from bot.ui.render import error_embed
from bot.ui.views import ShowInChannelView
from cogs.typed import hybrid_command

Context = commands.Context[WhosaidBot]


class Check(commands.Cog):
    """Compare a claimed quotation with what the articles hold."""

    def __init__(self, bot: WhosaidBot) -> None:
        self.bot = bot

    @hybrid_command(
        name="check",
        description="Check a quote someone claims was said: exact, cut, altered or misattributed?",
        usage='"<quote>"',
    )
    @app_commands.describe(
        quote="What someone claims was said, e.g. Ellison said we will not raise water rates"
    )
    async def check(self, ctx: Context, *, quote: str) -> None:
        """The verdict on a claimed quotation, with the real words and where they first ran."""
        problem = claim_problem(quote)
        if problem is not None:
            raise UserError(
                f"{problem} Example: `{self.bot.prefix}check "
                '"Ellison said we will not raise water rates this winter"`'
            )
        await ctx.defer()
        result = await check(self.bot.store, quote, scopes_for(ctx.guild.id if ctx.guild else None))
        await ctx.send(embed=check_embed(result), allowed_mentions=NONE)

    # -- the message context menu ---------------------------------------------------------
    async def cog_load(self) -> None:
        self.menu = app_commands.ContextMenu(name="Check this quote", callback=self.check_message)
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def check_message(
        self, interaction: discord.Interaction[Any], message: discord.Message
    ) -> None:
        """Check the quotation a message makes; answer privately, offer to show it."""
        retry = self.bot.flood.hit(interaction.user.id)
        problem = claim_problem(message.content)
        if retry is not None or problem is not None:
            text = f"Slow down a little — try again in {retry:.1f} s." if retry else problem
            await interaction.response.send_message(
                embed=error_embed(text or ""), ephemeral=True, allowed_mentions=NONE
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await check(self.bot.store, message.content, scopes_for(interaction.guild_id))
        embed = check_embed(result)
        view = ShowInChannelView(interaction.user, embed, boot=self.bot.boot_id)
        view.message = await interaction.followup.send(
            embed=embed, view=view, ephemeral=True, allowed_mentions=NONE, wait=True
        )


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    if not isinstance(bot, WhosaidBot):
        raise TypeError("the check cog needs a WhosaidBot")
    await bot.add_cog(Check(bot))

"""``help``: every command, what it does, and an example to copy."""

from __future__ import annotations

from discord.ext import commands

from bot.client import NONE, WhosaidBot
from bot.ui.render import help_embed
from cogs.typed import hybrid_command

Context = commands.Context[WhosaidBot]


def entries(prefix: str) -> list[tuple[str, str, str]]:
    """(usage, what it does, example) for each command, in the order people need them."""
    p = prefix
    return [
        (
            f"{p}who said <phrase>  ·  /who",
            "Who said it: speaker, quote, context and source.",
            f'{p}who said "on the table"',
        ),
        (
            f"{p}quotes <speaker>  ·  /quotes",
            "A speaker's quotes, newest first, with pages.",
            f"{p}quotes JD Vance",
        ),
        (
            f"{p}quote random [speaker]  ·  /quote random",
            "A random quote (of one speaker).",
            f"{p}quote random Vance",
        ),
        (
            f"{p}speakers  ·  /speakers",
            "The most quoted speakers here, with counts.",
            f"{p}speakers",
        ),
        (
            f"{p}stats  ·  /stats",
            "How many articles, quotes and speakers I know here.",
            f"{p}stats",
        ),
        (
            f"{p}ingest <url | file>  ·  /ingest",
            "Add an article by link or attached .txt/.html file (needs Manage Server).",
            f"{p}ingest https://example.com/news/story",
        ),
        (
            f"{p}feeds add <url> [#channel]  ·  /feeds add",
            "Follow an RSS/Atom feed; announce its new articles in a channel (Manage Server).",
            f"{p}feeds add https://example.com/news/rss.xml #news",
        ),
        (
            f"{p}feeds list  ·  /feeds list",
            "Followed feeds: last success, last error, next poll; ⚠ marks a failing one.",
            f"{p}feeds list",
        ),
        (
            f"{p}feeds remove <url>  ·  /feeds remove",
            "Stop following a feed (its articles stay).",
            f"{p}feeds remove https://example.com/news/rss.xml",
        ),
        (
            f"{p}digest set <#channel> <HH:MM> [time zone]  ·  /digest set",
            "Post a daily digest of new quotes at a local time (Manage Server).",
            f"{p}digest set #news 08:30 Europe/Paris",
        ),
        (
            f"{p}digest  ·  {p}digest off  ·  /digest status",
            "See the digest schedule and the next run; turn it off.",
            f"{p}digest off",
        ),
        (
            f"{p}digest preview  ·  {p}digest now",
            "Preview the next digest (only you see it) or post it so far (extra post).",
            f"{p}digest preview",
        ),
        (
            f"{p}articles [page]  ·  /articles list",
            "This server's articles, newest first, with their ids (Manage Server).",
            f"{p}articles",
        ),
        (
            f"{p}articles remove <id | link>  ·  /articles remove",
            "Remove an article: its quotes leave every answer and digest here (Manage Server).",
            f"{p}articles remove 42",
        ),
        (
            f"{p}forget-server  ·  /forget-server",
            "Delete everything this server added, after a confirmation (Manage Server).",
            f"{p}forget-server",
        ),
        (
            "Right-click a message → Apps → Who said this?",
            "Who said the words that message quotes; privately, with a button to show it.",
            "Who said this?",
        ),
        (
            f'{p}check "<quote>"  ·  /check  ·  Apps → Check this quote',
            "Is a quote real, cut, altered or misattributed? Real words, speaker, first source.",
            f'{p}check "Ellison said we will not raise water rates this winter"',
        ),
        (f"{p}about  ·  /about", "Version, what I store and how to remove it.", f"{p}about"),
        (f"{p}help  ·  /help", "This list.", f"{p}help"),
        (
            f"{p}sync [guild]  ·  {p}sync clear guild",
            "Owner only: publish the slash commands (everywhere or here); clear this "
            "server's copies when every command shows twice.",
            f"{p}sync guild",
        ),
    ]


class Help(commands.Cog):
    """The help command."""

    def __init__(self, bot: WhosaidBot) -> None:
        self.bot = bot

    @hybrid_command(name="help", description="Every command with an example.")
    async def help(self, ctx: Context) -> None:
        """Show every command with an example."""
        await ctx.send(
            embed=help_embed(self.bot.prefix, entries(self.bot.prefix)),
            ephemeral=True,
            allowed_mentions=NONE,
        )


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    if not isinstance(bot, WhosaidBot):
        raise TypeError("the help cog needs a WhosaidBot")
    await bot.add_cog(Help(bot))

"""Reading commands: ``who said``, ``quotes``, ``quote random``, ``speakers`` and ``stats``,
and the message context menu "Who said this?".

Each command is a hybrid command (``!`` prefix and ``/`` slash). The cog only parses input,
asks the store with the invoking server's scopes, and sends what ``bot.ui`` renders.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NONE, UserError, WhosaidBot, scopes_for
from bot.core.models import QuoteHit
from bot.ui.limits import CHOICE_NAME, CHOICES, escape, truncate
from bot.ui.menus import menu_for, menu_view
from bot.ui.render import (
    error_embed,
    hit_embed,
    no_match_embed,
    quotes_page_embed,
    speakers_embed,
    stats_embed,
)
from bot.ui.views import (
    PageButton,
    PageContent,
    PageSource,
    ShowInChannelView,
    WhyButton,
    page_view,
    why_view,
)
from cogs.typed import hybrid_command, hybrid_group, subcommand

Context = commands.Context[WhosaidBot]

PAGE_SIZE = 5
MAX_PHRASE = 300
ALTERNATIVES = 6

_SAID = re.compile(r"^\s*said\b[\s:,]*", re.IGNORECASE)
_QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›「」`"


def clean_phrase(raw: str, *, prefix_form: bool) -> str:
    """The phrase to search for: without a leading "said" (prefix form) or quote marks."""
    text = " ".join(raw.split())
    if prefix_form:
        text = _SAID.sub("", text, count=1)
    return text.strip().strip(_QUOTE_MARKS).strip()


#: A quoted passage in a message: straight, curly, low-9 or guillemet quotes (no nesting).
_QUOTED = re.compile(r'"([^"]+)"|“([^”“]+)[”“]|„([^“”„]+)[“”]|«([^»]+)»|‘([^’]+)’')


def quoted_phrase(text: str) -> str:
    """What to look up in a message: its longest quoted passage, else its whole text.

    One regex pass with negated classes: linear in the message length.
    """
    best = ""
    for found in _QUOTED.finditer(text):
        inner = next(g for g in found.groups() if g is not None)
        if len(inner.strip()) > len(best):
            best = inner.strip()
    return " ".join((best or text).split())


def clean_name(raw: str) -> str:
    """A speaker name as typed, without stray quote marks or extra spaces."""
    return " ".join(raw.split()).strip(_QUOTE_MARKS).strip()


class Quotes(commands.Cog):
    """Ask who said what, browse a speaker's quotes, see who is quoted most."""

    def __init__(self, bot: WhosaidBot) -> None:
        self.bot = bot

    @hybrid_command(
        name="who",
        description="Find who said a phrase in the news articles this server can see.",
        usage='said "<phrase>"',
    )
    @app_commands.describe(phrase="Words from the quote, for example: on the table")
    async def who(self, ctx: Context, *, phrase: commands.Range[str, 1, MAX_PHRASE]) -> None:
        """Who said it: the best match, with the other close matches in a menu."""
        text = clean_phrase(phrase, prefix_form=ctx.interaction is None)
        if not text:
            raise UserError(
                f'Tell me what to look for, for example: `{self.bot.prefix}who said "on the table"`'
            )
        if len(text) > MAX_PHRASE:
            raise UserError(f"That phrase is too long; use at most {MAX_PHRASE} characters.")
        await ctx.defer()
        scopes = scopes_for(ctx.guild.id if ctx.guild else None)
        result = await self.bot.store.who_said(text, scopes, limit=ALTERNATIVES)
        if result.hits:
            hits = list(result.hits)
            menu = menu_for(ctx.author, hits, boot=self.bot.boot_id) if len(hits) > 1 else None
            embed = hit_embed(hits[0], alternatives=len(hits) - 1)
        else:
            suggestions = list(result.suggestions)
            menu = (
                menu_for(ctx.author, suggestions, shown=None, boot=self.bot.boot_id)
                if suggestions
                else None
            )
            embed = no_match_embed(text, suggestions)
        if menu is None and result.hits:
            # One answer: only the persistent "Why this speaker?" button under it.
            await ctx.send(
                embed=embed, view=why_view(result.hits[0].quote.id), allowed_mentions=NONE
            )
        elif menu is None:
            await ctx.send(embed=embed, allowed_mentions=NONE)
        else:
            sent = await ctx.send(embed=embed, view=menu_view(menu), allowed_mentions=NONE)
            self.bot.menus.keep(menu, sent)

    @hybrid_command(
        name="quotes", description="List a speaker's quotes, newest first.", usage="<speaker>"
    )
    @app_commands.describe(speaker="Who said them (start typing for suggestions)")
    async def quotes(self, ctx: Context, *, speaker: str) -> None:
        """A speaker's quotes, paged with buttons only the invoker can press."""
        name = clean_name(speaker)
        if not name:
            raise UserError(f"Tell me whose quotes to list: `{self.bot.prefix}quotes JD Vance`")
        await ctx.defer()
        page = await quotes_page(self.bot, ctx.guild.id if ctx.guild else None, name, 0)
        if page is None:
            raise UserError(
                await self._unknown_speaker(name, scopes_for(ctx.guild.id if ctx.guild else None))
            )
        view = page_view("q", ctx.author.id, page.arg, page.content)
        if view is None:
            await ctx.send(embed=page.content.embed, allowed_mentions=NONE)
        else:
            await ctx.send(embed=page.content.embed, view=view, allowed_mentions=NONE)

    async def _unknown_speaker(self, name: str, scopes: list[str]) -> str:
        close = await self.bot.store.speaker_names(name[:3], scopes, limit=3)
        hint = ""
        if close:
            hint = " Did you mean " + ", ".join(f"“{escape(c)}”" for c in close) + "?"
        return f"I know no speaker called “{escape(truncate(name, 100))}” here.{hint}"

    @who.autocomplete("phrase")
    async def phrase_choices(
        self, interaction: discord.Interaction[WhosaidBot], current: str
    ) -> list[app_commands.Choice[str]]:
        """The quotes that best match what was typed so far (from three characters on)."""
        text = clean_phrase(current, prefix_form=False)[:MAX_PHRASE]
        if len(text) < 3:
            return []
        result = await self.bot.store.who_said(
            text, scopes_for(interaction.guild_id), limit=CHOICES
        )
        choices: dict[str, app_commands.Choice[str]] = {}
        for hit in result.hits or result.suggestions:
            value = " ".join(hit.quote.text.split())[:CHOICE_NAME]
            if value and value not in choices:
                choices[value] = app_commands.Choice(name=truncate(value, CHOICE_NAME), value=value)
        return list(choices.values())[:CHOICES]

    @quotes.autocomplete("speaker")
    async def speaker_choices(
        self, interaction: discord.Interaction[WhosaidBot], current: str
    ) -> list[app_commands.Choice[str]]:
        """Speaker names in this server's scope matching what was typed so far."""
        return await self._choices(interaction.guild_id, current)

    async def _choices(self, guild_id: int | None, current: str) -> list[app_commands.Choice[str]]:
        names = await self.bot.store.speaker_names(
            current.strip(), scopes_for(guild_id), limit=CHOICES
        )
        return [
            app_commands.Choice(name=truncate(n, CHOICE_NAME), value=n[:CHOICE_NAME])
            for n in names[:CHOICES]
            if n
        ]

    @hybrid_group(name="quote", description="Random quotes.", invoke_without_command=True)
    async def quote(self, ctx: Context) -> None:
        """Only the sub-commands do something; alone it explains them."""
        raise UserError(
            f"Try `{self.bot.prefix}quote random` or `{self.bot.prefix}quote random JD Vance`."
        )

    @subcommand(quote, name="random", description="A random quote, optionally from one speaker.")
    @app_commands.describe(speaker="Only quotes by this speaker")
    async def quote_random(self, ctx: Context, *, speaker: str | None = None) -> None:
        """A random quote in scope."""
        name = clean_name(speaker) if speaker else None
        await ctx.defer()
        scopes = scopes_for(ctx.guild.id if ctx.guild else None)
        hit = await self.bot.store.random_quote(scopes, speaker=name or None)
        if hit is None:
            if name:
                raise UserError(await self._unknown_speaker(name, scopes))
            raise UserError("There are no quotes here yet. An admin can add articles with ingest.")
        await ctx.send(embed=hit_embed(hit), view=why_view(hit.quote.id), allowed_mentions=NONE)

    @quote_random.autocomplete("speaker")
    async def random_speaker_choices(
        self, interaction: discord.Interaction[WhosaidBot], current: str
    ) -> list[app_commands.Choice[str]]:
        """Same suggestions as for ``quotes``."""
        return await self._choices(interaction.guild_id, current)

    @hybrid_command(name="speakers", description="The most quoted speakers here.")
    async def speakers(self, ctx: Context) -> None:
        """Top speakers in this server's scope, with counts."""
        await ctx.defer()
        counts = await self.bot.store.top_speakers(
            scopes_for(ctx.guild.id if ctx.guild else None), limit=15
        )
        await ctx.send(embed=speakers_embed(counts), allowed_mentions=NONE)

    @hybrid_command(name="stats", description="How many articles and quotes I know here.")
    async def stats(self, ctx: Context) -> None:
        """Article, quote and speaker counts in this server's scope."""
        await ctx.defer()
        stats = await self.bot.store.stats(scopes_for(ctx.guild.id if ctx.guild else None))
        await ctx.send(embed=stats_embed(stats), allowed_mentions=NONE)

    # -- the message context menu ---------------------------------------------------------
    async def cog_load(self) -> None:
        self.menu = app_commands.ContextMenu(name="Who said this?", callback=self.who_said_this)
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def who_said_this(
        self, interaction: discord.Interaction[Any], message: discord.Message
    ) -> None:
        """Look up the quoted words of a message; answer privately, offer to show it."""
        retry = self.bot.flood.hit(interaction.user.id)
        if retry is not None:
            await interaction.response.send_message(
                embed=error_embed(f"Slow down a little — try again in {retry:.1f} s."),
                ephemeral=True,
                allowed_mentions=NONE,
            )
            return
        text = quoted_phrase(message.content)[:MAX_PHRASE]
        if not text:
            await interaction.response.send_message(
                embed=error_embed("That message has no text I can look up."),
                ephemeral=True,
                allowed_mentions=NONE,
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.bot.store.who_said(text, scopes_for(interaction.guild_id), limit=1)
        if not result.hits:
            embed = no_match_embed(text, list(result.suggestions))
            await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NONE)
            return
        embed = hit_embed(result.hits[0])
        view = ShowInChannelView(
            interaction.user, embed, boot=self.bot.boot_id, quote_id=result.hits[0].quote.id
        )
        view.message = await interaction.followup.send(
            embed=embed, view=view, ephemeral=True, allowed_mentions=NONE, wait=True
        )


class SpeakerPage:
    """A page of a speaker's quotes and the resolved name it was found under."""

    def __init__(self, arg: str, content: PageContent) -> None:
        self.arg = arg
        self.content = content


async def quotes_page(
    bot: WhosaidBot, guild_id: int | None, speaker: str, offset: int
) -> SpeakerPage | None:
    """The page at ``offset`` of ``speaker``'s quotes in a place (the last one if beyond)."""
    scopes = scopes_for(guild_id)
    resolved, page = await bot.store.quotes_by(speaker, scopes, offset=offset, limit=PAGE_SIZE)
    if resolved is None or page.total == 0:
        return None
    if offset >= page.total:
        last = (page.total - 1) // PAGE_SIZE * PAGE_SIZE
        _, page = await bot.store.quotes_by(resolved, scopes, offset=last, limit=PAGE_SIZE)
    embed = quotes_page_embed(resolved, page, PAGE_SIZE)
    ids = tuple(q.id for q in page.items)
    return SpeakerPage(resolved, PageContent(embed, page.offset, page.total, PAGE_SIZE, ids))


async def _quotes_source(
    interaction: discord.Interaction[Any], speaker: str, offset: int
) -> PageContent | None:
    """The page buttons' source for ``q`` lists (works after a restart: all in the id)."""
    bot = interaction.client
    if not isinstance(bot, WhosaidBot):
        return None
    found = await quotes_page(bot, interaction.guild_id, speaker, offset)
    return found.content if found else None


async def _why_hit(interaction: discord.Interaction[Any], quote_id: int) -> QuoteHit | None:
    """The quote behind a "Why this speaker?" button, as the clicking place sees it: a
    forged or stale id from another server finds nothing."""
    bot = interaction.client
    if not isinstance(bot, WhosaidBot):
        return None
    return await bot.store.quote_hit(quote_id, scopes_for(interaction.guild_id))


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    if not isinstance(bot, WhosaidBot):
        raise TypeError("the quotes cog needs a WhosaidBot")
    PageButton.sources["q"] = PageSource(PAGE_SIZE, _quotes_source)
    WhyButton.lookup = _why_hit
    await bot.add_cog(Quotes(bot))

"""``feeds``: subscribe a server to RSS/Atom feeds; new articles land in its collection.

Polling is the core's job (``bot.core.poller``): this cog runs it from a one-minute loop and
posts a short "new quotes from ..." notice in a feed's channel, when it has one. The first
poll of a new feed adds what the feed already holds without any notice.
"""

from __future__ import annotations

import logging
import os
import random
import socket
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.client import NONE, UserError, WhosaidBot, scope_of
from bot.core.backoff import describe_feed_health, is_flagged
from bot.core.ingest.errors import IngestError
from bot.core.ingest.fetch import Fetcher
from bot.core.ingest.urls import validate_url
from bot.core.poller import PollOutcome, poll_due_feeds
from bot.core.store.base import FeedState
from bot.core.urls import normalize_url
from bot.ui.limits import FIELD_NAME, FIELD_VALUE, escape, fit_embed, truncate
from cogs.checks import manage_server
from cogs.digest import post_to_channel
from cogs.typed import hybrid_group, subcommand

log = logging.getLogger(__name__)

Context = commands.Context[WhosaidBot]

#: Feeds one server may follow (one embed field each in ``feeds list``).
MAX_FEEDS = 25
#: Articles named in one notice; the rest are counted.
MAX_NOTICE_ITEMS = 5
FLAG = "⚠"
FEEDS_COLOUR = discord.Colour.dark_teal()


def clean_url(raw: str) -> str:
    """A URL as pasted, without the <> people add to suppress Discord's preview."""
    return raw.strip().strip("<>").strip()


def notice_text(outcome: PollOutcome) -> str:
    """``New quotes from <article>`` lines for one poll, escaped, links not previewed."""
    items = outcome.notices
    lines: list[str] = []
    for item in items[:MAX_NOTICE_ITEMS]:
        title = escape(truncate(" ".join((item.title or item.source).split()), 150))
        plural = "s" if item.quotes != 1 else ""
        link = f" {escape(item.url)}" if item.url else ""
        lines.append(f"📰 New quotes from **{title}** ({item.quotes} quote{plural}){link}")
    more = len(items) - MAX_NOTICE_ITEMS
    if more > 0:
        lines.append(f"…and {more} more article{'s' if more != 1 else ''} from this feed.")
    return "\n".join(lines)


def feed_flagged(feed: FeedState, now: datetime) -> bool:
    """Failing for a day or more: marked in the list, still polled."""
    return is_flagged(
        feed.last_success,
        feed.last_error_at,
        feed.failures,
        now,
        interval=timedelta(minutes=max(feed.interval_minutes, 1)),
    )


def feeds_embed(feeds: list[FeedState], now: datetime, guild_name: str) -> discord.Embed:
    """One field per feed: its site as the name (flagged ones marked); its address (a link,
    not previewed), channel and health as the value."""
    embed = discord.Embed(
        title=truncate(f"Feeds of {escape(guild_name)}", 256),
        colour=FEEDS_COLOUR,
        description=None if feeds else "No feeds yet.",
    )
    flagged = 0
    for feed in feeds:
        mark = ""
        if feed_flagged(feed, now):
            flagged += 1
            mark = f"{FLAG} "
        where = f"notices in <#{feed.channel_id}>" if feed.channel_id else "no notices"
        health = escape(describe_feed_health(feed, now))
        site = escape(urlsplit(feed.url).netloc or feed.url)
        address = escape(truncate(feed.url, 300))
        embed.add_field(
            name=truncate(mark + site, FIELD_NAME),
            value=truncate(
                f"{address}\n{where} · every {feed.interval_minutes} min\n{health}", FIELD_VALUE
            ),
            inline=False,
        )
    if flagged:
        embed.set_footer(
            text=f"{FLAG} {flagged} feed(s) failing for a day or more: still polled, never "
            "dropped. Check the address, or remove the feed."
        )
    return fit_embed(embed)


class FeedsCog(commands.Cog, name="Feeds"):
    """Follow feeds; poll them in the background."""

    def __init__(self, bot: WhosaidBot) -> None:
        self.bot = bot
        self.rng = random.Random()
        #: Who holds a feed's lease when several processes share the database.
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._fetcher: Fetcher | None = None

    async def cog_load(self) -> None:
        if self.bot.start_loops:
            self.loop.start()

    async def cog_unload(self) -> None:
        self.loop.cancel()
        if self._fetcher is not None:
            await self._fetcher.close()
            self._fetcher = None

    @property
    def fetcher(self) -> Fetcher:
        """One SSRF-guarded fetcher (and connection pool) for all polls."""
        if self._fetcher is None:
            self._fetcher = Fetcher(self.bot.settings)
        return self._fetcher

    # -- the poller --------------------------------------------------------------------------
    @tasks.loop(minutes=1)
    async def loop(self) -> None:
        """Wake every minute; never let one bad tick end the loop."""
        try:
            await self.tick(self.bot.now())
        except Exception:
            log.exception("feed tick failed")

    @loop.before_loop
    async def _before(self) -> None:
        await self.bot.wait_until_ready()

    async def tick(self, now: datetime) -> list[PollOutcome]:
        """Poll the feeds due at ``now`` and post the notices they earned."""
        outcomes = await poll_due_feeds(
            self.bot.store, self.fetcher, now, self.owner, self.rng, clock=self.bot.now
        )
        for outcome in outcomes:
            feed = outcome.feed
            if not outcome.ok:
                log.info("feed %s (scope %s) failed: %s", feed.url, feed.scope, outcome.error)
                continue
            if outcome.notices and feed.channel_id is not None:
                guild_id = int(feed.scope) if feed.scope.isdigit() else None
                await post_to_channel(
                    self.bot, guild_id, feed.channel_id, text=notice_text(outcome), what="feed"
                )
        return outcomes

    # -- commands ----------------------------------------------------------------------------
    @hybrid_group(
        name="feeds",
        description="Follow RSS/Atom feeds: their new articles join this server's quotes.",
        invoke_without_command=True,
    )
    @commands.guild_only()
    @manage_server()
    @app_commands.default_permissions(manage_guild=True)
    async def feeds(self, ctx: Context) -> None:
        """``feeds`` alone lists them."""
        await self._send_list(ctx)

    @subcommand(
        feeds,
        name="add",
        description="Follow a feed; optionally announce its new articles in a channel.",
        usage="<url> [#channel]",
    )
    @commands.guild_only()
    @manage_server()
    @app_commands.describe(url="The feed's address (RSS or Atom)", channel="Where to announce")
    async def feeds_add(
        self, ctx: Context, url: str, channel: discord.TextChannel | None = None
    ) -> None:
        """Subscribe this server; the first poll comes within a minute."""
        assert ctx.guild is not None
        link = clean_url(url)
        try:
            validate_url(link)
        except IngestError as exc:
            reason = escape(exc.reason)
            raise UserError(f"That is not a feed address I can follow: {reason}.") from exc
        scope = scope_of(ctx.guild.id)
        existing = await self.bot.store.list_feeds(scope)
        key = normalize_url(link)
        if any(feed.url == key for feed in existing):
            raise UserError(
                f"This server already follows {escape(truncate(key, 300))}. "
                f"Remove it first (`{self.bot.prefix}feeds remove <url>`) to change its channel."
            )
        if len(existing) >= MAX_FEEDS:
            raise UserError(f"A server can follow at most {MAX_FEEDS} feeds; remove one first.")
        minutes = max(self.bot.settings.feed_poll_minutes, 1)
        feed = await self.bot.store.add_feed(scope, link, channel.id if channel else None, minutes)
        where = (
            f"New articles will be announced in {channel.mention}."
            if channel
            else "New articles are added quietly (give a channel to announce them)."
        )
        shown = escape(truncate(feed.url, 300))
        await ctx.send(
            f"Following {shown}, polled every {minutes} min. The first poll "
            f"(within a minute) adds the articles already there without announcing them. {where}",
            allowed_mentions=NONE,
            suppress_embeds=True,
        )

    @subcommand(feeds, name="remove", description="Stop following a feed.", usage="<url>")
    @commands.guild_only()
    @manage_server()
    @app_commands.describe(url="The feed's address, as shown by feeds list")
    async def feeds_remove(self, ctx: Context, url: str) -> None:
        """Unsubscribe; the articles already added stay."""
        assert ctx.guild is not None
        link = clean_url(url)
        if await self.bot.store.remove_feed(scope_of(ctx.guild.id), link):
            text = f"No longer following {escape(truncate(link, 300))}. Its articles stay."
        else:
            raise UserError(
                f"This server does not follow {escape(truncate(link, 300))}. "
                f"See `{self.bot.prefix}feeds list`."
            )
        await ctx.send(text, allowed_mentions=NONE, suppress_embeds=True)

    @subcommand(feeds, name="list", description="The feeds this server follows and their health.")
    @commands.guild_only()
    @manage_server()
    async def feeds_list(self, ctx: Context) -> None:
        """Each feed's last success, last error and next poll."""
        await self._send_list(ctx)

    async def _send_list(self, ctx: Context) -> None:
        assert ctx.guild is not None
        feeds = await self.bot.store.list_feeds(scope_of(ctx.guild.id))
        embed = feeds_embed(feeds, self.bot.now(), ctx.guild.name)
        await ctx.send(embed=embed, allowed_mentions=NONE)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    if not isinstance(bot, WhosaidBot):
        raise TypeError("the feeds cog needs a WhosaidBot")
    await bot.add_cog(FeedsCog(bot))


__all__ = ["FeedsCog", "feeds_embed", "notice_text", "setup"]

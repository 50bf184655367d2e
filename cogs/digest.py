"""``digest``: a daily digest of the quotes a server gained, posted at a local time.

The scheduling rules live in ``bot.core.schedule`` and the claim-then-post step in
``bot.core.digest_job``; this cog only runs the one-minute loop, renders embeds and sends.

``digest now`` is an extra post: it shows the quotes of the current period so far in the
digest channel and does NOT count as the day's digest (nothing is claimed). The scheduled
digest still comes at its time, so a manual post can never make a day skip, and "exactly
once a day" stays a property of the schedule alone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.client import NONE, UserError, WhosaidBot
from bot.core.digest import Digest
from bot.core.digest_job import (
    DigestPost,
    claim_due_digests,
    compose_period,
    preview_period,
    start_schedule,
)
from bot.core.digest_text import Section, split_for_embeds
from bot.core.schedule import (
    DigestWindow,
    ScheduleError,
    parse_hhmm,
    parse_timezone,
    suggest_timezones,
    upcoming_digest,
)
from bot.core.store.base import DigestConfig
from bot.ui.limits import CHOICES, CONTENT, TITLE, escape, fit_embed, truncate
from cogs.checks import manage_server
from cogs.typed import hybrid_group, subcommand

log = logging.getLogger(__name__)

Context = commands.Context[WhosaidBot]

DIGEST_COLOUR = discord.Colour.dark_gold()
_CONT = " (cont.)"


def stamp(moment: datetime, style: str = "F") -> str:
    """A Discord timestamp: every reader sees it in their own time zone."""
    return f"<t:{int(moment.timestamp())}:{style}>"


def digest_embeds(digest: Digest) -> list[discord.Embed]:
    """The digest as embeds (one per message), escaped and within Discord's limits."""
    title = truncate(escape(digest.title), TITLE - len(_CONT))
    summary = escape(digest.summary)
    sections = [Section(escape(s.name), escape(s.value), s.url) for s in digest.to_sections()]
    groups = split_for_embeds(sections, reserved=len(title) + len(_CONT) + len(summary))
    embeds: list[discord.Embed] = []
    for i, group in enumerate(groups or [[]]):
        embed = discord.Embed(
            title=title if i == 0 else title + _CONT,
            description=summary if i == 0 else None,
            colour=DIGEST_COLOUR,
        )
        for field in group:
            embed.add_field(name=field.name, value=field.value, inline=False)
        embeds.append(fit_embed(embed))
    return embeds


def _channel(bot: WhosaidBot, guild_id: int | None, channel_id: int) -> discord.abc.Messageable:
    channel = bot.get_channel(channel_id)
    if isinstance(channel, discord.abc.Messageable):
        return channel
    # Not cached (or not a text channel): let Discord say whether it exists.
    return bot.get_partial_messageable(channel_id, guild_id=guild_id)


async def post_to_channel(
    bot: WhosaidBot,
    guild_id: int | None,
    channel_id: int,
    *,
    text: str | None = None,
    embeds: Sequence[discord.Embed] = (),
    what: str = "post",
) -> bool:
    """Post text (already escaped) or embeds, one per message, with no pings; False when
    Discord refused (deleted channel, missing permission): logged, never raised."""
    channel = _channel(bot, guild_id, channel_id)
    try:
        if text is not None:
            await channel.send(truncate(text, CONTENT), allowed_mentions=NONE, suppress_embeds=True)
        for embed in embeds:
            await channel.send(embed=embed, allowed_mentions=NONE)
    except discord.Forbidden:
        log.warning(
            "%s: no permission to post in channel %s (guild %s)", what, channel_id, guild_id
        )
        return False
    except discord.NotFound:
        log.warning("%s: channel %s of guild %s no longer exists", what, channel_id, guild_id)
        return False
    except discord.HTTPException as exc:
        log.warning("%s: posting in channel %s failed: %s", what, channel_id, exc)
        return False
    return True


def describe_window(window: DigestWindow, now: datetime) -> str:
    """``Next digest: <when>, with the quotes added since <since>.`` The same window the
    scheduler posts and ``digest preview`` shows (``upcoming_digest``)."""
    if window.post_at <= now:
        return (
            "Next digest: now (within a minute), with the quotes added from "
            f"{stamp(window.since, 'f')} to {stamp(window.until, 't')}."
        )
    return (
        f"Next digest: {stamp(window.post_at)} ({stamp(window.post_at, 'R')}), "
        f"with the quotes added since {stamp(window.since, 'f')}."
    )


def describe_config(config: DigestConfig, now: datetime, catchup: timedelta) -> str:
    """Where and when, and which digest comes next covering what, for replies and
    ``digest``. A digest due right now (the bot was down at its time) reads "now"."""
    channel = f"<#{config.channel_id}>"
    where = f"{channel} at {config.time_hhmm} ({config.timezone})"
    if not config.enabled:
        return f"The daily digest is **off** (was {where})."
    lines = [f"Daily digest: {where}."]
    try:
        lines.append(describe_window(upcoming_digest(config, now, catchup), now))
    except ScheduleError as exc:
        lines.append(f"The stored schedule cannot be used: {exc}")
    return "\n".join(lines)


class DigestCog(commands.Cog, name="Digest"):
    """Schedule, preview and post the daily digest."""

    def __init__(self, bot: WhosaidBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        if self.bot.start_loops:
            self.loop.start()

    async def cog_unload(self) -> None:
        self.loop.cancel()

    # -- the scheduler -----------------------------------------------------------------------
    @tasks.loop(minutes=1)
    async def loop(self) -> None:
        """Wake every minute; never let one bad tick end the loop."""
        try:
            await self.tick(self.bot.now())
        except Exception:
            log.exception("digest tick failed")

    @loop.before_loop
    async def _before(self) -> None:
        await self.bot.wait_until_ready()

    @property
    def catchup(self) -> timedelta:
        return timedelta(minutes=self.bot.settings.digest_catchup_minutes)

    def scope_name(self, guild_id: int) -> str:
        guild = self.bot.get_guild(guild_id)
        return guild.name if guild is not None else "this server"

    async def tick(self, now: datetime) -> list[DigestPost]:
        """Claim and post every digest due at ``now`` on this process's shards."""
        count, ids = self.bot.own_shards
        settings = self.bot.settings
        due = await claim_due_digests(
            self.bot.store,
            now,
            catchup=self.catchup,
            quiet_day=settings.digest_quiet_day,
            shard_count=count,
            shard_ids=ids,
            scope_name=self.scope_name,
        )
        for config, error in due.errors:
            log.warning("digest of guild %s: %s", config.guild_id, error)
        for post in due.posts:
            await self.send_post(post)
        return list(due.posts)

    async def send_post(self, post: DigestPost) -> bool:
        """Send one claimed digest; a missing channel or permission is logged, not raised."""
        config = post.config
        if post.is_quiet:
            if post.quiet_text is None:
                return True
            return await self.send(config.guild_id, config.channel_id, text=escape(post.quiet_text))
        return await self.send(
            config.guild_id, config.channel_id, embeds=digest_embeds(post.digest)
        )

    async def send(
        self,
        guild_id: int,
        channel_id: int,
        *,
        text: str | None = None,
        embeds: Sequence[discord.Embed] = (),
    ) -> bool:
        """Post to a channel (see :func:`post_to_channel`)."""
        return await post_to_channel(
            self.bot, guild_id, channel_id, text=text, embeds=embeds, what="digest"
        )

    # -- commands ----------------------------------------------------------------------------
    @hybrid_group(
        name="digest",
        description="The daily digest of new quotes: see its schedule.",
        fallback="status",
        invoke_without_command=True,
    )
    @commands.guild_only()
    @manage_server()
    @app_commands.default_permissions(manage_guild=True)
    async def digest(self, ctx: Context) -> None:
        """Show where and when the digest is posted."""
        assert ctx.guild is not None
        config = await self.bot.store.get_digest(ctx.guild.id)
        if config is None:
            text = (
                "No daily digest here yet. Set one up with "
                f"`{self.bot.prefix}digest set #channel 08:30 Europe/Paris`."
            )
        else:
            text = describe_config(config, self.bot.now(), self.catchup)
        await ctx.send(text, allowed_mentions=NONE)

    @subcommand(
        digest,
        name="set",
        description="Post the daily digest in a channel at a local time.",
        usage="<#channel> <HH:MM> [time zone]",
    )
    @commands.guild_only()
    @manage_server()
    @app_commands.describe(
        channel="Where to post the digest",
        time="Local time, 24-hour HH:MM, e.g. 08:30",
        timezone="IANA time zone, e.g. Europe/Paris (default UTC)",
    )
    async def digest_set(
        self, ctx: Context, channel: discord.TextChannel, time: str, timezone: str = "UTC"
    ) -> None:
        """Validate the time and zone, store them, and say when the next digest comes."""
        assert ctx.guild is not None
        try:
            at = parse_hhmm(time)
            zone = parse_timezone(timezone)
        except ScheduleError as exc:
            raise UserError(escape(str(exc))) from exc
        config = await self.bot.store.set_digest(
            ctx.guild.id, channel.id, at.strftime("%H:%M"), zone.key, enabled=True
        )
        now = self.bot.now()
        config = await start_schedule(self.bot.store, config, now, self.catchup)
        text = describe_config(config, now, self.catchup)
        me = ctx.guild.me
        if me is not None:
            perms = channel.permissions_for(me)
            if not (perms.send_messages and perms.embed_links):
                text += (
                    f"\n⚠ I cannot post embeds in {channel.mention} yet: give me Send "
                    "Messages and Embed Links there."
                )
        await ctx.send(text, allowed_mentions=NONE)

    @digest_set.autocomplete("timezone")
    async def timezone_choices(
        self, interaction: discord.Interaction[WhosaidBot], current: str
    ) -> list[app_commands.Choice[str]]:
        """IANA zones matching what was typed ("berlin", "new york"), at most 25."""
        return [
            app_commands.Choice(name=zone, value=zone)
            for zone in suggest_timezones(current, CHOICES)
        ]

    @subcommand(digest, name="off", description="Stop posting the daily digest.")
    @commands.guild_only()
    @manage_server()
    async def digest_off(self, ctx: Context) -> None:
        """Disable the digest (its settings are kept for ``digest set``)."""
        assert ctx.guild is not None
        config = await self.bot.store.get_digest(ctx.guild.id)
        if config is None or not config.enabled:
            await ctx.send("The daily digest is already off here.", allowed_mentions=NONE)
            return
        await self.bot.store.set_digest(
            config.guild_id, config.channel_id, config.time_hhmm, config.timezone, enabled=False
        )
        await ctx.send("The daily digest is now off.", allowed_mentions=NONE)

    async def _compose_now(self, ctx: Context) -> tuple[DigestConfig | None, Digest]:
        assert ctx.guild is not None
        config = await self.bot.store.get_digest(ctx.guild.id)
        now = self.bot.now()
        since, until = preview_period(config, now, self.catchup)
        digest = await compose_period(
            self.bot.store,
            ctx.guild.id,
            since=since,
            until=until,
            scope_name=ctx.guild.name,
            timezone=config.timezone if config else None,
        )
        return config, digest

    @subcommand(
        digest,
        name="preview",
        description="Show (only to you) what the next digest holds so far.",
    )
    @commands.guild_only()
    @manage_server()
    async def digest_preview(self, ctx: Context) -> None:
        """Compose the current period without claiming or posting anything, and show it to the
        invoker alone: an ephemeral reply to the slash command, a direct message for the
        prefix form (a prefix command has no private reply)."""
        await ctx.defer(ephemeral=True)
        _config, digest = await self._compose_now(ctx)
        window = f"since {stamp(digest.since)}"
        if digest.until <= self.bot.now():  # a digest due now covers up to its own time
            window = f"from {stamp(digest.since)} to {stamp(digest.until)}"
        if digest.is_empty:
            text, embeds = f"No new quotes {window}.", []
        else:
            text = f"Preview of the next digest: the quotes added {window}."
            embeds = digest_embeds(digest)
        if ctx.interaction is not None:
            await ctx.send(text, ephemeral=True, allowed_mentions=NONE)
            for embed in embeds:
                await ctx.send(embed=embed, ephemeral=True, allowed_mentions=NONE)
            return
        try:
            await ctx.author.send(text, allowed_mentions=NONE)
            for embed in embeds:
                await ctx.author.send(embed=embed, allowed_mentions=NONE)
        except discord.Forbidden:
            await ctx.reply(
                "I cannot send you a direct message (your DMs are closed to me), and a preview "
                "is for your eyes only: allow DMs from this server, or use `/digest preview`.",
                allowed_mentions=NONE,
            )
            return
        await ctx.reply("Sent you the preview in a direct message.", allowed_mentions=NONE)

    @subcommand(
        digest,
        name="now",
        description="Post the quotes so far in the digest channel (an extra post).",
    )
    @commands.guild_only()
    @manage_server()
    async def digest_now(self, ctx: Context) -> None:
        """An extra digest now; the scheduled one still comes (see the module doc)."""
        assert ctx.guild is not None
        await ctx.defer()
        config, digest = await self._compose_now(ctx)
        if digest.is_empty:
            await ctx.send(
                f"No new quotes since {stamp(digest.since)}: nothing to post.",
                allowed_mentions=NONE,
            )
            return
        channel_id = config.channel_id if config and config.enabled else ctx.channel.id
        ok = await self.send(ctx.guild.id, channel_id, embeds=digest_embeds(digest))
        if not ok:
            raise UserError(f"I could not post in <#{channel_id}>: check my permissions there.")
        note = ""
        if config is not None and config.enabled:
            note = " The scheduled digest still comes at its usual time."
        await ctx.send(f"Posted the digest so far in <#{channel_id}>.{note}", allowed_mentions=NONE)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    if not isinstance(bot, WhosaidBot):
        raise TypeError("the digest cog needs a WhosaidBot")
    await bot.add_cog(DigestCog(bot))


__all__ = [
    "DigestCog",
    "describe_config",
    "digest_embeds",
    "post_to_channel",
    "setup",
    "stamp",
]

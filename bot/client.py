"""The Discord client: :class:`WhosaidBot` and :func:`run`, the bot's process entry point.

The bot is thin: cogs turn commands into ``bot.core`` store calls and render the answers
with ``bot.ui``. This module owns start-up (store, HTTP session, extensions), shutdown,
the per-server scope rule, flood control and the one place where command errors become
short messages for users.
"""

from __future__ import annotations

import asyncio
import contextlib
import difflib
import gc
import logging
import secrets
import signal
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.core.ingest.worker import configure_shared_worker
from bot.core.models import GLOBAL_SCOPE
from bot.core.store.base import Store, StoreError, open_store
from bot.settings import Settings, SettingsError
from bot.ui.limits import escape
from bot.ui.menus import AlternativesSelect, Menus
from bot.ui.render import error_embed
from bot.ui.views import DYNAMIC_ITEMS

if TYPE_CHECKING:
    from cogs.ingest import Ingester

log = logging.getLogger("whosaid.bot")

NONE = discord.AllowedMentions.none()

EXTENSIONS = (
    "cogs.quotes",
    "cogs.check",
    "cogs.ingest",
    "cogs.feeds",
    "cogs.digest",
    "cogs.admin",
    "cogs.data",
    "cogs.help",
)

#: Flood control: at most this many commands per user in this many seconds.
RATE = 5
PER = 10.0


def utcnow() -> datetime:
    """The wall clock, aware and in UTC (the default for the bot's loops)."""
    return datetime.now(UTC)


class UserError(commands.CommandError):
    """A mistake the user can fix; its message is shown to them as is."""


def scopes_for(guild_id: int | None) -> list[str]:
    """What a place may see: a server its own scope plus global; a DM only global."""
    return [str(guild_id), GLOBAL_SCOPE] if guild_id is not None else [GLOBAL_SCOPE]


def scope_of(guild_id: int | None) -> str:
    """Where things added from a place go: the server's own scope, or global from a DM."""
    return str(guild_id) if guild_id is not None else GLOBAL_SCOPE


def intents(message_content: bool = True) -> discord.Intents:
    """Only what the commands need. Message content is privileged (enable it in the portal);
    without it (``MESSAGE_CONTENT=false``) the bot answers slash commands and mentions only."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    wanted.message_content = message_content
    return wanted


class FloodGuard:
    """Per-user flood control on discord.py's :class:`~discord.ext.commands.CooldownMapping`:
    ``rate`` commands per ``per`` seconds (clock injectable), and one warning per window."""

    def __init__(
        self, rate: int = RATE, per: float = PER, clock: Callable[[], float] = time.monotonic
    ):
        self.rate = rate
        self.per = per
        self.clock = clock
        self._mapping: commands.CooldownMapping[int] = commands.CooldownMapping(
            commands.Cooldown(rate, per), lambda user_id: user_id
        )
        #: user id -> the end of the window they were already told about.
        self._warned: dict[int, float] = {}

    def hit(self, user_id: int) -> float | None:
        """Count one command; return seconds to wait when over the limit (not counted then)."""
        return self._mapping.update_rate_limit(user_id, self.clock())

    def first_warning(self, user_id: int, retry_after: float) -> bool:
        """Whether this refusal is the first of its window (later ones stay silent)."""
        now = self.clock()
        if self._warned.get(user_id, 0.0) > now:
            return False
        self._warned = {u: end for u, end in self._warned.items() if end > now}
        self._warned[user_id] = now + retry_after
        return True


class Throttled(commands.CommandOnCooldown):
    """Over the per-user limit; ``quiet`` when the user was already told in this window."""

    def __init__(self, guard: FloodGuard, retry_after: float, *, quiet: bool) -> None:
        cooldown = commands.Cooldown(guard.rate, guard.per)
        super().__init__(cooldown, retry_after, commands.BucketType.user)
        self.quiet = quiet


class ReplyContext(commands.Context["WhosaidBot"]):
    """A context whose prefix answers reply to the invoking message, without pinging.

    Busy channels stay threaded; the reply carries ``mention_author=False`` and the bot's
    empty ``allowed_mentions``. Interactions answer as before (they are already linked).
    """

    async def send(self, content: str | None = None, **kwargs: Any) -> Any:
        if self.interaction is None and "reference" not in kwargs:
            kwargs["reference"] = self.message.to_reference(fail_if_not_exists=False)
            kwargs.setdefault("mention_author", False)
        return await super().send(content, **kwargs)


def apply_endpoints(settings: Settings) -> None:
    """Point discord.py at another REST base and gateway (a local fake Discord in tests)."""
    if settings.discord_api_base:
        discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    if settings.discord_gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


# whosaid never joins voice: silence discord.py's start-up warnings about voice libraries.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


#: Seconds a thread may hold the interpreter lock while another waits for it (Python's
#: default is 0.005). A look-up gives the lock up at each SQLite call and waits to get it
#: back; during an index tail flush on the writer thread that wait was the whole default
#: interval each time: the worst look-up during an ingest of 2,000 articles went from 89,
#: 122 and 97 ms to 63, 71 and 54 ms (``bench/serve_bench.py``), burst latency unchanged.
SWITCH_INTERVAL = 0.001


def freeze_heap() -> int:
    """Move everything alive now into the collector's permanent generation; how many objects.

    Called once start-up is done: discord.py, our modules and the store's loaded index live
    as long as the process, yet every full collection would walk them again with the event
    loop stopped. Frozen, full collections walk only what serving creates (answers' views).
    The cost: a reference cycle among these objects that becomes garbage later is never
    freed; start-up builds few, and only once.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


class WhosaidBot(commands.AutoShardedBot):
    """The bot: store and HTTP session live as long as the bot, cogs are extensions.

    Auto-sharded: with ``SHARD_COUNT`` (and ``SHARD_IDS``) the process identifies as exactly
    those shards, so Discord sends it only their servers' events; without, it runs as many
    shards as Discord recommends.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        store: Store | None = None,
        ingester: Ingester | None = None,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = utcnow,
        start_loops: bool = True,
        identify_wait: float = 5.0,
        freeze_heap: bool = False,
        **options: Any,
    ) -> None:
        extra: dict[str, Any] = {}
        # No message cache: nothing here reads it (no edit, delete or reaction events;
        # interactions and context menus carry their message), and its 1,000 messages with
        # their authors and embeds were tens of thousands of objects that every full garbage
        # collection walks with the event loop stopped.
        options.setdefault("max_messages", None)
        if settings.owner_ids:
            extra["owner_ids"] = set(settings.owner_ids)
        if settings.shard_count:
            extra["shard_count"] = settings.shard_count
            if settings.shard_ids:
                extra["shard_ids"] = list(settings.shard_ids)
        super().__init__(
            command_prefix=commands.when_mentioned_or(settings.command_prefix),
            intents=intents(settings.message_content),
            help_command=None,
            case_insensitive=True,
            strip_after_prefix=True,
            allowed_mentions=NONE,
            **extra,
            **options,
        )
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self.ingester = ingester
        self.session: aiohttp.ClientSession | None = None
        self.flood = FloodGuard(clock=clock)
        #: The live "Other matches…" menus under answers (greyed out when they expire).
        self.menus = Menus()
        #: In the custom ids of in-memory controls: after a restart they read as expired.
        self.boot_id = secrets.token_hex(4)
        #: The aware UTC clock the feed and digest loops read (tests move a fake one).
        self.now = now
        #: Whether cogs start their background loops (tests call ``tick`` themselves).
        self.start_loops = start_loops
        #: Seconds between two shards' IDENTIFY (Discord's limit; the tests' fake has none).
        self.identify_wait = identify_wait
        #: Whether ``setup_hook`` freezes what start-up built (see :func:`freeze_heap`); the
        #: process entry point sets it, tests that start many bots in one process do not.
        self.freeze_heap = freeze_heap
        self.add_check(self._flood_check)
        self.tree.error(self._on_app_command_error)

    @property
    def store(self) -> Store:
        """The store, open from ``setup_hook`` until ``close``."""
        if self._store is None:
            raise RuntimeError("the store is not open yet (setup_hook has not run)")
        return self._store

    @property
    def own_shards(self) -> tuple[int | None, tuple[int, ...]]:
        """(SHARD_COUNT, SHARD_IDS): the digest scheduler only handles servers on these
        shards; no count, or no ids, means every server."""
        return self.settings.shard_count, tuple(self.settings.shard_ids)

    @property
    def prefix(self) -> str:
        """The text prefix, for help and usage messages."""
        return self.settings.command_prefix

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Space the shards' IDENTIFYs as Discord requires (one per 5 s by default)."""
        if not initial and self.identify_wait > 0:
            await asyncio.sleep(self.identify_wait)

    async def setup_hook(self) -> None:
        self.session = aiohttp.ClientSession()
        configure_shared_worker(
            budget=self.settings.extract_time_budget,
            max_quotes=self.settings.max_quotes_per_article,
        )
        if self._store is None:
            self._store = await open_store(
                self.settings.database_url, cluster_window_days=self.settings.cluster_window_days
            )
        # Page buttons, "Why?" buttons, answer menus and expired controls.
        self.add_dynamic_items(*DYNAMIC_ITEMS, AlternativesSelect)
        for name in EXTENSIONS:
            await self.load_extension(name)
        log.info("loaded %d extensions", len(EXTENSIONS))
        if self.freeze_heap:
            freeze_heap()

    async def close(self) -> None:
        try:
            await self.menus.close()
            await super().close()
        finally:
            if self.session is not None and not self.session.closed:
                await self.session.close()
            if self._store is not None and self._owns_store:
                await self._store.close()

    async def on_ready(self) -> None:
        user = self.user
        log.info(
            "ready as %s (%s) in %d server(s)",
            user,
            user.id if user else "?",
            len(self.guilds),
        )

    async def get_context(
        self, origin: discord.Message | discord.Interaction[Any], /, *, cls: Any = ReplyContext
    ) -> Any:
        """Contexts are :class:`ReplyContext`: prefix answers reply to the command."""
        return await super().get_context(origin, cls=cls)

    async def _flood_check(self, ctx: commands.Context[Any]) -> bool:
        retry = self.flood.hit(ctx.author.id)
        if retry is not None:
            # Interactions must be answered (privately); messages get one warning per window.
            quiet = ctx.interaction is None and not self.flood.first_warning(ctx.author.id, retry)
            raise Throttled(self.flood, retry, quiet=quiet)
        return True

    # -- errors ------------------------------------------------------------------------------
    def _usage(self, ctx: commands.Context[Any]) -> str:
        command = ctx.command
        if command is None:
            return ""
        if ctx.interaction is not None:
            return f"/{command.qualified_name} {command.signature}".strip()
        return f"{self.prefix}{command.qualified_name} {command.signature}".strip()

    def explain(self, ctx: commands.Context[Any], error: Exception) -> str | None:
        """A short explanation for a user error, or None when it is a bug."""
        if isinstance(error, commands.HybridCommandError):
            error = error.original
        if isinstance(error, UserError):
            return str(error)
        if isinstance(error, commands.MissingRequiredArgument | commands.MissingRequiredAttachment):
            return f"Missing `{error.param.name}`. Usage: `{self._usage(ctx)}`"
        if isinstance(error, commands.TooManyArguments):
            return f"Too many arguments. Usage: `{self._usage(ctx)}`"
        if isinstance(error, commands.UserInputError):
            return f"{escape(str(error))} Usage: `{self._usage(ctx)}`"
        if isinstance(error, commands.MissingPermissions | app_commands.MissingPermissions):
            perms = ", ".join(
                p.replace("_", " ").replace("guild", "server").title()
                for p in error.missing_permissions
            )
            name = ctx.command.qualified_name if ctx.command else "this command"
            return f"You need the {perms} permission to use `{name}`."
        if isinstance(error, commands.NoPrivateMessage):
            return "This command only works in a server, not in direct messages."
        if isinstance(error, commands.NotOwner):
            return "Only the bot's owner can use this command."
        if isinstance(error, commands.CommandOnCooldown):
            return f"Slow down a little — try again in {max(error.retry_after, 0.1):.1f} s."
        if isinstance(error, commands.CheckFailure | app_commands.CheckFailure):
            return "You can't use this command here."
        return None

    async def on_command_error(
        self, ctx: commands.Context[Any], error: commands.CommandError, /
    ) -> None:
        if isinstance(error, commands.CommandNotFound):
            await self._unknown_command(ctx)
            return
        if isinstance(error, Throttled) and error.quiet:
            return
        message = self.explain(ctx, error)
        if message is None:
            original = getattr(error, "original", error)
            log.error(
                "command %r failed (user=%s guild=%s channel=%s input=%r)",
                ctx.command.qualified_name if ctx.command else None,
                ctx.author.id,
                ctx.guild.id if ctx.guild else None,
                ctx.channel.id if ctx.channel else None,
                ctx.message.content if ctx.interaction is None else ctx.interaction.data,
                exc_info=original,
            )
            message = "Sorry, something went wrong on my side. It has been logged."
        await self.reply_error(ctx, message)

    async def reply_error(self, ctx: commands.Context[Any], message: str) -> None:
        """Send an error explanation: private for interactions, a plain reply otherwise."""
        try:
            await ctx.send(embed=error_embed(message), ephemeral=True, allowed_mentions=NONE)
        except discord.HTTPException:
            log.warning("could not send an error message in channel %s", ctx.channel.id)

    async def _unknown_command(self, ctx: commands.Context[Any]) -> None:
        """Suggest a close command name; stay silent otherwise (other bots share prefixes)."""
        word = (ctx.invoked_with or "").lower()
        names = {c.name for c in self.commands} | {a for c in self.commands for a in c.aliases}
        close = difflib.get_close_matches(word, sorted(names), n=1, cutoff=0.75)
        if close:
            await self.reply_error(
                ctx, f"Unknown command `{word[:50]}`. Did you mean `{self.prefix}{close[0]}`?"
            )

    async def _on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, app_commands.CheckFailure):
            message = "You can't use this command here."
        else:
            log.error(
                "slash command failed (user=%s guild=%s data=%r)",
                interaction.user.id,
                interaction.guild_id,
                interaction.data,
                exc_info=getattr(error, "original", error),
            )
            message = "Sorry, something went wrong on my side. It has been logged."
        send = (
            interaction.followup.send
            if interaction.response.is_done()
            else interaction.response.send_message
        )
        try:
            await send(embed=error_embed(message), ephemeral=True, allowed_mentions=NONE)
        except discord.HTTPException:
            log.warning("could not report a slash command error")

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        log.exception("unhandled error in %s", event_method)


_HELP_TOKEN = (
    "Create an application at https://discord.com/developers/applications, add a bot, "
    "copy its token and set DISCORD_TOKEN in .env (or the environment)."
)


async def serve(settings: Settings, err: TextIO, **bot_options: Any) -> int:
    """Run the bot in the current event loop until it stops; the exit status.

    Start-up failures a user can fix (token, intents, database, network) become one line on
    ``err`` and status 1. ``bot_options`` go to :class:`WhosaidBot` (tests pass a store).
    """
    bot = WhosaidBot(settings, **bot_options)
    loop = asyncio.get_running_loop()
    stopping: list[asyncio.Task[None]] = []

    def stop(sig: signal.Signals) -> None:
        log.info("received %s, shutting down", sig.name)
        stopping.append(loop.create_task(bot.close()))

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Unix
            loop.add_signal_handler(sig, stop, sig)
    try:
        async with bot:
            await bot.start(settings.discord_token)
    except discord.LoginFailure:
        err.write(f"whosaid: Discord rejected the token. {_HELP_TOKEN}\n")
        return 1
    except discord.PrivilegedIntentsRequired:
        err.write(
            "whosaid: the Message Content intent is not enabled. Open your application in the "
            "Discord developer portal, Bot tab, and turn on MESSAGE CONTENT INTENT, or set "
            "MESSAGE_CONTENT=false to run with slash commands only.\n"
        )
        return 1
    except (StoreError, ImportError) as exc:
        err.write(f"whosaid: cannot open the database {settings.database_url!r}: {exc}\n")
        return 1
    except (aiohttp.ClientConnectorError, discord.GatewayNotFound) as exc:
        err.write(f"whosaid: cannot reach Discord ({exc}). Check the network and try again.\n")
        return 1
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        if stopping:
            await asyncio.gather(*stopping, return_exceptions=True)
    return 0


def run(settings: Settings, err: TextIO | None = None) -> int:
    """Run the bot until it is stopped; the process exit status (0 after a clean stop)."""
    err = err or sys.stderr
    logging.basicConfig(
        level=getattr(logging, settings.log_level, logging.INFO),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    if not settings.discord_token:
        err.write(f"whosaid: DISCORD_TOKEN is not set. {_HELP_TOKEN}\n")
        return 2
    err.write(f"whosaid: database {settings.database_location()}\n")
    if not settings.message_content:
        log.info("MESSAGE_CONTENT=false: slash commands and @mentions only, no prefix commands")
    apply_endpoints(settings)
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        return asyncio.run(serve(settings, err, freeze_heap=True))
    except KeyboardInterrupt:
        return 0


def main(argv: Iterable[str] | None = None) -> int:
    """``python -m bot``: load settings and run."""
    del argv
    try:
        settings = Settings.load()
    except SettingsError as exc:
        sys.stderr.write(f"whosaid: {exc}\n")
        return 2
    return run(settings)

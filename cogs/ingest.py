"""``ingest``: server managers add an article by URL or as an attached .txt/.html file.

Articles go into the server's own scope. The work itself belongs to
``bot.core.ingest.pipeline``; :class:`PipelineIngester` adapts it, with a tiny fallback for
text files while that module is not available.
"""

from __future__ import annotations

import html
import importlib
import logging
import re
from pathlib import PurePath
from types import ModuleType
from typing import Any, Protocol

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NONE, UserError, WhosaidBot, scope_of
from bot.core.extract import extract_quotes
from bot.core.ingest.errors import IngestError
from bot.core.ingest.files import decode_text
from bot.core.models import ArticleInput
from bot.ui.limits import escape, truncate
from bot.ui.render import IngestSummary, error_embed, ingest_embed
from cogs.checks import manage_server
from cogs.typed import hybrid_command

log = logging.getLogger(__name__)

Context = commands.Context[WhosaidBot]

FILE_TYPES = {".txt", ".text", ".md", ".html", ".htm"}


class Ingester(Protocol):
    """What the cog needs from ingestion; tests may inject their own."""

    async def ingest_url(self, url: str, *, scope: str) -> IngestSummary:
        """Fetch, extract and store the article at ``url``."""

    async def ingest_upload(self, data: bytes, *, scope: str, filename: str) -> IngestSummary:
        """Read, extract and store an uploaded .txt/.html article."""


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def summarize(result: Any) -> IngestSummary:
    """The pipeline's ItemResult as the cog shows it, with the notes the CLI prints."""
    remarks = getattr(result, "remarks", None)
    return IngestSummary(
        source=str(getattr(result, "source", "")),
        status=str(getattr(result, "status", "failed")),
        title=getattr(result, "title", None),
        quotes=int(getattr(result, "quotes", 0) or 0),
        error=getattr(result, "error", None),
        notes=tuple(str(note) for note in remarks()) if callable(remarks) else (),
    )


_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


class PipelineIngester:
    """Calls ``bot.core.ingest.pipeline`` (SSRF-guarded fetcher, HTML reader); until that
    module is on main, URLs are refused and uploads are stored by a tiny local reader."""

    def __init__(self, bot: WhosaidBot) -> None:
        self.bot = bot

    async def ingest_url(self, url: str, *, scope: str) -> IngestSummary:
        pipeline = _module("bot.core.ingest.pipeline")
        fetch = _module("bot.core.ingest.fetch")
        if pipeline is None or fetch is None:
            return IngestSummary(
                url, "failed", None, 0, "Adding articles by URL is not available in this build."
            )
        async with fetch.Fetcher(self.bot.settings) as fetcher:
            result = await pipeline.ingest_url(
                url, scope=scope, store=self.bot.store, fetcher=fetcher
            )
        return summarize(result)

    async def ingest_upload(self, data: bytes, *, scope: str, filename: str) -> IngestSummary:
        pipeline = _module("bot.core.ingest.pipeline")
        if pipeline is not None and hasattr(pipeline, "ingest_upload"):
            result = await pipeline.ingest_upload(
                data,
                filename=filename,
                scope=scope,
                store=self.bot.store,
                settings=self.bot.settings,
            )
            return summarize(result)
        return await self._fallback(data, scope=scope, filename=filename)

    async def _fallback(self, data: bytes, *, scope: str, filename: str) -> IngestSummary:
        try:
            text = decode_text(data)  # a stray byte in UTF-8 text is replaced, not refused
        except IngestError as exc:
            return IngestSummary(filename, "failed", None, 0, f"That file is a {exc.reason}.")
        title: str | None = None
        if PurePath(filename).suffix.lower() in {".html", ".htm"}:
            found = _TITLE.search(text)
            title = html.unescape(found.group(1)).strip() if found else None
            text = html.unescape(_TAG.sub(" ", text))
        title = title or PurePath(filename).stem
        quotes = extract_quotes(text, title=title)
        saved = await self.bot.store.save_article(
            ArticleInput(text=text, title=title), quotes, scope
        )
        return IngestSummary(filename, saved.status, title, saved.quotes)


def clean_url(raw: str) -> str:
    """A URL as pasted, without the <> people add to suppress Discord's preview."""
    return raw.strip().strip("<>").strip()


class Ingest(commands.Cog):
    """Add articles to this server's collection."""

    def __init__(self, bot: WhosaidBot, ingester: Ingester) -> None:
        self.bot = bot
        self.ingester = ingester

    @hybrid_command(
        name="ingest",
        description="Add a news article (URL or .txt/.html file) to this server's collection.",
        usage="<url> | (attach a .txt or .html file)",
    )
    @commands.guild_only()
    @manage_server()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.describe(url="Link to the article", file="Or a .txt / .html file of it")
    async def ingest(
        self, ctx: Context, url: str | None = None, file: discord.Attachment | None = None
    ) -> None:
        """Fetch or read the article, extract its quotes, store them; show progress."""
        if file is None and ctx.interaction is None and ctx.message.attachments:
            file = ctx.message.attachments[0]
        scope = scope_of(ctx.guild.id if ctx.guild else None)
        if file is not None:
            data, filename = await self._read(file)
            await ctx.defer()
            progress = await ctx.send(
                f"Reading **{escape(truncate(filename, 200))}**…", allowed_mentions=NONE
            )
            job = self.ingester.ingest_upload(data, scope=scope, filename=filename)
        elif url:
            link = clean_url(url)
            if not re.match(r"^https?://\S+$", link, re.IGNORECASE):
                raise UserError("That does not look like a web link (http:// or https://).")
            await ctx.defer()
            progress = await ctx.send(
                f"Fetching {escape(truncate(link, 300))}…",
                allowed_mentions=NONE,
                suppress_embeds=True,
            )
            job = self.ingester.ingest_url(link, scope=scope)
        else:
            raise UserError(
                f"Give me a link (`{self.bot.prefix}ingest https://…`) or attach a .txt or "
                ".html file to the command."
            )
        try:
            summary = await job
        except Exception:
            log.exception("ingest failed (guild=%s user=%s)", scope, ctx.author.id)
            await progress.edit(
                content=None,
                embed=error_embed("Sorry, something went wrong while adding that article."),
                allowed_mentions=NONE,
            )
            return
        await progress.edit(content=None, embed=ingest_embed(summary), allowed_mentions=NONE)

    async def _read(self, file: discord.Attachment) -> tuple[bytes, str]:
        name = file.filename or "upload.txt"
        if PurePath(name).suffix.lower() not in FILE_TYPES:
            raise UserError("Attach a .txt or .html file (other types are not read).")
        if file.size > self.bot.settings.fetch_max_bytes:
            limit = self.bot.settings.fetch_max_bytes // 1024
            raise UserError(f"That file is too large; the limit is {limit} KiB.")
        try:
            raw = await file.read()
        except discord.HTTPException as exc:
            raise UserError("I could not download that file; try again.") from exc
        return raw, name


async def setup(bot: commands.Bot) -> None:
    """Extension entry point: an injected ingester (tests) or the pipeline adapter."""
    if not isinstance(bot, WhosaidBot):
        raise TypeError("the ingest cog needs a WhosaidBot")
    await bot.add_cog(Ingest(bot, bot.ingester or PipelineIngester(bot)))

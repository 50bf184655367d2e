"""The ``whosaid ingest`` sub-command; ``bot/cli.py`` wires it in.

    whosaid ingest PATH|URL... [--scope global|<guild id>]

Files, folders (recursively) and http(s) URLs of articles or feeds. A progress bar goes
to stderr when there are more than a few items and stderr is a terminal; the summary
goes to stdout. Exit status 0 when every item landed (or was already there), 1 when at
least one failed, 2 for a bad argument.
"""

from __future__ import annotations

import argparse
import asyncio
import re
from typing import Any, TextIO

from bot.core.ingest.pipeline import IngestSummary
from bot.core.ingest.sources import ingest_sources
from bot.core.models import GLOBAL_SCOPE
from bot.settings import Settings

PROGRESS_MIN_ITEMS = 5
_GUILD_ID = re.compile(r"^[0-9]{1,20}$")


def parse_scope(value: str) -> str:
    """``global`` or a Discord guild id (decimal); anything else is an argparse error."""
    text = value.strip().lower()
    if text == GLOBAL_SCOPE:
        return GLOBAL_SCOPE
    if _GUILD_ID.match(text) and int(text) > 0:
        return str(int(text))
    raise argparse.ArgumentTypeError(
        f"scope must be 'global' or a server (guild) id made of digits, got {value!r}"
    )


def add_ingest_parser(sub: Any) -> None:
    """Add ``ingest`` to the sub-command parsers of the main CLI."""
    p = sub.add_parser(
        "ingest",
        help="add articles from files, folders, URLs or feeds",
        description=(
            "Add news articles to the quote index: text or HTML files, folders of them "
            "(recursively), article URLs and RSS/Atom feed URLs (each new entry is fetched)."
        ),
    )
    p.add_argument("sources", nargs="+", metavar="PATH|URL")
    p.add_argument(
        "--scope",
        type=parse_scope,
        default=GLOBAL_SCOPE,
        help="'global' (default: every server sees it) or one server's guild id",
    )
    p.set_defaults(func=cmd_ingest)


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The sync entry ``bot/cli.py`` calls (``args.settings`` set by the main CLI)."""
    settings = getattr(args, "settings", None) or Settings.load()
    return asyncio.run(run_ingest(args, settings, out, err))


class ProgressBar:
    """A one-line bar redrawn in place on a terminal."""

    def __init__(self, out: TextIO, width: int = 30) -> None:
        self._out = out
        self._width = width
        self._drawn = False

    def __call__(self, done: int, total: int, label: str) -> None:
        total = max(total, done, 1)
        filled = self._width * done // total
        bar = "#" * filled + "-" * (self._width - filled)
        label = " ".join(label.split())
        label = label if len(label) <= 40 else label[:39] + "…"
        self._out.write(f"\r[{bar}] {done}/{total} {label:40}")
        self._out.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            self._out.write("\n")
            self._out.flush()


async def run_ingest(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    """Run ``whosaid ingest``: open the store, ingest, print the summary."""
    from bot.core.store.base import StoreError, open_store

    try:
        store = await open_store(
            settings.database_url, cluster_window_days=settings.cluster_window_days
        )
    except (StoreError, OSError) as exc:
        err.write(f"whosaid: cannot open the database: {exc}\n")
        return 1
    bar: ProgressBar | None = None
    try:
        # Feeds and folders can grow the count; decide on the bar by a cheap first guess.
        guess = len(args.sources)
        isatty = getattr(err, "isatty", None)
        if bool(isatty and isatty()):
            bar = ProgressBar(err)
        summary = await ingest_sources(
            args.sources,
            scope=args.scope,
            store=store,
            settings=settings,
            progress=_gated(bar, guess) if bar else None,
        )
    finally:
        if bar is not None:
            bar.finish()
        await store.close()
    return report(summary, out)


def _gated(bar: ProgressBar, guess: int) -> Any:
    def progress(done: int, total: int, label: str) -> None:
        if max(total, guess) > PROGRESS_MIN_ITEMS:
            bar(done, total, label)

    return progress


def report(summary: IngestSummary, out: TextIO) -> int:
    """Print the summary; the exit status says whether anything failed."""
    out.write(summary.format() + "\n")
    return 1 if summary.failed else 0


__all__ = ["ProgressBar", "add_ingest_parser", "cmd_ingest", "parse_scope", "report", "run_ingest"]

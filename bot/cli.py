"""The ``whosaid`` command line: the same core the bot uses, for operators and scripts."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.core.answer import format_result, listed
from bot.core.digest import compose_digest, quiet_note
from bot.core.extract import extract_quotes
from bot.core.ingest.cli import add_ingest_parser, parse_scope
from bot.core.ingest.files import FileError, decode_text_counted, replaced_note
from bot.core.ingest.worker import configure_shared_worker
from bot.core.models import GLOBAL_SCOPE, Quote, Span
from bot.core.provenance_text import cluster_summary, hit_json
from bot.core.store import Store, StoreError, open_store
from bot.settings import Settings, SettingsError


def _span(span: Span | None) -> dict[str, object] | None:
    return {"text": span.text, "start": span.start, "end": span.end} if span else None


def evidence_to_json(quote: Quote) -> dict[str, object]:
    """Why the quote names its speaker: mention, cue, resolution path, introduction."""
    ev = quote.evidence
    return {
        "mention": _span(quote.speaker_mention),
        "cue": _span(quote.cue),
        "method": ev.method if ev else "none",
        "form": ev.form if ev else "none",
        "path": ev.path if ev else "",
        "introduced": _span(ev.introduced) if ev else None,
    }


def quote_to_json(source: str, quote: Quote) -> dict[str, object]:
    """The ``extract --format jsonl`` record; other tools depend on these keys, so new ones
    (``evidence``) are only ever added."""
    mention = quote.speaker_mention
    cue = quote.cue
    return {
        "source": source,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_mention": (
            {"text": mention.text, "start": mention.start, "end": mention.end} if mention else None
        ),
        "title": quote.title,
        "cue": {"text": cue.text, "start": cue.start, "end": cue.end} if cue else None,
        "confidence": round(quote.confidence, 3),
        "evidence": evidence_to_json(quote),
    }


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _shown(q: Quote) -> str:
    """The quote column: in quotation marks, or reported speech as a paraphrase without."""
    if q.kind == "indirect":
        return f"(paraphrase) {_shorten(q.text, 70)}"
    return f"“{_shorten(q.text, 70)}”"


def _print_table(source: str, quotes: Sequence[Quote], out: TextIO) -> None:
    out.write(f"{source}: {len(quotes)} quote(s)\n")
    for q in quotes:
        who = q.speaker or "(unknown)"
        if q.title:
            who = f"{who} ({q.title})"
        out.write(f"  [{q.kind:8}] {q.confidence:.2f}  {_shorten(who, 40):40}  {_shown(q)}\n")


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the quotes of each file; a file that cannot be read is reported, the rest go on."""
    status = 0
    for name in args.files:
        replaced = 0
        try:
            raw = Path(name).read_bytes()
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:  # a few stray bytes are replaced; text that is not UTF-8 is read as cp1252
                text, replaced = decode_text_counted(raw)
            except FileError:
                err.write(f"whosaid: {name}: cannot read (not UTF-8 text)\n")
                status = 1
                continue
        except OSError as exc:
            err.write(f"whosaid: {name}: cannot read ({exc.strerror})\n")
            status = 1
            continue
        if replaced:
            err.write(f"whosaid: {name}: {replaced_note(replaced)}\n")
        quotes = extract_quotes(text)
        if args.format == "jsonl":
            for q in quotes:
                out.write(json.dumps(quote_to_json(name, q), ensure_ascii=False) + "\n")
        else:
            _print_table(name, quotes, out)
    return status


def visible_scopes(scope: str) -> list[str]:
    """What a look-up in ``scope`` may see: that scope plus the operator's global articles."""
    return [GLOBAL_SCOPE] if scope == GLOBAL_SCOPE else [scope, GLOBAL_SCOPE]


StoreCommand = Callable[[argparse.Namespace, Store, TextIO], Awaitable[int]]


def with_store(command: StoreCommand) -> Callable[[argparse.Namespace, TextIO, TextIO], int]:
    """Run an async command with the configured store opened, and closed whatever happens."""

    def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        async def main() -> int:
            store = await open_store(
                args.settings.database_url,
                cluster_window_days=args.settings.cluster_window_days,
            )
            try:
                return await command(args, store, out)
            finally:
                await store.close()

        return asyncio.run(main())

    return run


@with_store
async def cmd_who(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    """Answer "who said PHRASE" as the bot would."""
    phrase = " ".join(args.phrase).strip()
    result = await store.who_said(phrase, visible_scopes(args.scope), limit=args.limit)
    if args.format == "json":
        best, *others = result.hits or (None,)
        out.write(json.dumps(hit_json(best, [h for h in others if h]), ensure_ascii=False) + "\n")
    else:
        out.write(format_result(phrase, result, why=args.why) + "\n")
    return 0 if result.hits else 1


@with_store
async def cmd_quotes(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    """List a speaker's quotes, newest first, one page at a time."""
    speaker = " ".join(args.speaker)
    per_page = args.per_page
    name, page = await store.quotes_by(
        speaker, visible_scopes(args.scope), offset=(args.page - 1) * per_page, limit=per_page
    )
    if name is None or not page.items:
        out.write(f"No quotes from anyone called “{speaker}”.\n")
        return 1
    pages = max(1, -(-page.total // per_page))
    out.write(f"{name}: {page.total} quote(s), page {args.page} of {pages}\n")
    for n, q in enumerate(page.items, start=page.offset + 1):
        when = q.added_at.strftime("%Y-%m-%d")
        out.write(f"{n:4}. {listed(q)} ({when})\n")
        info = page.clusters.get(q.id)
        if info is not None:
            out.write(f"      {cluster_summary(info)}\n")
    return 0


@with_store
async def cmd_speakers(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    """The most quoted speakers in scope."""
    top = await store.top_speakers(visible_scopes(args.scope), limit=args.limit)
    if not top:
        out.write("No speakers yet: ingest some articles first (whosaid ingest PATH|URL).\n")
        return 1
    width = max(len(s.name) for s in top)
    for s in top:
        out.write(f"{s.name:{width}}  {s.count:5}\n")
    return 0


@with_store
async def cmd_stats(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    """How much the index holds in scope."""
    st = await store.stats(visible_scopes(args.scope))
    out.write(
        f"articles: {st.articles}\nquotes: {st.quotes}\nspeakers: {st.speakers}\n"
        f"feeds: {st.feeds}\n"
    )
    return 0


@with_store
async def cmd_check(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    """Check a claimed quotation: exact, trimmed, altered, misattributed or unknown."""
    from bot.core.check import check, claim_problem
    from bot.core.check_text import format_check

    claim = " ".join(args.phrase)
    problem = claim_problem(claim)
    if problem is not None:
        sys.stderr.write(f"whosaid: {problem}\n")
        return 2
    result = await check(store, claim, visible_scopes(args.scope))
    if args.format == "json":
        out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    else:
        out.write(format_check(result) + "\n")
    return 1 if result.verdict == "unknown" else 0


def since_arg(value: str) -> timedelta | datetime:
    """``24h``, ``90m``, ``2d`` (a span back from now) or an ISO date/time (UTC if no zone)."""
    text = value.strip().lower()
    units = {"m": "minutes", "h": "hours", "d": "days"}
    if text[:-1].isdigit() and text[-1:] in units:
        return timedelta(**{units[text[-1]]: int(text[:-1])})
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"--since takes 24h, 90m, 2d or an ISO date such as 2026-11-24T08:00, not {value!r}"
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@with_store
async def cmd_digest(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    """Print the digest a server would get now: quotes added to its scope since ``--since``."""
    until = datetime.now(UTC)
    since = until - args.since if isinstance(args.since, timedelta) else args.since
    hits = await store.quotes_added(visible_scopes(args.scope), since, until)
    digest = compose_digest(hits, scope_name=args.scope, since=since, until=until)
    if digest.is_empty:
        out.write(quiet_note(args.scope, until.date()) + "\n")
        return 0
    out.write("\n\n".join(digest.to_text(limit=args.width)) + "\n")
    return 0


def cmd_run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Start the Discord bot (imported late: the CLI look-ups must not need discord.py)."""
    from bot.client import run

    return run(args.settings)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; sub-commands are added by the modules that own them."""
    parser = argparse.ArgumentParser(
        prog="whosaid", description="Find who said a quote in news articles."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the quotes found in text files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=["table", "jsonl"], default="table")
    p.set_defaults(func=cmd_extract)

    add_ingest_parser(sub)

    p = sub.add_parser("who", help='answer who said a phrase, e.g. whosaid who "on the table"')
    p.add_argument("phrase", nargs="+")
    p.add_argument("--scope", type=parse_scope, default=GLOBAL_SCOPE)
    p.add_argument("--limit", type=int, default=5)
    p.add_argument(
        "--why",
        action="store_true",
        help="also show why this speaker: the quote's sentence, the mention, where the "
        "article named them, the path and the confidence",
    )
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="json: one object with the speaker, quote, article, first seen, counts, variants",
    )
    p.set_defaults(func=cmd_who)

    p = sub.add_parser("quotes", help="list what a speaker said, newest first")
    p.add_argument("speaker", nargs="+")
    p.add_argument("--scope", type=parse_scope, default=GLOBAL_SCOPE)
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--per-page", type=int, default=10)
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("speakers", help="the most quoted speakers")
    p.add_argument("--scope", type=parse_scope, default=GLOBAL_SCOPE)
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_speakers)

    p = sub.add_parser("stats", help="how many articles, quotes and speakers are indexed")
    p.add_argument("--scope", type=parse_scope, default=GLOBAL_SCOPE)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("digest", help="print the digest of recently added quotes")
    p.add_argument("--scope", type=parse_scope, default=GLOBAL_SCOPE)
    p.add_argument("--since", type=since_arg, default=timedelta(hours=24))
    p.add_argument("--width", type=int, default=2000, help="characters per message")
    p.set_defaults(func=cmd_digest)

    p = sub.add_parser(
        "check",
        help='check a claimed quotation, e.g. whosaid check "Ellison said we will not raise rates"',
    )
    p.add_argument("phrase", nargs="+")
    p.add_argument("--scope", type=parse_scope, default=GLOBAL_SCOPE)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("run", help="start the Discord bot")
    p.set_defaults(func=cmd_run)
    return parser


#: Commands that open no database (``run`` says where it is itself, as ``python -m bot``).
NO_DATABASE = frozenset({"extract", "run"})


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``whosaid`` console script."""
    args = build_parser().parse_args(argv)
    try:
        args.settings = Settings.load()
    except SettingsError as exc:
        sys.stderr.write(f"whosaid: {exc}\n")
        return 2
    configure_shared_worker(
        budget=args.settings.extract_time_budget,
        max_quotes=args.settings.max_quotes_per_article,
    )
    if args.command not in NO_DATABASE:
        # On stderr: stdout stays the command's answer (and valid JSON with --format).
        sys.stderr.write(f"whosaid: database {args.settings.database_location()}\n")
    try:
        result: int = args.func(args, sys.stdout, sys.stderr)
    except StoreError as exc:
        sys.stderr.write(f"whosaid: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    raise SystemExit(main())

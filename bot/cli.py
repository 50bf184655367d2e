"""The ``whosaid`` command line: the same core the bot uses, for operators and scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.core.extract import extract_quotes
from bot.core.models import Quote


def quote_to_json(source: str, quote: Quote) -> dict[str, object]:
    """The ``extract --format jsonl`` record; other tools depend on exactly these keys."""
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
    }


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_table(source: str, quotes: Sequence[Quote], out: TextIO) -> None:
    out.write(f"{source}: {len(quotes)} quote(s)\n")
    for q in quotes:
        who = q.speaker or "(unknown)"
        if q.title:
            who = f"{who} ({q.title})"
        out.write(
            f"  [{q.kind:8}] {q.confidence:.2f}  {_shorten(who, 40):40}  “{_shorten(q.text, 70)}”\n"
        )


def cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the quotes of each file; a file that cannot be read is reported, the rest go on."""
    status = 0
    for name in args.files:
        try:
            raw = Path(name).read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror
            err.write(f"whosaid: {name}: cannot read ({reason})\n")
            status = 1
            continue
        quotes = extract_quotes(text)
        if args.format == "jsonl":
            for q in quotes:
                out.write(json.dumps(quote_to_json(name, q), ensure_ascii=False) + "\n")
        else:
            _print_table(name, quotes, out)
    return status


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``whosaid`` console script."""
    args = build_parser().parse_args(argv)
    result: int = args.func(args, sys.stdout, sys.stderr)
    return result


if __name__ == "__main__":
    raise SystemExit(main())

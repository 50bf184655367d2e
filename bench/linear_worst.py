"""The longest any adversarial input just under the upload cap takes, parser by parser.

Usage: ``python bench/linear_worst.py [--mb 5] [--timeout 120] [--only NAME]``. Each case
runs in its own process, killed at ``--timeout`` (reported as ``> timeout``). The inputs are
those of ``tests/test_linear_time.py`` (long lines, long capitalised runs, one very long
word, deep nesting), grown to ``--mb`` megabytes (the upload cap, FETCH_MAX_BYTES, is 5 MiB).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _cases(size: int) -> dict[str, tuple[str, str]]:
    """name -> (parser, input)."""
    page = "<html><head><title>T</title></head><body>{}</body></html>"
    return {
        "file header, long second line": ("plain", _fill("word ", size, "Title\n")),
        "file header, '|' run": ("plain", _fill(" | ", size, "Title\n")),
        "name split, capitalised run": ("split", _fill("Word ", size)),
        "speaker key, initials": ("key", _fill("J. ", size)),
        "look-up, one long word": ("plan", _fill("a", size)),
        "indexing, one long word": ("index", _fill("a", size)),
        "extraction, capitalised run": ("extract", _fill("Word ", size)),
        "extraction, said + quote": ("extract", _fill('said "', size)),
        "extraction, nested quotes": ("extract", _fill("“‘", size)),
        "extraction, labels": ("extract", _fill("WORD: a\n", size)),
        "HTML, one long paragraph": ("html", page.format(_fill("Word said “a” ", size))),
        "HTML, unclosed tags": ("html", page.format(_fill("<p><b><i>word ", size))),
        "HTML, deep nesting": (
            "html",
            page.format("<div>" * (size // 11) + "x" + "</div>" * (size // 11)),
        ),
        "feed, nested items": (
            "feed",
            "<rss version='2.0'><channel>"
            + "<item>" * (size // 13)
            + "</item>" * (size // 13)
            + "</channel></rss>",
        ),
        "decode, cp1252": ("decode", _fill("caf\xe9 ", size)),
    }


def _parser(kind: str) -> Callable[[str], object]:
    if kind == "plain":
        from bot.core.ingest.files import parse_plain_text

        return parse_plain_text
    if kind == "split":
        from bot.core.extract.names import split_title

        return lambda text: split_title(text.split())
    if kind == "key":
        from bot.core.speakers import speaker_key

        return speaker_key
    if kind in {"plan", "index"}:
        from bot.core.search.index import WordIndex

        index = WordIndex()
        index.add_quote(1, "on the table")
        if kind == "plan":
            return index.plan
        return lambda text: WordIndex().add_quote(1, text)
    if kind == "extract":
        from bot.core.extract import extract_quotes

        return extract_quotes
    if kind == "html":
        from bot.core.ingest.html import extract_html

        return lambda text: _quiet(lambda: extract_html(text))
    if kind == "feed":
        from bot.core.ingest.feeds import parse_feed

        return lambda text: _quiet(lambda: parse_feed(text.encode()))
    from bot.core.ingest.files import decode_text

    return lambda text: decode_text(text.encode("latin-1"))


def _quiet(fn: Callable[[], object]) -> object:
    try:
        return fn()
    except Exception as exc:  # a refused page is an answer too
        return exc


def _run(kind: str, text: str, out: multiprocessing.queues.Queue[float]) -> None:
    parse = _parser(kind)
    t0 = time.perf_counter()
    parse(text)
    out.put(time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--only", default="")
    args = ap.parse_args(argv)
    size = int(args.mb * 1024 * 1024) - 64
    context = multiprocessing.get_context("spawn")
    worst = ("", 0.0)
    for name, (kind, text) in _cases(size).items():
        if args.only and args.only not in name:
            continue
        queue: multiprocessing.queues.Queue[float] = context.Queue()
        proc = context.Process(target=_run, args=(kind, text, queue))
        proc.start()
        proc.join(args.timeout)
        if proc.is_alive():
            proc.kill()
            proc.join()
            seconds, label = args.timeout, f"> {args.timeout:.0f} s (killed)"
        else:
            seconds = queue.get() if not queue.empty() else float("nan")
            label = f"{seconds:.2f} s"
        print(f"{name:32} {len(text.encode()) / 1e6:5.2f} MB  {label}", flush=True)
        if seconds > worst[1]:
            worst = (name, seconds)
    print(f"longest: {worst[0]} ({worst[1]:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

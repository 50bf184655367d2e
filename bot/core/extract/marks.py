"""Find quotation-mark spans in one pass over the text (linear time, no backtracking regex).

A quote opened and not closed inside its paragraph continues only when the next paragraph
opens with a quote mark (the multi-paragraph convention); otherwise it is dropped, and the
scan goes on, so a broken quote mark costs that quote and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = frozenset('"″')
# '' : two apostrophes, a newswire double quote. Spelled as literals, not a class: a pattern
# whose every branch opens with a literal lets the regex engine skip to candidate characters
_MARK_RE = re.compile("“|„|«|”|»|\"|″|''")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/:;,")


@dataclass(slots=True)
class QuoteSpan:
    """One quoted stretch inside a paragraph; ``start``/``end`` exclude the marks."""

    open_at: int  # index of the opening mark
    close_at: int  # index of the closing mark, or paragraph end when it runs on
    start: int
    end: int
    para: int
    runs_on: bool = False  # not closed: continues in the next paragraph
    continues: QuoteSpan | None = None  # the previous part of a multi-paragraph quote


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) with surrounding whitespace trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        a, b = pos, nl
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        pos = nl + 1
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[QuoteSpan]:
    """All quote spans in document order; parts of multi-paragraph quotes are linked."""
    spans: list[QuoteSpan] = []
    pending: QuoteSpan | None = None  # a quote left open at the end of the previous paragraph
    for pi, (pa, pb) in enumerate(paras):
        starts_with_quote = text[pa] in OPENERS or text[pa] in STRAIGHT or text.startswith("''", pa)
        carry = pending if starts_with_quote else None
        if pending is not None:
            if carry is not None:
                pending.runs_on = True
                spans.append(pending)
            pending = None
        open_at = -1
        open_first = -1  # where the opening mark begins ('' is two characters)
        straight_open = False  # the open quote began with a straight mark
        introduced = pi > 0 and text[paras[pi - 1][1] - 1] == ":"  # "Dr. Ward stated:"
        inner: list[QuoteSpan] = []  # curly quotes nested inside an open straight quote
        inner_at = -1
        for m in _MARK_RE.finditer(text, pa, pb):
            i = m.start()
            ch = text[i]
            if m.end() - i == 2:
                # '' counts as one straight mark whose last character is the mark's offset
                i += 1
                ch = '"'
            if open_at >= 0 and straight_open and (ch in OPENERS or inner_at >= 0):
                # "He said: "It is about “law and order” now."": curly marks inside a
                # straight-quoted passage quote someone within it; the passage goes on
                if ch in OPENERS:
                    inner_at = i
                    continue
                if ch in CLOSERS:
                    a, b = _trim(text, inner_at + 1, i)
                    if b > a:
                        inner.append(QuoteSpan(inner_at, i, a, b, pi))
                    inner_at = -1
                    continue
                inner_at = -1  # a straight mark: the inner quote was broken
            if ch in OPENERS:
                open_at = open_first = i  # a second opener restarts: the first one was broken
                straight_open = False
                inner = []
            elif ch in CLOSERS or ch in STRAIGHT:
                if open_at >= 0:
                    inner = []
                    a, b = _trim(text, open_at + 1, i - (m.end() - m.start() - 1))
                    if b > a:
                        span = QuoteSpan(open_at, i, a, b, pi)
                        if carry is not None and open_first == pa:
                            span.continues = carry
                        spans.append(span)
                    carry = carry if open_first != pa else None
                    open_at = -1
                elif ch in STRAIGHT:
                    first = m.start()
                    prev = text[first - 1] if first > pa else " "
                    nxt = text[i + 1] if i + 1 < pb else " "
                    if prev in _OPEN_BEFORE or (not prev.isalnum() and nxt.isalnum()):
                        open_at, open_first = i, first
                        # a straight mark opening a paragraph of its own is often an
                        # excerpt, whose curly quotes are the quotes; nest only inside a
                        # passage the text introduced (a colon, or a passage running on)
                        straight_open = first != pa or carry is not None or introduced
        if open_at >= 0 and inner:
            nxt_pa = paras[pi + 1][0] if pi + 1 < len(paras) else -1
            runs_on = nxt_pa >= 0 and (
                text[nxt_pa] in STRAIGHT or text[nxt_pa] in OPENERS or text.startswith("''", nxt_pa)
            )
            if not runs_on:
                # the straight mark opened nothing that runs on: keep the curly quotes
                spans.extend(inner)
                open_at = -1
        if open_at >= 0:
            a, b = _trim(text, open_at + 1, pb)
            if b > a:
                part = QuoteSpan(open_at, pb, a, b, pi)
                if carry is not None and open_first == pa:
                    part.continues = carry
                pending = part
    return spans

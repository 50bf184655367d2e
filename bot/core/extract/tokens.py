"""Tokens and sentences: the cheap, linear pre-processing every rule works on."""

from __future__ import annotations

import re
from bisect import bisect_right

from bot.core.extract.lexicon import ABBREVIATIONS
from bot.core.extract.marks import QuoteSpan

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., J.D.
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr|Adm|Sept?|Jan|Feb"
    r"|Aug|Oct|Nov|Dec)\.(?!\w)"
    r"|[A-Z]\.(?=[ \t]+[A-Z])"  # middle initial
    r"|\w+(?:[’'\-]\w+)*"
    r"|--(?!-)"  # the typed em dash of wire copy ("Obama -- who ...")
    r"|[^\w\s]"
)
# the same tokens, each with the whitespace before it: only whitespace lies between tokens
# (every other character starts one), so offsets follow from lengths and ``findall`` builds
# no match objects. The first branch is a fast path for the common word: a letter, then word
# characters taken whole (possessive), with no ".", apostrophe or hyphen after it -- exactly
# where the first branch of ``_TOKEN_RE`` to match would be ``\w+...``; it takes only ASCII
# word characters (a class test, where ``\w`` asks the Unicode tables for every character)
# and leaves a word with any other to the general branches, which read it the same; the
# second, for the commonest marks, which only ``[^\w\s]`` matches there (no other branch
# opens with one); the rest is unchanged
_SPACED_TOKEN_RE = re.compile(
    r"(\s*+)([A-Za-z][0-9A-Za-z_]*+(?![.’'\-\w])|[,.;:“”\"()]|" + _TOKEN_RE.pattern + ")"
)
# "[.!?][.!?]*", not "[.!?]+": a pattern opening with a plain class lets the regex engine skip
# to candidate characters (twice as fast). A match opens only at the first mark of a run
# (the look-behind) and never gives back what it took (``*+``; the classes that follow are
# disjoint, so the matches are the same): tried at every mark of a run with no blank after
# it, each try read to the run's end, and 8,000 full stops took 0.63 s, 4,000 0.16 s
_BOUNDARY_RE = re.compile(r"[.!?](?<![.!?].)[.!?]*+[\"”’')\]]*+[ \t\xa0]+")


_STARTERS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "the",
        "but",
        "and",
        "this",
        "that",
        "these",
        "there",
        "in",
        "on",
        "at",
        "a",
        "an",
        "his",
        "her",
        "their",
    ]
)


class Tok:
    """A word or punctuation mark with its offsets into the article text; set once by
    ``tokenize`` and never changed.

    A slots class, not a named tuple: the rules read ``tok.low`` and ``tok.text`` hundreds of
    times per sentence, and the interpreter specialises a slot's load while a named tuple's
    field goes through a generic descriptor lookup each time (3% of extraction's
    instructions). Equality is identity: a sentence is tokenised once (``ArticleContext``).
    """

    __slots__ = ("end", "low", "start", "text")
    text: str
    start: int
    end: int
    low: str  # the lowercased text, computed once: the rules compare it constantly

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    out = []
    while end > start and text[end - 1].isspace():
        end -= 1  # trailing blanks would fail every match in turn: quadratic
    pos = start
    for space, g in _SPACED_TOKEN_RE.findall(text, start, end):
        a = pos + len(space)
        pos = a + len(g)
        t = Tok()  # no ``__init__`` of its own: four slot stores are cheaper than one
        t.text = g
        t.start = a
        t.end = pos
        t.low = g.lower()
        out.append(t)
    if text.find("\u2015", start, end) >= 0:
        # the horizontal bar some outlets print as their em dash: one dash for every rule
        for t in out:
            if t.text == "\u2015":
                t.text = t.low = "—"
    return out


def sentences(
    text: str, paras: list[tuple[int, int]], quotes: list[QuoteSpan]
) -> list[tuple[int, int]]:
    """Sentence spans; never split inside a quote, never across paragraphs."""
    interiors = sorted((q.open_at, q.close_at) for q in quotes)
    opens = [a for a, _ in interiors]
    out: list[tuple[int, int]] = []
    for pa, pb in paras:
        s = pa
        for m in _BOUNDARY_RE.finditer(text, pa, pb):
            b = m.end()
            if b >= pb:
                break
            nxt = text[b]
            if not (nxt.isupper() or nxt.isdigit() or nxt in "“\"‘'("):
                continue
            k = bisect_right(opens, b) - 1
            if k >= 0 and interiors[k][0] < b <= interiors[k][1]:
                continue
            # the word before the period: an abbreviation or an initial does not end a sentence
            dot = m.start()
            if text[dot] == ".":
                w = dot
                while w > s and (text[w - 1].isalpha() or text[w - 1] == "."):
                    w -= 1
                word = text[w:dot].lower()
                if (
                    word in ABBREVIATIONS
                    or (len(word) == 1 and word.isalpha())
                    # "J.J. Goldberg", "U.S. Senate": letters and dots in turn, like initials
                    or (len(word) >= 3 and not word[1::2].strip(".") and word[0::2].isalpha())
                ):
                    nxt_word = text[b : b + 8].split(" ", 1)[0].lower()
                    if not ("." in word and nxt_word in _STARTERS):
                        continue
            out.append((s, m.start() + len(m.group().rstrip())))
            s = b
        out.append((s, pb))
    return out


class SentenceIndex:
    """Which sentence holds a given offset, in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [a for a, _ in spans]

    def index(self, pos: int) -> int:
        k = bisect_right(self._starts, pos) - 1
        return k if k > 0 else 0

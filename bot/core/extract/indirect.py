"""Stage: reported speech (no quotation marks) after a speech cue.

Contract: ``indirect(si)`` returns, for a sentence with a cue and no quote, each
``(speaker, cue span, content span)`` of "X said (that) ...", skipping noun uses of cue words
and cutting content longer than a bound at a word boundary; the driver records them as
``indirect`` quotes.

``indirect`` walks the sentence's tokens. At each token, in order:

1. "according to X" (``_according_to``): X speaks; the content is what follows when the
   phrase opens the sentence, what precedes it otherwise; skipped when a cue came before;
2. otherwise a speech or cognition verb that can be a cue here (``_verb_cue``) with a
   subject (``subject``) speaks what ``_reported_content`` finds: the clause after the
   verb ("X said (that) ...", past a hearer: "told reporters that"), the whole sentence
   the "X said" interrupts, or the clause before a closing "..., Smith said.".

Then ``_char_spans`` turns token spans into character spans, cutting a claim at a
trailing ", according to ..." and at a length bound.
"""

from __future__ import annotations

from bisect import bisect_left

from bot.core.extract.clauses import according_np
from bot.core.extract.cues import CUE_WORDS, NOUN_BEFORE, NOUN_CUES, is_cue
from bot.core.extract.floating import FloatingQuotes
from bot.core.extract.lexicon import (
    COGNITION_VERBS,
    HEARER_VERBS,
    SPEECH_VERBS,
    WEAK_CUES,
)
from bot.core.extract.phrases import Speaker, np_right
from bot.core.extract.resolve import resolve
from bot.core.extract.tokens import Tok

_MAX_INDIRECT = 600
# the words ``_verb_cue`` may accept
_CUE_VERBS = (SPEECH_VERBS | COGNITION_VERBS) - WEAK_CUES
# every word ``indirect`` acts on: its scan tests this one set per token first
_SCAN_WORDS = _CUE_VERBS | {"according"}
_OBJECT_WORDS = frozenset(
    {"him", "her", "them", "us", "me", "reporters", "supporters", "voters", "journalists", "you"}
)
# (speaker, cue span in characters, content span in tokens until _char_spans)
_Found = tuple[Speaker, tuple[int, int], tuple[int, int]]


def _content_end(toks: list[Tok]) -> int:
    """The sentence's end before its closing punctuation and quote marks."""
    end = len(toks)
    while end > 0 and toks[end - 1].text in {".", "!", "?", "”", '"'}:
        end -= 1
    return end


def _verb_cue(toks: list[Tok], c: int, out: list[_Found]) -> bool:
    """``toks[c]`` is a speech or cognition verb used as a cue: not a weak cue, not
    capitalised, not a noun ("the claim"), and a cognition verb not inside a claim already
    found."""
    low = toks[c].low
    if (low not in SPEECH_VERBS and low not in COGNITION_VERBS) or low in WEAK_CUES:
        return False
    if toks[c].text[0].isupper():
        return False
    if low in NOUN_CUES and (c == 0 or toks[c - 1].low in NOUN_BEFORE):
        return False
    # "warned that the cuts the trust wants ...": inside the outer claim
    return not (low not in SPEECH_VERBS and any(a <= c < b for _, _, (a, b) in out))


def _content_start(toks: list[Tok], c: int) -> int:
    """Where the clause after the cue verb at ``c`` starts: past a hearer ("told
    reporters", "told the committee") and a "that" within reach, and past commas."""
    n = len(toks)
    a = c + 1
    if toks[c].low in HEARER_VERBS:
        that = next((i for i in range(a, min(n, a + 7)) if toks[i].low == "that"), None)
        if that is not None:
            a = that
        elif a < n and toks[a].low in _OBJECT_WORDS:
            a += 1
        else:
            rng = np_right(toks, c)
            if rng is not None:
                a = rng[1]
    that = next((i for i in range(a, min(n, a + 11)) if toks[i].low == "that"), None)
    if that is not None and all(t.text not in {",", ";"} for t in toks[a:that]):
        a = that
    while a < n and toks[a].low in {"that", ","}:
        a += 1
    return a


def _reported_content(
    toks: list[Tok], c: int, sp: Speaker, end: int, starts: list[int]
) -> tuple[int, int] | None:
    """The token span ``sp`` reports with the verb at ``c``: the clause after it, the
    whole sentence an "X said" interrupts, or the clause before a closing "..., X said."."""
    a = _content_start(toks, c)
    if (
        end - a >= 3
        and toks[a].text[0].isalpha()
        and toks[a].low not in {"to", "of", "for", "about", "by", "on", "in", "with", "at"}
    ):
        return (a, end)
    b = bisect_left(starts, sp.mention[0])
    if (
        3 <= b < c
        and toks[b - 1].text == ","
        and c + 1 < end
        and toks[c + 1].text == ","
        and end - c >= 4
    ):
        # "The argument, Devine said, would be aided by the calendar."
        return (0, end)
    # "CLAUSE, Smith said."
    if c >= end - 3 and sp.mention[0] > toks[0].start:
        b = bisect_left(starts, sp.mention[0])
        while b > 0 and toks[b - 1].text in {",", "—"}:
            b -= 1
        if b >= 3:
            return (0, b)
    return None


def _char_spans(
    toks: list[Tok], out: list[_Found], starts: list[int]
) -> list[tuple[Speaker, tuple[int, int], tuple[int, int]]]:
    """Token content spans to character spans: a claim stops before a trailing ",
    according to ..." after its cue, and a long one is cut at a word boundary."""
    if not out:
        return []  # nothing found (most sentences): no scan for "according to"
    n = len(toks)
    acc_cut = next(
        (
            k
            for k in range(1, n - 1)
            if toks[k].low == "according" and toks[k + 1].low == "to" and toks[k - 1].text == ","
        ),
        n,
    )
    spans = []
    for sp, cue, (a, b) in out:
        if acc_cut < n and a < acc_cut - 1 < b and cue[0] < toks[acc_cut].start:
            b = acc_cut - 1  # "..., according to a filing" is not part of the claim
        if b <= a:
            continue
        ca, cb = toks[a].start, toks[b - 1].end
        if cb - ca > _MAX_INDIRECT:
            # long reported clauses are cut at a word boundary, keeping output linear
            k = bisect_left(starts, ca + _MAX_INDIRECT)
            cb = toks[max(a, k - 1)].end
        spans.append((sp, cue, (ca, cb)))
    return spans


class ReportedSpeech(FloatingQuotes):
    """Adds reported speech without quotation marks."""

    # -- indirect speech ----------------------------------------------------------------------

    def indirect(self, si: int) -> list[tuple[Speaker, tuple[int, int], tuple[int, int]]]:
        """Reported speech without quote marks: (speaker, cue span, content span), by the
        steps the module docstring lists."""
        toks = self.toks(si)
        n = len(toks)
        out: list[_Found] = []
        # the content's end and the tokens' offsets, made at the first possible cue: most
        # sentences have none
        end = -1
        starts: list[int] = []
        for c, t in enumerate(toks):
            if t.low not in _SCAN_WORDS:
                continue  # most tokens: one set test, not two reads and two tests
            if t.low == "according" and c + 1 < n and toks[c + 1].low == "to":
                if end < 0:
                    end, starts = _content_end(toks), [tk.start for tk in toks]
                found = self._according_to(toks, c, end)
                if found is not None:
                    out.append(found)
                continue
            if toks[c].low not in _CUE_VERBS or not _verb_cue(toks, c, out):
                continue  # the set test first: most tokens are no cue verb
            if end < 0:
                end, starts = _content_end(toks), [tk.start for tk in toks]
            said_by = self.subject(toks, c, 0, n)
            if said_by is None:
                continue
            content = _reported_content(toks, c, said_by, end, starts)
            if content is not None:
                out.append((said_by, (toks[c].start, toks[c].end), content))
        return _char_spans(toks, out, starts)

    def _according_to(self, toks: list[Tok], c: int, end: int) -> _Found | None:
        """ "according to X" at ``c``: X (resolved) speaks what follows the phrase when it
        opens the sentence, what precedes it otherwise; None when a cue came before it, when
        no source phrase follows, or when the content is under three tokens."""
        n = len(toks)
        if c > 1 and any(toks[k].low in CUE_WORDS and is_cue(toks, k) for k in range(c)):
            # "Pike said the campaign raised ..., according to a filing": Pike's
            # record already holds the claim; a second one would only repeat it
            return None
        rng = according_np(toks, c + 1, n)
        if rng is None:
            # "according to people close to the campaign", "according to exit polls"
            j = c + 2
            while (
                j < n
                and j - c < 14
                and (toks[j].text[0].isalnum() or toks[j].low in {"-", "’s", "'s"})
            ):
                j += 1
            if j - c < 3 or not toks[c + 2].text.isalpha():
                return None
            rng = (c + 2, j)
        sp = resolve(self.reg, toks, rng)
        if c == 0 or (c == 1 and toks[0].text in {"But", "And"}):
            a = rng[1]
            while a < end and toks[a].text == ",":
                a += 1
            content = (a, end)
        else:
            b = c
            while b > 0 and toks[b - 1].text == ",":
                b -= 1
            content = (0, b)
        if content[1] - content[0] >= 3:
            return (sp, (toks[c].start, toks[c + 1].end), content)
        return None

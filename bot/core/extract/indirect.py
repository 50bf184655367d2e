"""Stage: reported speech (no quotation marks) after a speech cue.

Contract: ``indirect(si)`` returns, for a sentence with a cue and no quote, each
``(speaker, cue span, content span)`` of "X said (that) ...", skipping noun uses of cue words
and content longer than a bound; the driver records them as ``indirect`` quotes.
"""

from __future__ import annotations

from bisect import bisect_left

from bot.core.extract.clauses import according_np
from bot.core.extract.cues import NOUN_BEFORE, NOUN_CUES, is_cue
from bot.core.extract.floating import FloatingQuotes
from bot.core.extract.lexicon import (
    COGNITION_VERBS,
    HEARER_VERBS,
    SPEECH_VERBS,
    WEAK_CUES,
)
from bot.core.extract.phrases import Speaker, np_right
from bot.core.extract.resolve import resolve

_MAX_INDIRECT = 600
_OBJECT_WORDS = frozenset(
    {"him", "her", "them", "us", "me", "reporters", "supporters", "voters", "journalists", "you"}
)


class ReportedSpeech(FloatingQuotes):
    """Adds reported speech without quotation marks."""

    # -- indirect speech ----------------------------------------------------------------------

    def indirect(self, si: int) -> list[tuple[Speaker, tuple[int, int], tuple[int, int]]]:
        """Reported speech without quote marks: (speaker, cue span, content span)."""
        toks = self.toks(si)
        n = len(toks)
        starts = [t.start for t in toks]
        out: list[tuple[Speaker, tuple[int, int], tuple[int, int]]] = []
        end = n
        while end > 0 and toks[end - 1].text in {".", "!", "?", "”", '"'}:
            end -= 1
        for c in range(n):
            low = toks[c].low
            if low == "according" and c + 1 < n and toks[c + 1].low == "to":
                if c > 1 and any(is_cue(toks, k) for k in range(c)):
                    # "Pike said the campaign raised ..., according to a filing": Pike's
                    # record already holds the claim; a second one would only repeat it
                    continue
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
                        continue
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
                    out.append((sp, (toks[c].start, toks[c + 1].end), content))
                continue
            if (low not in SPEECH_VERBS and low not in COGNITION_VERBS) or low in WEAK_CUES:
                continue
            if toks[c].text[0].isupper():
                continue
            if low in NOUN_CUES and (c == 0 or toks[c - 1].low in NOUN_BEFORE):
                continue
            if low not in SPEECH_VERBS and any(a <= c < b for _, _, (a, b) in out):
                continue  # "warned that the cuts the trust wants ...": inside the outer claim
            said_by = self.subject(toks, c, 0, n)
            if said_by is None:
                continue
            sp = said_by
            a = c + 1
            if low in HEARER_VERBS:
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
            if (
                end - a >= 3
                and toks[a].text[0].isalpha()
                and toks[a].low not in {"to", "of", "for", "about", "by", "on", "in", "with", "at"}
            ):
                out.append((sp, (toks[c].start, toks[c].end), (a, end)))
                continue
            b = bisect_left(starts, sp.mention[0])
            if (
                3 <= b < c
                and toks[b - 1].text == ","
                and c + 1 < end
                and toks[c + 1].text == ","
                and end - c >= 4
            ):
                # "The argument, Devine said, would be aided by the calendar."
                out.append((sp, (toks[c].start, toks[c].end), (0, end)))
                continue
            # "CLAUSE, Smith said."
            if c >= end - 3 and sp.mention[0] > toks[0].start:
                b = bisect_left(starts, sp.mention[0])
                while b > 0 and toks[b - 1].text in {",", "—"}:
                    b -= 1
                if b >= 3:
                    out.append((sp, (toks[c].start, toks[c].end), (0, b)))
        acc_cut = next(
            (
                k
                for k in range(1, n - 1)
                if toks[k].low == "according"
                and toks[k + 1].low == "to"
                and toks[k - 1].text == ","
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

"""Stage: quotes with no cue in their own sentence inherit a speaker.

Contract: ``from_neighbours(d, last)`` gives a cue-less quote the speaker of a colon lead-in,
a tag in the next sentence, a bare tag sentence before it, or the previous attributed quote
when the context did not change (a floating quote); ``last_resort`` takes the clause subject
around the quote. Each sets ``d.how`` to the path it took, used by evidence and confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from bot.core.extract.attribution import SentenceAttribution
from bot.core.extract.clauses import QUOTE_TOKS, TAG_PREPS
from bot.core.extract.context import Draft
from bot.core.extract.cues import CUE_WORDS, is_cue
from bot.core.extract.lexicon import (
    WEAK_CUES,
)
from bot.core.extract.tokens import Tok

# the last-resort subject guess only looks this many tokens into a sentence
_LAST_RESORT_TOKENS = 60
# a transcript inside quote marks: "“PENCE: Well, look, ...”" names its speaker in capitals
_BLANK_TAIL = re.compile(r"[ \t.,;]*")
_BLANK_HEAD = re.compile(r"[ \t']*")


def _only(chars: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds only ``chars`` (a starred class), without a slice."""
    if start >= end:
        return True
    found = chars.match(text, start, end)
    return found is not None and found.end() >= end


def _cue_in(toks: list[Tok], order: range) -> int | None:
    """The first cue of ``toks`` in ``order``. A loop testing ``CUE_WORDS`` before calling
    ``is_cue``, not ``next`` over a generator calling it per token: asked per quote."""
    for i in order:
        if toks[i].low in CUE_WORDS and is_cue(toks, i):
            return i
    return None


class FloatingQuotes(SentenceAttribution):
    """Adds speaker inheritance for quotes with no cue in their sentence."""

    def from_neighbours(self, d: Draft, last: Draft | None) -> None:
        """Quotes with no cue in their sentence: colon lead-in, next-sentence tag, floating."""
        si = d.sent
        sa, sb = self.sents[si]
        q = d.q
        # Matched in place, not sliced: a slice to the sentence's end per quote was quadratic
        # in one long sentence full of quotes (issue 18).
        ends = _only(_BLANK_TAIL, self.text, q.close_at + 1, sb)
        whole = ends and _only(_BLANK_HEAD, self.text, sa, q.open_at)
        # lead-in sentence ending with a colon: "Cruz continued:" / "Trump fired back:"
        if whole and si > 0:
            pa, pb = self.sents[si - 1]
            if self.text[pa:pb].rstrip().endswith(":") and pb <= q.open_at:
                toks = self.toks(si - 1)
                c = _cue_in(toks, range(len(toks) - 1, -1, -1))
                if c is not None:
                    sp = self.subject(toks, c, 0, len(toks))
                    if sp is not None:
                        d.speaker, d.cue, d.how = sp, (toks[c].start, toks[c].end), "colon"
                        d.confidence = 0.8
                        return
                else:
                    inv = self.inverted_lead(toks, 0, len(toks))
                    if inv is not None:
                        # "Continued Stone:" on its own line before the quote
                        sp, v = inv
                        d.speaker, d.cue, d.how = sp, (toks[v].start, toks[v].end), "colon"
                        d.confidence = 0.75
                        return
                    found = self.clause_subject(toks, 0, len(toks) - 1)
                    if found is not None and len(toks) <= 12 + 12 * (found[0].name is not None):
                        # "President Clinton released the following statement:"
                        sp, v, _ = found
                        d.speaker, d.cue, d.how = sp, (toks[v].start, toks[v].end), "colon"
                        d.confidence = 0.6
                        return
        if ends and si + 1 < len(self.sents) and self.text[self.sents[si + 1][0]] in "-—–―":
            # the signature on its own line: “...” / "- Clinton."
            nxt = self.toks(si + 1)
            if 2 <= len(nxt) <= 12 and self.para_of(self.sents[si + 1][0]) <= q.para + 1:
                sp = self.dash_tag(nxt, 0, len(nxt))
                if sp is not None:
                    d.speaker, d.cue, d.how = sp, (nxt[0].start, nxt[0].end), "next"
                    d.confidence = 0.75
                    return
        if whole and self.lead_in(d):
            return
        if ends and self.next_tag(d):
            return
        if not whole:
            return
        if self.reported_before(d, last):
            return
        # floating quote: keeps the speaker of the quote just before unless context changed
        if last is not None and last.speaker is not None and q.para - last.q.para <= 1:
            if self.context_changed(last, d):
                self.subject_before(d)
                return
            d.speaker, d.cue, d.how = last.speaker, last.cue, "floating"
            d.confidence = 0.65
            if q.para == last.q.para:
                if last.group is None:
                    last.group = self.new_group()
                d.group = last.group
            return
        self.subject_before(d)

    def subject_before(self, d: Draft) -> None:
        """ "Valastro praised the governor's record. “We need someone ...”": a quote standing
        alone after a sentence about a named person, with no speech verb, is that person's."""
        si = d.sent
        if si == 0 or self.para_of(self.sents[si - 1][0]) < d.q.para - 1:
            return
        toks = self.toks(si - 1)
        if not toks or any(t.text in QUOTE_TOKS for t in toks):
            return
        found = self.clause_subject(toks, 0, len(toks))
        if found is None or not found[0].named:
            return
        sp, v, _ = found
        if self.text[sp.mention[0] : sp.mention[1]].endswith(("'s", "’s")):
            return  # "FBI's bad rep grows.": the owner is not the subject
        d.speaker, d.cue, d.how = sp, (toks[v].start, toks[v].end), "floating"
        d.confidence = 0.5

    def last_resort(self, d: Draft) -> None:
        """No cue, tag or earlier voice fits: the subject of the clause holding the quote
        ("The senator's campaign shrugged off the “gaffe” ...") is the likeliest speaker, as
        a weak guess so the quote is not left unattributed."""
        if d.subject_tried:
            return  # attribute_sentence asked clause_subject the same question
        toks = self.toks(d.sent)
        if len(toks) > _LAST_RESORT_TOKENS and toks[_LAST_RESORT_TOKENS].start < d.q.open_at:
            return  # the subject is far away (and a runaway sentence must stay linear)
        lo = bisect_left([t.start for t in toks[:_LAST_RESORT_TOKENS]], d.q.open_at)
        if lo == 0:
            return
        found = self.clause_subject(toks, 0, lo)
        if found is not None:
            sp, v, _ = self.nearer_subject(toks, found, lo)
            sp = self.according_lead(toks, sp)
            d.speaker, d.cue, d.how = sp, (toks[v].start, toks[v].end), "subject"
            d.confidence = 0.4

    def reported_before(self, d: Draft, last: Draft | None) -> bool:
        """ "Greene added that the Fed wants out of the way. “...”": a quote standing alone
        right after reported speech in its paragraph goes on in the same voice."""
        si = d.sent
        if si == 0:
            return False
        gap = d.q.para - self.para_of(self.sents[si - 1][0])
        if gap > 1 or (gap == 1 and self.sents[si][0] != self.paras[d.q.para][0]):
            return False  # the paragraph before only counts when the quote opens its own
        if last is not None and last.sent >= si - 1:
            return False  # the quote just before speaks: the floating rule decides
        if self._holds_quote_mark(si - 1):
            return False
        toks = self.toks(si - 1)
        for c in range(min(len(toks), 40)):
            # the set test first: most tokens are no cue word, and a call costs far more
            if toks[c].low not in CUE_WORDS or not is_cue(toks, c) or toks[c].low in WEAK_CUES:
                continue
            sp = self.subject(toks, c, 0, len(toks))
            if sp is None or sp.name is None:
                return False
            d.speaker, d.cue, d.how = sp, (toks[c].start, toks[c].end), "floating"
            d.confidence = 0.6
            return True
        return False

    def _holds_quote_mark(self, si: int) -> bool:
        """Sentence ``si`` holds a quote mark (``QUOTE_TOKS``). Each mark is a token of its
        own, so three tests on its text answer it, not a generator over its tokens."""
        a, b = self.sents[si]
        body = self.text[a:b]
        return "“" in body or "”" in body or '"' in body

    def lead_in(self, d: Draft) -> bool:
        """The sentence before is a bare tag: "Smith said in a statement." “...”"""
        si = d.sent
        if si == 0 or self.para_of(self.sents[si - 1][0]) < d.q.para - 1:
            return False
        toks = self.toks(si - 1)
        if not toks or self._holds_quote_mark(si - 1):
            return False
        end = len(toks)
        while end > 0 and not toks[end - 1].text[0].isalnum():
            end -= 1
        c = _cue_in(toks, range(end - 1, end - 8 if end > 7 else -1, -1))
        if c is None:
            return False
        tail = toks[c + 1 : end]
        if tail and (
            tail[0].low not in TAG_PREPS
            or len(tail) > 6
            or any(t.low in {"that", "he", "she", "they", "it", "to"} for t in tail[1:])
        ):
            return False
        sp = self.subject(toks, c, 0, c + 1)
        if sp is None:
            return False
        d.speaker, d.cue, d.how = sp, (toks[c].start, toks[c].end), "colon"
        d.confidence = 0.7
        return True

    def next_tag(self, d: Draft) -> bool:
        """The next sentence opens with the tag: “...?” Smith, a senator, told reporters."""
        si, q = d.sent, d.q
        if si + 1 >= len(self.sents) or self.para_of(self.sents[si + 1][0]) != q.para:
            return False
        toks = self.toks(si + 1)
        if not toks:
            return False
        c = _cue_in(toks, range(len(toks) if len(toks) < 25 else 25))
        if c is None or any(t.text in {"“", "”", '"'} for t in toks[:c]):
            return False
        short = len(toks) <= 9 and c <= 5
        last = self.text[q.start : q.end].rstrip()[-1:]
        if not short and last not in {"?", "!", ",", "—", "-"}:
            return False
        sp = self.subject(toks, c, 0, len(toks), invert=True)
        if sp is None or not (sp.mention[0] == toks[0].start or (c == 0 and sp.named)):
            return False
        d.speaker, d.cue, d.how = sp, (toks[c].start, toks[c].end), "next"
        d.confidence = 0.7
        return True

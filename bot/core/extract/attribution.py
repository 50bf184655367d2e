"""Stage: attribute every quote of one sentence.

Contract: ``attribute_sentence(si, drafts)`` fills, for each draft quote of sentence ``si``,
its speaker, cue token span, kind (direct / partial) and a rule score, and groups
interrupted quotes ("A," he said, "B.") -- or leaves the speaker ``None`` for the later
floating-quote stage. It consults the tag, subject and outer-source stages in order.

One quote (``_attribute_quote``) is read in these steps:

1. the source after the quote (``_right_source``): "“...,” he said", "said Macron";
2. the source before it (``_left_source``): "Vance told reporters: “...”";
3. the better of the two, or a byline dash, or the quote before's speaker (``_choose``);
4. its kind, direct or partial (``_kind_of``), read before 5: only a cue's source, never a
   subject found in 5, makes a quote direct;
5. with no cue, a colon lead-in or the clause's subject (``_subject_fallback``);
6. the main clause's cue, then the outer source ("according to Y", "reports USA Today")
   (``_with_outer_source``), then the speaker, cue and rule score (``_set_speaker``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from bot.core.extract.clauses import plain_source, title_like
from bot.core.extract.context import Draft
from bot.core.extract.cues import CUE_WORDS, is_cue
from bot.core.extract.lexicon import (
    CUE_ADVERBS,
    NP_STOP,
    PERSON_PRONOUNS,
)
from bot.core.extract.outer import OuterSources
from bot.core.extract.phrases import Speaker, np_right
from bot.core.extract.resolve import resolve
from bot.core.extract.tokens import Tok
from bot.core.models import QuoteKind

# a speaker found for a quote: who, the token index of the cue, and how ("left", "right",
# "subject")
_Found = tuple[Speaker, int, str]


@dataclass(slots=True)  # not frozen: a frozen dataclass's ``__init__`` costs a call per field
class _Window:
    """One quote's place among its sentence's tokens, and how far its tags may reach."""

    toks: list[Tok]
    starts: list[int]  # each token's start offset, for bisecting
    lo: int  # token index of the opening mark
    hi: int  # token index after the closing mark
    left_floor: int  # after the previous quote's closing mark, else 0
    right_ceil: int  # the next quote's opening mark, else the sentence's end


def _right_cue(toks: list[Tok], hi: int, right_ceil: int) -> int | None:
    """The first cue within 40 tokens after the quote, past an infinitive ("a source, who
    was not authorized to speak, told Fox": "told", not "speak")."""
    r_cue = None
    for i in range(hi, right_ceil if right_ceil < hi + 40 else hi + 40):
        if toks[i].low in CUE_WORDS and is_cue(toks, i):
            if r_cue is None:
                r_cue = i
            if toks[i - 1].low != "to":
                r_cue = i
                break
    return r_cue


def _clause_before_cue(toks: list[Tok], hi: int, r_cue: int, r_sub: Speaker) -> bool:
    """ "“totally inappropriate” for Ginsburg to criticize Trump": words of a new clause
    between the quote and an inverted cue, so the cue's subject is not the quote's tag (an
    inverted tag follows the quote at once: "“...,” said Trump")."""
    return (
        r_sub.mention[0] > toks[r_cue].start
        and any(t.text.isalpha() and t.low not in CUE_ADVERBS for t in toks[hi:r_cue])
        and not (
            # "“...” that he can catch her, said Steve Elmendorf, an adviser.":
            # a closing inverted tag after the quote's own clause
            toks[r_cue - 1].text in {",", "—", "--"}
            and r_sub.named
            and not any(t.text in {",", ";", ":"} for t in toks[hi : r_cue - 1])
        )
    )


def _subject_after_quote(w: _Window, r_cue: int, r_sub: Speaker) -> Speaker | None:
    """A subject before the cue must sit right after the quote, not in a new clause: the
    role before it joins the mention ("“...,” former FBI agent Timothy Gill said"); other
    words leave only a short closing tag ("“...” that border security is working, he
    said."); None drops the subject."""
    toks, starts, hi = w.toks, w.starts, w.hi
    between = [t for t in toks[hi:r_cue] if t.start < r_sub.mention[0]]
    words = [t for t in between if t.text not in {",", "—", "–", "-", "--", "”", '"'}]
    if (
        words
        and len(words) <= 4
        and between[-len(words) :] == words
        and all(t.text.isalpha() and t.low not in NP_STOP for t in words)
        # "“...,” including provisions he said would ...": no role comes
        # before a pronoun, so the words are the quote's clause
        and toks[bisect_left(starts, r_sub.mention[0])].low not in PERSON_PRONOUNS
    ):
        return Speaker(r_sub.name, r_sub.title, (words[0].start, r_sub.mention[1]), True)
    if words:
        tail = [t for t in toks[r_cue + 1 : w.right_ceil] if t.text.isalnum()]
        lead = bisect_left(starts, r_sub.mention[0]) - 1
        if len(tail) > 3 or lead < hi or toks[lead].text not in {",", "—"}:
            return None
    return r_sub


def _set_speaker(d: Draft, toks: list[Tok], sp: Speaker, c: int, how: str) -> None:
    """Record the speaker, its cue (both words of "according to") and the rule score: a
    named mention over a resolved one over none, direct quotes over partial ones."""
    d.speaker = sp
    d.cue = (toks[c].start, toks[c + 1].end if toks[c].low == "according" else toks[c].end)
    d.how = how
    named = sp.named or sp.name is not None
    if how == "subject":
        d.confidence = 0.45 if sp.named else 0.4
    elif d.kind == "direct":
        d.confidence = 0.9 if sp.named else (0.85 if named else 0.6)
    else:
        d.confidence = 0.8 if sp.named else (0.75 if named else 0.55)


class SentenceAttribution(OuterSources):
    """Adds the per-sentence attribution that drives the earlier layers."""

    # -- quotes ---------------------------------------------------------------------------

    def attribute_sentence(self, si: int, drafts: list[Draft]) -> None:
        """Attribute each draft quote of sentence ``si`` in order, then group the quotes that
        share a cue."""
        toks = self.toks(si)
        starts = [t.start for t in toks]
        bounds: list[tuple[int, int]] = []  # token index of opening mark, after closing mark
        for d in drafts:
            lo = bisect_left(starts, d.q.open_at)
            hi = bisect_left(starts, d.q.close_at + 1)
            bounds.append((lo, hi))
        for n in range(len(drafts)):
            lo, hi = bounds[n]
            left_floor = bounds[n - 1][1] if n > 0 else 0
            right_ceil = bounds[n + 1][0] if n + 1 < len(drafts) else len(toks)
            self._attribute_quote(_Window(toks, starts, lo, hi, left_floor, right_ceil), drafts, n)
        self._group_interrupted(drafts)

    def _attribute_quote(self, w: _Window, drafts: list[Draft], n: int) -> None:
        """The ``n``-th quote of the sentence, by the steps of the module docstring."""
        d, toks = drafts[n], w.toks
        r_sub, r_cue = self._right_source(w, d)
        l_sub, l_cue = self._left_source(w)
        best = self._choose(w, drafts, n, (r_sub, r_cue), (l_sub, l_cue))
        left_words = [
            t for t in toks[w.left_floor : w.lo] if t.text not in {",", "—", "–", "--", "'"}
        ]
        d.kind = self._kind_of(w, d, n, best, left_words)
        if best is None and w.lo - 1 > w.left_floor and toks[w.lo - 1].text == ":":
            best = self.named_before_colon(toks, w.left_floor, w.lo - 1)
        if best is None and left_words and not title_like(self.text[d.q.start : d.q.end]):
            best = self._subject_fallback(w, drafts, n)
            d.subject_tried = n == 0
        if best is None:
            cue_at = l_cue if l_cue is not None else r_cue
            if cue_at is not None:
                d.cue = (toks[cue_at].start, toks[cue_at].end)
            return
        if best[2] == "left" and n == 0:
            best = self.main_clause(toks, best, w.lo) or best
        if best[2] == "left":
            best = self.cue_clause(toks, w.starts, best) or best
        sp, c, how = best
        _set_speaker(d, toks, self._with_outer_source(w, sp, c, how), c, how)

    def _right_source(self, w: _Window, d: Draft) -> tuple[Speaker | None, int | None]:
        """The speaker and cue after the quote: "“...,” he said", "said Macron", "Vance told
        reporters", else a named apposition tag ("“...,” Kim Lee, the mayor.")."""
        toks, hi = w.toks, w.hi
        r_cue = _right_cue(toks, hi, w.right_ceil)
        r_sub = self._right_subject(w, d, r_cue) if r_cue is not None else None
        if r_sub is None:
            found_tag = self.named_apposition_tag(toks, hi, w.right_ceil)
            if found_tag is not None:
                r_sub, r_cue = found_tag
        return r_sub, r_cue

    def _right_subject(self, w: _Window, d: Draft, r_cue: int) -> Speaker | None:
        """The subject of the cue ``r_cue`` after the quote, kept only where it reads as the
        quote's own tag; else a tag between the quote and the cue."""
        toks, hi = w.toks, w.hi
        r_sub = self.subject(toks, r_cue, hi, w.right_ceil, invert=True)
        if r_sub is not None and _clause_before_cue(toks, hi, r_cue, r_sub):
            r_sub = None
        if r_sub is not None and r_sub.mention[0] < toks[r_cue].start:
            r_sub = _subject_after_quote(w, r_cue, r_sub)
        if (
            r_sub is not None
            and self.text[r_sub.mention[0] : r_sub.mention[1]] == "who"
            and (
                self.text[d.q.start : d.q.end].rstrip()[-1:].isalnum()
                or any(t.text.isalpha() for t in toks[hi:r_cue] if t.end <= r_sub.mention[0])
            )
        ):
            # "a “chief trade prosecutor” who reports to ...", "“insanity,” and Sanders,
            # who says ...": a relative clause on a noun other than the quote's
            # speaker, not the quote's tag
            r_sub = None
        if r_sub is None:
            r_sub = self.tag_between(toks, hi, r_cue)
        return r_sub

    def _left_source(self, w: _Window) -> tuple[Speaker | None, int | None]:
        """The speaker and cue before the quote: the cue's subject, an inverted lead or a
        label, the name after the verb, else the clause's or the lead's subject."""
        toks, lo, left_floor = w.toks, w.lo, w.left_floor
        l_cue: int | None = None
        for i in range(lo - 1, left_floor - 1, -1):  # the nearest cue before the quote
            if toks[i].low in CUE_WORDS and is_cue(toks, i):
                l_cue = i
                break
        l_sub = self.subject(toks, l_cue, left_floor, lo) if l_cue is not None else None
        if l_cue is None:
            inv = self.inverted_lead(toks, left_floor, lo) or self.label(toks, left_floor, lo)
            if inv is not None:
                l_sub, l_cue = inv
        if l_cue is not None and l_sub is None:
            # "..., explained Rosenberg, “...”": the speaker follows the verb
            rng = np_right(toks, l_cue, lo)
            if (
                rng is not None
                and rng[0] == l_cue + 1
                and (l_cue == left_floor or toks[l_cue - 1].text in {",", "—", "But", "And"})
                and rng[1] < lo
                and all(t.text in {",", ":", "—"} for t in toks[rng[1] : lo])
            ):
                l_sub = resolve(self.reg, toks, rng)
        if l_cue is not None and l_sub is None:
            found = self.clause_subject(toks, left_floor, l_cue)
            l_sub = found[0] if found is not None else None
            if l_sub is None:
                l_sub = self.lead_subject(toks, left_floor, l_cue)
            participle = (
                l_cue > 0 and toks[l_cue].low.endswith("ing") and toks[l_cue - 1].text == ","
            )
            if l_sub is None and participle:
                l_sub = self.first_np(toks, left_floor, l_cue)
            if (
                l_sub is None
                and l_cue - left_floor <= 14
                and all(t.text not in {",", ";", ":"} for t in toks[left_floor:l_cue])
            ):
                # "The town released a statement Wednesday saying ...": one clause
                l_sub = self.first_np(toks, left_floor, l_cue)
        return l_sub, l_cue

    def _choose(
        self,
        w: _Window,
        drafts: list[Draft],
        n: int,
        right: tuple[Speaker | None, int | None],
        left: tuple[Speaker | None, int | None],
    ) -> _Found | None:
        """A byline dash, a tag right after the quote, the left source, a farther right tag,
        else the quote before's speaker when the two are pieces under one cue."""
        (r_sub, r_cue), (l_sub, l_cue) = right, left
        toks, hi = w.toks, w.hi
        dash = self.dash_tag(toks, hi, w.right_ceil)
        if dash is not None and l_cue is None:  # "insisted “...”--Kim Lee." is a byline
            return (dash, hi, "right")
        if r_sub is not None and r_cue is not None and r_cue - hi <= 6:
            return (r_sub, r_cue, "right")
        if l_sub is not None and l_cue is not None:
            return (l_sub, l_cue, "left")
        if r_sub is not None and r_cue is not None:
            return (r_sub, r_cue, "right")
        if (
            n > 0
            and drafts[n - 1].speaker is not None
            and drafts[n - 1].how == "left"
            and all(t.text[0].isalnum() is False for t in toks[w.left_floor : w.lo])
        ):
            # “ethanol people” “do a fantastic job”: two pieces under one cue
            prev_d = drafts[n - 1]
            assert prev_d.speaker is not None and prev_d.cue is not None
            return (prev_d.speaker, bisect_left(w.starts, prev_d.cue[0]), "left")
        if l_cue is not None and n > 0 and drafts[n - 1].speaker is not None:
            # “...,” Trump said, adding, “...”: the earlier quote's speaker goes on
            prev_sp = drafts[n - 1].speaker
            assert prev_sp is not None
            return (prev_sp, l_cue, "left")
        return None

    def _kind_of(
        self, w: _Window, d: Draft, n: int, best: _Found | None, left_words: list[Tok]
    ) -> QuoteKind:
        """Direct when nothing but a cue or a colon leads into the quote; partial when it is
        a fragment of the sentence's own words, or opens in lower case after them."""
        lo, left_floor = w.lo, w.left_floor
        kind: QuoteKind
        if (
            not left_words
            or left_words[-1].text == ":"
            or (best is not None and best[2] == "left" and best[1] >= lo - 3)
        ) or (n > 0 and best is not None and best[2] == "left" and best[1] >= left_floor):
            kind = "direct"
        else:
            kind = "partial"
        if kind == "direct" and d.q.start < len(self.text) and d.q.start == d.q.open_at + 1:
            first = self.text[d.q.start]
            if first.islower() and left_words:
                kind = "partial"
        return kind

    def _subject_fallback(self, w: _Window, drafts: list[Draft], n: int) -> _Found | None:
        """No cue: whose speech the sentence owns ("his “friend”"), else the clause's
        subject, which passes on the quote before's speaker when no clause break parts
        them."""
        toks, lo, left_floor = w.toks, w.lo, w.left_floor
        best = self.owned_speech(toks, left_floor, lo)
        if best is None:
            best = self.clause_subject(toks, left_floor if n > 0 else 0, lo)
            if best is not None:
                best = self.nearer_subject(toks, best, lo)
        # "Cruz says his “friend” Rubio ran “a campaign ...”": with no clause break
        # since the quote before, the reported clause of its speech verb goes on, so
        # its speaker holds this quote too, not the clause's own subject
        before = drafts[n - 1] if n > 0 else None
        if (
            best is not None
            and before is not None
            and before.how in {"left", "subject"}
            and before.speaker is not None
            and before.cue is not None
            and self.text[before.q.start : before.q.end].rstrip()[-1:].isalnum()
            and all(
                t.text not in {",", ";", ":", "—"}
                for t in toks[left_floor:lo]
                if t.start < best[0].mention[0]
            )
        ):
            # a quote held by the sentence's subject ("The senator began by slamming
            # those who “outsource” leadership to “dictators”") passes it on the same
            # way, still as a weak, subject-found attribution
            best = (before.speaker, bisect_left(w.starts, before.cue[0]), before.how)
        return best

    def _with_outer_source(self, w: _Window, sp: Speaker, c: int, how: str) -> Speaker:
        """The speaker ``sp`` (cue at ``c``) with the outer source as its mention where the
        sentence gives one: "according to Y", "reports USA Today", a lead-in report, a poll."""
        toks, starts, right_ceil = w.toks, w.starts, w.right_ceil
        # "X said ..., according to Y": PolNeAR's source is Y (the speaker stays X)
        acc = None
        for k in range(c + 1, (right_ceil if right_ceil < c + 30 else c + 30) - 1):
            if toks[k].low == "according" and toks[k + 1].low == "to":
                acc = k  # a loop, not ``next`` over a generator: asked per quote
                break
        if acc is not None and (how != "left" or acc > w.hi):
            via = np_right(toks, acc + 1, right_ceil) or plain_source(toks, acc + 2, right_ceil)
            if via is not None:
                span = (toks[via[0]].start, toks[via[1] - 1].end)
                sp = Speaker(sp.name, sp.title, span, sp.named)
        elif acc is None and (via := self._reported_by(toks, c if c > w.hi else w.hi, len(toks))):
            # "“...,” said Day, an activist, reports USA Today.": the outlet is the
            # outer source, like "according to" (the speaker stays Day); a closing tag
            # at the sentence's end covers its earlier quotes too ("what critics call
            # “...” – is “central”, reported the Examiner")
            sp = Speaker(sp.name, sp.title, via, sp.named)
        elif acc is None and how in {"left", "subject"}:
            # "According to ProPublica, Clinton praised her “wonderful donors”": the
            # outer source is the report (the speaker stays Clinton), as above
            sp = self.according_lead(toks, sp)
        if how == "left":
            sp = self.outer_named(toks, starts, c, sp)
            sp = self.outer_reporter(toks, starts, sp)
            sp = self.poll_source(toks, starts, sp)
            sp = self.shown_by(toks, starts, sp)
        return sp

    def _group_interrupted(self, drafts: list[Draft]) -> None:
        """Interrupted quotes ("A," he said, "B.") share their cue: one group."""
        by_cue: dict[tuple[int, int], list[Draft]] = {}
        for d in drafts:
            if d.cue is not None:
                by_cue.setdefault(d.cue, []).append(d)
        for same in by_cue.values():
            if len(same) > 1:
                g = self.new_group()
                for d in same:
                    d.group = g
            else:
                same[0].group = None

"""Stage: attribute every quote of one sentence.

Contract: ``attribute_sentence(si, drafts)`` fills, for each draft quote of sentence ``si``,
its speaker, cue token span, kind (direct / partial) and a rule score, and groups
interrupted quotes ("A," he said, "B.") -- or leaves the speaker ``None`` for the later
floating-quote stage. It consults the tag, subject and outer-source stages in order.
"""

from __future__ import annotations

from bisect import bisect_left

from bot.core.extract.clauses import plain_source, title_like
from bot.core.extract.context import Draft
from bot.core.extract.cues import is_cue
from bot.core.extract.lexicon import (
    CUE_ADVERBS,
    NP_STOP,
    PERSON_PRONOUNS,
)
from bot.core.extract.outer import OuterSources
from bot.core.extract.phrases import Speaker, np_right
from bot.core.extract.resolve import resolve


class SentenceAttribution(OuterSources):
    """Adds the per-sentence attribution that drives the earlier layers."""

    # -- quotes ---------------------------------------------------------------------------

    def attribute_sentence(self, si: int, drafts: list[Draft]) -> None:
        toks = self.toks(si)
        starts = [t.start for t in toks]
        bounds: list[tuple[int, int]] = []  # token index of opening mark, after closing mark
        for d in drafts:
            lo = bisect_left(starts, d.q.open_at)
            hi = bisect_left(starts, d.q.close_at + 1)
            bounds.append((lo, hi))
        for n, d in enumerate(drafts):
            lo, hi = bounds[n]
            left_floor = bounds[n - 1][1] if n > 0 else 0
            right_ceil = bounds[n + 1][0] if n + 1 < len(drafts) else len(toks)
            best: tuple[Speaker, int, str] | None = None
            # right: “...,” he said / said Macron / Vance told reporters
            r_cue = None
            for i in range(hi, min(right_ceil, hi + 40)):
                if is_cue(toks, i):
                    if r_cue is None:
                        r_cue = i
                    if toks[i - 1].low != "to":
                        # "a source, who was not authorized to speak, told Fox": not the
                        # infinitive
                        r_cue = i
                        break
            r_sub = None
            if r_cue is not None:
                r_sub = self.subject(toks, r_cue, hi, right_ceil, invert=True)
                if (
                    r_sub is not None
                    and r_sub.mention[0] > toks[r_cue].start
                    and any(t.text.isalpha() and t.low not in CUE_ADVERBS for t in toks[hi:r_cue])
                    and not (
                        # "“...” that he can catch her, said Steve Elmendorf, an adviser.":
                        # a closing inverted tag after the quote's own clause
                        toks[r_cue - 1].text in {",", "—", "--"}
                        and r_sub.named
                        and not any(t.text in {",", ";", ":"} for t in toks[hi : r_cue - 1])
                    )
                ):
                    # "“totally inappropriate” for Ginsburg to criticize Trump": an inverted
                    # tag follows the quote at once ("“...,” said Trump"), not a new clause
                    r_sub = None
                if r_sub is not None and r_sub.mention[0] < toks[r_cue].start:
                    # the subject must sit right after the quote, not in a new clause
                    between = [t for t in toks[hi:r_cue] if t.start < r_sub.mention[0]]
                    words = [
                        t for t in between if t.text not in {",", "—", "–", "-", "--", "”", '"'}
                    ]
                    if (
                        words
                        and len(words) <= 4
                        and between[-len(words) :] == words
                        and all(t.text.isalpha() and t.low not in NP_STOP for t in words)
                        # "“...,” including provisions he said would ...": no role comes
                        # before a pronoun, so the words are the quote's clause
                        and toks[bisect_left(starts, r_sub.mention[0])].low not in PERSON_PRONOUNS
                    ):
                        # “...,” former FBI agent Timothy Gill said: the role is the mention
                        r_sub = Speaker(
                            r_sub.name, r_sub.title, (words[0].start, r_sub.mention[1]), True
                        )
                    elif words:
                        # "...” that border security is working, he said.": a closing tag
                        tail = [t for t in toks[r_cue + 1 : right_ceil] if t.text.isalnum()]
                        lead = bisect_left(starts, r_sub.mention[0]) - 1
                        if len(tail) > 3 or lead < hi or toks[lead].text not in {",", "—"}:
                            r_sub = None
                if (
                    r_sub is not None
                    and self.text[r_sub.mention[0] : r_sub.mention[1]] == "who"
                    and (
                        self.text[d.q.start : d.q.end].rstrip()[-1:].isalnum()
                        or any(
                            t.text.isalpha() for t in toks[hi:r_cue] if t.end <= r_sub.mention[0]
                        )
                    )
                ):
                    # "a “chief trade prosecutor” who reports to ...", "“insanity,” and Sanders,
                    # who says ...": a relative clause on a noun other than the quote's
                    # speaker, not the quote's tag
                    r_sub = None
                if r_sub is None:
                    r_sub = self.tag_between(toks, hi, r_cue)
            if r_sub is None:
                found_tag = self.named_apposition_tag(toks, hi, right_ceil)
                if found_tag is not None:
                    r_sub, r_cue = found_tag
            l_cue = next((i for i in range(lo - 1, left_floor - 1, -1) if is_cue(toks, i)), None)
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
            dash = self.dash_tag(toks, hi, right_ceil)
            if dash is not None and l_cue is None:  # "insisted “...”--Kim Lee." is a byline
                best = (dash, hi, "right")
            elif r_sub is not None and r_cue is not None and r_cue - hi <= 6:
                best = (r_sub, r_cue, "right")
            elif l_sub is not None and l_cue is not None:
                best = (l_sub, l_cue, "left")
            elif r_sub is not None and r_cue is not None:
                best = (r_sub, r_cue, "right")
            elif (
                n > 0
                and drafts[n - 1].speaker is not None
                and drafts[n - 1].how == "left"
                and all(t.text[0].isalnum() is False for t in toks[left_floor:lo])
            ):
                # “ethanol people” “do a fantastic job”: two pieces under one cue
                prev_d = drafts[n - 1]
                assert prev_d.speaker is not None and prev_d.cue is not None
                best = (prev_d.speaker, bisect_left(starts, prev_d.cue[0]), "left")
            elif l_cue is not None and n > 0 and drafts[n - 1].speaker is not None:
                # “...,” Trump said, adding, “...”: the earlier quote's speaker goes on
                prev_sp = drafts[n - 1].speaker
                assert prev_sp is not None
                best = (prev_sp, l_cue, "left")
            left_words = [
                t for t in toks[left_floor:lo] if t.text not in {",", "—", "–", "--", "'"}
            ]
            if (
                not left_words
                or left_words[-1].text == ":"
                or (best is not None and best[2] == "left" and best[1] >= lo - 3)
            ) or (n > 0 and best is not None and best[2] == "left" and best[1] >= left_floor):
                d.kind = "direct"
            else:
                d.kind = "partial"
            if d.kind == "direct" and d.q.start < len(self.text) and d.q.start == d.q.open_at + 1:
                first = self.text[d.q.start]
                if first.islower() and left_words:
                    d.kind = "partial"
            if best is None and lo - 1 > left_floor and toks[lo - 1].text == ":":
                best = self.named_before_colon(toks, left_floor, lo - 1)
            if best is None and left_words and not title_like(self.text[d.q.start : d.q.end]):
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
                    best = (before.speaker, bisect_left(starts, before.cue[0]), before.how)
                d.subject_tried = n == 0
            if best is None:
                cue_at = l_cue if l_cue is not None else r_cue
                if cue_at is not None:
                    d.cue = (toks[cue_at].start, toks[cue_at].end)
                continue
            if best[2] == "left" and n == 0:
                best = self.main_clause(toks, best, lo) or best
            if best[2] == "left":
                best = self.cue_clause(toks, starts, best) or best
            sp, c, how = best
            # "X said ..., according to Y": PolNeAR's source is Y (the speaker stays X)
            acc = next(
                (
                    k
                    for k in range(c + 1, min(right_ceil, c + 30) - 1)
                    if toks[k].low == "according" and toks[k + 1].low == "to"
                ),
                None,
            )
            if acc is not None and (how != "left" or acc > hi):
                via = np_right(toks, acc + 1, right_ceil) or plain_source(toks, acc + 2, right_ceil)
                if via is not None:
                    span = (toks[via[0]].start, toks[via[1] - 1].end)
                    sp = Speaker(sp.name, sp.title, span, sp.named)
            elif acc is None and (via := self._reported_by(toks, max(c, hi), len(toks))):
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
        # interrupted quotes share their cue: one group
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

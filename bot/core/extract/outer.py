"""Stage: the outer source of a quote nested in someone else's report.

Contract: given the speaker a cue found, return the speaker PolNeAR-style attribution
credits instead -- the outer reporter ("Israel said Clinton called ..."), the named outer
speaker of a later pronoun, the poll that "finds", the emails that "show", "according to"
at the head -- or the same speaker unchanged. ``cue_clause``/``main_clause`` find the clause
subject that a cue or a quote belongs to.
"""

from __future__ import annotations

from bisect import bisect_left

from bot.core.extract.clauses import (
    QUOTE_TOKS,
    SUBORDINATORS,
    TAG_PUNCT,
    lead_according,
    opens_later_clause,
    source_np,
)
from bot.core.extract.cues import CUE_WORDS, is_cue
from bot.core.extract.lexicon import (
    CUE_ADVERBS,
    NP_STOP,
    PERSON_PRONOUNS,
)
from bot.core.extract.phrases import Speaker, bare_pronoun
from bot.core.extract.subjects import SUBJECT_PRONOUNS
from bot.core.extract.tags import TagFinder
from bot.core.extract.tokens import Tok

# words opening a clause set before the main one: "As Blumenthal spoke, the NRA ..."
_FRONTED = frozenset(
    {"as", "when", "while", "after", "before", "since", "although", "though", "if"}
)
_AS_TAGS = frozenset(
    {"put", "puts", "said", "says", "noted", "notes", "wrote", "writes", "told", "explained"}
)
# verbs whose reported clause can hold a second speaker's words: "X said Y called it “...”"
_REPORTING_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "claimed",
        "claims",
        "noted",
        "notes",
        "argued",
        "argues",
        "insisted",
        "insists",
        "explained",
        "explains",
        "wrote",
        "writes",
        "stated",
        "states",
        "recalled",
        "recalls",
        "acknowledged",
        "suggested",
        "suggests",
        "contended",
        "asserted",
        "maintained",
        "warned",
        "warns",
        "added",
        "adds",
        "declared",
        "declares",
    ]
)
# a subject pronoun after one of these opens a clause of its own, not a reported one
_NEW_CLAUSE_BEFORE = TAG_PUNCT | {
    "and",
    "but",
    "although",
    "though",
    "while",
    "which",
    "who",
    "whom",
}


# a poll, and what a poll does with its figures ("The poll finds that ...", "has bad news")
#: How far ``outer_named`` looks back for the earlier cue whose subject names the pronoun's
#: person: this many cues, within this many tokens. News sentences hold a few cues; without
#: the bound, one long sentence of quoted "he said"s read every earlier cue per quote.
_OUTER_CUES = 8
_OUTER_REACH = 400
_POLL_NOUNS = frozenset({"poll", "polls", "survey", "surveys"})
_POLL_VERBS = frozenset(
    {"finds", "found", "shows", "showed", "has", "had", "suggests", "suggested", "reveals"}
    | {"revealed", "indicates", "indicated", "gives", "gave", "brings", "offers", "says"}
)
# a share of the people asked: "25 percent of voters", "Six in 10 Republicans", "a majority"
_SHARE_WORDS = frozenset({"percent", "%", "majority", "plurality", "half", "two-thirds"})
_NOT_SHARE = NP_STOP | _POLL_NOUNS | _POLL_VERBS
_SHARE_LEAD = _SHARE_WORDS | frozenset(
    {"in", "of", "a", "about", "nearly", "roughly", "some", "almost", "over", "more", "than"}
    | {"fewer", "less", "just", "one", "two", "three", "four", "five", "six", "seven"}
    | {"eight", "nine", "ten"}
)


# things that show people speaking, and how they show it: "The video shows X telling ..."
_SHOWING_SOURCES = frozenset(
    {"email", "emails", "video", "videos", "footage", "movie", "film", "documentary", "ad"}
    | {"ads", "clip", "recording", "tape", "document", "documents", "records", "memo"}
    | {"memos", "transcript", "transcripts"}
)
_SHOWING_VERBS = frozenset(
    {"shows", "showed", "show", "depicts", "depicted", "reveals", "revealed", "captures"}
    | {"captured", "cuts", "features", "featured"}
)


class OuterSources(TagFinder):
    """Adds the outer-source corrections (outer reporter, poll, according to)."""

    def cue_clause(
        self, toks: list[Tok], starts: list[int], best: tuple[Speaker, int, str]
    ) -> tuple[Speaker, int, str] | None:
        """ "Christie made ... a priority, but the effort stalled, and he has battled ..., at
        one point calling the mayor a “liar”": he, the subject of the cue's own clause.

        The cue belongs to the last clause opened between the speaker found and the cue
        ("but he", ", and she", "when he"), when that clause has a person for subject.
        """
        sp, c, how = best
        m_end = bisect_left(starts, sp.mention[1])
        for k in range(c - 1, m_end, -1):
            if opens_later_clause(toks, k):
                later = self.clause_subject(toks, k + 1, c)
                if later is None:
                    return None
                head = toks[bisect_left(starts, later[0].mention[0])].low
                if later[0].named or head in PERSON_PRONOUNS:
                    return (later[0], c, how)
                return None
        return None

    def main_clause(
        self, toks: list[Tok], best: tuple[Speaker, int, str], lo: int
    ) -> tuple[Speaker, int, str] | None:
        """ "As Blumenthal spoke, the NRA was ... whipping lawmakers against “...”": the NRA.

        A cue inside a fronted subordinate clause does not govern a quote in the main clause
        after it; that clause's own subject does.
        """
        c = best[1]
        a = 0
        while a < c and toks[a].text in TAG_PUNCT:
            a += 1
        if toks[a].low not in _FRONTED or c <= a or any(t.text == "," for t in toks[a:c]):
            return None
        if toks[a].low == "as" and toks[c].low in _AS_TAGS:
            return None  # "As Marcus puts it, Obama is making “...”": an attribution itself
        comma = next((i for i in range(c + 1, lo) if toks[i].text == ","), None)
        if comma is None or any(t.text in QUOTE_TOKS for t in toks[a:comma]):
            return None
        found = self.clause_subject(toks, comma + 1, lo)
        if found is None or found[0].mention[0] < toks[comma].end:
            return None
        return (found[0], found[1], "left")

    def outer_named(self, toks: list[Tok], starts: list[int], c: int, sp: Speaker) -> Speaker:
        """ "Rubio said that ... he has begun “to unmask ...”": the named outer speaker.

        A pronoun inside the reported clause of an earlier cue whose subject names the same
        person is that person's own attribution, so the name is the mention to give; a pronoun
        opening a new clause ("..., and he vowed") or a tag after a quote keeps its own.
        """
        if sp.named or sp.name is None:
            return sp
        m0 = bisect_left(starts, sp.mention[0])
        if (
            m0 == 0
            or m0 >= len(toks)
            or (bare_pronoun(toks[m0].low) or toks[m0].low) not in SUBJECT_PRONOUNS
            or toks[m0 - 1].low in _NEW_CLAUSE_BEFORE
        ):
            return sp
        cues = 0
        for k in range(min(c, m0) - 1, max(-1, min(c, m0) - 1 - _OUTER_REACH), -1):
            if toks[k].low in CUE_WORDS and is_cue(toks, k):
                cues += 1
                if cues > _OUTER_CUES:
                    break
                outer = self.subject(toks, k, 0, m0, invert=True)
                if (
                    outer is not None
                    and outer.named
                    and outer.name == sp.name
                    and outer.mention[1] <= sp.mention[0]
                ):
                    return Speaker(sp.name, sp.title or outer.title, outer.mention, True)
        return sp

    def outer_reporter(self, toks: list[Tok], starts: list[int], sp: Speaker) -> Speaker:
        """ "Israel said Clinton called on members to be “closely coordinated”": Israel.

        A quote inside the clause reported by an earlier "X said" / "X wrote" reaches the
        reader through X, and X is its source (mostly X's own words too: "Cruz said he is
        certain Rubio will continue to be “a champion ...”"); a mention that opens a clause of
        its own ("..., and he", "After Trump argued ..., Rubio said", "who added") keeps its cue.
        """
        m0 = bisect_left(starts, sp.mention[0])
        if m0 == 0 or m0 >= len(toks) or toks[m0].start != sp.mention[0]:
            return sp
        before = toks[m0 - 1].low
        if toks[m0].low == "who" or before in _NEW_CLAUSE_BEFORE or before in SUBORDINATORS:
            return sp
        for k in range(m0 - 1, -1, -1):
            if toks[k].text in QUOTE_TOKS or toks[k].text == ";":
                return sp
            if toks[k].low in CUE_WORDS and is_cue(toks, k):
                if toks[k].low not in _REPORTING_VERBS:
                    return sp
                # the outer clause stops at a quote: "“...,” said Ervin, who thinks ..."
                floor = next((i + 1 for i in range(k - 1, -1, -1) if toks[i].text in QUOTE_TOKS), 0)
                outer = self.subject(toks, k, floor, m0, invert=True)
                if outer is None:
                    found = self.clause_subject(toks, floor, k)
                    outer = found[0] if found is not None else None
                if outer is not None and outer.named and outer.mention[1] <= sp.mention[0]:
                    return outer
                return sp
        return sp

    def according_lead(self, toks: list[Tok], sp: Speaker) -> Speaker:
        """ "According to his physician, Hale had “excellent” results and shows “rare”
        stamina": a sentence that opens with its source gives every quote in it that source
        (the speaker found stays the one the quote is about)."""
        if len(toks) < 3 or toks[0].low != "according" or toks[1].low != "to":
            return sp
        first = next((i for i, t in enumerate(toks) if t.text in QUOTE_TOKS), len(toks))
        via = lead_according(toks, first)
        if via is None or toks[via[1] - 1].end > sp.mention[0]:
            return sp
        return Speaker(sp.name, sp.title, (toks[via[0]].start, toks[via[1] - 1].end), sp.named)

    def poll_source(self, toks: list[Tok], starts: list[int], sp: Speaker) -> Speaker:
        """ "The Harlow poll also finds that ... 22 percent say he is “not at all honest”":
        the poll.

        A share of the people asked ("22 percent", "Six in 10 Democrats") speaks through
        the poll that counted it, so a poll that is the subject of an earlier clause of the
        sentence ("finds that", "shows", "has bad news for X —") is the quote's source.
        """
        m0 = bisect_left(starts, sp.mention[0])
        m1 = bisect_left(starts, sp.mention[1])
        a = m0
        while (
            a > 0
            and m0 - a < 5
            and (
                toks[a - 1].text[0].isdigit()
                or toks[a - 1].low in _SHARE_LEAD
                or (toks[a - 1].text.isalpha() and toks[a - 1].low not in _NOT_SHARE)
            )
        ):
            a -= 1  # "Six in 10 Republicans", "25 percent of likely Republican voters"
        window = toks[a:m1]
        if not any(
            t.low in _SHARE_WORDS
            or (t.low == "in" and 0 < i < len(window) - 1 and window[i + 1].low in {"10", "ten"})
            for i, t in enumerate(window)
        ):
            return sp
        for p in range(a - 1, 0, -1):
            if toks[p].text == ";":
                return sp
            if toks[p].low in _POLL_NOUNS:
                v = p + 1
                if v < a and toks[v].low in CUE_ADVERBS and toks[v].low not in _POLL_VERBS:
                    v += 1
                if v >= a or toks[v].low not in _POLL_VERBS:
                    return sp
                i, j = source_np(toks, p)
                return Speaker(sp.name, sp.title, (toks[i].start, toks[j - 1].end), sp.named)
        return sp

    def shown_by(self, toks: list[Tok], starts: list[int], sp: Speaker) -> Speaker:
        """ "The next series of emails shows that Reines asked the “reporter” ...", "The ad
        then cuts to footage of Trump saying, “...”": the emails, the ad.

        Words a recording or a document shows someone saying reach the reader through it,
        so it is their source when it is the subject of the clause that holds the speaker
        ("The film shows X leaving and depicts Y asking" is one clause, ", and" is not).
        """
        m0 = bisect_left(starts, sp.mention[0])
        for k in range(m0 - 1, 0, -1):
            t = toks[k]
            if (
                t.text in QUOTE_TOKS
                or t.text == ";"
                or (t.low in {"and", "but"} and toks[k - 1].text == ",")
            ):
                return sp
            if t.low not in _SHOWING_VERBS or (t.low == "cuts" and toks[k + 1].low != "to"):
                continue
            noun = k - 1
            if toks[noun].low == "and":
                continue  # "shows X leaving and depicts Y asking": the subject is further back
            if noun > 0 and toks[noun].low in CUE_ADVERBS:
                noun -= 1
            if toks[noun].low not in _SHOWING_SOURCES:
                return sp
            i, j = source_np(toks, noun)
            return Speaker(sp.name, sp.title, (toks[i].start, toks[j - 1].end), sp.named)
        return sp

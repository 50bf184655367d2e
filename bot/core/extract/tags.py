"""Stage: speaker tags around a quote ("“...,” she said", "Clinton: “...”", "— Name").

Contract: each method takes one sentence's tokens and the quote's token bounds and returns a
``Speaker`` (or ``(Speaker, cue index)``) when its pattern holds, else ``None``: the tag
between the closing mark and its cue, a named apposition before the verb, a lead-in subject,
a dash signature, a colon label, an inverted lead ("Added Trump:"), a possessive ("her
remark that"). Patterns are tried in order by ``attribution``.
"""

from __future__ import annotations

from bot.core.extract.clauses import (
    CLAUSE_WORDS,
    DASHES,
    DETERMINERS_POSS,
    LEAD_PREPS,
    QUOTE_TOKS,
    TAG_PREPS,
    TAG_PUNCT,
    is_name_tok,
    opens_later_clause,
)
from bot.core.extract.cues import CUE_WORDS, is_cue
from bot.core.extract.lexicon import (
    CUE_ADVERBS,
    NOT_NAMES,
    NP_STOP,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
)
from bot.core.extract.phrases import Speaker, np_left, np_right
from bot.core.extract.resolve import resolve
from bot.core.extract.subjects import SubjectFinder
from bot.core.extract.tokens import Tok

# what a possessive or a "by" phrase can own that carries words: "her remark that “...”",
# "Mr. Obama's patronizing suggestion ... that ''...''", "the claim by aides that “...”"
_SPEECH_NOUNS = frozenset(
    {
        "remark",
        "remarks",
        "comment",
        "comments",
        "statement",
        "statements",
        "suggestion",
        "claim",
        "claims",
        "assertion",
        "contention",
        "insistence",
        "argument",
        "declaration",
        "accusation",
        "accusations",
        "charge",
        "warning",
        "warnings",
        "promise",
        "pledge",
        "vow",
        "calls",
        "call",
        "demand",
        "demands",
        "plea",
        "quip",
        "boast",
        "tweet",
        "tweets",
        "description",
        "characterization",
    }
)
_POSS_PRONOUNS = {"his": "he", "her": "she", "their": "they"}


class TagFinder(SubjectFinder):
    """Adds the tag patterns around a quote to the subject finder."""

    def owned_speech(self, toks: list[Tok], floor: int, lo: int) -> tuple[Speaker, int, str] | None:
        """ "fanned controversy over her remark that “...”", "because of Mr. Obama's
        suggestion at a debate that ''...''", "the suggestion by a potential president that
        ...": with no speech verb, the words are those of whoever owns the speech noun that
        introduces them (the sentence's subject only talks about them)."""
        while lo - 1 > floor and toks[lo - 1].text in {"'", "‘"}:
            lo -= 1  # the first half of a two-apostrophe mark
        for k in range(lo - 1, max(floor, lo - 14) - 1, -1):
            t = toks[k]
            if t.text in QUOTE_TOKS or t.text in {";", ".", "?", "!"}:
                return None
            if t.low not in _SPEECH_NOUNS or not t.text.islower():
                continue
            tail = toks[k + 1 : lo]
            that = next((i for i, x in enumerate(tail) if x.low == "that"), None)
            if not (
                not tail
                or tail[-1].low == ":"
                or (that is not None and len(tail) - that <= 4)
                or (tail[0].low == "to" and len(tail) <= 4)
            ) or any(not x.text[0].isalnum() for x in tail[:-1]):
                continue  # "his remarks on taxes drew a rebuke: “...”": another clause
            if that is not None and that >= 2 and tail[0].low == "by":
                rng = np_right(toks, k + 1, k + 1 + that)
                if rng is not None and rng[1] == k + 1 + that:
                    # "the suggestion by a potential president that": the agent speaks
                    sp = resolve(self.reg, toks, rng)
                    return (sp, k, "subject") if sp.name is not None else None
            o = k - 1
            while o > floor and k - o <= 3 and toks[o].text.isalpha() and toks[o].text.islower():
                if toks[o].low in _POSS_PRONOUNS or toks[o].low in NP_STOP:
                    break
                o -= 1  # "patronizing", "most recent": the noun's modifiers
            owner = toks[o]
            if owner.low in _POSS_PRONOUNS:
                ent = self.reg.antecedent(owner.start, _POSS_PRONOUNS[owner.low])
                if ent is None:
                    return None
                return (Speaker(ent.name, ent.title, (owner.start, owner.end), False), k, "subject")
            if owner.low.endswith(("'s", "’s")) and is_name_tok(owner):
                rng = np_left(toks, o + 1, floor)
                if rng is not None and rng[1] == o + 1:
                    sp = resolve(self.reg, toks, rng)
                    if sp.name is not None:
                        return (sp, k, "subject")
            return None
        return None

    def nearer_subject(
        self, toks: list[Tok], found: tuple[Speaker, int, str], lo: int
    ) -> tuple[Speaker, int, str]:
        """ "Reid praised Cruz, but he gave the Texan a warning: “...”": with no speech verb,
        the quote belongs to the clause that holds it, so the subject of the last clause
        opened before the quote ("but he", "when she", "as his aides") beats the sentence's.
        """
        v = found[1]
        for k in range(lo - 2, max(v, lo - 40), -1):
            t = toks[k]
            if (
                t.low == "who"
                and toks[k - 1].text == ","
                and toks[k + 1].text.isalpha()
                and toks[k + 1].text.islower()
                and not any(
                    toks[j].text == "," and toks[j + 1].low in LEAD_PREPS
                    for j in range(k + 1, lo - 1)
                )
            ):
                # "..., his daughter Ivanka, who portrayed him as “...”": the relative clause
                # holds the quote, unless a comma closed it ("Bush, who quit, as “...”")
                sp = resolve(self.reg, toks, (k, k + 1), who_left=v)
                if sp.name is not None:
                    return (sp, k + 1, "subject")
            if opens_later_clause(toks, k) or (t.low == "if" and toks[k - 1].low == "even"):
                later = self.clause_subject(toks, k + 1, lo)
                if later is not None:
                    return later
        return found

    def tag_between(self, toks: list[Tok], hi: int, c: int) -> Speaker | None:
        """Everything between the closing mark and its cue is the tag's subject.

        “...,” the bespectacled, 71-year-old diplomat said / “...,” Google's chief
        executive, Laszlo Bock, told: the noun phrase rules miss long or odd subjects, but a
        short run of words squeezed between a quote and its verb can only be the speaker.
        """
        a = hi
        while a < c and toks[a].text in TAG_PUNCT:
            a += 1
        b = c
        while b > a and (toks[b - 1].low in CUE_ADVERBS or toks[b - 1].text in {",", "—"}):
            b -= 1
        if b <= a or b - a > 14 or c - hi > 18:
            return None
        inner = toks[a:b]
        first = inner[0]
        body_end = self.text[toks[hi - 1].start - 1 : toks[hi - 1].start].strip() if hi else ""
        if a == hi and body_end not in {",", "?", "!", "—", "-", "."}:
            return None  # “...” on Twitter before claiming: the quote did not end a clause
        if first.low in TAG_PREPS or first.low in {
            "of",
            "with",
            "for",
            "and",
            "or",
            "until",
            "as",
            "by",
            "from",
            "filing",
        }:
            return None
        role_pair = first.low in {"the", "a", "an"} and all(
            t.low == "and" and 1 < k < len(inner) - 1 and inner[k + 1].low not in NOT_NAMES
            for k, t in enumerate(inner)
            if t.low in CLAUSE_WORDS
        )  # "the Florida senator and presidential candidate said": one person, two roles
        name_pair = len(inner) >= 5 and all(
            is_name_tok(t) or (t.low == "and" and 2 <= k <= len(inner) - 3)
            for k, t in enumerate(inner)
        )
        if any(t.text in QUOTE_TOKS for t in inner) or (
            not role_pair and not name_pair and any(t.low in CLAUSE_WORDS for t in inner)
        ):
            return None
        if not (
            first.text[0].isupper()
            or first.low in DETERMINERS_POSS
            or any(t.text[0].isupper() and t.low not in NOT_NAMES for t in inner)
        ):
            return None
        if first.low in PERSON_PRONOUNS and b - a > 1:
            return None
        ands = [k for k, t in enumerate(inner) if t.low == "and"]
        if (
            len(ands) == 1
            and 2 <= ands[0] <= len(inner) - 3
            and all(is_name_tok(t) for k, t in enumerate(inner) if k != ands[0])
        ):
            # "..., Ana Dovere and Gabe Debenedetti wrote": two authors, both named
            return Speaker(
                " ".join(t.text for t in inner), None, (first.start, inner[-1].end), True
            )
        if role_pair and any(t.low == "and" for t in inner):
            # both roles first: "the former secretary of state and Democratic nominee"
            sp = resolve(self.reg, toks, (a, b))
            if sp.name is not None and sp.name in self.reg.entities:
                return Speaker(sp.name, sp.title, (first.start, inner[-1].end), sp.named)
            b = a + next(k for k, t in enumerate(inner) if t.low == "and")
        sp = resolve(self.reg, toks, (a, b))
        if sp.name is None:
            head = np_right(toks, a - 1, b)
            if head is not None and head[0] == a and head[1] < b:
                sp = resolve(self.reg, toks, head)
        return Speaker(sp.name, sp.title, (first.start, inner[-1].end), sp.named)

    def named_apposition_tag(
        self, toks: list[Tok], hi: int, ceil: int
    ) -> tuple[Speaker, int] | None:
        """ "“...,” Trump, the frontrunner in the state by a wide margin after ..., said":
        a name right after the quote, a long apposition set off by commas, then the verb."""
        a = hi
        while a < ceil and toks[a].text in TAG_PUNCT:
            a += 1
        if a >= ceil or hi == 0 or not is_name_tok(toks[a]):
            return None
        body_end = self.text[toks[hi - 1].start - 1 : toks[hi - 1].start].strip()
        if body_end not in {",", "?", "!", "—", "-"}:
            return None  # the quote must end a clause for a tag to follow
        rng = np_right(toks, a - 1, ceil)
        if rng is None or rng[0] != a or rng[1] >= ceil or toks[rng[1]].text != ",":
            return None
        if not all(is_name_tok(t) or t.text in {".", "’s", "'s"} for t in toks[a : rng[1]]):
            return None
        for c in range(rng[1] + 2, min(ceil, rng[1] + 45)):
            t = toks[c]
            if t.text in QUOTE_TOKS or t.text in {";", ":", "."}:
                return None
            if t.low in CUE_WORDS and is_cue(toks, c):
                if toks[c - 1].text != "," or toks[c].low.endswith("ing"):
                    return None
                sp = resolve(self.reg, toks, rng)
                return (sp, c) if sp.name is not None else None
        return None

    def lead_subject(self, toks: list[Tok], floor: int, c: int) -> Speaker | None:
        """The clause opens with its subject and runs to the cue: "Clinton, 35, the daughter
        of ..., said on Twitter: “...”" (a long apposition the noun phrase rules refuse)."""
        a = floor
        while a < c and (toks[a].text in TAG_PUNCT or toks[a].low in {"but", "and", "so"}):
            a += 1
        b = c
        while b > a and (toks[b - 1].low in CUE_ADVERBS or toks[b - 1].text in {",", "—"}):
            b -= 1
        if b <= a or b - a > 45 or toks[c].low.endswith("ing"):
            return None
        first = toks[a]
        if not first.text[0].isupper() or first.low in NOT_NAMES or first.low in LEAD_PREPS:
            return None
        if any(t.text in QUOTE_TOKS or t.text in {";", ":", "."} for t in toks[a:b]):
            return None
        head = np_right(toks, a - 1, b)
        if head is None or head[0] != a or head[1] >= b or toks[head[1]].text != ",":
            return None
        if head[1] - head[0] == 1 and first.text not in self.reg.by_last:
            return None  # "Likewise, ...", "Moreover, ...": not a surname seen before
        sp = resolve(self.reg, toks, head)
        if sp.name is None:
            return None
        # the mention is the name and its first apposition ("Clinton, 35"), not the clause
        e = head[1] + 1
        while e < b and toks[e].text not in {",", "—"}:
            e += 1
        return Speaker(sp.name, sp.title, (first.start, toks[e - 1].end), sp.named)

    def dash_tag(self, toks: list[Tok], hi: int, ceil: int) -> Speaker | None:
        """ "“...” ― Francisco Herrero." / "-President Obama, tweeting": a dash signs it."""
        if hi >= ceil or toks[hi].text not in DASHES:
            return None
        rng = np_right(toks, hi, ceil)
        if rng is None or rng[0] != hi + 1:
            return None
        if rng[1] < ceil and toks[rng[1]].text not in {",", ".", ";", "(", ")"}:
            return None  # "“...” — a phrase the senator repeated": not a signature
        if not any(t.text[0].isupper() and t.low not in NOT_NAMES for t in toks[rng[0] : rng[1]]):
            return None
        return resolve(self.reg, toks, rng)

    def label(self, toks: list[Tok], floor: int, lo: int) -> tuple[Speaker, int] | None:
        """ "Clinton: “Our goal is ...”": a bare name and a colon label the quote."""
        if lo - 1 <= floor or toks[lo - 1].text != ":":
            return None
        a = floor
        dash = next((k for k in range(lo - 2, floor - 1, -1) if toks[k].text in DASHES), None)
        if dash is not None and lo - 1 - dash <= 7:
            a = dash + 1  # "POLLS WERE EARLY - Ana Ruiz: “...”": the headline is not her
        while a < lo - 1 and (toks[a].text in TAG_PUNCT or toks[a].text in {".", "…"}):
            a += 1
        b = lo - 1
        if b - 1 > a and toks[b - 1].text == ")":
            o = next((k for k in range(b - 2, a, -1) if toks[k].text == "("), None)
            if o is not None and b - o <= 10:
                b = o  # "Rep. Ana Ruiz (D-Ore.):": the party tag is not part of the name
        inner = toks[a:b]
        if not 1 <= len(inner) <= 5:
            return None
        if not all(
            (t.text[0].isupper() and t.low not in NOT_NAMES)
            or (t.low == "and" and 0 < k < b - a - 1)
            for k, t in enumerate(inner)
        ):
            return None
        if any(t.low == "and" for t in inner):
            # two authors sign it together: both names, as written
            both = " ".join(t.text for t in inner)
            return Speaker(both, None, (inner[0].start, inner[-1].end), True), lo - 1
        sp = resolve(self.reg, toks, (a, b))
        if sp.name is None:
            return None
        return sp, lo - 1

    def named_before_colon(
        self, toks: list[Tok], floor: int, colon: int
    ) -> tuple[Speaker, int, str] | None:
        """ "It does not surprise pollster Dana Shaw: “...”": a person's full name right
        before the colon that opens the quote introduces that person's words."""
        rng = np_left(toks, colon, floor)
        if rng is None or rng[1] != colon:
            return None
        names = [t for t in toks[rng[0] : rng[1]] if is_name_tok(t) and t.text.isalpha()]
        if len(names) < 2 or not is_name_tok(toks[colon - 1]):
            return None
        sp = resolve(self.reg, toks, rng)
        ent = self.reg.entities.get(sp.name) if sp.name else None
        if not sp.named or ent is None or ent.org:
            return None
        return sp, colon, "subject"

    def inverted_lead(self, toks: list[Tok], floor: int, lo: int) -> tuple[Speaker, int] | None:
        """ "Continued Stone: “...”" / "Added Trump, “...”": verb first, then the speaker."""
        a = floor
        while a < lo and toks[a].text in TAG_PUNCT:
            a += 1
        if a >= lo - 2 or toks[lo - 1].text not in {":", ","}:
            return None
        v = toks[a]
        if not v.text[0].isupper() or v.low not in SPEECH_VERBS or v.low.endswith("ing"):
            return None
        if lo - 1 - a > 8:
            return None
        rng = np_right(toks, a, lo - 1)
        if rng is None or rng[0] != a + 1 or rng[1] != lo - 1:
            return None
        return resolve(self.reg, toks, rng), a

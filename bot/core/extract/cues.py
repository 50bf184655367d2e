"""Speech cues: is this token a verb (or "according to") that attributes speech?

Contract: ``is_cue(toks, i)`` answers for one token from a bounded look-around (a noun use
such as "the state of", "his remarks", a particle verb such as "pointed out" is told apart);
``CUE_RE`` finds every candidate cue word of a text in one regex pass (a trie, linear);
``has_reporting_cue`` whether a sentence holds one reported speech (``indirect``) may hang on.
"""

from __future__ import annotations

import re

from bot.core.extract.lexicon import (
    COGNITION_VERBS,
    CUE_ADVERBS,
    SPEECH_VERBS,
    WEAK_CUES,
)
from bot.core.extract.tokens import Tok

ALL_CUES = SPEECH_VERBS | COGNITION_VERBS


def _trie(words: frozenset[str]) -> str:
    """One regex for many literal words, shaped as a trie so matching stays fast."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        optional = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if optional else body

    return build(trie)


CUE_RE = re.compile(r"\b" + _trie(ALL_CUES | {"according", "According"}) + r"\b")
# the cue words reported speech may hang on ("according" or a cue that is not weak), all
# lowercase letters: searched in the lowercased sentence, it finds every token whose ``low``
# is one (``re.IGNORECASE`` would do the same at four times the cost). It opens with the
# non-word character before the word, not ``\b``: the engine then skips to candidates instead
# of trying the whole pattern at every position (a quarter cheaper)
_REPORTING_CUE_RE = re.compile(r"\W" + _trie((ALL_CUES - WEAK_CUES) | {"according"}) + r"\b")


def has_reporting_cue(low: str) -> bool:
    """``low`` (a lowercased sentence) holds a cue word reported speech may hang on: a
    sentence without one has no reported speech and is never tokenised for it."""
    return _REPORTING_CUE_RE.search(" " + low) is not None  # the blank: a cue may open it


NOUN_CUES = frozenset({"state", "states", "remarks", "remark"})
NOUN_BEFORE = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "each",
        "every",
        "of",
        "in",
        "per",
        "whose",
        "its",
        "their",
        "his",
        "her",
        "our",
        "one",
        "other",
        "another",
        "home",
        "swing",
        "key",
        "battleground",
        "early",
        "red",
        "blue",
        "same",
        "which",
        "any",
        "all",
        "and",
        "or",
        ",",
        "to",
        "from",
    ]
)


# party and national adjectives that make a plural cue a noun after a preposition
_PARTY_ADJECTIVES = frozenset(
    {"republican", "democratic", "democrat", "gop", "liberal", "conservative", "progressive",
     "american", "russian", "chinese", "european", "mexican", "israeli", "iranian", "british",
     "french", "german", "partisan", "bipartisan", "public", "federal", "congressional"}
)  # fmt: skip
_ADJ_PREPS = frozenset(
    {"of", "with", "to", "for", "about", "on", "against", "despite", "over", "from", "by", "amid"}
)
# cue words whose base form is also a common noun ("a rare note", "a sharp reply")
_NOUN_LIKE_CUES = frozenset(
    {
        "note",
        "comment",
        "remark",
        "claim",
        "report",
        "call",
        "reply",
        "answer",
        "promise",
        "pledge",
        "vow",
        "boast",
        "tweet",
        "post",
        "quip",
        "joke",
        "cry",
        "shout",
        "plea",
        "charge",
        "question",
        "statement",
        "warning",
        "response",
        "press",
        "notes",
        "comments",
        "remarks",
        "claims",
        "reports",
        "calls",
        "replies",
        "answers",
        "promises",
        "pledges",
        "vows",
        "boasts",
        "tweets",
        "quips",
        "jokes",
        "shouts",
        "chant",
        "chants",
        "retort",
        "lament",
        "laments",
        "demand",
        "demands",
        "counter",
        "counters",
    }
)
# "A Harbor Audit Office report found ...": a document the engine lets speak as the cue itself
_SPEAKING_DOCS = frozenset({"report", "statement"})
_PARTICLE_CUES = {
    "shot": "back",
    "went": "on",
    "point": "out",
    "points": "out",
    "pointed": "out",
}
# "state" between a lowercase word and another is a noun ("many state workers"), unless
# the word before is its subject or "to" ("they state that", "to state the obvious")
_CLAUSE_ONLY_CUES = frozenset({"state", "states"})
_STATE_SUBJECTS = frozenset(
    {"to", "i", "we", "you", "they", "he", "she", "it", "who", "which", "that", "also", "and"}
)
# "she's said", "it's called": the contraction is "has" or "is", and a verb follows
_HAS_IS = frozenset({"he", "she", "it", "that", "who", "there", "what", "where", "which"})
NOUN_DETS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "my", "our"})
# "press" is a verb before its object or particle ("press him on", "press for"), else a noun
_PRESS_OBJECTS = frozenset(
    {"for", "on", "ahead", "him", "her", "them", "us", "me", "you", "the", "a", "an", "his"}
)


def _article_then_name(toks: list[Tok], i: int) -> bool:
    """ "a Donald Trump tweet": one to three capitalised words between "a"/"an" and the word at
    ``i``; a singular subject would take "tweets", so the base form is a noun the name
    modifies."""
    k = i - 1
    while k >= 0 and i - k <= 3 and toks[k].text[:1].isupper() and toks[k].text.isalpha():
        k -= 1
    return i - k >= 2 and k >= 0 and toks[k].low in {"a", "an", "another"}


# every word ``is_cue`` can accept: a caller scanning many tokens tests this set first (a
# function call costs far more than a set test, and most tokens are no cue word)
CUE_WORDS = SPEECH_VERBS | frozenset(_PARTICLE_CUES) | {"according"}


def _noun_use(toks: list[Tok], i: int, low: str) -> bool:
    """The cue word ``low`` at ``i`` is used as a noun or an adjective, not a verb: after a
    determiner or a possessive ("the report", "Clinton's call"), as a noun phrase's head
    ("a rare note", "a Donald Trump tweet", "32% of Republican claims"), a participle
    adjective ("in pledged delegates"), "state(s)" as a noun, "press" in a compound."""
    if i > 0 and (
        toks[i - 1].low in NOUN_DETS
        or (toks[i - 1].low.endswith(("’s", "'s")) and toks[i - 1].low[:-2] not in _HAS_IS)
    ):
        return True  # "the report", "a call", "Clinton's call": a noun, not a verb
    if (
        low in _NOUN_LIKE_CUES
        and i >= 2
        and toks[i - 1].text.isalpha()
        and toks[i - 1].text.islower()
        and toks[i - 1].low not in CUE_ADVERBS
        and toks[i - 2].low in NOUN_DETS
    ):
        return True  # "a rare note", "the latest tweet": an adjective between, still a noun
    if (
        low in _NOUN_LIKE_CUES
        and low not in _SPEAKING_DOCS
        and not low.endswith("s")
        and _article_then_name(toks, i)
    ):
        return True  # "a Donald Trump tweet", "an Ada Ruiz remark": a noun
    if (
        low in _NOUN_LIKE_CUES
        and low.endswith("s")
        and i >= 2
        and toks[i - 1].low in _PARTY_ADJECTIVES
        and toks[i - 2].low in _ADJ_PREPS
    ):
        return True  # "32% of Republican claims", "with Democratic calls for": a noun
    if (
        low.endswith("ed")
        and i > 0
        and toks[i - 1].low in {"in", "of", "for", "with", "from", "on", "at", "among"}
    ):
        return True  # "in pledged delegates", "of reported cases": an adjective
    if low in NOUN_CUES and i > 0 and toks[i - 1].low in NOUN_BEFORE:
        return True  # "the former secretary of state as ...", "in swing states"
    if (
        low in _CLAUSE_ONLY_CUES
        and 0 < i < len(toks) - 1
        and toks[i - 1].text.isalpha()
        and toks[i - 1].text.islower()
        and toks[i - 1].low not in _STATE_SUBJECTS
        and toks[i + 1].text[0].islower()
    ):
        return True  # "on state ballots", "its decrepit state emblematic of": a noun
    if (
        low in _CLAUSE_ONLY_CUES
        and 0 < i < len(toks) - 1
        and toks[i - 1].low not in _STATE_SUBJECTS
        and toks[i + 1].text in {",", ".", ";", ")"}
        and (low == "state" or toks[i - 1].text[0].isupper())
    ):
        # "a heavily Democratic state.", "many Asian states,": the noun ends the phrase (but
        # "“...,” the document states.": the verb of a tag)
        return True
    # "press secretary", "press conference": a noun compound
    return (
        low == "press"
        and i + 1 < len(toks)
        and toks[i + 1].text.isalpha()
        and toks[i + 1].low not in _PRESS_OBJECTS
    )


def is_cue(toks: list[Tok], i: int) -> bool:
    """``toks[i]`` is a speech cue: "according to", a speech verb used as a verb (not a
    noun, ``_noun_use``), or a particle verb with its particle ("shot back")."""
    low = toks[i].low
    if low == "according":
        return i + 1 < len(toks) and toks[i + 1].low == "to"
    if low not in SPEECH_VERBS and low not in _PARTICLE_CUES:
        return False  # no cue word (most tokens a caller asks about): the noun tests are moot
    if _noun_use(toks, i, low):
        return False
    if low in _PARTICLE_CUES:
        # "shot back", "went on", "points out": only with their particle
        return i + 1 < len(toks) and toks[i + 1].low == _PARTICLE_CUES[low]
    return low in SPEECH_VERBS and not toks[i].text[0].isupper()

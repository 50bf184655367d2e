"""Part of the entity model: whether a name's mention speaks or opens its clause, read from
the text around it.

Contract: ``speech_tag(text, run, start, end, before, at_sentence_start)`` says whether the
mention ``text[start:end]`` (the capitalised run ``run``) is the speaker of an inverted tag
("..., said Audrey Scagnelli", "said master of ceremonies Asab Al-Tabchi") and whether a
speech verb follows it ("Ann Fox said", "Ann Fox, a lawyer, said"); ``opens_clause`` whether
the name is its clause's subject after a lead ("Party consultant Ann Fox, ...", "since then
Ben Carson has seen"); ``clause_verb_after`` whether a verb follows a name after a lead-in
comma. Each looks at a bounded window; the cheap exact pre-checks before the regexes decide
for most names (``EntityModel._register`` asks for every mention).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from bot.core.extract.lexicon import NOT_NAMES
from bot.core.extract.names import DETERMINERS, good_title, is_cap, is_title_word
from bot.core.extract.nouns import is_person_noun
from bot.core.extract.phrases import POSSESSIVES

SAID_AFTER_RE = re.compile(r",?[ \t]+(?:said|says|told|added|wrote|asked|explained|noted)\b")
# "said", "adds", "argued": speech verbs that open an inverted tag
_TAG_VERBS = (
    r"said|says|added|adds|wrote|writes|asked|explained|explains|noted|notes|argued|argues"
    r"|recalled|recalls|warned|warns|insisted|insists|continued|continues"
)
_BLANKS = frozenset(" \t")
_LOWER_OR_BLANK = frozenset("abcdefghijklmnopqrstuvwxyz \t")
_SAID_BEFORE_RE = re.compile(rf"\b(?:{_TAG_VERBS})[ \t]+$")
_TAG_VERB_WORDS = tuple(_TAG_VERBS.split("|"))
_TAG_VERB_LAST = frozenset(w[-1] for w in _TAG_VERB_WORDS)  # d, s, e
# "Pataki says Kasich ...": a name before the verb is its subject; the name after it opens
# the reported clause, it is no inverted tag
_NAME_SAYS_RE = re.compile(
    r"[A-Z][a-z’'\-]+[ \t]+(?:said|says|added|adds|wrote|writes|noted|notes|argued|argues"
    r"|recalled|recalls|warned|warns|insisted|insists|continued|continues)[ \t]+$"
)
# "On Monday night, Clinton leaned in": a name after an opening phrase, then a verb
_CLAUSE_VERB_RE = re.compile(r"[ \t]+(?!and\b|or\b|who\b|which\b|of\b|in\b|to\b)[a-z]+(?:ed|s)\b")
# "said Pence will ...": the name opens the reported clause (not "asked Trump how")
_CLAUSE_AFTER_RE = re.compile(
    r"[ \t]+(?!how\b|what\b|why\b|whether\b|if\b|about\b|of\b|to\b|in\b|on\b|at\b)[a-z]"
)
# "since then Ben Carson has seen", "though Ginsburg is known": the name opens a clause
_CLAUSE_OPENERS = frozenset(
    {"since", "then", "though", "although", "while", "because", "when", "whereas", "once"}
    | {"until", "meanwhile", "now", "so", "yet", "as"}
)
_OPENER_BEFORE_RE = re.compile(
    r"(?:^|[,;][ \t]+|\b(?:[Aa]nd|[Bb]ut)[ \t]+|[.!?\n][ \t]*)(?:"
    + "|".join(sorted(_CLAUSE_OPENERS))
    + r")(?:[ \t]+then)?[ \t]+$",
    re.I,
)
_AUX_AFTER_RE = re.compile(
    r"[ \t]+(?:has|had|is|was|will|would|could|can|did|does|also|later|still|again|never)\b"
    r"|[ \t]+[a-z]+ed\b"
)
# "Mr. Kaplan, a screenwriter and former studio executive, said": the name speaks
_SAID_APPOS_RE = re.compile(
    r",[ \t]+(?:(?!\.[ \t])[^,“”\"\n;:(]){2,100},[ \t]+(?:[a-z]+ly[ \t]+)?"
    r"(?:said|says|told|added|wrote|asked|explained|noted)\b"
)
# "But state Rep. Ann Fox": a conjunction before the words that lead to a subject
_LEAD_CONJUNCTIONS = frozenset({"But", "And", "Yet", "So"})
# "a supporter of ", "money to ", "in Allentown, ", "a delegate backing ": a name after
# these is an object
_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:of|to|for|with|in|from|at|by|about|against|like|than|behind|under|toward|"
    r"[a-z]{3,}ing)[ \t]+$"
)
_CLOSERS = frozenset(["”", '"', "'", "’", "''"])
# "said master of ceremonies Asab Al-Tabchi": an inverted tag with a lowercase role first
# ("said 9/11 widow Terry Strada": a date word may lead the role)
_SAID_ROLE_BEFORE_RE = re.compile(
    rf"\b(?:{_TAG_VERBS})[ \t]+((?:(?:[a-z][\w\-]*|\d{{1,2}}/\d{{1,2}})[ \t]+){{1,4}})$"
)
_NOT_ROLE_WORDS = frozenset(
    {"in", "on", "at", "with", "to", "for", "by", "from", "that", "about", "after", "before"}
    | {"during", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its"}
    | {"there", "this", "last", "next", "and", "but", "or", "if", "when", "as", "was", "is"}
    | {"would", "will"}
)
_DETS_POSS = DETERMINERS | POSSESSIVES


@lru_cache(maxsize=16384)
def _lead_word(w: str) -> bool:
    """A word that may lead a name as part of its role ("Party consultant Ann Fox"); cached:
    ``opens_clause`` asks about the same sentence openings for every name."""
    return (
        (is_cap(w) and w[-1].isalpha() and w.lower() not in NOT_NAMES)
        or w.lower() in DETERMINERS
        or good_title(w)
        or (w.islower() and is_person_noun(w))
    )


def _tag_verb_before(text: str, start: int) -> bool:
    """Cheap pre-check for ``_SAID_ROLE_BEFORE_RE`` ending at ``start``: a tag verb ends one
    of the four blank-separated words before the last (the regex wants it followed by one to
    four words, each a whole blank-separated piece)."""
    for piece in text[start - 60 if start > 60 else 0 : start].rsplit(None, 5)[-5:-1]:
        # the last letter first: one look spares most words twenty suffix tests
        if piece[-1] in _TAG_VERB_LAST and piece.endswith(_TAG_VERB_WORDS):
            return True
    return False  # (a plain loop: a generator costs as much as the check itself)


def _may_follow_opener(text: str, start: int) -> bool:
    """Cheap pre-check for ``_OPENER_BEFORE_RE`` ending at ``start``: blanks, then a clause
    opener word. The regex needs the opener to be the whole run of letters before the
    blanks; an ASCII run that is no opener rules it out (a non-ASCII one may still match
    case-insensitively, so the regex decides)."""
    lo = start - 30 if start > 30 else 0
    if start > lo and text[start - 1] == "\n":
        start -= 1  # "$" also matches before a final newline
    k = start
    while k > lo and text[k - 1] in " \t":
        k -= 1
    if k in (start, lo):
        return False
    j = k
    while j > lo and text[j - 1].isalpha():
        j -= 1
    word = text[j:k]
    return not word.isascii() or word.lower() in _CLAUSE_OPENERS


def speech_tag(
    text: str, run: str, start: int, end: int, before: str, at_sentence_start: bool
) -> tuple[bool, bool]:
    """(inverted, said after) for the mention ``text[start:end]``; ``before`` is the
    character before the blank before it (a newline when no blank is there)."""
    # "..., said Audrey Scagnelli, national press secretary": an inverted tag; not
    # "Matthews said Pence's performance ...", where the name opens the reported clause
    inverted = (
        # said, says, noted ...: a cheap pre-check ("wrote" is the only tag verb ending in
        # e; "the", the commonest word before a name, is not it)
        (before in "ds" or (before == "e" and text[start - 6 : start - 1] == "wrote"))
        and _SAID_BEFORE_RE.search(text, start - 12 if start > 12 else 0, start) is not None
        and not run.endswith(("’s", "'s"))
        and _CLAUSE_AFTER_RE.match(text, end) is None
        and _NAME_SAYS_RE.search(text, start - 40 if start > 40 else 0, start) is None
    )
    if (
        not inverted
        and before.isalpha()
        and _CLAUSE_AFTER_RE.match(text, end) is None  # a match at one place: first
        and _tag_verb_before(text, start)
    ):
        role = _SAID_ROLE_BEFORE_RE.search(text, start - 60 if start > 60 else 0, start)
        inverted = (
            role is not None
            and role.group(1).split()[0] != "of"
            and not any(w in _NOT_ROLE_WORDS for w in role.group(1).split())
        )
    comma_after = text[end : end + 1] == ","
    said_after = SAID_AFTER_RE.match(text, end) is not None or (
        comma_after
        and (at_sentence_start or text[start - 2 if start > 2 else 0 : start].strip() in _CLOSERS)
        and _SAID_APPOS_RE.match(text, end) is not None
    )
    if (
        said_after
        and comma_after
        and _OBJECT_BEFORE_RE.search(text, start - 16 if start > 16 else 0, start) is not None
    ):
        # "Paul Rook, a supporter of Mr. Trump, said": the object that closes an
        # apposition is not who said it
        said_after = False
    return inverted, said_after


def clause_verb_after(text: str, end: int) -> bool:
    """ "On Monday night, Clinton leaned in": a verb right after the name."""
    return _CLAUSE_VERB_RE.match(text, end) is not None


def opens_clause(text: str, sentence_starts: list[int], start: int, end: int) -> bool:
    """ "Former Pennsylvania governor Ed Rendell, ...": only title words before the name
    since the sentence began; "since then Ben Carson has seen": a clause opener before it
    and a verb after. ``sentence_starts`` is sorted."""
    starts = sentence_starts
    k = bisect_left(starts, start) - 1
    if k >= 0 and 0 < start - starts[k] <= 60:
        lead = text[starts[k] : start].split()
        if len(lead) > 1 and lead[0] in _LEAD_CONJUNCTIONS:
            lead = lead[1:]  # "But state Rep. Ann Fox, ...": the conjunction opens it
        if (
            lead
            and all(map(_lead_word, lead))
            and any(w.islower() and w not in DETERMINERS for w in lead)
        ):
            return True  # "Party consultant Ann Fox": a role or person noun before the name
        if (
            lead
            and lead[0].islower()  # the generator below costs more than this test
            and all(w.islower() and is_title_word(w) for w in lead)
            and is_title_word(text[start:end].split()[0])
        ):
            return True  # "But state Rep. Ann Fox": a title opens the run
        if (
            2 <= len(lead) <= 8
            and lead[-1][-1] == ","
            and (lead[0].lower() in _DETS_POSS or lead[0].endswith(("'s", "’s")))
            and any(is_person_noun(w.rstrip(",").lower()) for w in lead[1:])
        ):
            # "One local woman, Karen Robison, pulled ...", "The leader of the Union,
            # Jon Greer, warned": the name the description introduces is the subject
            return True
    return (
        # (``_AUX_AFTER_RE`` wants a blank and a small letter: most names end otherwise)
        text[end : end + 1] in _BLANKS
        and text[end + 1 : end + 2] in _LOWER_OR_BLANK
        and _AUX_AFTER_RE.match(text, end) is not None  # one match at one place: first
        and _may_follow_opener(text, start)
        and _OPENER_BEFORE_RE.search(text, start - 30 if start > 30 else 0, start) is not None
    )

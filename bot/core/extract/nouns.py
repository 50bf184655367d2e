"""Common nouns that stand for a speaker: person nouns, group nouns, source nouns.

Contract: pure predicates (``is_person_noun``, ``is_group_noun``) and ``phrase_head`` (the
head noun of a description such as "the former secretary of state"), used to type a
description as a person, a group, or a thing that cannot speak.
"""

from __future__ import annotations

from functools import lru_cache

from bot.core.extract.lexicon import (
    ORG_NOUNS,
    PERSON_ROLES,
)
from bot.core.extract.names import OCCUPATIONS, PERSON_NOUNS

FEMALE_NOUNS = frozenset(
    ["lady", "actress", "woman", "mother", "wife", "daughter", "sister", "hostess", "congresswoman"]
)
SOURCE_NOUNS = frozenset(
    [
        "letter",
        "ad",
        "complaint",
        "memo",
        "email",
        "lawsuit",
        "filing",
        "editorial",
        "poll",
        "survey",
        "study",
        "document",
        "transcript",
        "website",
        "tweet",
        "post",
        "video",
        "crowd",
        "group",
        "people",
        "sign",
        "banner",
        "message",
        "source",
        "book",
        "report",
        "article",
        "story",
        "statement",
        "column",
        "release",
        "speech",
        "petition",
        "ruling",
        "order",
        "platform",
        "campaign",
        "analysis",
        "review",
        "note",
        "suit",
        "passage",
        "piece",
        "opinion",
        "account",
        "cable",
        "copy",
        "interview",
        "clip",
        "footage",
        "caption",
        "excerpt",
        "announcement",
        "notice",
        "motion",
        "indictment",
        "verdict",
        "decision",
        "playbook",
        "handbook",
        "manual",
        "flyer",
        "pamphlet",
        "brochure",
        "mailer",
        "audience",
        "public",
        "electorate",
        "outlet",
        "publication",
        "newspaper",
        "magazine",
        "network",
        "blog",
    ]
)
MALE_NOUNS = frozenset(
    ["man", "father", "husband", "son", "brother", "congressman", "actor", "nephew", "uncle"]
)


def is_group_noun(word: str) -> bool:
    """ "protesters", "aides", "groups": a plural noun for people who can speak together."""
    low = word.lower()
    if not word.isalpha() or not word.islower() or not low.endswith("s"):
        return False
    one = low[:-1]
    return one in PERSON_NOUNS or one in PERSON_ROLES or one in SOURCE_NOUNS or one in ORG_NOUNS


# "a person close to the campaign", "one Democrat familiar with the talks": the words after the
# noun that the mention may end on
_POST_MODIFIERS = frozenset(
    ["close", "familiar", "involved", "knowledgeable", "briefed", "present", "connected"]
)
_PERSON_ENDINGS = ("er", "or", "ist", "ant", "ent", "ee", "ian", "man", "woman", "ess")
_NOT_PERSON_ENDINGS = frozenset(
    [
        "water",
        "paper",
        "order",
        "number",
        "center",
        "centre",
        "power",
        "matter",
        "corner",
        "border",
        "monster",
        "moment",
        "comment",
        "element",
        "event",
        "amendment",
        "agreement",
        "argument",
        "achievement",
        "percent",
        "degree",
        "fee",
        "tree",
        "coffee",
        "door",
        "floor",
        "color",
        "colour",
        "error",
        "factor",
        "mirror",
        "motor",
        "sector",
        "business",
        "process",
        "success",
        "address",
        "congress",
        "human",
        "german",
        "other",
        "another",
        "whether",
        "however",
        "together",
        "never",
        "ever",
        "over",
        "under",
        "after",
        "later",
        "rather",
        "either",
        "neither",
        "answer",
        "offer",
        "cover",
        "career",
        "manner",
        "dinner",
        "summer",
        "winter",
        "letter",
        "chapter",
        "character",
        "computer",
        "counter",
        "quarter",
        "register",
        "river",
        "silver",
        "weather",
    ]
)


def phrase_head(lows: list[str]) -> str:
    """The noun a described speaker turns on: "a transcript of the show" -> "transcript",
    "a person close" -> "person"."""
    end = len(lows)
    for k in range(1, len(lows)):
        if lows[k] in {"of", "for", "from", "at", "in", "with", "on"}:
            end = k
            break
    while end > 1 and lows[end - 1] in _POST_MODIFIERS:
        end -= 1
    return lows[end - 1]


@lru_cache(maxsize=16384)
def is_person_noun(noun: str) -> bool:
    """ "woman", "voter", "spokesman", "organizer": a noun for one person. Cached: asked of
    the same words for every mention (five set look-ups and a suffix test each)."""
    return (
        noun in PERSON_NOUNS
        or noun in PERSON_ROLES
        or noun in OCCUPATIONS
        or noun in FEMALE_NOUNS
        or noun in MALE_NOUNS
        or looks_like_person(noun)
    )


def looks_like_person(noun: str) -> bool:
    """ "heckler", "organizer", "investor", "columnist", "attendee": a noun for someone."""
    return (
        noun.isalpha()
        and len(noun) >= 4
        and noun.endswith(_PERSON_ENDINGS)
        and noun not in _NOT_PERSON_ENDINGS
    )

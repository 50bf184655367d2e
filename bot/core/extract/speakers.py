"""Speaker noun phrases and their resolution to a canonical name.

A mention ("he", "the senator", "Vance", "a spokesman for Disney") is resolved against the
people and organisations named earlier in the article: pronouns to the last fitting named
subject, surnames and titles to the full name, titles kept apart from names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from bot.core.extract.lexicon import (
    ABBREVIATIONS,
    CUE_ADVERBS,
    FEMALE_NAMES,
    FEMALE_TITLES,
    MALE_NAMES,
    MALE_TITLES,
    NOT_NAMES,
    NP_STOP,
    ORG_NOUNS,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    SPEECH_VERBS,
    TITLE_WORDS,
)
from bot.core.extract.tokens import Tok

_PARTICLES = frozenset(
    {"de", "van", "von", "bin", "al", "la", "le", "del", "da", "der", "di", "du"}
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir"})
_DETERMINERS = frozenset({"the", "a", "an", "another", "one"})
_HONORIFIC_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f"}
# people a story describes but seldom names: "the boy", "the narrator", "the aide"
_UNNAMED_NOUNS = frozenset(
    {
        "narrator",
        "boy",
        "girl",
        "child",
        "kid",
        "teenager",
        "man",
        "woman",
        "person",
        "voter",
        "resident",
        "protester",
        "supporter",
        "heckler",
        "moderator",
        "aide",
        "official",
        "officer",
        "executive",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "staffer",
        "attendee",
        "questioner",
        "source",
        "insider",
    }
)
_ORDINALS = frozenset({"second", "third", "fourth", "other", "latter"})
# words of a role phrase that no apposition needs to repeat: "the former senator"
_ROLE_FILLERS = frozenset(
    {"former", "current", "then", "now", "longtime", "presumptive", "de", "facto", "likely"}
)
_PERSON_NOUNS = frozenset(
    [
        "tycoon",
        "narrator",
        "moderator",
        "person",
        "boy",
        "girl",
        "child",
        "kid",
        "teenager",
        "host",
        "anchor",
        "hostess",
        "man",
        "woman",
        "voter",
        "resident",
        "protester",
        "supporter",
        "critic",
        "activist",
        "candidate",
        "surrogate",
        "ally",
        "allie",
        "backer",
        "opponent",
        "friend",
        "colleague",
        "donor",
        "follower",
        "fan",
        "lawyer",
        "attorney",
        "staffer",
    ]
)
_FEMALE_NOUNS = frozenset(
    ["lady", "actress", "woman", "mother", "wife", "daughter", "sister", "hostess", "congresswoman"]
)
_SOURCE_NOUNS = frozenset(
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
# "Carole Bower", "Lee J. Epstein"; not "FULL TEXT", "Outreach Undone By Trump"
_PERSON_NAME_RE = re.compile(r"^[A-Z][a-z’'\-]+(?: [A-Z]\.)?(?: [A-Z][a-z’'\-]*[a-z]){1,2}$")
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
_TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "week",
        "month",
        "year",
        "night",
        "morning",
        "afternoon",
        "evening",
    ]
)
_GEO_FIRST = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "new",
        "united",
        "saudi",
        "great",
        "san",
        "los",
        "las",
        "puerto",
    ]
)
_MALE_NOUNS = frozenset(
    ["man", "father", "husband", "son", "brother", "congressman", "actor", "nephew", "uncle"]
)
_DESCRIBED_RE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)[ \t]+((?:[\w\-]+[ \t]+){0,3}?)"
    r"(woman|man|mother|father|wife|husband|daughter|son|voter|retiree|resident|veteran|"
    r"student|supporter|protester|teacher|nurse|worker|farmer|attendee|member|owner|"
    r"grandmother|grandfather|widow|immigrant|delegate|official|spokeswoman|spokesman)\b"
)
# "The email ... it reads", "the groups ... they argue": the thing or group a pronoun means
_THING_NOUNS = (
    r"email|e-mail|letter|memo|memorandum|statement|report|paper|post|newspaper|affidavit|"
    r"editorial|study|survey|document|filing|lawsuit|ruling|release|ad|video|"
    r"website|site|tweet|message|book|column|article|campaign|company|group|"
    r"organization|organisation|committee|panel|agency|network|foundation|firm|board|union"
)
# a document speaks wherever it was named; a body or group only as a subject
_DOC_NOUNS = frozenset(
    {"email", "e-mail", "letter", "memo", "memorandum", "statement", "report", "paper"}
    | {"post", "newspaper", "affidavit", "editorial", "study", "survey", "document", "filing"}
    | {"lawsuit", "ruling", "release", "ad", "video", "website", "tweet", "message", "book"}
    | {"column", "article"}
)
_GROUP_NOUNS = (
    r"groups|organizations|authors|researchers|economists|professors|protesters|"
    r"protestors|supporters|officials|lawmakers|senators|critics|activists|"
    r"advocates|analysts|experts|scholars|friends|reporters|demonstrators|marchers|"
    r"voters|leaders|members|parents|families|residents|soldiers|fighters|militants|"
    r"writers|editors|judges|justices|delegates|candidates|aides|staffers|workers|"
    r"students|scientists|doctors|democrats|republicans"
)
_THING_RE = {
    "it": re.compile(
        r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.\-]*['’]s)[ \t]+"
        rf"(?:[\w\-]+[ \t]+){{0,2}}?(?:{_THING_NOUNS})\b(?![’'\-])"
    ),
    "they": re.compile(
        r"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]wo|[Tt]hree|[Ss]ome|[Mm]any|[Tt]heir|"
        r"[A-Z][\w.\-]*['’]s)[ \t]+"
        rf"(?:[\w\-]+[ \t]+){{0,2}}?(?:{_GROUP_NOUNS})\b(?![’'\-])"
    ),
}
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my"})
_DETS_POSS = _DETERMINERS | _POSSESSIVES
# words that open a phrase but not the organisation in it: "Some Arizona officials"
_RUN_LEADS = _DETERMINERS | NOT_NAMES | {"former", "ex", "then", "current"}
_CAP_DETS = frozenset(
    {
        "The",
        "A",
        "An",
        "Its",
        "His",
        "Her",
        "Their",
        "These",
        "Those",
        "Two",
        "Three",
        "Some",
        "Many",
    }
)
_QUANTIFIERS = frozenset(
    {"some", "many", "several", "other", "most", "few", "both", "dozens", "hundreds", "thousands"}
)
_QUANTIFIER_PRONOUNS = frozenset({"others", "another", "some", "many", "several", "most"})
_NP_RIGHT_STOP = frozenset(
    [
        "who",
        "that",
        "which",
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "when",
        "while",
        "as",
        "to",
        "and",
        "but",
        "said",
        "says",
        "told",
        "wrote",
        "added",
        "is",
        "was",
        "were",
        "are",
        "has",
        "had",
        "have",
        "with",
        "from",
        "by",
        "about",
        "last",
        "this",
    ]
)
_MODALS = frozenset(
    {"could", "would", "will", "should", "can", "may", "might", "must", "did", "does", "do"}
)
# one capitalised word of a headline: "Hillary", "O'Rourke"
_HEADLINE_WORD_RE = re.compile(r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?")
_NAME_RUN_RE = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'\-]*\.?|(?:de|van|von|bin|al|la|le|del|da|der|di|du)(?=[ \t]+[A-Z]))"
    r"(?:[ \t]+(?:[A-Z][\w’'\-]*\.?|(?:de|van|von|bin|al|la|le|del|da|der|di|du)(?=[ \t]+[A-Z])))*"
)
_WORD_RE = re.compile(r"[A-Za-z]+")
_OPEN_QUOTES = frozenset("“\"'‘")
# "...,” Oliver barked": the name right after a closing quote (and a courtesy title)
_TAG_GAP_RE = re.compile(r"[”\"'’][ \t]+(?:[A-Z][a-z]{0,3}\.[ \t]+)?$")
_HE_WORDS = frozenset({"he", "his", "him"})
_PLACE_TAILS = frozenset({"street", "avenue", "square", "states", "elementary", "school", "annex"})
# "Choosing between Clinton and Sanders": a name after these is no one's introduction
_OBJECT_WORDS = frozenset(
    {"between", "against", "than", "with", "about", "to", "on", "at", "from", "by", "over"}
    | {"into", "and", "or", "behind", "toward", "towards", "under"}
)
_SHE_WORDS = frozenset({"she", "her"})
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|himself|[Ss]he|[Hh]er|herself)\b")
_APPOSITION_RE = re.compile(
    r",[ \t]+(?:the|a)[ \t]+((?:[\w\-]+[ \t]+){0,3}?[a-z][\w\-]*)[ \t]*[,.;]"
)
# "Michael Briggs, a spokesman for Sanders,": the role names whom the person speaks for
_FOR_APPOSITION_RE = re.compile(
    r",[ \t]+(?:the|a|an)[ \t]+((?:[a-z][\w\-]*[ \t]+){0,2}?[a-z][\w\-]*[ \t]+(?:for|to)"
    r"[ \t]+(?:[A-Z][\w\-’']*[ \t]+)?[A-Z][\w\-’']*)[ \t]*[,.;]"
)
# "Republican nominee Donald Trump", "GOP front-runner Donald Trump": role words before a
# name, back to one of these
_PRE_ROLE_STOP = frozenset(
    {"the", "a", "an", "and", "or", "of", "for", "to", "with", "by", "said", "says", "as", "at"}
)
# party words that rule one another out: "the Democratic nominee" is not the Republican one
_PARTY_WORDS = {"democratic": "republican", "republican": "democratic"}
# words a role may be given by, folded to one: "the business mogul" is "the billionaire"
_ROLE_SYNONYMS = {
    "sen": "senator",
    "gov": "governor",
    "gop": "republican",
    "democrat": "democratic",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "frontrunner": "front-runner",
    "billionaire": "mogul",
    "businessman": "mogul",
    "businesswoman": "mogul",
    "tycoon": "mogul",
    "magnate": "mogul",
    "developer": "mogul",
    "ex": "former",
}
# states and countries a role may name: "the Florida senator" is not the Texas one
_ROLE_PLACES = frozenset(
    {
        "alaska",
        "arkansas",
        "connecticut",
        "delaware",
        "hawaii",
        "idaho",
        "kansas",
        "maine",
        "maryland",
        "mississippi",
        "montana",
        "nebraska",
        "dakota",
        "oklahoma",
        "rhode",
        "vermont",
        "wyoming",
    }
)
# "Sen. Joni Ernst, R-Iowa," / "(D-Vt.)": the party and state the tag gives a person
_PARTY_TAG_RE = re.compile(r",?[ \t]+\(?([RDI])-([A-Z][A-Za-z.]*(?:[ \t]?[A-Z][A-Za-z.]*)?)")
_TAG_PARTY = {"R": "republican", "D": "democratic", "I": "independent"}
STATE_ABBREVIATIONS = {
    "ala": "alabama",
    "ariz": "arizona",
    "ark": "arkansas",
    "calif": "california",
    "colo": "colorado",
    "conn": "connecticut",
    "del": "delaware",
    "fla": "florida",
    "ga": "georgia",
    "ill": "illinois",
    "ind": "indiana",
    "kan": "kansas",
    "ky": "kentucky",
    "la": "louisiana",
    "md": "maryland",
    "mass": "massachusetts",
    "mich": "michigan",
    "minn": "minnesota",
    "miss": "mississippi",
    "mo": "missouri",
    "mont": "montana",
    "neb": "nebraska",
    "nev": "nevada",
    "nh": "hampshire",
    "nj": "jersey",
    "nm": "mexico",
    "ny": "york",
    "nc": "carolina",
    "sc": "carolina",
    "nd": "dakota",
    "sd": "dakota",
    "okla": "oklahoma",
    "ore": "oregon",
    "pa": "pennsylvania",
    "ri": "rhode",
    "tenn": "tennessee",
    "tex": "texas",
    "tx": "texas",
    "vt": "vermont",
    "va": "virginia",
    "wash": "washington",
    "wis": "wisconsin",
    "wyo": "wyoming",
    "wva": "virginia",
    "wv": "virginia",
}
# words that make a role another one: the vice president, the lieutenant governor
_ROLE_QUALIFIERS = frozenset({"vice", "lieutenant", "deputy", "assistant", "press", "under"})
_SAID_AFTER_RE = re.compile(r",?[ \t]+(?:said|says|told|added|wrote|asked|explained|noted)\b")
_SAID_BEFORE_RE = re.compile(r"\b(?:said|says|added|wrote|asked|explained|noted)[ \t]+$")
_SAID_NEAR_RE = re.compile(
    r"\b(?:said|says|added|wrote|asked|explained|noted|according to)\b[^.\n“”\"]{0,25}$"
)
# "On Monday night, Clinton leaned in": a name after an opening phrase, then a verb
_CLAUSE_VERB_RE = re.compile(r"[ \t]+(?!and\b|or\b|who\b|which\b|of\b|in\b|to\b)[a-z]+(?:ed|s)\b")
# "said Pence will ...": the name opens the reported clause (not "asked Trump how")
_CLAUSE_AFTER_RE = re.compile(
    r"[ \t]+(?!how\b|what\b|why\b|whether\b|if\b|about\b|of\b|to\b|in\b|on\b|at\b)[a-z]"
)
# "since then Ben Carson has seen", "though Ginsburg is known": the name opens a clause
_CLAUSE_OPENERS = frozenset(
    [
        "since",
        "then",
        "though",
        "although",
        "while",
        "because",
        "when",
        "whereas",
        "once",
        "until",
        "meanwhile",
        "now",
        "so",
        "yet",
    ]
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
_CLOSERS = frozenset(["”", '"', "'", "’", "''"])
# "said master of ceremonies Asab Al-Tabchi": an inverted tag with a lowercase role first
_SAID_ROLE_BEFORE_RE = re.compile(
    r"\b(?:said|says|added|wrote|asked|explained|noted)[ \t]+((?:[a-z][\w\-]*[ \t]+){1,4})$"
)
_NOT_ROLE_WORDS = frozenset(
    [
        "in",
        "on",
        "at",
        "with",
        "to",
        "for",
        "by",
        "from",
        "that",
        "about",
        "after",
        "before",
        "during",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "there",
        "this",
        "last",
        "next",
        "and",
        "but",
        "or",
        "if",
        "when",
        "as",
        "was",
        "is",
        "would",
        "will",
    ]
)
_OF_TITLE_RE = re.compile(r"((?:[A-Z][\w.\-]*[ \t]+){1,3})of[ \t]+$")
_BYLINE_RE = re.compile(
    r"^[ \t]*By[ \t]+([A-Z][\w.'’\-]+(?:[ \t]+[A-Z][\w.'’\-]+){1,3})[ \t]*$", re.M
)


_PLACES = frozenset(
    [
        "america",
        "europe",
        "asia",
        "africa",
        "china",
        "russia",
        "mexico",
        "iran",
        "iraq",
        "syria",
        "israel",
        "germany",
        "france",
        "britain",
        "england",
        "japan",
        "canada",
        "cuba",
        "ukraine",
        "turkey",
        "india",
        "pakistan",
        "afghanistan",
        "egypt",
        "libya",
        "italy",
        "spain",
        "brazil",
        "venezuela",
        "korea",
        "vietnam",
        "greece",
        "washington",
        "beijing",
        "moscow",
        "london",
        "paris",
        "iowa",
        "ohio",
        "florida",
        "texas",
        "california",
        "virginia",
        "nevada",
        "carolina",
        "michigan",
        "wisconsin",
        "pennsylvania",
        "georgia",
        "arizona",
        "colorado",
        "utah",
        "york",
        "jersey",
        "hampshire",
        "massachusetts",
        "illinois",
        "indiana",
        "kentucky",
        "tennessee",
        "alabama",
        "louisiana",
        "missouri",
        "minnesota",
        "oregon",
    ]
)


def is_place(name: str) -> bool:
    """Countries, states and capitals by their first or last word ("North Korea")."""
    parts = name.lower().split()
    return bool(parts) and (parts[0] in _GEO_FIRST or parts[-1] in _PLACES)


def _strip_possessive(word: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _low(word: str) -> str:
    return word.lower()


def is_title_word(word: str) -> bool:
    """True for words that belong in a title ("Vice", "President", "Sen.", "campaign")."""
    low = word.lower()
    return low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS


def is_org_name(name: str) -> bool:
    """Organisation-looking names: an institution word or an acronym."""
    parts = name.split()
    if any(p.lower().rstrip(".") in ORG_WORDS for p in parts):
        return True
    return len(parts) == 1 and len(parts[0]) >= 2 and parts[0].isupper()


_OCCUPATIONS = (
    PERSON_ROLES
    | _PERSON_NOUNS
    | frozenset(
        [
            "comedian",
            "comic",
            "actor",
            "actress",
            "singer",
            "rapper",
            "musician",
            "author",
            "writer",
            "filmmaker",
            "director",
            "producer",
            "journalist",
            "columnist",
            "novelist",
            "poet",
            "painter",
            "artist",
            "model",
            "chef",
            "designer",
            "historian",
            "economist",
            "scientist",
            "physicist",
            "pastor",
            "preacher",
            "evangelist",
            "televangelist",
            "entrepreneur",
            "investor",
            "billionaire",
            "businessman",
            "businesswoman",
            "tycoon",
            "mogul",
            "developer",
            "pundit",
            "commentator",
            "anchor",
            "host",
            "blogger",
            "activist",
            "organizer",
            "lawyer",
            "attorney",
            "magician",
            "athlete",
            "quarterback",
            "coach",
            "boxer",
            "wrestler",
            "golfer",
            "rocker",
            "star",
            "superstar",
        ]
    )
)
# words that qualify a title but are none on their own ("Former", "State", "Top", "German")
_TITLE_MODIFIERS = frozenset(
    [
        "former",
        "top",
        "then",
        "rival",
        "senior",
        "longtime",
        "late",
        "acting",
        "incoming",
        "outgoing",
        "newly",
        "retired",
        "presumptive",
        "first",
        "state",
        "house",
        "city",
        "county",
        "national",
        "federal",
        "district",
        "security",
        "american",
        "british",
        "canadian",
        "chinese",
        "egyptian",
        "european",
        "french",
        "german",
        "indian",
        "iranian",
        "iraqi",
        "israeli",
        "italian",
        "japanese",
        "mexican",
        "polish",
        "russian",
        "saudi",
        "spanish",
        "syrian",
        "turkish",
        "ukrainian",
        "afghan",
        "u.s.",
        "us",
        "air",
        "navy",
        "army",
        "marine",
        "green",
    ]
)


_ROLE_ENDINGS = ("host", "surgeon", "writer", "maker", "man", "woman", "ist", "person")


def _is_first_name(word: str) -> bool:
    low = word.lower()
    return low in MALE_NAMES or low in FEMALE_NAMES


def is_first_name(word: str) -> bool:
    """A given name in the lexicons ("Ted", "Kelly"): a name even when it looks like a word."""
    return _is_first_name(word)


def good_title(title: str | None) -> bool:
    """ "Secretary of State", "Florida Sen.", "spokesman": a title holds a role word; "Former",
    "State", "CNN's" or "warm-and-fuzzy" alone do not."""
    if not title or any(w in {"Of", "The", "And", "For", "In"} for w in title.split()):
        return False  # a headline in title case ("Unhappy Campaign Of")
    for w in title.split():
        low = w.lower()
        base = low.rstrip(".")
        if low in _TITLE_MODIFIERS or base in _TITLE_MODIFIERS:
            continue
        if low in TITLE_WORDS or base in TITLE_WORDS or low in _OCCUPATIONS:
            return True
        if low.endswith(_ROLE_ENDINGS):
            return True  # "co-host", "neurosurgeon", "speechwriter", "congressman"
    return False


def split_title(words: list[str]) -> tuple[str | None, list[str]]:
    """Split "French President Emmanuel Macron" into ("French President", [Emmanuel, Macron])."""
    title, name = _split_title(tuple(words))
    return title, list(name)


@lru_cache(maxsize=8192)
def _split_title(words: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """``split_title`` on a tuple, cached: an article names the same people again and again."""
    # Runs are gathered backwards and reversed once: inserting at the front made a long
    # capitalised run quadratic (issue 18).
    backwards: list[str] = []
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        if not (_is_cap(w) or (w.lower() in _PARTICLES and backwards)):
            break
        if backwards and is_title_word(w) and w.lower() not in _PARTICLES:
            break
        if w.lower() in NOT_NAMES and not backwards:
            break
        backwards.append(w)
        i -= 1
    name = backwards[::-1]
    for p in range(len(name) - 2, -1, -1):
        if _strip_possessive(name[p]) != name[p]:
            # "Florida’s Rick Wilson": the possessor is not part of the name
            i += p + 1
            name = name[p + 1 :]
            break
    if name and name[0].lower() in _PARTICLES and i >= 0 and _is_first_name(words[i]):
        # "Marine Le Pen": a first name that is also a title word, before a particle surname
        name.insert(0, words[i])
        i -= 1
    if (
        len(name) >= 3
        and not _is_first_name(name[0])
        and (name[0].lower() in _OCCUPATIONS or (i >= 0 and _is_first_name(name[1])))
    ):
        # "Comedian Sarah Silverman": the occupation opens the run, it is not the name;
        # "Director of National Intelligence James Clapper": nor the end of a long title
        name = name[1:]
        i += 1
    if name and _strip_possessive(name[-1]).lower().rstrip(".") in ORG_WORDS:
        # "the Iowa Democratic Party", "the United Nations Security Council": keep it whole
        org: list[str] = []
        while i >= 0 and _is_cap(words[i]) and words[i].lower() not in NOT_NAMES:
            org.append(words[i])
            i -= 1
        name = org[::-1] + name
    title_words = [w for w in words[: i + 1] if w.lower() not in _DETERMINERS]
    title_words = [w for w in title_words if w.lower() not in _HONORIFICS]
    title = " ".join(title_words) if title_words else None
    return title, tuple(name)


def _surname_key(name: str) -> str | None:
    """The by-surname key of a bare surname: "Cruz", "Le Pen" -> "Pen"; None for a full name."""
    parts = name.split()
    if len(parts) == 1:
        return name
    if len(parts) <= 3 and parts[0].lower() in _PARTICLES and _is_cap(parts[0]):
        return parts[-1]
    return None


def _plausible_full_name(name: str) -> bool:
    """ "Bernie Sanders", not a headline run ("New Hampshire Sanders", "Following Sanders",
    "Team Trump") that a bare surname must not be merged into."""
    parts = name.split()
    first = parts[0].lower()
    if first in MALE_NAMES or first in FEMALE_NAMES:
        return True
    if first in _GEO_FIRST or first in _PLACES or first in {"team", "camp"}:
        return False
    return not any(p.lower().endswith("ing") for p in parts[:-1])


@dataclass
class Entity:
    """A person or organisation named in the article."""

    name: str
    title: str | None
    gender: str | None
    org: bool
    last_tokens: frozenset[str] = field(default_factory=frozenset)
    roles: set[str] = field(default_factory=set)  # words of "X, the Republican nominee,"
    count: int = 0  # mentions outside quotes: which "Cruz" a bare surname means
    spoke: int = 0  # mentions right next to a speech verb


@dataclass(slots=True)
class Mention:
    """Where an entity is named, and whether that mention starts its sentence."""

    start: int
    end: int
    entity: Entity
    subject: bool
    # the bare-surname entity this mention had before the full name took it over: pronouns
    # weigh "Trump" in the headline as they always did (gender unknown), and name the full one
    bare: Entity | None = None
    honor: str | None = None  # "Mrs. Clinton": the gender its courtesy title gives


def _gender_of(first: str, title: str | None) -> str | None:
    low = first.lower()
    if title:
        tw = {t.lower() for t in title.split()}
        if tw & MALE_TITLES:
            return "m"
        if tw & FEMALE_TITLES:
            return "f"
    if low in MALE_NAMES:
        return "m"
    if low in FEMALE_NAMES:
        return "f"
    return None


def _role_words(ent: Entity) -> frozenset[str]:
    """Every role word the article gave ``ent`` (title and appositions), synonyms folded."""
    return _fold_roles(ent.title, frozenset(ent.roles))


@lru_cache(maxsize=4096)
def _fold_roles(title: str | None, roles: frozenset[str]) -> frozenset[str]:
    """Cached: the role lookup asks about the same few people for every role mention."""
    words = {w.lower().rstrip(".") for w in (title or "").split()} | roles
    out = {_ROLE_SYNONYMS.get(w, w) for w in words}
    for w in words:
        if w.startswith("ex-"):
            out |= {"former", _ROLE_SYNONYMS.get(w[3:], w[3:])}  # "ex-president"
    return frozenset(out)


class Registry:
    """All named mentions of an article, in order, and the entities they point to."""

    def __init__(self, text: str, sentence_starts: list[int], blocked: list[tuple[int, int]]):
        self.text = text
        self.entities: dict[str, Entity] = {}
        self.by_last: dict[str, Entity] = {}
        self.by_last_all: dict[str, list[Entity]] = {}
        self.mentions: list[Mention] = []
        self.author: str | None = None
        self._by_upper: dict[str, list[Entity]] | None = None
        # bare surname -> [he, she, Mr., Mrs.] after it: whom "Clinton" means
        self._bare_votes: dict[int, list[int]] = {}
        by = _BYLINE_RE.search(text, 0, min(len(text), 2000))
        if by:
            self.author = " ".join(by.group(1).split())
        starts = self._sentence_starts = set(sentence_starts)
        self._sorted_starts = sorted(starts)
        blocked_starts = [a for a, _ in blocked]
        self._blocked = sorted(blocked)
        self._blocked_starts = [a for a, _ in self._blocked]
        self._blocked_sums = [0]
        for a, b in self._blocked:
            self._blocked_sums.append(self._blocked_sums[-1] + max(0, b - a))
        for m in _NAME_RUN_RE.finditer(text):
            a = m.start()
            k = bisect_left(blocked_starts, a) - 1
            inside = k >= 0 and blocked[k][0] < a < blocked[k][1]
            self._register(m.group(), a, a in starts or text[max(0, a - 1)] in '“"', inside)
        self.mentions.sort(key=lambda x: x.start)
        self.starts = [x.start for x in self.mentions]
        self._headline_names()
        self._guess_genders()
        self._merge_surnames()
        for m in _APPOSITION_RE.finditer(text):
            k = bisect_left(self.starts, m.start()) - 1
            if k >= 0 and self.mentions[k].end >= m.start() - 1:
                ent = self.mentions[k].entity
                if not ent.org:
                    ent.roles.update(w.lower() for w in m.group(1).split())
        for m in _FOR_APPOSITION_RE.finditer(text):
            k = bisect_left(self.starts, m.start()) - 1
            if k >= 0 and self.mentions[k].end >= m.start() - 1:
                ent = self.mentions[k].entity
                if not ent.org:
                    ent.roles.update(_strip_possessive(w).lower() for w in m.group(1).split())
        for mention in self.mentions:
            a = mention.start
            ent = mention.entity
            if ent.org:
                continue
            if (
                text.startswith((", ", " ("), mention.end)
                and text[mention.end + 3 : mention.end + 4] == "-"
            ):
                tag = _PARTY_TAG_RE.match(text, mention.end)
                if tag is not None:
                    # "Sen. Joni Ernst, R-Iowa,": a Republican from Iowa, not the Florida senator
                    ent.roles.add(_TAG_PARTY[tag.group(1)])
                    st = tag.group(2).lower().split()[-1].replace(".", "")
                    if " " not in tag.group(2) and "." in tag.group(2):
                        st = tag.group(2).lower().replace(".", "")  # "N.Y." -> "ny"
                    ent.roles.add(STATE_ABBREVIATIONS.get(st, st))
            elif text.startswith((" (R)", " (D)", " (I)"), mention.end):
                ent.roles.add(_TAG_PARTY[text[mention.end + 2]])  # "Sen. John McCain (R)"
            if a < 3 or not text[a - 2].islower() or text[a - 1] != " ":
                continue
            pre = text[max(0, a - 50) : a - 1].rsplit(None, 4)
            role = pre[-1].lower()
            if not (role.isalpha() or role.replace("-", "").isalpha()) or not _is_person_noun(role):
                continue
            got = [role]
            for w in reversed(pre[1:-1]):
                if w.lower() in _PRE_ROLE_STOP or not w.replace("-", "").isalpha():
                    break
                got.append(w.lower())
            ent.roles.update(got)

    def _headline_names(self) -> None:
        """ "Hillary Clinton Goes After Trump" as the headline, only "Clinton" below it: the
        headline's full name is the person's, though title case keeps it out of the
        registry (a run of capitalised headline words is no name)."""
        end = self.text.find("\n")
        if end < 0 or end > 300:
            return
        words = list(_HEADLINE_WORD_RE.finditer(self.text, 0, end))
        for w1, w2 in pairwise(words):
            first, last = w1.group(), w2.group()
            if w2.start() != w1.end() + 1 or not _is_first_name(first):
                continue
            bare = self.entities.get(last)
            if (
                bare is None
                or bare.org
                or any(" " in c.name for c in self.by_last_all.get(last, ()))
            ):
                continue
            ent = Entity(f"{first} {last}", None, _gender_of(first, None), False)
            self.entities[ent.name] = ent
            self.by_last[last] = ent
            self.by_last_all.setdefault(last, []).append(ent)

    def _merge_surnames(self) -> None:
        """ "Trump" in the headline, "Donald Trump" further down: one person, known by the full
        name (the one the article names most when two share the surname, else the first)."""
        merged: dict[int, Entity] = {}
        # "Ms. Acosta" for "Melba Acosta Febo", "Hillary" for "Hillary Clinton": other words of
        # a full name, used only when exactly one person holds them
        firsts: dict[str, list[Entity]] = {}
        middles: dict[str, list[Entity]] = {}
        for full, ent in self.entities.items():
            parts = full.split()
            if ent.org or full != ent.name or len(parts) < 2 or not _plausible_full_name(full):
                continue
            if _is_first_name(parts[0]):
                firsts.setdefault(parts[0], []).append(ent)
            if len(parts) == 3 and len(parts[1]) > 2 and not _is_first_name(parts[1]):
                middles.setdefault(parts[1], []).append(ent)
        for key, ent in list(self.entities.items()):
            he, she, mr, mrs = self._bare_votes.get(id(ent), (0, 0, 0, 0))
            last = _surname_key(key)
            cands = self.by_last_all.get(last) if last else None
            if cands is None and " " not in key:
                if len(firsts.get(key, ())) == 1:
                    cands = firsts[key]
                elif len(middles.get(key, ())) == 1 and (mr or mrs):
                    cands = middles[key]  # "Ms. Acosta": a surname, said with a courtesy title
            if cands is None or ent.org or ent in cands or is_place(key):
                continue
            if last != key:
                cands = [c for c in cands if c.name.endswith(" " + key)]  # "Le Pen"
            gender = ent.gender
            if mr or mrs:
                if min(mr, mrs) * 3 > max(mr, mrs):
                    continue  # "Mr. Clinton" and "Mrs. Clinton": two people, no one full name
                gender = "m" if mr > mrs else "f"
            elif max(he, she) >= 2 * min(he, she) + 1:
                gender = "m" if he > she else "f"  # "Clinton ... she": the pronouns decide
            cands = [c for c in cands if _plausible_full_name(c.name)]
            fitting = [c for c in cands if gender is None or c.gender in (None, gender)]
            if not fitting:
                continue
            target = max(fitting, key=lambda e: e.count)
            target.count += ent.count
            target.spoke += ent.spoke
            target.roles |= ent.roles
            if target.gender is None:
                target.gender = ent.gender
            if target.title is None:
                target.title = ent.title
            self.entities[key] = target
            merged[id(ent)] = target
        for key, ent in list(self.entities.items()):
            parts = key.split()
            if ent.org or id(ent) in merged or len(parts) != 2 or key != ent.name:
                continue
            if _is_first_name(parts[0]) or not _is_cap(parts[0]):
                continue
            # "Mr. Guajardo Villarreal" after "Ildefonso Guajardo Villarreal": a two-word
            # surname, not a first and last name
            longer = [
                e
                for k2, e in self.entities.items()
                if k2 == e.name and not e.org and len(k2.split()) == 3 and k2.endswith(" " + key)
            ]
            if len(longer) == 1:
                longer[0].count += ent.count
                self.entities[key] = longer[0]
                merged[id(ent)] = longer[0]
        if merged:
            for m in self.mentions:
                into = merged.get(id(m.entity))
                if into is not None:
                    m.bare, m.entity = m.entity, into

    def _guess_genders(self) -> None:
        """Names not in the first-name lists: the pronoun that follows their mentions."""
        votes: dict[int, list[int]] = {}
        ms = self.mentions
        for k, m in enumerate(ms):
            ent = m.entity
            bare = " " not in ent.name
            if ent.org or not m.subject or (ent.gender is not None and not bare):
                continue
            stop = min(m.end + 120, ms[k + 1].start if k + 1 < len(ms) else len(self.text))
            for mark in (".", "\n", "“"):
                cut = self.text.find(mark, m.end, stop)
                if cut >= 0:
                    stop = cut  # the pronoun must sit in the same sentence
            hit = _PRONOUN_RE.search(self.text, m.end, stop)
            if hit is None:
                continue
            tally = (self._bare_votes if bare else votes).setdefault(id(ent), [0, 0, 0, 0])
            tally[0 if hit.group().lower() in {"he", "his", "him", "himself"} else 1] += 1
        for ent in self.entities.values():
            got = votes.get(id(ent))
            if got is not None and ent.gender is None:
                if got[0] and not got[1]:
                    ent.gender = "m"
                elif got[1] and not got[0]:
                    ent.gender = "f"

    def _register(self, run: str, start: int, at_sentence_start: bool, inside: bool) -> None:
        if run.lower() in NOT_NAMES:
            return  # "The", "But", "In": a quarter of all runs, and never a name (fast path)
        words = run.split()
        offsets: list[int] = []
        pos = 0
        for w in words:
            pos = run.index(w, pos)
            offsets.append(start + pos)
            pos += len(w)
        for k, w in enumerate(words[:-1]):
            base = w[:-1].lower()
            if w.endswith(".") and len(base) > 1 and base not in ABBREVIATIONS and "." not in base:
                # "Donald Trump. Johnson said": a sentence ends inside the run
                cut = offsets[k] - start + len(w) - 1
                self._register(run[:cut], start, at_sentence_start, inside)
                nxt = offsets[k + 1] - start
                self._register(run[nxt:], start + nxt, True, inside)
                return
        last = words[-1] if words else ""
        base = last[:-1]
        real_word = len(base) > 1 and "." not in base and base.lower() not in ABBREVIATIONS
        if last.endswith(".") and real_word:
            words[-1] = base  # "... met Glenn Thrush.": the period ends the sentence
        # leading sentence words ("But", "The") are not part of the name
        i = 0
        while i < len(words) and words[i].lower() in NOT_NAMES:
            i += 1
        if i == 0 and at_sentence_start and len(words) > 1 and words[0].lower() in SPEECH_VERBS:
            i = 1  # "Continued Stone: ...": the verb that opens an inverted tag
        if i >= len(words):
            return
        before_name = first_before = words[i - 1].lower() if i > 0 else ""
        words, offsets = words[i:], offsets[i:]
        # "Marta Quill Tuesday said", "Barack Obama Election Day": the date is not the name
        while len(words) >= 3 and words[-1].lower() in _WEEKDAYS:
            words, offsets = words[:-1], offsets[:-1]
        if len(words) >= 4 and words[-1] == "Day":
            words, offsets = words[:-2], offsets[:-2]
        title, name = split_title(words)
        name = [_strip_possessive(w) for w in name]
        while name and name[-1].lower() in NOT_NAMES:
            name.pop()
        if not name:
            return
        name_start = offsets[len(words) - len(name)]
        title_opens = False
        if title is not None and len(words) > len(name) and words[0][:1].isupper():
            # "Secretary of State John Kerry": the run began after "of"; the title did not
            lead = _OF_TITLE_RE.search(self.text, max(0, start - 60), start)
            head = lead.group(1).split() if lead is not None else []
            while head and head[0].lower() in NOT_NAMES and not is_title_word(head[0]):
                head.pop(0)  # "The Director of ..."
            if lead is not None and head and is_title_word(head[-1]):
                title = f"{' '.join(head)} of {title}"
                # the title opened the sentence: the person is its subject
                title_opens = lead.start(1) in self._sentence_starts
        ent = self.entity_for(name, title)
        if len(words) > len(name):
            before_name = words[len(words) - len(name) - 1].lower()
        if ent is not None and ent.gender is None and not ent.org:
            ent.gender = _HONORIFIC_GENDER.get(before_name)  # "Mr. Obama": a man
        if ent is None or inside:
            return  # a name inside a quote is an entity, never a mention: no clause tests
        # "..., said Audrey Scagnelli, national press secretary": an inverted tag; not
        # "Matthews said Pence's performance ...", where the name opens the reported clause
        text = self.text
        end = start + len(run)
        inverted = (
            start >= 2
            and text[start - 1] == " "
            and text[start - 2] in "dse"  # said, says, wrote, noted ...: a cheap pre-check
            and _SAID_BEFORE_RE.search(text, max(0, start - 12), start) is not None
            and not run.endswith(("’s", "'s"))
            and _CLAUSE_AFTER_RE.match(text, end) is None
        )
        if not inverted and start >= 2 and text[start - 1] == " " and text[start - 2].isalpha():
            role = _SAID_ROLE_BEFORE_RE.search(text, max(0, start - 60), start)
            inverted = (
                role is not None
                and role.group(1).split()[0] != "of"
                and not any(w in _NOT_ROLE_WORDS for w in role.group(1).split())
                and _CLAUSE_AFTER_RE.match(text, end) is None
            )
        said_after = _SAID_AFTER_RE.match(text, end) is not None or (
            text.startswith(",", end)
            and (at_sentence_start or text[max(0, start - 2) : start].strip() in _CLOSERS)
            and _SAID_APPOS_RE.match(text, end) is not None
        )
        subject = (
            at_sentence_start
            or title_opens
            or first_before in {"but", "and", "then"}
            or said_after
            or inverted
            or (
                self.text[max(0, start - 2) : start] == ", "
                and _CLAUSE_VERB_RE.match(self.text, start + len(run)) is not None
            )
            or self._opens_clause(start, end)
        )
        if len(name) == 1 and before_name in _HONORIFIC_GENDER:
            # "Mrs. Clinton" here, "Mr. Clinton" there: which full name the surname means
            tally = self._bare_votes.setdefault(id(ent), [0, 0, 0, 0])
            tally[2 + (_HONORIFIC_GENDER[before_name] == "f")] += 1
        ent.count += 1
        if said_after or inverted:
            ent.spoke += 1  # "Clinton said" twice: a person, even without a first name
        honor = _HONORIFIC_GENDER.get(before_name) if len(name) == 1 else None
        self.mentions.append(Mention(name_start, start + len(run), ent, subject, None, honor))

    def _opens_clause(self, start: int, end: int) -> bool:
        """ "Former Pennsylvania governor Ed Rendell, ...": only title words before the name
        since the sentence began; "since then Ben Carson has seen": a clause opener before it
        and a verb after."""
        text = self.text
        k = bisect_left(self._sorted_starts, start) - 1
        if k >= 0 and 0 < start - self._sorted_starts[k] <= 60:
            lead = text[self._sorted_starts[k] : start].split()
            if (
                lead
                and any(w.islower() and good_title(w) for w in lead if w not in _DETERMINERS)
                and all(
                    (_is_cap(w) and w[-1].isalpha() and w.lower() not in NOT_NAMES)
                    or good_title(w)
                    or w.lower() in _DETERMINERS
                    for w in lead
                )
            ):
                return True
            if (
                2 <= len(lead) <= 6
                and lead[-1].endswith(",")
                and lead[0].lower() in _DETS_POSS
                and _is_person_noun(lead[-1][:-1].lower())
            ):
                return True  # "One local woman, Karen Robison, pulled ...": the name is it
        return (
            _OPENER_BEFORE_RE.search(text, max(0, start - 30), start) is not None
            and _AUX_AFTER_RE.match(text, end) is not None
        )

    def entity_for(self, name: list[str], title: str | None) -> Entity | None:
        """The entity a bare name refers to, creating it on first sight."""
        # "James O’Neill" and "O'Neill" are one man: one apostrophe in names and keys
        name = [w.replace("’", "'") for w in name]
        full = " ".join(name)
        if not full or full.lower() in NOT_NAMES or len(name) > 6:
            return None  # a headline in title case is not a name
        ent = self.entities.get(full)
        key = _surname_key(full)
        if ent is None and key is not None and key in self.by_last_all:
            # "Cruz" after "Sen. Ted Cruz" (five times) and "Heidi Cruz" (once): the surname
            # means the person the article names most, the latest on a tie; never a headline
            # run such as "Voters Following Cruz"; "Le Pen" after "Marine Le Pen"
            cands = [
                c
                for c in self.by_last_all[key]
                if _plausible_full_name(c.name) and (key == full or c.name.endswith(" " + full))
            ]
            if cands:
                ent = max(reversed(cands), key=lambda e: e.count)
        # "Joseph R. Biden Jr.": the surname is the word before the suffix
        last = (
            name[-2] if len(name) >= 3 and name[-1].lower().rstrip(".") in _SUFFIXES else name[-1]
        )
        if ent is None and len(name) >= 2:
            # "Donald J. Trump" after "Donald Trump": same first and last word
            prev = self.by_last.get(last)
            if prev is not None and prev.name.split()[0] == name[0]:
                ent = prev
        if ent is None:
            org = is_org_name(full)
            ent = Entity(full, None, None if org else _gender_of(name[0], title), org)
            self.entities[full] = ent
            if len(name) >= 2 and not org:
                self.by_last[last] = ent
                self.by_last_all.setdefault(last, []).append(ent)
        if title and ent.title is None and (ent.org or good_title(title)):
            clean = [w for w in title.split() if w.lower() not in _HONORIFICS]
            if clean:
                ent.title = " ".join(clean)
            if ent.gender is None and not ent.org:
                ent.gender = _gender_of(name[0], title)
        return ent

    def by_label(self, label: str) -> Entity | None:
        """The person a transcript label names: "PENCE" is Mike Pence, "WALLACE" Chris
        Wallace; the most-named one when two share the surname."""
        if self._by_upper is None:  # indexed once: a long transcript asks for every turn
            self._by_upper = {}
            for e in self.entities.values():
                if not e.org:
                    up = e.name.upper()
                    self._by_upper.setdefault(up, []).append(e)
                    if " " in up:
                        self._by_upper.setdefault(up.rsplit(" ", 1)[1], []).append(e)
        cands = self._by_upper.get(label.upper().replace("’", "'"), [])
        return max(cands, key=lambda e: (e.count, len(e.name)), default=None)

    def antecedent(
        self, pos: int, pronoun: str, window: int = 1200, *, strict: bool = True
    ) -> Entity | None:
        """The last fitting named subject before ``pos`` (he/she/they/it)."""
        low = pronoun.lower()
        want_org = low in {"it", "they"}
        gender = {"he": "m", "she": "f"}.get(low)
        k = bisect_left(self.starts, pos) - 1
        fallback: Entity | None = None
        fallback_at = -1
        nearest = False  # the fallback is the last fitting name before the pronoun
        seen = False  # a fitting name was met already, walking back
        matched: Entity | None = None
        matched_m = fallback_m = None
        loose: Mention | None = None  # "the foreign minister, Erlan Idrissov, ...": no subject
        while k >= 0:
            m = self.mentions[k]
            if m.start < pos - window:
                break
            ent = m.entity if m.bare is None else m.bare
            ok = ent.org if want_org else not ent.org
            if ok and want_org and strict and not self._speaking_org(ent, m, low, pos):
                ok = False
            if ok and not want_org and is_place(ent.name):
                ok = False  # "North Korea tested a missile. ... he said": not a person
            if ok and not want_org and " " not in ent.name and ent.title is None:
                # "Republican", "Making": not a person on their own; "Bob", "Trump" are
                ok = ent.name in self.by_last or ent.gender is not None or ent.spoke >= 2
            g = self._mention_gender(m, ent)
            if ok and (gender is None or g in (None, gender)):
                if gender is not None and g == gender and m.subject:
                    # "Ham said he had doubts about President Obama ... he told": the subject
                    # beats a man named after it outside the subject, unless that man came in
                    # a later sentence of his own ("Among the crowd was Dana Ruiz.")
                    if matched_m is None or not self._own_sentence(m.start, matched_m, pos, gender):
                        matched, matched_m = ent, m
                    break
                if gender is not None and g == gender and matched is None:
                    matched, matched_m = ent, m
                if m.subject and fallback is None:
                    fallback, fallback_at, fallback_m = ent, m.start, m
                    # the last name before the pronoun, introduced by a speech verb
                    nearest = not seen and self._speaks(m)
                if fallback is None and gender is None:
                    fallback, fallback_m = ent, m
                if (
                    loose is None
                    and g is None
                    and not m.subject
                    and _PERSON_NAME_RE.match(ent.name) is not None
                    and (_is_first_name(ent.name.split()[0]) or ent.spoke or ent.roles)
                ):
                    loose = m
                seen = True
            k -= 1
        if matched is not None and fallback is not None and fallback is not matched:
            fallback_g = self._mention_gender(fallback_m, fallback) if fallback_m else None
            if fallback_g is None:
                # "Carole Bower, 75, a retiree ... ‘...,’ she said": the unknown-gender
                # subject just before beats a woman named further back; "Ham said he had
                # misgivings about President Obama ... he told": and a man named as an object
                dist = pos - fallback_at - self._quoted_between(fallback_at, pos)
                loose_object = matched_m is not None and not matched_m.subject
                if (
                    (_PERSON_NAME_RE.match(fallback.name) is not None or fallback.spoke >= 1)
                    and fallback.name.split()[0].lower() not in _GEO_FIRST
                    and 0 <= dist < (1000 if nearest else 600 if loose_object else 250)
                    and (nearest or loose_object or "\n" not in self.text[fallback_at:pos])
                ):
                    return self._full(fallback, fallback_m)
        if matched is not None:
            return self._full(matched, matched_m)
        if fallback is None and loose is not None and gender is not None:
            # no subject fits: the one person named just before, gender unknown
            return self._full(loose.entity if loose.bare is None else loose.bare, loose)
        return None if fallback is None else self._full(fallback, fallback_m)

    def prev_subject(
        self, pos: int, exclude: Entity | None, gender: str | None = None
    ) -> Entity | None:
        """The person named as a subject just before ``pos`` (quotes not counted), for a role
        that describes them ("the retired neurosurgeon"); None when none is that close."""
        k = bisect_left(self.starts, pos) - 1
        stop = max(-1, k - 30)
        while k > stop:
            m = self.mentions[k]
            k -= 1
            if (
                pos - m.start - self._quoted_between(m.start, pos) > 400
                or self._sentences_between(m.start, pos) > 1
            ):
                break
            ent = self._full(m.entity, m)
            if not m.subject or ent.org or ent is exclude or is_place(ent.name):
                continue
            if " " not in ent.name and ent.title is None and ent.gender is None:
                continue  # "Republican", "Making": not a person on their own
            if gender is not None and ent.gender not in (None, gender):
                continue
            return ent
        return None

    def _own_sentence(self, a: int, m: Mention, pos: int, gender: str) -> bool:
        """``m`` (a person named outside a subject) is the first person of a sentence after
        the one at ``a`` and before the pronoun's at ``pos``, and no pronoun comes before it
        there ("He criticised Obama": the sentence is still about someone else)."""
        starts = self._sorted_starts
        text = self.text
        k = bisect_left(starts, m.start + 1) - 1
        if k < 0 or starts[k] <= a:
            return False
        s = starts[k]
        if bisect_left(starts, pos + 1) - 1 <= k and text[max(0, pos - 2) : pos] == ", ":
            return False  # "Also, Trump isn't a conservative, he said": what was said
        if text[s] in _OPEN_QUOTES and not _TAG_GAP_RE.search(text, max(0, m.start - 9), m.start):
            return False  # "“...” -- that Bloomberg is ... -- “...,” he says": an aside
        j = bisect_left(self.starts, s)
        if any(
            self._personish(x.entity) for x in self.mentions[j : bisect_left(self.starts, m.start)]
        ):
            return False  # "Trump went after Bush": the sentence's own subject came first
        before = _WORD_RE.findall(text, max(s, m.start - 16), m.start)
        if before and (before[-1] in _OBJECT_WORDS or before[-1].endswith("ing")):
            return False  # "Choosing between Clinton and Sanders", "forcing Sanders to ..."
        pron = _HE_WORDS if gender == "m" else _SHE_WORDS
        return not any(w.lower() in pron for w in _WORD_RE.findall(text, s, m.start))

    def _speaking_org(self, ent: Entity, m: Mention, low: str, pos: int) -> bool:
        """An organisation that can be an "it" or "they" that speaks: not "S." (from "U.S."),
        not a place ("Broad Street", "United States"); a "they" only when it was the subject
        of this or the previous sentence ("Senate Democrats ... because they said")."""
        name = ent.name
        if len(name.rstrip(".")) <= 2 or (name.endswith(".") and " " not in name):
            return False
        if is_place(name) or name.split()[-1].lower() in _PLACE_TAILS:
            return False
        if low == "they":
            return m.subject and self._sentences_between(m.start, pos) <= 1
        return True

    def _personish(self, ent: Entity) -> bool:
        """Could name a person: not "Waiting" or "Republican" opening a sentence."""
        if ent.org or is_place(ent.name):
            return False
        return (
            " " in ent.name or ent.gender is not None or ent.name in self.by_last or ent.spoke >= 2
        )

    def _sentences_between(self, a: int, b: int) -> int:
        """Sentence starts between ``a`` and ``b`` outside quotation marks."""
        starts = self._sorted_starts
        count = 0
        for x in range(bisect_left(starts, a + 1), bisect_left(starts, b)):
            s = starts[x]
            k = bisect_left(self._blocked_starts, s + 1) - 1
            if k < 0 or not (self._blocked[k][0] <= s < self._blocked[k][1]):
                count += 1
                if count > 1:
                    break
        return count

    def _same_sentence(self, a: int, b: int) -> bool:
        """No sentence starts between ``a`` and ``b`` (a <= b)."""
        starts = self._sorted_starts
        return bisect_left(starts, b) == bisect_left(starts, a + 1)

    def _mention_gender(self, m: Mention, ent: Entity) -> str | None:
        """A bare surname weighs as unknown gender, unless the full name it was merged into
        has one and the pronouns after the surname do not say otherwise."""
        if m.bare is None or ent.gender is not None or m.entity.gender is None:
            return ent.gender
        he, she, _, _ = self._bare_votes.get(id(m.bare), (0, 0, 0, 0))
        other = she if m.entity.gender == "m" else he
        return m.entity.gender if other == 0 else None

    def _quoted_between(self, a: int, b: int) -> int:
        """Characters inside quotation marks between ``a`` and ``b``: a long quote between a
        name and its pronoun does not push the name out of reach."""
        lo = bisect_left(self._blocked_starts, a)
        hi = bisect_left(self._blocked_starts, b)
        if hi <= lo:
            return 0
        total = self._blocked_sums[hi] - self._blocked_sums[lo]
        last = self._blocked[hi - 1]
        return max(0, total - max(0, last[1] - b))

    def _full(self, ent: Entity, m: Mention | None) -> Entity:
        """The entity a bare surname was merged into ("Trump" -> "Donald Trump"), or the one
        its courtesy title picks ("Mrs. Clinton" beside "Mr. Clinton")."""
        ent = self.entities.get(ent.name, ent)
        if m is not None and m.honor is not None and (" " not in ent.name or ent.gender != m.honor):
            surname = self.text[m.start : m.end].split()[-1]
            return self.by_honorific(_strip_possessive(surname), m.honor) or ent
        return ent

    def by_honorific(self, surname: str, gender: str) -> Entity | None:
        """ "Mrs. Clinton" where "Bill Clinton" and "Hillary Clinton" are both named: the one
        full name of that gender, when there is exactly one."""
        cands = [
            c
            for c in self.by_last_all.get(surname, ())
            if c.gender == gender and _plausible_full_name(c.name)
        ]
        return cands[0] if len(cands) == 1 else None

    def _speaks(self, m: Mention) -> bool:
        """ "noted NBC's Dante Chinni" / "Chinni said": the mention sits by a speech verb."""
        text = self.text
        return (
            _SAID_AFTER_RE.match(text, m.end) is not None
            or _SAID_NEAR_RE.search(text, max(0, m.start - 40), m.start) is not None
        )

    def last_mention(self, pos: int, ent: Entity) -> int:
        """Where ``ent`` was last named before ``pos`` (-1 when not within reach)."""
        k = bisect_left(self.starts, pos) - 1
        stop = max(-1, k - 60)
        while k > stop:
            if self.mentions[k].entity is ent:
                return self.mentions[k].start
            k -= 1
        return -1

    def described_person(self, pos: int, pronoun: str, ent: Entity | None) -> str | None:
        """ "A woman in the crowd shouted ... “...,” she said": the unnamed person described
        just before the pronoun, when no named antecedent is nearer."""
        lo = max(0, pos - 300)
        if ent is not None:
            at = self.last_mention(pos, ent)
            if at >= lo:
                lo = at
        best = None
        for m in _DESCRIBED_RE.finditer(self.text, lo, pos):
            noun = m.group(2).lower()
            if pronoun == "he" and noun in _FEMALE_NOUNS:
                continue
            if pronoun == "she" and noun in _MALE_NOUNS:
                continue
            before = self.text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
            if before and before[-1] not in '.!?\n”"':
                continue  # only a sentence's subject: not "X, a spokesman," nor "for a man"
            if self.text.startswith(" named", m.end()) or self.text.startswith(",", m.end()):
                continue  # "a worker named Antonio Arroyo", "A spokesman, Brian Fallon,"
            best = m
        if best is None:
            return None
        phrase = " ".join(best.group(0).split())
        return phrase[0].lower() + phrase[1:]  # "A woman" opened its sentence

    def described_thing(self, pos: int, pronoun: str, ent: Entity | None) -> str | None:
        """ "The email, sent at 7 p.m., ... “...,” it reads": the document, outlet or group
        named by a noun after the last named fitting antecedent, as written."""
        lo = max(0, pos - 400)
        if ent is not None:
            at = self.last_mention(pos, ent)
            if at >= lo:
                # "The email, sent by Chief of Staff Jeremy Bash, ...": a name inside the
                # sentence the document opened does not hide it
                k = bisect_left(self._sorted_starts, at + 1) - 1
                lo = self._sorted_starts[k] if k >= 0 else at
        best = None
        for m in _THING_RE[pronoun].finditer(self.text, lo, pos):
            k = bisect_left(self._blocked_starts, m.start() + 1) - 1
            if k >= 0 and self._blocked[k][0] <= m.start() < self._blocked[k][1]:
                continue  # inside a quotation
            if m.group(0).split()[-1].lower() not in _DOC_NOUNS:
                before = self.text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
                if before and before[-1] not in ".,\n“”\"’'":
                    continue  # "to the bank board": not the subject of its clause
            best = m
        if best is None:
            return None
        phrase = " ".join(best.group(0).split())
        return phrase[0].lower() + phrase[1:] if phrase.split()[0] in _CAP_DETS else phrase

    def by_age(self, pos: int, age: str) -> Entity | None:
        """The last person named with this age before ``pos`` ("Lee, 46," / "46-year-old
        Lee"); None when the age was never given (then no guess is better than a wrong one)."""
        lo = max(0, pos - 6000)
        at = self.text.rfind(f", {age},", lo, pos)
        if at >= 0:
            k = bisect_left(self.starts, at) - 1  # "Lee, 46,": the name just before
            if k >= 0 and at - self.mentions[k].end <= 1 and not self.mentions[k].entity.org:
                return self.mentions[k].entity
        pattern = f"{age}-year-old "
        at = self.text.rfind(pattern, lo, pos)
        if at >= 0:
            k = bisect_left(self.starts, at + len(pattern))  # "46-year-old Lee": just after
            if (
                k < len(self.mentions)
                and self.mentions[k].start - (at + len(pattern)) <= 2
                and not self.mentions[k].entity.org
            ):
                return self.mentions[k].entity
        return None

    def by_role(self, pos: int, role: str, mods: list[str] | None = None) -> Entity | None:
        """The last entity before ``pos`` whose title holds ``role`` ("the senator")."""
        role = role.lower()
        if mods:
            ent = self.by_role_words(pos, {role, *mods})
            if ent is not None:
                return ent
        return self.by_role_words(pos, {role})

    def by_role_words(
        self, pos: int, want: set[str], avoid: set[str] | None = None, *, former: bool = False
    ) -> Entity | None:
        """The last person before ``pos`` whose title or apposition holds all ``want`` words."""
        got = self.role_holder(pos, want, avoid, former=former)
        return None if got is None else got[0]

    def role_holder(
        self,
        pos: int,
        want: set[str],
        avoid: set[str] | None = None,
        *,
        former: bool = False,
        places: set[str] | None = None,
    ) -> tuple[Entity, int] | None:
        """The last person before ``pos`` given every ``want`` word, and where they were last
        named. "the former president" is not the sitting one ("President Obama"); "the
        president" is not the vice president; a Texas senator is not the Florida one."""
        want = {_ROLE_SYNONYMS.get(w, w) for w in want}
        places = (places or set()) | {w for w in want if w in _PLACES or w in _ROLE_PLACES}
        k = bisect_left(self.starts, pos) - 1
        lo = pos - 6000
        while k >= 0 and self.mentions[k].start > lo:
            m = self.mentions[k]
            ent = m.entity
            k -= 1
            if ent.org:
                continue
            words = _role_words(ent)
            if not want <= words or (avoid and avoid & words):
                continue
            if (words & _ROLE_QUALIFIERS) - want:
                continue  # "Vice President Biden" is not "the president"
            if former and "former" not in words:
                continue
            if places and {w for w in words if w in _PLACES or w in _ROLE_PLACES} - places:
                continue
            return ent, m.start
        return None

    def by_role_phrase(self, pos: int, lows: list[str]) -> Entity | None:
        """ "the former secretary of state and current Democratic presidential nominee": the
        person given every part of the role, else any one part ("Donald Trump, the Republican
        nominee," ... "the GOP nominee"), never a bearer of the other party's role."""
        got = self.role_phrase_holder(pos, lows)
        return None if got is None else got[0]

    def role_phrase_holder(self, pos: int, lows: list[str]) -> tuple[Entity, int] | None:
        """:meth:`by_role_phrase`, with where the holder was last named."""
        former = any(w == "former" or w.startswith("ex-") for w in lows)
        words = [w[3:] if w.startswith("ex-") else w for w in lows if w not in _DETERMINERS]
        parts: list[list[str]] = [[]]
        for w in words:
            if w == "and":
                parts.append([])
            elif w not in _ROLE_FILLERS and (w.isalpha() or "-" in w):
                parts[-1].append(w)
        parts = [p for p in parts if p]
        if not parts:
            return None
        # "the former mayor and current Democratic nominee": "former" is the mayor's
        former = former and len(parts) == 1
        avoid = {
            _PARTY_WORDS[f]
            for p in parts
            for w in p
            if (f := _ROLE_SYNONYMS.get(w, w)) in _PARTY_WORDS
        }
        # "the president": the sitting one before a former one
        tries: list[set[str]] = [avoid | {"former"}, avoid] if not former else [avoid]
        whole = {w for p in parts for w in p}
        for av in tries:
            got = self.role_holder(pos, whole, av, former=former)
            if got is not None:
                return got
        for p in parts:
            if len(p) > 1:
                for av in tries:
                    got = self.role_holder(pos, set(p), av, former=former)
                    if got is not None:
                        return got
        places = {w for w in whole if w in _PLACES or w in _ROLE_PLACES}
        for p in parts:
            head = _phrase_head(p)
            if _is_person_noun(head) or head in PERSON_ROLES:
                for av in tries:
                    got = self.role_holder(pos, {head}, av, former=former, places=places)
                    if got is not None:
                        return got
        return None

    def _old_by_role(self, pos: int, role: str) -> Entity | None:
        role = role.lower()
        stems = {role, role.rstrip("s"), role[:3]}
        k = bisect_left(self.starts, pos) - 1
        while k >= 0:
            ent = self.mentions[k].entity
            if ent.title and not ent.org:
                words = {w.lower().rstrip(".") for w in ent.title.split()}
                if (
                    role in words
                    or (role == "senator" and "sen" in words)
                    or (role == "governor" and "gov" in words)
                ):
                    return ent
            k -= 1
        del stems
        return None


@dataclass
class Speaker:
    """A resolved speaker: canonical name, title, the mention span as written."""

    name: str | None
    title: str | None
    mention: tuple[int, int]
    named: bool  # the mention itself holds a name (not a pronoun or a role)


_SEGMENT_OPENERS = frozenset(
    {"of", "from", "in", "at", "on", "during", "after", "before", "speaking", "for"}
)


def is_group_noun(word: str) -> bool:
    """ "protesters", "aides", "groups": a plural noun for people who can speak together."""
    low = word.lower()
    if not word.isalpha() or not word.islower() or not low.endswith("s"):
        return False
    one = low[:-1]
    return one in _PERSON_NOUNS or one in PERSON_ROLES or one in _SOURCE_NOUNS or one in ORG_NOUNS


def _is_place_tail(seg: list[Tok]) -> bool:
    """ "Ohio", "Pa.", "N.H.": the state after a town, set off by commas."""
    words = [t for t in seg if t.text != "."]
    return 1 <= len(words) <= 2 and all(_is_cap(t.text) for t in words)


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


def _phrase_head(lows: list[str]) -> str:
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


def _is_person_noun(noun: str) -> bool:
    """ "woman", "voter", "spokesman", "organizer": a noun for one person."""
    return (
        noun in _PERSON_NOUNS
        or noun in PERSON_ROLES
        or noun in _OCCUPATIONS
        or noun in _FEMALE_NOUNS
        or noun in _MALE_NOUNS
        or _looks_like_person(noun)
    )


def _looks_like_person(noun: str) -> bool:
    """ "heckler", "organizer", "investor", "columnist", "attendee": a noun for someone."""
    return (
        noun.isalpha()
        and len(noun) >= 4
        and noun.endswith(_PERSON_ENDINGS)
        and noun not in _NOT_PERSON_ENDINGS
    )


def mute_phrase(toks: list[Tok], rng: tuple[int, int]) -> bool:
    """ "her watch", "an inflation formula", "the tax loophole": a lowercase noun phrase whose
    head names no person, group, organisation or document cannot be a speaker."""
    words = toks[rng[0] : rng[1]]
    if len(words) < 2 or any(_is_cap(t.text) for t in words):
        return False
    head = _phrase_head([t.low for t in words])
    one = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return not (
        not head.isalpha()
        or head in {"percent", "people", "others", "both", "all"}
        or words[0].low in _QUANTIFIER_PRONOUNS
        or words[0].text.isdigit()
        or _is_person_noun(one)
        or is_group_noun(head)
        or one in _SOURCE_NOUNS
        or one in ORG_NOUNS
        or head in ORG_NOUNS
    )


_PAST_CUES = frozenset({"said", "wrote", "told", "spoke", "thought", "felt", "put", "made"})


# modal verbs (and "only") between a subject and its speech verb
_MODALS = frozenset({"could", "would", "can", "will", "may", "might", "should", "must", "only"})


def np_left(toks: list[Tok], k: int, floor: int = 0) -> tuple[int, int] | None:
    """Token range [i, j) of the subject noun phrase ending just before index ``k``."""
    from bot.core.extract.lexicon import CUE_ADVERBS

    j = k - 1
    skipped = 0
    while j >= floor and skipped < 4:
        low = toks[j].low
        if toks[j].text == "Will" and (
            j > floor or toks[k].low.endswith(("ed", "s")) or toks[k].low in _PAST_CUES
        ):
            # "..., Will described Trump as", "“...,” Will wrote": a modal inside a sentence
            # is lowercase and one opening a question comes before a bare verb, so this is
            # the surname (George Will)
            break
        if low in CUE_ADVERBS or low in _TIME_WORDS:
            pass
        elif low in _MODALS and toks[j].text.islower():
            pass  # "a spokesman could only quip", "the aide would later say": the subject
        elif low in {"on", "last", "this"} and skipped and toks[j + 1].low in _TIME_WORDS:
            pass  # "Priebus on Thursday told", "Smith last week said"
        else:
            break
        j -= 1
        skipped += 1
    if j < floor:
        return None
    if toks[j].text == "," and j - 1 > floor and toks[j - 1].text == ")":
        # "Gov. John Kasich (R-OH), said": the party-state tag, then a stray comma
        j -= 1
    elif toks[j].text in {",", "—", "–", "--"}:
        # apposition: "Smith, a Republican from Ohio, said" / "Smith, who ..., said"
        c = j - 1
        limit = max(floor, j - 20)
        while c >= limit and toks[c].text not in {",", "—", "–", "--", "(", ";", ":"}:
            c -= 1
        if c < limit or toks[c].text not in {",", "—", "–", "--"} or c - 1 < floor:
            return None
        inner = toks[c + 1 : j]
        if 2 <= len(inner) <= 4 and all(_is_cap(x.text) and x.low not in NOT_NAMES for x in inner):
            before = toks[c - 1].low
            described = (
                toks[c - 1].text.isalpha()
                and toks[c - 1].text.islower()
                and (before in _PERSON_NOUNS or before in _MALE_NOUNS or before in _FEMALE_NOUNS)
            )  # "another fraternity brother, Stuart Olt, said": the name speaks
            if before in PERSON_ROLES or before in TITLE_WORDS or described:
                # "A Lindell spokeswoman, Dana Whitfield, said": the name speaks
                outer = np_left(toks, c, floor)
                return (outer[0] if outer else c + 1, j)
            outer = np_left(toks, c, floor)
            if outer is not None and any(
                t.low in PERSON_ROLES for t in toks[outer[0] : outer[1]] if t.text.islower()
            ):
                # "The foreign minister of France, Jean-Marc Ayrault, said"
                return (outer[0], j)
        for _ in range(3):
            # "Clinton, during a town hall in Columbus, Ohio, said" / "Cory James, 22, of
            # Flint, Mich., said": step over the place, age and prepositional pieces too
            c2 = c - 1
            lim2 = max(floor, c - 20)
            while c2 >= lim2 and toks[c2].text not in {",", "—", "–", "--", "(", ";", ":"}:
                c2 -= 1
            if c2 < lim2 or toks[c2].text != "," or c2 - 1 < floor or c2 + 1 >= c:
                break
            seg = toks[c2 + 1 : c]
            if not (
                seg[0].low in _SEGMENT_OPENERS
                or (len(seg) == 1 and seg[0].text.isdigit())
                or (seg[0].low in {"a", "an"} and _is_place_tail(inner))
                or (
                    # "J.J. Goldberg, editor at large of The Forward, a weekly, said":
                    # a bare role between the name and a second apposition
                    seg[0].text.islower()
                    and (seg[0].low in PERSON_ROLES or seg[0].low in TITLE_WORDS)
                    and bool(inner)
                    and inner[0].low in {"a", "an", "the", "which", "who"}
                    and _is_cap(toks[c2 - 1].text)
                    and toks[c2 - 1].low not in NOT_NAMES
                )
                or (
                    # "Richard Shelby, the Alabama Republican who heads the committee,
                    # which oversees the Fed, said": the relative clause hangs off the role
                    bool(inner)
                    and inner[0].low == "which"
                    and seg[0].low in {"the", "a", "an"}
                    and any(t.low == "who" for t in seg)
                )
            ):
                break
            c = c2
            inner = seg
        j = c - 1
    if toks[j].text == ")":
        # "Sen. Bernie Sanders (I-Vt.) said": step over the party-state tag
        o = j - 1
        while o >= floor and j - o < 10 and toks[o].text != "(":
            o -= 1
        if o - 1 < floor or toks[o].text != "(":
            return None
        tagged = np_left(toks, o, floor)
        return (tagged[0], j + 1) if tagged is not None else None
    t = toks[j]
    if t.low in PERSON_PRONOUNS or bare_pronoun(t.low) is not None:
        return (j, j + 1)
    if t.low in _QUANTIFIER_PRONOUNS and (j == floor or not toks[j - 1].text.isalpha()):
        # "Others shouted", "Another tweeted": an unnamed group or person, as written
        return (j, j + 1)
    if (
        is_group_noun(t.text)
        and j - 1 >= floor
        and _is_cap(toks[j - 1].text)
        and toks[j - 1].text.isalpha()
        and toks[j - 1].low not in NOT_NAMES
        and (j - 2 < floor or not _is_cap(toks[j - 2].text))
    ):
        return (j - 1, j + 1)  # "Trump supporters chanted": the group speaks, not Trump
    if (
        t.text.isalpha()
        and t.text.islower()
        and j - 2 >= floor
        and toks[j - 1].low == "of"
        and is_group_noun(toks[j - 2].text)
    ):
        # "Small groups of protesters chanted": the group (and its modifier) speaks
        q = j - 2
        mod = toks[q - 1] if q - 1 >= floor else None
        if (
            mod is not None
            and mod.text.isalpha()
            and mod.low not in NP_STOP
            and (_is_cap(mod.text) or mod.low in _DETERMINERS or mod.low in _QUANTIFIERS)
        ):
            q -= 1
        return (q, j + 1)
    if t.text.isalpha() and t.text.islower() and t.low not in NP_STOP:
        # "the email said", "the groups say", "a former senior official said"
        g = j - 1
        while (
            g >= floor
            and j - g <= 5
            and (toks[g].text.isalpha() or toks[g].text.isdigit())
            and toks[g].low not in NP_STOP
        ):
            plural = t.low.endswith(("s", "men")) or t.low in {"percent", "people"}
            group = plural and (
                toks[g].low in _QUANTIFIERS or (toks[g].text.isdigit() and len(toks[g].text) < 4)
            )
            if group or toks[g].low in _DETERMINERS or toks[g].low in _POSSESSIVES:
                # "some protesters chanted", "21 percent said": a quantified group
                return (g, j + 1)
            if not toks[g].text.isalpha():
                break
            g -= 1
        if g >= floor and toks[g].low in {"’s", "'s"}:
            rng = np_left(toks, g, floor)
            if rng is not None and rng[1] == g:
                return (rng[0], j + 1)
    i = j
    count = 0
    while i >= floor and count < 9:
        w = toks[i].text
        low = w.lower()
        if _is_cap(w) and low not in NOT_NAMES:
            pass
        elif low in _DETERMINERS:
            i -= 1
            count += 1
            break
        elif low in {"of", "for"} and i < j and i - 1 >= floor:
            nxt = toks[i - 1].text.lower()
            if not (nxt in PERSON_ROLES or nxt in TITLE_WORDS or _is_cap(toks[i - 1].text)):
                break
        elif (
            low in PERSON_ROLES
            or low in TITLE_WORDS
            or low in ORG_NOUNS
            or low in {"’s", "'s", "’", "-", "."}
        ):
            pass
        elif _is_cap(w) and low in NOT_NAMES and low in {"the", "a", "an"}:
            i -= 1
            count += 1
            break
        else:
            break
        i -= 1
        count += 1
    i += 1
    while i <= j and (toks[i].low in {"of", "for", "’s", "'s", "-"}):
        i += 1
    if i > j:
        return None
    if i - 1 > floor and toks[i].low in _DETERMINERS and toks[i - 1].low in {"for", "of", "at"}:
        # "Sam Lau, the communications director for the Iowa Democratic Party said"
        role = np_left(toks, i - 1, floor)
        if role is not None and role[1] == i - 1 and toks[role[1] - 1].low in PERSON_ROLES:
            k = role[0] - 1
            if k - 1 >= floor and toks[k].text == "," and toks[role[0]].low in _DETERMINERS:
                m = k - 1
                while m >= floor and k - m <= 4 and _is_cap(toks[m].text):
                    m -= 1
                if m + 1 < k and toks[m + 1].low not in NOT_NAMES:
                    return (m + 1, j + 1)
            return (role[0], j + 1)
    words = [tk.text for tk in toks[i : j + 1]]
    if not any(
        (_is_cap(w) and w.lower() not in NOT_NAMES)
        or w.lower() in PERSON_ROLES
        or w.lower() in ORG_NOUNS
        for w in words
    ):
        return None
    return (i, j + 1)


def np_right(toks: list[Tok], k: int, ceil: int | None = None) -> tuple[int, int] | None:
    """Token range of the noun phrase starting just after index ``k`` ("said Macron")."""
    n = len(toks) if ceil is None else min(ceil, len(toks))
    i = k + 1
    if i >= n:
        return None
    if toks[i].low in PERSON_PRONOUNS and toks[i].low not in {"who", "it"}:
        return (i, i + 1)
    if toks[i].low in _QUANTIFIER_PRONOUNS and (i + 1 >= n or not toks[i + 1].text.isalnum()):
        return (i, i + 1)  # "..., tweeted another.": an unnamed person, as written
    if toks[i].low in _DETERMINERS:
        # "said a former senior law enforcement official": up to punctuation or a clause word
        j = i + 1
        while j < n and j - i < 10:
            low = toks[j].low
            if not toks[j].text[0].isalnum() and low not in {"’s", "'s", "-"}:
                break
            if low in _NP_RIGHT_STOP or low in _MODALS:
                break  # "said the candidate could be ...": the reported clause's verb
            j += 1
        if j - i >= 2:
            return (i, j)
        return None
    start = i
    if ((toks[i].text.isalpha() and toks[i].text.islower()) or toks[i].text.isdigit()) and toks[
        i
    ].low not in NP_STOP:
        # "said retired neurosurgeon Ben Carson" / "added his campaign manager Jeff Weaver"
        m = i
        while (
            m < n
            and m - i < 5
            and (
                (toks[m].text.isalpha() and toks[m].text.islower())
                or toks[m].text.isdigit()
                or (toks[m].text == "/" and m > i)
            )
            and toks[m].low not in _NP_RIGHT_STOP
            and (toks[m].low not in NP_STOP or toks[m].low in _POSSESSIVES)
        ):
            m += 1
        if m > i and m < n and _is_cap(toks[m].text) and toks[m].low not in NOT_NAMES:
            i = m
    j = i
    while j < n and j - i < 9:
        w = toks[j].text
        low = w.lower()
        if (
            (low in _DETERMINERS and j == i)
            or (_is_cap(w) and low not in NOT_NAMES)
            or low in PERSON_ROLES
            or low in TITLE_WORDS
            or low in ORG_NOUNS
            or (low in {"of", "for"} and j + 1 < n and _is_cap(toks[j + 1].text))
            or (low in {"’s", "'s", "-"} and j > i)
        ):
            pass
        elif low == "(" and j > i:
            close = next((x for x in range(j, min(n, j + 10)) if toks[x].text == ")"), None)
            if close is None:
                break
            j = close
        else:
            break
        j += 1
    if j == i or (j - i == 1 and toks[i].low in _DETERMINERS):
        return None
    words = [tk.text for tk in toks[i:j]]
    if not any(
        (_is_cap(w) and w.lower() not in NOT_NAMES) or w.lower() in PERSON_ROLES for w in words
    ):
        return None
    return (start, j)


def bare_pronoun(low: str) -> str | None:
    """ "she’s" → "she", "they've" → "they": a subject pronoun fused with its auxiliary."""
    for mark in ("’", "'"):
        head, sep, _ = low.partition(mark)
        if sep and head in _FUSED_PRONOUNS:
            return head
    return None


_FUSED_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


# roles that name one office: a senator named just before is not "the president"
_OFFICES = frozenset(
    {
        "president",
        "senator",
        "governor",
        "secretary",
        "representative",
        "mayor",
        "speaker",
        "minister",
        "ambassador",
        "judge",
        "justice",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "strategist",
        "adviser",
        "advisor",
        "manager",
        "pollster",
    }
)
_PARTY_CAPS = frozenset({"republican", "democratic", "democrat", "gop", "independent"})


def _role_fits(ent: Entity, lows: list[str], head: str) -> bool:
    """Whether the article gave ``ent`` nothing that rules out the role ``lows``: another
    office, the other party, the sitting office for "the former ...", another state."""
    words = _role_words(ent)
    head = _ROLE_SYNONYMS.get(head, head)
    if words & _OFFICES and head not in words:
        return False
    if (words & _ROLE_QUALIFIERS) and head in words and not (words & _ROLE_QUALIFIERS & set(lows)):
        return False  # the vice president is not "the president"
    want = {_ROLE_SYNONYMS.get(w, w) for w in lows}
    if any(_PARTY_WORDS[w] in words for w in want if w in _PARTY_WORDS):
        return False
    if "former" in want and head in words and "former" not in words:
        return False  # "President Obama" is not "the former president"
    places = {w for w in want if w in _PLACES or w in _ROLE_PLACES}
    there = {w for w in words if w in _PLACES or w in _ROLE_PLACES}
    return not (places and there and not places & there)


def _role_modifier(word: str) -> bool:
    """ "Florida", "GOP", "New Jersey": a capitalised word that qualifies a role ("the Florida
    senator") rather than naming whom the person speaks for ("Disney spokesman")."""
    low = _strip_possessive(word).lower()
    return low in _PLACES or low in _ROLE_PLACES or low in _PARTY_CAPS or low in _GEO_FIRST


def _role_person(
    reg: Registry, pos: int, lows: list[str], head: str, gender: str | None
) -> Entity | None:
    """The person a role phrase means: the one the article gave the role, unless they were
    named long ago and the subject just before fits the role ("the actor" after "star Arturo
    Castro ..."); else that subject, when nothing the article said rules them out."""
    got = reg.role_phrase_holder(pos, lows)
    near = None
    if head not in _UNNAMED_NOUNS and not any(w in _ORDINALS for w in lows):
        # "the boy", "the second official": someone unnamed, not the subject just before
        near = reg.prev_subject(pos, None, gender)
    if near is not None and (
        not _role_fits(near, lows, head) or reg._same_sentence(reg.last_mention(pos, near), pos + 1)
    ):
        # "Trump attacked Clinton after the Democratic front-runner said": a role in the
        # subject's own sentence names someone else
        near = None
    if got is None:
        return near
    ent, at = got
    if near is not None and near is not ent and pos - at - reg._quoted_between(at, pos) > 1500:
        return near
    return ent


def _owned_group(reg: Registry, words: list[str]) -> str | None:
    """ "Clinton’s campaign", "Rival Hillary Clinton’s campaign", "Sanders ’ aides": the
    owner by the full name the article gives, so one campaign reads one way in every answer."""
    for k, w in enumerate(words[:6]):
        if w.endswith(("’s", "'s")):
            rest = words[k + 1 :]
            break
        if k + 1 < len(words) and words[k + 1] in {"’", "'"} and w.endswith("s"):
            rest = words[k + 2 :]
            break
    else:
        return None
    owner = [_strip_possessive(x) for x in words[: k + 1]]
    if not rest or not all(x[:1].isupper() for x in owner):
        return None
    _, name = split_title(owner)
    if not name:
        return None
    full = " ".join(name)
    if full not in reg.entities and name[-1] not in reg.by_last_all:
        return None
    ent = reg.entity_for(list(name), None)
    if ent is None:
        return None
    return f"{ent.name}'s " + " ".join(rest)


def resolve(reg: Registry, toks: list[Tok], rng: tuple[int, int], *, who_left: int = 0) -> Speaker:
    """Turn the mention ``toks[rng]`` into a speaker name and title."""
    i, j = rng
    span = (toks[i].start, toks[j - 1].end)
    words = [tk.text for tk in toks[i:j]]
    low0 = words[0].lower()
    bare = bare_pronoun(low0) if j - i == 1 else None
    if bare is not None:
        # "She’s touted": the mention is the pronoun, without its "has"/"is"
        low0 = bare
        span = (span[0], span[0] + len(bare))
    if j - i == 1 and low0 in PERSON_PRONOUNS:
        if low0 == "who":
            # relative pronoun: the noun phrase just before ", who"
            k = i
            if k - 1 >= who_left and toks[k - 1].text == ",":
                k -= 1
            prev = np_left(toks, k + 0, who_left) if k > who_left else None
            if prev is not None and prev[1] <= i:
                inner = resolve(reg, toks, prev)
                return Speaker(inner.name, inner.title, span, False)
            subj = np_right(toks, who_left - 1, i) if who_left < i else None
            if subj is not None and subj[0] == who_left and _is_cap(toks[who_left].text):
                # "Sam Solovey, a contestant on Trump's show, “The Apprentice,” who ...":
                # the clause's subject, not the last name inside its apposition
                inner = resolve(reg, toks, subj)
                if inner.named:
                    return Speaker(inner.name, inner.title, span, False)
            ent = reg.antecedent(span[0], "who")
        elif low0 in {"i", "we"}:
            return Speaker(reg.author, None, span, False)
        else:
            ent = reg.antecedent(span[0], low0)
            if low0 in {"it", "they"}:
                k = j
                while k < len(toks) and toks[k].low in CUE_ADVERBS:
                    k += 1
                # "it reads", "they argue": only a pronoun that speaks names its document
                speaks = k < len(toks) and toks[k].low in SPEECH_VERBS
                thing = reg.described_thing(span[0], low0, ent) if speaks else None
                if thing is not None:
                    return Speaker(thing, None, span, False)
                if ent is None:
                    # the quote finder takes an unresolved "it"/"they" for no speaker at all and
                    # drops quotes it had right: keep the loose organisation there
                    ent = reg.antecedent(span[0], low0, strict=False)
            if low0 in {"he", "she"}:
                desc = reg.described_person(span[0], low0, ent)
                if desc is not None:
                    return Speaker(desc, None, span, False)
        if ent is None:
            return Speaker(None, None, span, False)
        return Speaker(ent.name, ent.title, span, False)
    if "(" in words:
        # "Sen. Chuck Schumer (D-N.Y.)": the party-state tag is not part of the name
        o = words.index("(")
        words = (
            words[:o] + words[o + 1 :][words[o + 1 :].index(")") + 1 :]
            if ")" in words[o:]
            else words[:o]
        )
        if not words:
            return Speaker(None, None, span, False)
    # "Fight for $15 organizing director Kendall Fells": a lowercase role, then the name
    name_at = len(words)
    while (
        name_at > 0 and _is_cap(words[name_at - 1]) and words[name_at - 1].lower() not in NOT_NAMES
    ):
        name_at -= 1
    if (
        2 <= len(words) - name_at <= 4
        and name_at >= 2
        and words[name_at - 1].islower()
        and (words[name_at - 1] in PERSON_ROLES or words[name_at - 1] in TITLE_WORDS)
        and any(w.lower() in {"for", "of"} or w[:1] in "$#" for w in words[: name_at - 1])
    ):
        ent = reg.entity_for([_strip_possessive(w) for w in words[name_at:]], None)
        if ent is not None and not ent.org:
            role = " ".join(w for w in words[:name_at] if w.lower() not in _DETERMINERS)
            return Speaker(ent.name, role, span, True)
    # "a spokesman for Disney" / "a spokeswoman for the campaign"
    lows = [w.lower() for w in words]
    for idx, w in enumerate(lows):
        if "," in words:
            break  # "the foreign minister of France , Jean-Marc Ayrault": the name decides
        if w in {"for", "of"} and idx > 0 and lows[idx - 1] in PERSON_ROLES:
            org_words = [x for x in words[idx + 1 :] if x.lower() not in _DETERMINERS]
            role_words = [x for x in words[:idx] if x.lower() not in _DETERMINERS]
            if _is_cap(words[idx - 1]):
                rest_title, rest_name = split_title(org_words)
                if rest_title is not None and len(rest_name) >= 2:
                    break  # "Secretary of State John Kerry": a title, then the person
            if org_words and not _is_cap(org_words[0]) and org_words[0].lower() not in ORG_NOUNS:
                break  # "the former secretary of state", "the mother of three": a role
            if org_words and not any(_is_cap(x) for x in role_words[:-1] if x):
                org = " ".join(_strip_possessive(x) for x in org_words)
                owner = reg.entities.get(org) or reg.by_last.get(org)
                if (
                    owner is not None
                    and not owner.org
                    and " " in owner.name
                    and (
                        _is_first_name(owner.name.split()[0])
                        or owner.gender is not None
                        or good_title(owner.title)
                    )
                    and _is_person_noun(lows[idx - 1])
                ):
                    # "a spokesman for Bernie Sanders" is not Sanders: the spokesman the
                    # article named ("Michael Briggs, a Sanders spokesman,"), else the phrase
                    ent = reg.by_role_words(
                        span[0], {lows[idx - 1], owner.name.split()[-1].lower()}
                    )
                    if ent is not None and ent is not owner:
                        return Speaker(ent.name, " ".join(role_words), span, False)
                    text = " ".join(words)
                    return Speaker(text[0].lower() + text[1:], None, span, False)
                return Speaker(org, " ".join(role_words), span, True)
    if (
        len(words) >= 3
        and lows[1] in {"for", "of"}
        and lows[0].endswith("s")
        and all(_is_cap(w) for w in words[2:])
        and _is_cap(words[0])
    ):
        # "Citizens for Tax Justice", "Americans for Prosperity": one organisation name
        return Speaker(" ".join(words), None, span, True)
    if (
        len(words) >= 4
        and lows[0] == "the"
        and any(w in {"of", "for"} for w in lows[2:-1])
        and all(
            (_is_cap(w) and not w.endswith(".")) or w in {"of", "for", "and"} for w in words[1:]
        )
        and _is_cap(words[1])
        and _is_cap(words[-1])
        and not is_title_word(words[next(k for k, w in enumerate(lows) if w in {"of", "for"}) - 1])
    ):  # not "the Secretary of State": a role
        # "the American Federation of Teachers": "the" before a name marks an institution
        return Speaker(" ".join(_strip_possessive(w) for w in words[1:]), None, span, True)
    for idx, w in enumerate(lows):
        if (
            w in {"of", "for"}
            and idx > 0
            and _is_cap(words[idx - 1])
            and not is_title_word(words[idx - 1])
        ):
            # "Anton Varga of Eastmark" (but "Citizens for Tax Justice" is one name)
            words, lows = words[:idx], lows[:idx]
            break
    if "," in words and words.index(",") > 0:
        before = words[: words.index(",")]
        if all(_is_cap(w) and not is_title_word(w) and w.lower() not in NOT_NAMES for w in before):
            # "Sam Lau , the communications director for the party": the name before the comma
            ent = reg.entity_for([_strip_possessive(w) for w in before], None)
            if ent is not None:
                return Speaker(ent.name, ent.title, span, True)
    if "," in words:
        # "Marsh's campaign manager , Owen Pike": the name after the comma
        cut = len(words) - 1 - words[::-1].index(",")
        tail = [w for w in words[cut + 1 :] if _is_cap(w)]
        if tail:
            title, _ = split_title([w for w in words[:cut] if w != ","])
            ent = reg.entity_for([_strip_possessive(w) for w in tail], None)
            if ent is not None:
                role = " ".join(w for w in words[:cut] if w.lower() not in _DETERMINERS)
                return Speaker(ent.name, role or ent.title, span, True)
    title, name = split_title(words)
    name = [_strip_possessive(w) for w in name]
    if len(name) == 1 and name[0].endswith(".") and len(name[0]) <= 6:
        name = []  # "Ashton, Md.": a state abbreviation, not a person
    if name:
        ent = reg.entity_for(name, title)
        if (
            ent is not None
            and len(name) == 1
            and len(words) >= 2
            and words[-2].lower() in _HONORIFIC_GENDER
            and (" " not in ent.name or ent.gender != _HONORIFIC_GENDER[words[-2].lower()])
        ):
            # "Mrs. Clinton" in an article about both Clintons: the woman of the two
            ent = reg.by_honorific(name[0], _HONORIFIC_GENDER[words[-2].lower()]) or ent
        if ent is not None:
            use_title = (
                title
                if title and not all(w.lower() in _HONORIFICS for w in title.split())
                else ent.title
            )
            return Speaker(ent.name, use_title, span, True)
    # role only: "the senator", "the former secretary of state", "Disney spokesman"
    if not lows:
        return Speaker(None, None, span, False)
    head = lows[-1]
    as_written = " ".join(words)
    as_written = as_written[0].lower() + as_written[1:]
    bare_head = _phrase_head(lows)
    if (
        lows[0] not in _DETERMINERS
        and lows[0] not in _POSSESSIVES
        and lows[0] not in _QUANTIFIER_PRONOUNS
        and len(lows) <= 6
        and all(w.islower() or _role_modifier(w) for w in words)
        and all(w.isalpha() or "-" in w for w in lows)
        and (bare_head in PERSON_ROLES or bare_head in _OCCUPATIONS)
        and not bare_head.endswith("s")
    ):
        # "former secretary of state said", "conservative activist": a role without "the",
        # resolved as "the former secretary of state" would be, else kept as written
        gender = "f" if bare_head in _FEMALE_NOUNS else "m" if bare_head in _MALE_NOUNS else None
        ent = _role_person(reg, span[0], lows, bare_head, gender)
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
        return Speaker(
            " ".join(words) if _is_cap(words[0]) and _role_modifier(words[0]) else as_written,
            None,
            span,
            False,
        )
    if lows[0] == "the":
        age = next((w[:-9] for w in lows if w.endswith("-year-old") and w[:-9].isdigit()), None)
        if age is not None:
            # "the 34-year-old mother of three": the person the article gave that age
            # ("Ann Lee, 34,"); never a guess when it gave none
            ent = reg.by_age(span[0], age)
            if ent is not None:
                return Speaker(ent.name, ent.title, span, False)
            return Speaker(as_written, None, span, False)
        if "and" in lows[2:-1] and len(lows) <= 12 and _is_person_noun(head):
            # "the former secretary of state and current Democratic presidential nominee"
            ent = reg.by_role_phrase(span[0], lows)
            if ent is not None:
                return Speaker(ent.name, ent.title, span, False)
    caps = [
        w
        for w in words
        if _is_cap(w) and w.lower() not in TITLE_WORDS and w.lower() not in NOT_NAMES
    ]
    if caps and head in PERSON_ROLES and lows[0] == "the" and len(lows) <= 5:
        # "the Republican nominee": the person the article gave that role ("X, the ... nominee")
        if all(_role_modifier(w) for w in caps):
            # "the Florida senator": a role, never the state; the subject just before when
            # the article gave no one that role, else the phrase
            ent = _role_person(reg, span[0], lows, head, None)
            if ent is not None:
                return Speaker(ent.name, ent.title, span, False)
            return Speaker(as_written, None, span, False)
        ent = reg.by_role_phrase(span[0], lows)
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
    if caps and head in PERSON_ROLES and _strip_possessive(caps[-1]) != caps[-1]:
        owner = reg.entities.get(_strip_possessive(caps[-1])) or reg.by_last.get(
            _strip_possessive(caps[-1])
        )
        if owner is not None and not owner.org:
            # "Obama's former campaign strategist" is not Obama: the person given that role,
            # else the named subject just before ("David Axelrod called on ... “...,” Obama's
            # former campaign strategist said")
            ent = reg.by_role(span[0], head) or reg.prev_subject(span[0], owner)
            return Speaker(ent.name if ent else None, ent.title if ent else None, span, False)
    if caps and head in PERSON_ROLES:
        # "Disney spokesman": the organisation speaks; "a State Department spokesman", "a
        # White House official": the whole capitalised run, title words included
        run: list[str] = []
        for w in words:
            if _is_cap(w) and (run or w.lower() not in _RUN_LEADS):
                run.append(w)
            elif run:
                break
        if len(run) > len(caps) and all(w in run for w in caps):
            caps = run
        org = " ".join(_strip_possessive(w) for w in caps)
        owner = reg.by_last.get(org)
        if owner is not None and not owner.org and len(caps) == 1 and lows[0] in _DETERMINERS:
            # "A Warren adviser" is not Senator Warren: an unnamed person of hers
            text = " ".join(words)
            return Speaker(text[0].lower() + text[1:], None, span, False)
        role = " ".join(w for w in words if w not in caps and w.lower() not in _DETERMINERS)
        return Speaker(org, role or None, span, True)
    person = head in PERSON_ROLES or head in _PERSON_NOUNS or head.endswith("-old")
    if lows and lows[0] == "the" and head.endswith("-year-old") and head[:-9].isdigit():
        # "the 46-year-old": the person the article gave that age ("Ivana Lee, 46,")
        ent = reg.by_age(span[0], head[:-9])
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
    if lows and lows[0] == "the" and person and not head.endswith("s"):
        # "the Democratic nominee", "the actress": the last person the article gave that role
        gender = "f" if head in _FEMALE_NOUNS else "m" if head in _MALE_NOUNS else None
        ent = _role_person(reg, span[0], lows, head, gender)
        if ent is None and (head in _UNNAMED_NOUNS or lows[1] in _ORDINALS):
            # "the boy", "the narrator", "the second official": someone the article did not
            # name, not the last person it did
            return Speaker(as_written, None, span, False)
        if ent is None:
            ent = reg.antecedent(span[0], "she" if head in _FEMALE_NOUNS else "who")
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
    if (
        lows[0] == "the"
        and len(lows) <= 5
        and all(w.isalpha() or "-" in w for w in lows)
        and (
            head in _OCCUPATIONS
            or head in _FEMALE_NOUNS
            or head in _MALE_NOUNS
            or head.endswith(_ROLE_ENDINGS)
        )
        and not head.endswith("s")
    ):
        # "Ben Carson said Monday. “...,” the retired neurosurgeon told": the role describes
        # the named subject just before
        ent = reg.by_role(span[0], head) or reg.prev_subject(
            span[0], None, "f" if head in _FEMALE_NOUNS else "m" if head in _MALE_NOUNS else None
        )
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
    singular = head[:-1] if head.endswith("s") else head
    described = False
    if lows[0] in _DETERMINERS or lows[0] in _QUANTIFIER_PRONOUNS or lows[0] == "others":
        # "one user", "the heckler", "a person close", "a transcript of the show",
        # "Another": an unnamed speaker or source, as written
        core = _phrase_head(lows)
        one = core[:-1] if core.endswith("s") and not core.endswith("ss") else core
        described = (
            (len(lows) == 1 and (lows[0] in _QUANTIFIER_PRONOUNS or lows[0] == "others"))
            or (len(lows) > 1 and (_looks_like_person(one) or one in _SOURCE_NOUNS))
            or one in PERSON_ROLES
            or one in _PERSON_NOUNS
        )
        if (
            described
            and lows[0] == "the"
            and len(lows) > 1
            and (_looks_like_person(core) or core in PERSON_ROLES or core in _PERSON_NOUNS)
        ):
            ent = reg.by_role(span[0], core)  # "Ann Fox, the organizer, ... the organizer"
            if ent is not None:
                return Speaker(ent.name, ent.title, span, False)
    if not (
        caps
        or person
        or described
        or head in ORG_NOUNS
        or singular in PERSON_ROLES
        or singular in _PERSON_NOUNS
        or singular in _SOURCE_NOUNS
        or singular in ORG_NOUNS
    ):
        # "her watch", "a wave of boos": not someone who can speak
        return Speaker(None, None, span, False)
    text = _owned_group(reg, words) or " ".join(w for w in words)
    if lows[0] in {"his", "her"} and len(words) > 1:
        # "His surrogates": the owner's surrogates, as a phrase that reads alone
        owner = reg.antecedent(span[0], "he" if lows[0] == "his" else "she")
        if owner is not None:
            text = f"{owner.name}'s " + " ".join(words[1:])
    return Speaker(text, None, span, False)

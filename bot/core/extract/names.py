"""Proper-name words: given names, titles, places, and splitting a title off a name.

Contract: pure, cached predicates over words (``is_first_name``, ``is_place``,
``is_title_word``, ``is_org_name``, ``good_title``) and ``split_title(words)``, which splits a
capitalised run into ``(title, name words)`` ("Vice President JD Vance" → "Vice President",
["JD", "Vance"]) in time linear in the run.
"""

from __future__ import annotations

from functools import lru_cache

from bot.core.extract.lexicon import (
    FEMALE_NAMES,
    MALE_NAMES,
    NOT_NAMES,
    ORG_WORDS,
    PERSON_ROLES,
    TITLE_WORDS,
)

_PARTICLES = frozenset(
    {"de", "van", "von", "bin", "al", "la", "le", "del", "da", "der", "di", "du"}
)
NAME_PARTICLES = _PARTICLES  # "Pierre de Vos", "Ursula von der Leyen": inside a name
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir"})
DETERMINERS = frozenset({"the", "a", "an", "another", "one"})
PERSON_NOUNS = frozenset(
    [
        "delegate",
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
GEO_FIRST = frozenset(
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


PLACES = frozenset(
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
    return bool(parts) and (parts[0] in GEO_FIRST or parts[-1] in PLACES)


def strip_possessive(word: str) -> str:
    """ "Clinton’s", "Jones'": the word without its possessive ending (a word that is only
    the ending stays)."""
    # the last character decides: no loop of four ``endswith`` calls for the plain word
    last = word[-1:]
    if last == "s":
        return word[:-2] if len(word) > 2 and word[-2] in "’'" else word
    if (last == "’" or last == "'") and len(word) > 1:
        return word[:-1]
    return word


def is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _low(word: str) -> str:
    return word.lower()


def is_title_word(word: str) -> bool:
    """True for words that belong in a title ("Vice", "President", "Sen.", "campaign")."""
    low = word.lower()
    if low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS:
        return True
    first, dash, last = low.rpartition("-")
    # "Secretary-Treasurer", "Vice-Chairman", "Co-Chair": a compound of title words
    return bool(dash) and last in TITLE_WORDS and (first in TITLE_WORDS or first in {"co", "ex"})


@lru_cache(maxsize=16384)
def is_org_name(name: str) -> bool:
    """Organisation-looking names: an institution word or an acronym."""
    parts = name.split()
    if any(p.lower().rstrip(".") in ORG_WORDS for p in parts):
        return True
    return len(parts) == 1 and len(parts[0]) >= 2 and parts[0].isupper()


OCCUPATIONS = (
    PERSON_ROLES
    | PERSON_NOUNS
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


ROLE_ENDINGS = ("host", "surgeon", "writer", "maker", "man", "woman", "ist", "person")


def _is_first_name(word: str) -> bool:
    low = word.lower()
    return low in MALE_NAMES or low in FEMALE_NAMES


def is_first_name(word: str) -> bool:
    """A given name in the lexicons ("Ted", "Kelly"): a name even when it looks like a word."""
    return _is_first_name(word)


_HEADLINE_TITLE_WORDS = frozenset({"Of", "The", "And", "For", "In"})


def good_title(title: str | None) -> bool:
    """ "Secretary of State", "Florida Sen.", "spokesman": a title holds a role word; "Former",
    "State", "CNN's" or "warm-and-fuzzy" alone do not."""
    if not title:
        return False
    words = title.split()
    for w in words:  # (a plain loop: ``any`` over a generator costs more than the test)
        if w in _HEADLINE_TITLE_WORDS:
            return False  # a headline in title case ("Unhappy Campaign Of")
    for w in words:
        low = w.lower()
        base = low.rstrip(".")
        if low in _TITLE_MODIFIERS or base in _TITLE_MODIFIERS:
            continue
        if low in TITLE_WORDS or base in TITLE_WORDS or low in OCCUPATIONS:
            return True
        if low.endswith(ROLE_ENDINGS):
            return True  # "co-host", "neurosurgeon", "speechwriter", "congressman"
    return False


def _plural_lead(word: str) -> bool:
    """ "Senators", "Celebrities", "Democrats": a plural noun opening a run before a given
    name ("Senators Mitch McConnell and ...") labels a group; no surname comes first."""
    low = word.lower()
    return (
        len(low) > 4
        and low.isalpha()
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is", "os"))
    )


def split_title(words: list[str]) -> tuple[str | None, list[str]]:
    """Split "French President Emmanuel Macron" into ("French President", [Emmanuel, Macron])."""
    title, name = split_title_tuple(tuple(words))
    return title, list(name)


@lru_cache(maxsize=8192)
def split_title_tuple(words: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """``split_title`` on a tuple, cached: an article names the same people again and again."""
    # Runs are gathered backwards and reversed once: inserting at the front made a long
    # capitalised run quadratic (issue 18).
    backwards: list[str] = []
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        low = w.lower()  # (once: each test below wanted it)
        if not (w[:1].isupper() or (low in _PARTICLES and backwards)):
            break
        if backwards and low not in _PARTICLES and is_title_word(w):
            break
        if not backwards and low in NOT_NAMES:
            break
        backwards.append(w)
        i -= 1
    name = backwards[::-1]
    for p in range(len(name) - 2, -1, -1):
        w = name[p]
        # (an apostrophe first: only a word with one can be possessive)
        if ("’" in w or "'" in w) and strip_possessive(w) != w:
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
        and (
            name[0].lower() in OCCUPATIONS
            or (_is_first_name(name[1]) and (i >= 0 or _plural_lead(name[0])))
        )
    ):
        # "Comedian Sarah Silverman": the occupation opens the run, it is not the name;
        # "Director of National Intelligence James Clapper": nor the end of a long title
        name = name[1:]
        i += 1
    if name and strip_possessive(name[-1]).lower().rstrip(".") in ORG_WORDS:
        # "the Iowa Democratic Party", "the United Nations Security Council": keep it whole
        org: list[str] = []
        while i >= 0 and is_cap(words[i]) and words[i].lower() not in NOT_NAMES:
            org.append(words[i])
            i -= 1
        name = org[::-1] + name
    if len(name) >= 2 and name[-1] in {"Day", "Eve"} and not _is_first_name(name[0]):
        # "Memorial Day", "Election Day", "New Year's Eve": a date, not a person (but
        # "Doris Day" is one); no name words, so it is never a speaker or antecedent
        i += len(name)
        name = []
    title = None
    if i >= 0:  # (most runs are the name alone: no title to gather)
        title_words = [w for w in words[: i + 1] if w.lower() not in DETERMINERS]
        title_words = [w for w in title_words if w.lower() not in HONORIFICS]
        title = " ".join(title_words) if title_words else None
    return title, tuple(name)


@lru_cache(maxsize=16384)
def surname_key(name: str) -> str | None:
    """The by-surname key of a bare surname: "Cruz", "Le Pen" -> "Pen"; None for a full name
    (cached, as ``plausible_full_name``: asked of every name the article repeats)."""
    parts = name.split()
    if len(parts) == 1:
        return name
    if len(parts) <= 3 and parts[0].lower() in _PARTICLES and is_cap(parts[0]):
        return parts[-1]
    return None


@lru_cache(maxsize=16384)
def plausible_full_name(name: str) -> bool:
    """ "Bernie Sanders", not a headline run ("New Hampshire Sanders", "Following Sanders",
    "Team Trump") that a bare surname must not be merged into."""
    parts = name.split()
    first = parts[0].lower()
    if first in MALE_NAMES or first in FEMALE_NAMES:
        return True
    if first in GEO_FIRST or first in PLACES or first in {"team", "camp"}:
        return False
    return not any(p.lower().endswith("ing") for p in parts[:-1])

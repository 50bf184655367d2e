"""Source noun phrases: the token range of the phrase naming a speaker.

Contract: ``np_left(toks, k)`` and ``np_right(toks, k)`` return the token range of the noun
phrase ending before / starting after a cue (bounded scans; ``np_left`` reads commas with
``appositions``); ``mute_phrase`` tells a noun phrase that cannot speak ("her watch");
``Speaker`` is the resolved result every stage passes around (name, title, mention span,
whether it was named).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.extract.appositions import apposition_open, before_pieces, name_before_apposition
from bot.core.extract.lexicon import (
    CUE_ADVERBS,
    NOT_NAMES,
    NP_STOP,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    SPEECH_VERBS,
    TITLE_WORDS,
)
from bot.core.extract.names import (
    DETERMINERS,
    NAME_PARTICLES,
    PERSON_NOUNS,
    is_cap,
    is_first_name,
)
from bot.core.extract.nouns import (
    FEMALE_NOUNS,
    MALE_NOUNS,
    SOURCE_NOUNS,
    is_group_noun,
    is_person_noun,
    phrase_head,
)
from bot.core.extract.tokens import Tok

# a token's text is never empty: ``tok.text[0].isupper()`` is ``is_cap(tok.text)`` without
# the call, which costs more than the test (the scans here ask it per token)

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
POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my"})
_QUANTIFIERS = frozenset(
    {"some", "many", "several", "other", "most", "few", "both", "dozens", "hundreds", "thousands"}
)
QUANTIFIER_PRONOUNS = frozenset({"others", "another", "some", "many", "several", "most"})
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


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: canonical name, title, the mention span as written."""

    name: str | None
    title: str | None
    mention: tuple[int, int]
    named: bool  # the mention itself holds a name (not a pronoun or a role)


def mute_phrase(toks: list[Tok], rng: tuple[int, int]) -> bool:
    """ "her watch", "an inflation formula", "the tax loophole": a lowercase noun phrase whose
    head names no person, group, organisation or document cannot be a speaker."""
    words = toks[rng[0] : rng[1]]
    if len(words) < 2:
        return False
    for t in words:  # a loop, not any() over a generator calling is_cap: asked per cue
        if t.text[0].isupper():
            return False
    head = phrase_head([t.low for t in words])
    one = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return not (
        not head.isalpha()
        or head in {"percent", "people", "others", "both", "all"}
        or words[0].low in QUANTIFIER_PRONOUNS
        or words[0].text.isdigit()
        or is_person_noun(one)
        or is_group_noun(head)
        or one in SOURCE_NOUNS
        or one in ORG_NOUNS
        or head in ORG_NOUNS
    )


_PAST_CUES = frozenset({"said", "wrote", "told", "spoke", "thought", "felt", "put", "made"})


# modal verbs (and "only") between a subject and its speech verb
_MODALS = frozenset({"could", "would", "can", "will", "may", "might", "should", "must", "only"})


# the words _before_adverbs may step over first (a modal only in lowercase)
_SKIPPABLE = CUE_ADVERBS | _TIME_WORDS | _MODALS


def np_left(toks: list[Tok], k: int, floor: int = 0) -> tuple[int, int] | None:
    """Token range [i, j) of the subject noun phrase ending just before index ``k``.

    Read right to left: past the adverbs before the cue (``_before_adverbs``), over an
    apposition (``_named_apposition``, ``before_pieces``) or a party-state tag
    (``_party_tagged``), then the head: a pronoun, a group (``_group_head``), a lowercase
    description (``_description_head``), else a capitalised run (``_capitalised_phrase``).
    """
    j = k - 1
    # _before_adverbs's first test: most cues follow the subject's last word, no adverb
    if j >= floor and (toks[j].low in _SKIPPABLE or toks[j].text == "Will"):
        j = _before_adverbs(toks, k, floor)
    if j < floor:
        return None
    if toks[j].text == "," and j - 1 > floor and toks[j - 1].text == ")":
        # "Gov. John Kasich (R-OH), said": the party-state tag, then a stray comma
        j -= 1
    elif toks[j].text in {",", "—", "–", "--"}:
        # apposition: "Smith, a Republican from Ohio, said" / "Smith, who ..., said"
        c = apposition_open(toks, j, floor)
        if c is None:
            return None
        named = _named_apposition(toks, c, j, floor)
        if named is not None:
            return named
        j = before_pieces(toks, c, j, floor) - 1
    if toks[j].text == ")":
        return _party_tagged(toks, j, floor)
    t = toks[j]
    low = t.low
    # _pronoun_head's first tests at the call: few heads are a pronoun or hold an apostrophe
    if (low in PERSON_PRONOUNS or low == "which" or "’" in low or "'" in low) and _pronoun_head(
        toks, j, floor
    ):
        return (j, j + 1)
    if "-" in t.text[1:] and t.text[0].isupper() and t.text.rpartition("-")[2].islower():
        return None  # "a Trump-style retort", "the Obama-era rule": a modifier, no head noun
    found = _group_head(toks, j, floor)
    if found is None:
        found = _description_head(toks, j, floor)
    if found is not None:
        return found
    return _capitalised_phrase(toks, j, floor)


def _before_adverbs(toks: list[Tok], k: int, floor: int) -> int:
    """The index before the cue ``k`` past up to four adverbs, time words and modals
    ("Smith last week said", "the aide would later say"); below ``floor`` when none is left."""
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
    return j


def _named_apposition(toks: list[Tok], c: int, j: int, floor: int) -> tuple[int, int] | None:
    """ "A Lindell spokeswoman, Dana Whitfield, said", "The foreign minister of France,
    Jean-Marc Ayrault, said": a name in the apposition ``toks[c+1:j]`` after a role speaks;
    the range runs from the role through the name."""
    inner = toks[c + 1 : j]
    if not (
        2 <= len(inner) <= 4 and all(x.text[0].isupper() and x.low not in NOT_NAMES for x in inner)
    ):
        return None
    before = toks[c - 1].low
    described = (
        toks[c - 1].text.isalpha()
        and toks[c - 1].text.islower()
        and (before in PERSON_NOUNS or before in MALE_NOUNS or before in FEMALE_NOUNS)
    )  # "another fraternity brother, Stuart Olt, said": the name speaks
    if before in PERSON_ROLES or before in TITLE_WORDS or described:
        outer = np_left(toks, c, floor)
        return (outer[0] if outer else c + 1, j)
    outer = np_left(toks, c, floor)
    if outer is not None and any(
        t.low in PERSON_ROLES for t in toks[outer[0] : outer[1]] if t.text.islower()
    ):
        return (outer[0], j)
    return None


def _party_tagged(toks: list[Tok], j: int, floor: int) -> tuple[int, int] | None:
    """ "Sen. Bernie Sanders (I-Vt.) said": the phrase before the party-state tag closed at
    ``j``, tag included (or the name its "the ..." description is in apposition to)."""
    o = j - 1
    while o >= floor and j - o < 10 and toks[o].text != "(":
        o -= 1
    if o - 1 < floor or toks[o].text != "(":
        return None
    tagged = np_left(toks, o, floor)
    if tagged is None:
        return None
    named = name_before_apposition(toks, tagged[0], floor)
    return named or (tagged[0], j + 1)


def _pronoun_head(toks: list[Tok], j: int, floor: int) -> bool:
    """ "he", "she’s", or a "which" after a comma or a name ("the police department, which
    said", "the Harbor Police Department which reported"): the phrase is the pronoun alone,
    ``resolve`` reads what it means."""
    t = toks[j]
    if t.low in PERSON_PRONOUNS:
        return True
    if ("’" in t.low or "'" in t.low) and bare_pronoun(t.low) is not None:
        return True  # the apostrophe test first: a call costs more, and few words hold one
    return (
        t.low == "which"
        and j - 1 >= floor
        and (toks[j - 1].text == "," or toks[j - 1].text[0].isupper())
    )


def _group_head(toks: list[Tok], j: int, floor: int) -> tuple[int, int] | None:
    """ "Others shouted", "Trump supporters chanted", "Small groups of protesters chanted":
    an unnamed group or person speaks, as written, not the name that qualifies it."""
    t = toks[j]
    if t.low in QUANTIFIER_PRONOUNS and (j == floor or not toks[j - 1].text.isalpha()):
        return (j, j + 1)
    if (
        is_group_noun(t.text)
        and j - 1 >= floor
        and toks[j - 1].text[0].isupper()
        and toks[j - 1].text.isalpha()
        and toks[j - 1].low not in NOT_NAMES
        and (j - 2 < floor or not toks[j - 2].text[0].isupper())
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
            and (mod.text[0].isupper() or mod.low in DETERMINERS or mod.low in _QUANTIFIERS)
        ):
            q -= 1
        return (q, j + 1)
    return None


def _description_head(toks: list[Tok], j: int, floor: int) -> tuple[int, int] | None:
    """ "the email said", "some protesters chanted", "21 percent said", "Trump's campaign
    said": a lowercase head back to its determiner, quantifier or owner; None when it has
    none (the capitalised run is read next)."""
    t = toks[j]
    if not (t.text.isalpha() and t.text.islower() and t.low not in NP_STOP):
        return None
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
        if group or toks[g].low in DETERMINERS or toks[g].low in POSSESSIVES:
            named = name_before_apposition(toks, g, floor)
            if named is not None and not group:
                # "Matt Brady, a South Carolina native who said": the name the
                # description is in apposition to (``resolve`` reads the name first)
                return (named[0], j + 1)
            return (g, j + 1)
        if not toks[g].text.isalpha():
            break
        g -= 1
    if g >= floor and toks[g].low in {"’s", "'s"}:
        rng = np_left(toks, g, floor)
        if rng is not None and rng[1] == g:
            return (rng[0], j + 1)
    return None


def _run_start(toks: list[Tok], j: int, floor: int) -> int:
    """Where the capitalised run ending at ``j`` starts: names, roles, title words and
    organisation nouns, "of"/"for" inside a name, up to a determiner; at most nine tokens."""
    i = j
    count = 0
    while i >= floor and count < 9:
        w = toks[i].text
        low = toks[i].low
        if w[0].isupper() and low not in NOT_NAMES:
            pass
        elif low in DETERMINERS:
            i -= 1
            count += 1
            break
        elif low in {"of", "for"} and i < j and i - 1 >= floor:
            nxt = toks[i - 1].low
            if not (nxt in PERSON_ROLES or nxt in TITLE_WORDS or toks[i - 1].text[0].isupper()):
                break
        elif (
            low in PERSON_ROLES
            or low in TITLE_WORDS
            or low in ORG_NOUNS
            or low in {"’s", "'s", "’", "-", "."}
        ):
            pass
        elif w[0].isupper() and low in NOT_NAMES and low in {"the", "a", "an"}:
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
    return i


def _capitalised_phrase(toks: list[Tok], j: int, floor: int) -> tuple[int, int] | None:
    """ "Sen. Chuck Schumer said", "the American Federation of Teachers said": the
    capitalised run ending at ``j``, extended to the person a "for"/"of" organisation
    belongs to; None when it holds no name, role or organisation noun."""
    i = _run_start(toks, j, floor)
    if i > j:
        return None
    if i - 1 > floor and toks[i].low in DETERMINERS and toks[i - 1].low in {"for", "of", "at"}:
        person = _person_of_org(toks, i, j, floor)
        if person is not None:
            return person
    for tk in toks[i : j + 1]:  # a loop over the tokens' own lowercase: asked per cue
        low = tk.low
        if (
            low in PERSON_ROLES
            or low in ORG_NOUNS
            or (tk.text[0].isupper() and low not in NOT_NAMES)
        ):
            return (i, j + 1)
    return None


def _person_of_org(toks: list[Tok], i: int, j: int, floor: int) -> tuple[int, int] | None:
    """ "Sam Lau, the communications director for the Iowa Democratic Party said", "Lena
    Marsh of the Brookings Institution said": the organisation ``toks[i:j+1]`` after
    "for"/"of" belongs to the role or person before it, who speaks."""
    role = np_left(toks, i - 1, floor)
    if role is not None and role[1] == i - 1 and toks[role[1] - 1].low in PERSON_ROLES:
        k = role[0] - 1
        if k - 1 >= floor and toks[k].text == "," and toks[role[0]].low in DETERMINERS:
            m = k - 1
            while m >= floor and k - m <= 4 and toks[m].text[0].isupper():
                m -= 1
            if m + 1 < k and toks[m + 1].low not in NOT_NAMES:
                return (m + 1, j + 1)
        return (role[0], j + 1)
    if (
        role is not None
        and role[1] == i - 1
        and toks[i - 1].low == "of"
        and role[1] - role[0] >= 2
        and is_first_name(toks[role[0]].text)
        and all(t.text[0].isupper() for t in toks[role[0] : role[1]])
    ):
        # "Lena Marsh of the Brookings Institution said": the person of the
        # organisation speaks (``resolve`` keeps the name before "of")
        return (role[0], j + 1)
    return None


def np_right(toks: list[Tok], k: int, ceil: int | None = None) -> tuple[int, int] | None:
    """Token range of the noun phrase starting just after index ``k`` ("said Macron").

    Read left to right: a pronoun alone, a determiner's phrase (``_determiner_phrase``),
    else past lowercase role words (``_past_role_words``) a capitalised run
    (``_run_end``), with what an owner's lowercase head introduces (``_possessed_head``).
    """
    n = len(toks) if ceil is None else min(ceil, len(toks))
    i = k + 1
    if i >= n:
        return None
    if toks[i].low in PERSON_PRONOUNS and toks[i].low not in {"who", "it"}:
        return (i, i + 1)
    if toks[i].low in QUANTIFIER_PRONOUNS and (i + 1 >= n or not toks[i + 1].text.isalnum()):
        return (i, i + 1)  # "..., tweeted another.": an unnamed person, as written
    if toks[i].low in DETERMINERS:
        return _determiner_phrase(toks, i, n)
    start = i
    i = _past_role_words(toks, i, n)
    j = _run_end(toks, i, n)
    if j == i or (j - i == 1 and toks[i].low in DETERMINERS):
        return None
    words = [tk.text for tk in toks[i:j]]
    if not any(
        (is_cap(w) and w.lower() not in NOT_NAMES) or w.lower() in PERSON_ROLES for w in words
    ):
        return None
    if toks[j - 1].text.endswith(("’s", "'s")) and j < n:
        return _possessed_head(toks, start, j, n)
    return (start, j)


def _determiner_phrase(toks: list[Tok], i: int, n: int) -> tuple[int, int] | None:
    """ "said a former senior law enforcement official": from the determiner at ``i`` up to
    punctuation or a clause word, through the name a role phrase introduces after a comma."""
    j = i + 1
    while j < n and j - i < 10:
        low = toks[j].low
        if not toks[j].text[0].isalnum() and low not in {"’s", "'s", "-"}:
            break
        if low == "to" and _adviser_to(toks, j, n):
            j += 1  # "said a longtime adviser to Brill": whose adviser is the description
            continue
        if low in _NP_RIGHT_STOP or low in _MODALS:
            break  # "said the candidate could be ...": the reported clause's verb
        j += 1
    if j - i >= 2:
        named = _name_after_role(toks, i, j, n)
        return named or (i, j)
    return None


def _past_role_words(toks: list[Tok], i: int, n: int) -> int:
    """ "said retired neurosurgeon Ben Carson" / "added his campaign manager Jeff Weaver":
    the capitalised name after up to five lowercase words from ``i``, else ``i``."""
    if not (
        ((toks[i].text.isalpha() and toks[i].text.islower()) or toks[i].text.isdigit())
        and toks[i].low not in NP_STOP
    ):
        return i
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
        and (toks[m].low not in NP_STOP or toks[m].low in POSSESSIVES)
    ):
        m += 1
    if m > i and m < n and toks[m].text[0].isupper() and toks[m].low not in NOT_NAMES:
        return m
    return i


def _run_end(toks: list[Tok], i: int, n: int) -> int:
    """The end of the name, role and organisation run from ``i`` (at most nine tokens): a
    party-state tag, name particles and a lowercase role before a further name included."""
    j = i
    while j < n and j - i < 9:
        w = toks[j].text
        low = toks[j].low
        if (
            (low in DETERMINERS and j == i)
            or (w[0].isupper() and low not in NOT_NAMES)
            or low in PERSON_ROLES
            or low in TITLE_WORDS
            or low in ORG_NOUNS
            or (low in {"of", "for"} and j + 1 < n and toks[j + 1].text[0].isupper())
            or (low in {"’s", "'s", "-"} and j > i)
            or (
                # "said Pierre de Vos", "said Ursula von der Leyen": a particle inside a name
                low in NAME_PARTICLES
                and j > i
                and (toks[j - 1].text[0].isupper() or toks[j - 1].low in NAME_PARTICLES)
                and j + 1 < n
                and (toks[j + 1].text[0].isupper() or toks[j + 1].low in NAME_PARTICLES)
            )
        ):
            pass
        elif low == "(" and j > i:
            close = next((x for x in range(j, min(n, j + 10)) if toks[x].text == ")"), None)
            if close is None:
                break
            j = close
        elif j > i and (m := _role_before_name(toks, j, n)) > j:
            j = m  # "said Republican political consultant Dana Whitfield": on to the name
            continue
        else:
            break
        j += 1
    return j


def _possessed_head(toks: list[Tok], start: int, j: int, n: int) -> tuple[int, int]:
    """ "said Trump's agent, Paul Rimes", "said NatWest's corporate parent, the RBS Group":
    the owner does not speak; the name its lowercase head introduces after a comma does
    (``resolve`` reads the name after the comma)."""
    m = j
    while (
        m < n
        and m - j < 4
        and toks[m].text.isalpha()
        and toks[m].text.islower()
        and toks[m].low not in _NP_RIGHT_STOP
        and toks[m].low not in NP_STOP
    ):
        m += 1
    if m == j:
        return (start, j)
    if m + 1 < n and toks[m].text == ",":
        e = m + 1 + (toks[m + 1].low == "the")
        a = e
        while e < n and e - a < 5 and toks[e].text[0].isupper() and toks[e].low not in NOT_NAMES:
            e += 1
        if e > a and (e >= n or toks[e].text in {",", ".", ";", "”", '"', "(", "—", "–"}):
            return (start, e)
    return (start, j)  # "Trump's most famous claim": the phrase stays as it was


def _name_after_role(toks: list[Tok], i: int, j: int, n: int) -> tuple[int, int] | None:
    """ "said the director of the Bureau of Land Management, Lyle Dorsey", "said a spokeswoman
    for Marsh hotels, Jennifer Rodale": the role phrase ``toks[i:j]`` ends at a comma and the
    person it introduces follows: the range through the name (it speaks, not the organisation;
    ``resolve`` takes the name after the comma)."""
    if j + 2 >= n or toks[j].text != ",":
        return None
    if not any(t.low in PERSON_ROLES and t.text.islower() for t in toks[i + 1 : j]):
        return None
    e = j + 1
    while e < n and e - j <= 5 and (toks[e].text[0].isupper() or toks[e].low in NAME_PARTICLES):
        if toks[e].low in NOT_NAMES or toks[e].low in TITLE_WORDS:
            return None
        e += 1
    if e - j < 3 or not is_first_name(toks[j + 1].text):
        return None  # a full name with a known given name, not "..., Ohio" or "..., Inc."
    if e < n and toks[e].text not in {",", ".", ";", "”", '"', "(", "—", "–"}:
        return None
    return (i, e)


def _adviser_to(toks: list[Tok], j: int, n: int) -> bool:
    """ "an adviser to Brill", "the former top aide to President Lena Marsh": ``toks[j]`` is
    a "to" between a person noun and the capitalised name it serves."""
    return (
        j >= 1
        and j + 1 < n
        and is_person_noun(toks[j - 1].low)
        and toks[j + 1].text[0].isupper()
        and toks[j + 1].low not in NOT_NAMES
    )


def _role_before_name(toks: list[Tok], j: int, n: int) -> int:
    """Index of the name after the lower-case role words from ``j`` ("political consultant",
    "statehouse bureau chief"), or ``j`` when no role word and capitalised name follow."""
    m = j
    while (
        m < n
        and m - j < 4
        and toks[m].text.replace("-", "").isalpha()
        and toks[m].text.islower()
        and toks[m].low not in _NP_RIGHT_STOP
        and toks[m].low not in NP_STOP
    ):
        m += 1
    if m == j or m >= n or not toks[m].text[0].isupper() or toks[m].low in NOT_NAMES:
        return j
    role = toks[m - 1].low.rpartition("-")[2]  # "co-host": a host
    if role in PERSON_ROLES or role in TITLE_WORDS or is_person_noun(role):
        return m
    # "said Ohio delegate Marla Penning": a role word the lists lack, but a given name and a
    # surname after it; the person speaks, not the place or committee before the role
    verb = role.endswith(("ed", "ly")) or (role.endswith("s") and not role.endswith("ss"))
    if (
        not verb
        and role not in SPEECH_VERBS
        and m + 1 < n
        and is_first_name(toks[m].text)
        and toks[m + 1].text[0].isupper()
    ):
        return m  # not "Mrs. Schlafly endorsed Donald Trump": a verb, then its object
    return j


def bare_pronoun(low: str) -> str | None:
    """ "she’s" → "she", "they've" → "they": a subject pronoun fused with its auxiliary."""
    for mark in ("’", "'"):
        head, sep, _ = low.partition(mark)
        if sep and head in _FUSED_PRONOUNS:
            return head
    return None


_FUSED_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})

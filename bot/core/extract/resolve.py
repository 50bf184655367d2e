"""Mention resolution: a source phrase's tokens to a speaker name and title.

Contract: ``resolve(reg, toks, rng)`` turns the mention ``toks[rng]`` (a name, a pronoun, a
description, "a spokesman for X", "X's campaign") into a ``Speaker``: a full name from the
entity model where the article gives one, an honest description otherwise, with the title
kept apart from the name. Never raises; bounded by the phrase length.

``resolve`` is a short driver over named steps, each a function that handles one kind of
mention and returns a ``Speaker`` or None (not its kind); the first answer wins. In order:

1. a one-word pronoun ("he", "it", ", who", ", which"): its antecedent (``_pronoun``); the
   words of a pronoun say nothing more;
2. a party-state tag is dropped ("Sen. Chuck Schumer (D-N.Y.)");
3. role heads, read before any name in the phrase is taken for the speaker (``_HEAD_STEPS``):
   "an adviser to X", "organizing director Kendall Fells", "the senator from Vermont",
   "a spokesman for X" / "the mayor of Lyon", "Citizens for Tax Justice", "the American
   Federation of Teachers", "the director of the Bureau ..., Mark Dorsey";
4. the phrase is cut at "of"/"for" after a name ("Anton Varga of Eastmark" → "Anton Varga");
5. names (``_NAME_STEPS``): the name before a comma, the name after one, the whole phrase
   as title + name;
6. no name: the phrase as a description, linked through the entity model where the article
   allows (``resolve_descriptions.describe``, which lists its own steps).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.extract.entity_model import HONORIFIC_GENDER, Entity
from bot.core.extract.lexicon import (
    CUE_ADVERBS,
    NOT_NAMES,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    SPEECH_VERBS,
    TITLE_WORDS,
)
from bot.core.extract.names import (
    DETERMINERS,
    HONORIFICS,
    PLACES,
    _is_first_name,
    good_title,
    is_cap,
    is_title_word,
    split_title,
    strip_possessive,
)
from bot.core.extract.nouns import FEMALE_NOUNS, MALE_NOUNS, is_person_noun
from bot.core.extract.phrases import Speaker, bare_pronoun, np_left, np_right
from bot.core.extract.resolve_descriptions import describe, described_org, entity_speaker
from bot.core.extract.roles import Registry, role_modifier, role_person
from bot.core.extract.tokens import Tok

# a token's text is never empty: ``tok.text[0].isupper()`` is ``is_cap(tok.text)`` without
# the call, which costs more than the test (the scans here ask it per token)

# "secretary of State": cabinet departments, a role and not an organisation that speaks
_DEPARTMENTS = [
    [w]
    for w in (
        "state",
        "defense",
        "labor",
        "commerce",
        "energy",
        "education",
        "transportation",
        "agriculture",
        "treasury",
        "interior",
        "health",
        "war",
    )
] + [["homeland", "security"], ["the", "interior"], ["the", "treasury"]]
# "the mayor of Lyon", "the governor of Ohio": roles whose "of" names a place
_PLACE_ROLES = frozenset({"mayor", "governor", "governors", "mayors"})


def _surname_at(words: list[str], k: int) -> bool:
    """ "Representative Peter T. King of New York": a title word ("King") read as the surname
    after a given name or an initial, so the cut at "of" keeps the person."""
    if k < 1:
        return False
    prev = words[k - 1]
    return _is_first_name(prev) or (len(prev) == 2 and prev[0].isupper() and prev[1] == ".")


def _as_written(words: list[str]) -> str:
    """The phrase as the article wrote it, first letter lowered to read mid-sentence."""
    text = " ".join(words)
    return text[0].lower() + text[1:]


def _antecedent_speaker(ent: Entity | None, span: tuple[int, int]) -> Speaker:
    """A pronoun's antecedent as the speaker, or no speaker when it has none."""
    if ent is None:
        return Speaker(None, None, span, False)
    return entity_speaker(ent, span)


def _pronoun(
    reg: Registry,
    toks: list[Tok],
    rng: tuple[int, int],
    span: tuple[int, int],
    low: str,
    who_left: int,
) -> Speaker:
    """A one-word pronoun ``low`` at ``toks[rng]``: relative pronouns take the phrase before
    them, "I"/"we" the article's author, personal pronouns their antecedent."""
    if low == "which":
        return _relative_which(reg, toks, rng[0], span, who_left)
    if low == "who":
        return _relative_who(reg, toks, rng[0], span, who_left)
    if low in {"i", "we"}:
        return Speaker(reg.author, None, span, False)
    return _personal_pronoun(reg, toks, rng[1], span, low)


def _relative_which(
    reg: Registry, toks: list[Tok], i: int, span: tuple[int, int], who_left: int
) -> Speaker:
    """ "the Harbor Police Department, which said": the phrase before the comma speaks."""
    k = i - 1 if toks[i - 1].text == "," else i
    prev = np_left(toks, k, who_left) if k > who_left else None
    if prev is not None and prev[1] <= k:
        inner = resolve(reg, toks, prev)
        return Speaker(inner.name, inner.title, span, False)
    return Speaker(None, None, span, False)


def _relative_who(
    reg: Registry, toks: list[Tok], i: int, span: tuple[int, int], who_left: int
) -> Speaker:
    """ ", who said": the noun phrase just before, else the clause's named subject, else the
    antecedent the entity model gives "who"."""
    k = i
    if k - 1 >= who_left and toks[k - 1].text == ",":
        k -= 1
    prev = np_left(toks, k + 0, who_left) if k > who_left else None
    if prev is not None and prev[1] <= i:
        inner = resolve(reg, toks, prev)
        return Speaker(inner.name, inner.title, span, False)
    subj = np_right(toks, who_left - 1, i) if who_left < i else None
    if subj is not None and subj[0] == who_left and toks[who_left].text[0].isupper():
        # "Sam Solovey, a contestant on Trump's show, “The Apprentice,” who ...":
        # the clause's subject, not the last name inside its apposition
        inner = resolve(reg, toks, subj)
        if inner.named:
            return Speaker(inner.name, inner.title, span, False)
    return _antecedent_speaker(reg.antecedent(span[0], "who"), span)


def _personal_pronoun(
    reg: Registry, toks: list[Tok], j: int, span: tuple[int, int], low: str
) -> Speaker:
    """ "he", "she", "it", "they" ending at ``toks[j]``: the antecedent, or the document, the
    description or the role the article linked the pronoun to."""
    ent = reg.antecedent(span[0], low)
    if low in {"it", "they"}:
        k = j
        while k < len(toks) and toks[k].low in CUE_ADVERBS:
            k += 1
        # "it reads", "they argue": only a pronoun that speaks names its document
        speaks = k < len(toks) and toks[k].low in SPEECH_VERBS
        thing = reg.described_thing(span[0], low, ent) if speaks else None
        if thing is not None:
            who = described_org(reg, span[0], thing.lower().split())
            return Speaker(who or thing, None, span, False)
        if ent is None:
            # the quote finder takes an unresolved "it"/"they" for no speaker at all and
            # drops quotes it had right: keep the loose organisation there
            ent = reg.antecedent(span[0], low, strict=False)
    if low in {"he", "she"}:
        desc = reg.described_person(span[0], low, ent)
        if desc is not None:
            return Speaker(desc, None, span, False)
        role = reg.described_role(span[0], low, ent)
        if isinstance(role, str):
            return Speaker(role, None, span, False)
        if role is not None:
            return Speaker(role.name, role.title, span, False)
    return _antecedent_speaker(ent, span)


def _without_party_tag(words: list[str]) -> list[str]:
    """ "Sen. Chuck Schumer (D-N.Y.)": the party-state tag is not part of the name."""
    if "(" not in words:
        return words
    o = words.index("(")
    return (
        words[:o] + words[o + 1 :][words[o + 1 :].index(")") + 1 :]
        if ")" in words[o:]
        else words[:o]
    )


@dataclass
class _Mention:
    """A mention's words as the steps read them; ``_role_for_org`` and ``_cut_at_of`` rewrite
    them for the steps after."""

    span: tuple[int, int]
    words: list[str]
    lows: list[str]


def _adviser_to(reg: Registry, m: _Mention) -> Speaker | None:
    """ "a longtime adviser to Brill" is not Brill: the description, as written. First, as
    every later step would read the name after "to"."""
    words = m.words
    if "to" in words and any(  # the plain membership test first: most mentions have no "to"
        w == "to" and 0 < k < len(words) - 1 and is_person_noun(words[k - 1].lower())
        for k, w in enumerate(words)
    ):
        return Speaker(_as_written(words), None, m.span, False)
    return None


def _role_then_name(reg: Registry, m: _Mention) -> Speaker | None:
    """ "Fight for $15 organizing director Kendall Fells": a lowercase role, then the name;
    before the cut at "for", which would leave "Fight"."""
    words = m.words
    name_at = len(words)
    while (
        name_at > 0 and is_cap(words[name_at - 1]) and words[name_at - 1].lower() not in NOT_NAMES
    ):
        name_at -= 1
    if not (
        2 <= len(words) - name_at <= 4
        and name_at >= 2
        and words[name_at - 1].islower()
        and (words[name_at - 1] in PERSON_ROLES or words[name_at - 1] in TITLE_WORDS)
        and any(w.lower() in {"for", "of"} or w[:1] in "$#" for w in words[: name_at - 1])
    ):
        return None
    ent = reg.entity_for([strip_possessive(w) for w in words[name_at:]], None)
    if ent is not None and not ent.org:
        role = " ".join(w for w in words[:name_at] if w.lower() not in DETERMINERS)
        return Speaker(ent.name, role, m.span, True)
    return None


def _role_from_place(reg: Registry, m: _Mention) -> Speaker | None:
    """ "the senator from Vermont": the person given that role and place, never the place;
    else the description as written. Before the name steps, which would read "Vermont"."""
    words, lows = m.words, m.lows
    if "from" not in lows[1:-1]:
        return None
    f = lows.index("from")
    place = [strip_possessive(w) for w in words[f + 1 :]]
    if not (
        (lows[f - 1] in PERSON_ROLES or is_person_noun(lows[f - 1]))
        and all(w.islower() or w.lower() in DETERMINERS or role_modifier(w) for w in words[:f])
        and all(is_cap(w) and role_modifier(w) for w in place)
    ):
        return None
    role_lows = lows[:f] + [w.lower() for w in place]
    gender = "f" if lows[f - 1] in FEMALE_NOUNS else "m" if lows[f - 1] in MALE_NOUNS else None
    ent = role_person(reg, m.span[0], role_lows, lows[f - 1], gender)
    if ent is not None:
        return entity_speaker(ent, m.span)
    return Speaker(_as_written(words), None, m.span, False)


def _role_for_org(reg: Registry, m: _Mention) -> Speaker | None:
    """ "a spokesman for Disney": the organisation, titled with the role; "the mayor of Lyon",
    "a spokesman for Bernie Sanders": the person given the role (``_role_of``). Lowers a
    department for the steps after ("the former secretary of State" is a role)."""
    words, lows = m.words, m.lows
    if "," in words:
        return None  # "the foreign minister of France , Jean-Marc Ayrault": the name decides
    for idx, w in enumerate(lows):
        if not (w in {"for", "of"} and idx > 0 and lows[idx - 1] in PERSON_ROLES):
            continue
        org_words = [x for x in words[idx + 1 :] if x.lower() not in DETERMINERS]
        role_words = [x for x in words[:idx] if x.lower() not in DETERMINERS]
        if is_cap(words[idx - 1]):
            rest_title, rest_name = split_title(org_words)
            if rest_title is not None and len(rest_name) >= 2:
                return None  # "Secretary of State John Kerry": a title, then the person
        if org_words and not is_cap(org_words[0]) and org_words[0].lower() not in ORG_NOUNS:
            return None  # "the former secretary of state", "the mother of three": a role
        if lows[idx - 1] == "secretary" and [x.lower() for x in org_words] in _DEPARTMENTS:
            # "the former secretary of State": the role, read as "secretary of state"
            m.words = words[: idx + 1] + [x.lower() for x in words[idx + 1 :]]
            return None
        if org_words and not any(is_cap(x) for x in role_words[:-1] if x):
            return _role_of(reg, m, idx, org_words, role_words)
    return None


def _role_of(
    reg: Registry, m: _Mention, idx: int, org_words: list[str], role_words: list[str]
) -> Speaker:
    """The role ``role_words`` "for"/"of" (at ``idx``) ``org_words``: a place's or a person's
    role is a person, an organisation's role leaves the organisation speaking."""
    words, lows = m.words, m.lows
    if lows[idx] == "of" and (
        lows[idx - 1] in _PLACE_ROLES or all(x.lower() in PLACES for x in org_words if x.isalpha())
    ):
        # "said the mayor of Lyon": a place is not the speaker; the person the
        # article gave that role, else the description as written
        ent = reg.by_role_phrase(m.span[0], lows)
        if ent is not None:
            return entity_speaker(ent, m.span)
        return Speaker(_as_written(words), None, m.span, False)
    org = " ".join(strip_possessive(x) for x in org_words)
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
        and is_person_noun(lows[idx - 1])
    ):
        # "a spokesman for Bernie Sanders" is not Sanders: the spokesman the
        # article named ("Michael Briggs, a Sanders spokesman,"), else the phrase
        ent = reg.by_role_words(m.span[0], {lows[idx - 1], owner.name.split()[-1].lower()})
        if ent is not None and ent is not owner:
            return Speaker(ent.name, " ".join(role_words), m.span, False)
        return Speaker(_as_written(words), None, m.span, False)
    return Speaker(org, " ".join(role_words), m.span, True)


def _org_named_for(reg: Registry, m: _Mention) -> Speaker | None:
    """ "Citizens for Tax Justice", "Americans for Prosperity": one organisation name, before
    the cut at "for" would leave "Citizens"."""
    words, lows = m.words, m.lows
    if (
        len(words) >= 3
        and lows[1] in {"for", "of"}
        and lows[0].endswith("s")
        and all(is_cap(w) for w in words[2:])
        and is_cap(words[0])
    ):
        return Speaker(" ".join(words), None, m.span, True)
    return None


def _the_institution(reg: Registry, m: _Mention) -> Speaker | None:
    """ "the American Federation of Teachers": "the" before a name marks an institution (but
    "the Secretary of State" is a role); before the cut at "of"."""
    words, lows = m.words, m.lows
    if (
        len(words) >= 4
        and lows[0] == "the"
        and any(w in {"of", "for"} for w in lows[2:-1])
        and all((is_cap(w) and not w.endswith(".")) or w in {"of", "for", "and"} for w in words[1:])
        and is_cap(words[1])
        and is_cap(words[-1])
        and not is_title_word(words[next(k for k, w in enumerate(lows) if w in {"of", "for"}) - 1])
    ):
        return Speaker(" ".join(strip_possessive(w) for w in words[1:]), None, m.span, True)
    return None


def _role_comma_name(reg: Registry, m: _Mention) -> Speaker | None:
    """ "the director of the Bureau of Land Management, Mark Dorsey": the name after the
    comma, read before the cut at "Bureau of" leaves the bureau."""
    words = m.words
    if not ("," in words and words[0].islower()):
        return None
    cut = len(words) - 1 - words[::-1].index(",")
    tail = words[cut + 1 :]
    if tail and all(is_cap(w) for w in tail):
        ent = reg.entity_for([strip_possessive(w) for w in tail], None)
        if ent is not None and not ent.org:
            role = " ".join(w for w in words[:cut] if w.lower() not in DETERMINERS)
            return Speaker(ent.name, role or ent.title, m.span, True)
    return None


def _cut_at_of(m: _Mention) -> None:
    """ "Anton Varga of Eastmark": the person, cut before "of"/"for" after a capitalised word
    ("Representative Peter T. King of New York" keeps King as the surname)."""
    words, lows = m.words, m.lows
    for idx, w in enumerate(lows):
        if (
            w in {"of", "for"}
            and idx > 0
            and is_cap(words[idx - 1])
            and (not is_title_word(words[idx - 1]) or _surname_at(words, idx - 1))
        ):
            m.words, m.lows = words[:idx], lows[:idx]
            return


def _name_before_comma(reg: Registry, m: _Mention) -> Speaker | None:
    """ "Sam Lau , the communications director for the party": the name before the comma."""
    words = m.words
    if not ("," in words and words.index(",") > 0):
        return None
    before = words[: words.index(",")]
    if all(is_cap(w) and not is_title_word(w) and w.lower() not in NOT_NAMES for w in before):
        ent = reg.entity_for([strip_possessive(w) for w in before], None)
        if ent is not None:
            return Speaker(ent.name, ent.title, m.span, True)
    return None


def _name_after_comma(reg: Registry, m: _Mention) -> Speaker | None:
    """ "Marsh's campaign manager , Owen Pike": the name after the comma, titled with the role
    before it."""
    words = m.words
    if "," not in words:
        return None
    cut = len(words) - 1 - words[::-1].index(",")
    tail = [w for w in words[cut + 1 :] if is_cap(w)]
    if tail:
        ent = reg.entity_for([strip_possessive(w) for w in tail], None)
        if ent is not None:
            role = " ".join(w for w in words[:cut] if w.lower() not in DETERMINERS)
            return Speaker(ent.name, role or ent.title, m.span, True)
    return None


def _name(reg: Registry, m: _Mention) -> Speaker | None:
    """ "Vice President JD Vance", "Mrs. Clinton": title + name, the name as the entity model
    knows it in full; the last name step, as it reads any capitalised word as a name."""
    words = m.words
    title, name = split_title(words)
    name = [strip_possessive(w) for w in name]
    if len(name) == 1 and name[0].endswith(".") and len(name[0]) <= 6:
        name = []  # "Ashton, Md.": a state abbreviation, not a person
    if not name:
        return None
    ent = reg.entity_for(name, title)
    if (
        ent is not None
        and len(name) == 1
        and len(words) >= 2
        and words[-2].lower() in HONORIFIC_GENDER
        and (" " not in ent.name or ent.gender != HONORIFIC_GENDER[words[-2].lower()])
    ):
        # "Mrs. Clinton" in an article about both Clintons: the woman of the two
        ent = reg.by_honorific(name[0], HONORIFIC_GENDER[words[-2].lower()]) or ent
    if ent is None:
        return None
    use_title = (
        title if title and not all(w.lower() in HONORIFICS for w in title.split()) else ent.title
    )
    return Speaker(ent.name, use_title, m.span, True)


_Step = Callable[[Registry, _Mention], Speaker | None]
# each step with the words its test needs one of (None: any mention): ``resolve`` tests them
# first and skips the call for most mentions, which are a plain name (a call costs more)
_OF_FOR = frozenset({"of", "for"})
_COMMA = frozenset({","})
# and with the fewest words it reads ("organizing director Kendall Fells": four)
_HEAD_STEPS: tuple[tuple[frozenset[str] | None, int, _Step], ...] = (
    (frozenset({"to"}), 1, _adviser_to),
    (None, 4, _role_then_name),
    (frozenset({"from"}), 1, _role_from_place),
    (_OF_FOR, 1, _role_for_org),
    (_OF_FOR, 1, _org_named_for),
    (_OF_FOR, 1, _the_institution),
    (_COMMA, 1, _role_comma_name),
)
_NAME_STEPS: tuple[tuple[frozenset[str] | None, _Step], ...] = (
    (_COMMA, _name_before_comma),
    (_COMMA, _name_after_comma),
    (None, _name),
)


def resolve(reg: Registry, toks: list[Tok], rng: tuple[int, int], *, who_left: int = 0) -> Speaker:
    """Turn the mention ``toks[rng]`` into a speaker name and title, by the steps in the
    module docstring's order; ``who_left`` bounds how far a relative pronoun looks back."""
    i, j = rng
    span = (toks[i].start, toks[j - 1].end)
    words = [tk.text for tk in toks[i:j]]
    low0 = toks[i].low
    # the apostrophe test first: few mentions are fused ("she’s"), and a call costs more
    bare = bare_pronoun(low0) if j - i == 1 and ("’" in low0 or "'" in low0) else None
    if bare is not None:
        # "She’s touted": the mention is the pronoun, without its "has"/"is"
        low0 = bare
        span = (span[0], span[0] + len(bare))
    if j - i == 1 and (low0 == "which" or low0 in PERSON_PRONOUNS):
        return _pronoun(reg, toks, rng, span, low0, who_left)
    if "(" in words:  # the test at the call: few mentions hold a party tag
        words = _without_party_tag(words)
    if not words:
        return Speaker(None, None, span, False)
    # the tokens' stored lowercase, unless a party tag was cut out
    lows = [tk.low for tk in toks[i:j]] if len(words) == j - i else [w.lower() for w in words]
    m = _Mention(span, words, lows)
    n = len(words)
    for needs, least, head_step in _HEAD_STEPS:
        if n >= least and (needs is None or not needs.isdisjoint(m.lows)):
            found = head_step(reg, m)
            if found is not None:
                return found
    if not _OF_FOR.isdisjoint(m.lows):
        _cut_at_of(m)
    for needs, name_step in _NAME_STEPS:
        if needs is None or not needs.isdisjoint(m.lows):
            found = name_step(reg, m)
            if found is not None:
                return found
    return describe(reg, m.span, m.words, m.lows)

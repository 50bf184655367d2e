"""Mention resolution: a source phrase's tokens to a speaker name and title.

Contract: ``resolve(reg, toks, rng)`` turns the mention ``toks[rng]`` (a name, a pronoun, a
description, "a spokesman for X", "X's campaign") into a ``Speaker``: a full name from the
entity model where the article gives one, an honest description otherwise, with the title
kept apart from the name. Never raises; bounded by the phrase length.
"""

from __future__ import annotations

from bot.core.extract.entity_model import HONORIFIC_GENDER
from bot.core.extract.issuers import (
    DOC_NOUNS,
    introduced_description,
    introduced_org,
    issuer_of,
    org_antecedent,
    org_by_apposition,
    org_by_noun,
)
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
    OCCUPATIONS,
    PERSON_NOUNS,
    PLACES,
    ROLE_ENDINGS,
    _is_first_name,
    good_title,
    is_cap,
    is_title_word,
    split_title,
    strip_possessive,
)
from bot.core.extract.nouns import (
    FEMALE_NOUNS,
    MALE_NOUNS,
    SOURCE_NOUNS,
    is_person_noun,
    looks_like_person,
    phrase_head,
)
from bot.core.extract.phrases import (
    POSSESSIVES,
    QUANTIFIER_PRONOUNS,
    Speaker,
    bare_pronoun,
    np_left,
    np_right,
)
from bot.core.extract.roles import (
    ORDINALS,
    ORG_KINDS,
    UNNAMED_NOUNS,
    Registry,
    role_modifier,
    role_person,
)
from bot.core.extract.tokens import Tok

# words that open a phrase but not the organisation in it: "Some Arizona officials"
_RUN_LEADS = DETERMINERS | NOT_NAMES | {"former", "ex", "then", "current"}


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
    owner = [strip_possessive(x) for x in words[: k + 1]]
    if not rest or not all(x[:1].isupper() for x in owner):
        return None
    _, name = split_title(owner)
    if not name:
        return None
    full = " ".join(name)
    if full not in reg.entities and name[-1] not in reg.by_last_all:
        return None
    ent = reg.entity_for(name, None)
    if ent is None:
        return None
    return f"{ent.name}'s " + " ".join(rest)


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


def _described_org(reg: Registry, pos: int, lows: list[str], upto: int | None = None) -> str | None:
    """ "the commission", "the union", "the report": the organisation or issuer the article
    named for the description (``issuers``); None keeps the description."""
    head = phrase_head(lows)
    if head in DOC_NOUNS:
        return issuer_of(reg, pos, head, upto)
    if head in ORG_NOUNS and head not in {"white", "house", "campaign", "government", "team"}:
        return (
            org_by_noun(reg, pos, head)
            or org_by_apposition(reg, pos, head)
            or introduced_org(reg, pos, head)
            or org_antecedent(reg, pos, head)
        )
    return None


def _surname_at(words: list[str], k: int) -> bool:
    """ "Representative Peter T. King of New York": a title word ("King") read as the surname
    after a given name or an initial, so the cut at "of" keeps the person."""
    if k < 1:
        return False
    prev = words[k - 1]
    return _is_first_name(prev) or (len(prev) == 2 and prev[0].isupper() and prev[1] == ".")


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
    if j - i == 1 and low0 == "which":
        # "the Harbor Police Department, which said": the phrase before the comma speaks
        k = i - 1 if toks[i - 1].text == "," else i
        prev = np_left(toks, k, who_left) if k > who_left else None
        if prev is not None and prev[1] <= k:
            inner = resolve(reg, toks, prev)
            return Speaker(inner.name, inner.title, span, False)
        return Speaker(None, None, span, False)
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
            if subj is not None and subj[0] == who_left and is_cap(toks[who_left].text):
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
                    who = _described_org(reg, span[0], thing.lower().split())
                    return Speaker(who or thing, None, span, False)
                if ent is None:
                    # the quote finder takes an unresolved "it"/"they" for no speaker at all and
                    # drops quotes it had right: keep the loose organisation there
                    ent = reg.antecedent(span[0], low0, strict=False)
            if low0 in {"he", "she"}:
                desc = reg.described_person(span[0], low0, ent)
                if desc is not None:
                    return Speaker(desc, None, span, False)
                role = reg.described_role(span[0], low0, ent)
                if isinstance(role, str):
                    return Speaker(role, None, span, False)
                if role is not None:
                    return Speaker(role.name, role.title, span, False)
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
    if any(
        w == "to" and 0 < k < len(words) - 1 and is_person_noun(words[k - 1].lower())
        for k, w in enumerate(words)
    ):
        # "a longtime adviser to Brill" is not Brill: the description, as written
        text = " ".join(words)
        return Speaker(text[0].lower() + text[1:], None, span, False)
    # "Fight for $15 organizing director Kendall Fells": a lowercase role, then the name
    name_at = len(words)
    while (
        name_at > 0 and is_cap(words[name_at - 1]) and words[name_at - 1].lower() not in NOT_NAMES
    ):
        name_at -= 1
    if (
        2 <= len(words) - name_at <= 4
        and name_at >= 2
        and words[name_at - 1].islower()
        and (words[name_at - 1] in PERSON_ROLES or words[name_at - 1] in TITLE_WORDS)
        and any(w.lower() in {"for", "of"} or w[:1] in "$#" for w in words[: name_at - 1])
    ):
        ent = reg.entity_for([strip_possessive(w) for w in words[name_at:]], None)
        if ent is not None and not ent.org:
            role = " ".join(w for w in words[:name_at] if w.lower() not in DETERMINERS)
            return Speaker(ent.name, role, span, True)
    # "a spokesman for Disney" / "a spokeswoman for the campaign"
    lows = [w.lower() for w in words]
    if "from" in lows[1:-1]:
        f = lows.index("from")
        place = [strip_possessive(w) for w in words[f + 1 :]]
        if (
            (lows[f - 1] in PERSON_ROLES or is_person_noun(lows[f - 1]))
            and all(w.islower() or w.lower() in DETERMINERS or role_modifier(w) for w in words[:f])
            and all(is_cap(w) and role_modifier(w) for w in place)
        ):
            # "the senator from Vermont": the person given that role and place, never the
            # place; else the description as written
            role_lows = lows[:f] + [w.lower() for w in place]
            gender = (
                "f" if lows[f - 1] in FEMALE_NOUNS else "m" if lows[f - 1] in MALE_NOUNS else None
            )
            ent = role_person(reg, span[0], role_lows, lows[f - 1], gender)
            if ent is not None:
                return Speaker(ent.name, ent.title, span, False)
            text = " ".join(words)
            return Speaker(text[0].lower() + text[1:], None, span, False)
    for idx, w in enumerate(lows):
        if "," in words:
            break  # "the foreign minister of France , Jean-Marc Ayrault": the name decides
        if w in {"for", "of"} and idx > 0 and lows[idx - 1] in PERSON_ROLES:
            org_words = [x for x in words[idx + 1 :] if x.lower() not in DETERMINERS]
            role_words = [x for x in words[:idx] if x.lower() not in DETERMINERS]
            if is_cap(words[idx - 1]):
                rest_title, rest_name = split_title(org_words)
                if rest_title is not None and len(rest_name) >= 2:
                    break  # "Secretary of State John Kerry": a title, then the person
            if org_words and not is_cap(org_words[0]) and org_words[0].lower() not in ORG_NOUNS:
                break  # "the former secretary of state", "the mother of three": a role
            if lows[idx - 1] == "secretary" and [x.lower() for x in org_words] in _DEPARTMENTS:
                # "the former secretary of State": the role, read as "secretary of state"
                words = words[: idx + 1] + [x.lower() for x in words[idx + 1 :]]
                break
            if org_words and not any(is_cap(x) for x in role_words[:-1] if x):
                if w == "of" and (
                    lows[idx - 1] in _PLACE_ROLES
                    or all(x.lower() in PLACES for x in org_words if x.isalpha())
                ):
                    # "said the mayor of Lyon": a place is not the speaker; the person the
                    # article gave that role, else the description as written
                    ent = reg.by_role_phrase(span[0], lows)
                    if ent is not None:
                        return Speaker(ent.name, ent.title, span, False)
                    text = " ".join(words)
                    return Speaker(text[0].lower() + text[1:], None, span, False)
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
        and all(is_cap(w) for w in words[2:])
        and is_cap(words[0])
    ):
        # "Citizens for Tax Justice", "Americans for Prosperity": one organisation name
        return Speaker(" ".join(words), None, span, True)
    if (
        len(words) >= 4
        and lows[0] == "the"
        and any(w in {"of", "for"} for w in lows[2:-1])
        and all((is_cap(w) and not w.endswith(".")) or w in {"of", "for", "and"} for w in words[1:])
        and is_cap(words[1])
        and is_cap(words[-1])
        and not is_title_word(words[next(k for k, w in enumerate(lows) if w in {"of", "for"}) - 1])
    ):  # not "the Secretary of State": a role
        # "the American Federation of Teachers": "the" before a name marks an institution
        return Speaker(" ".join(strip_possessive(w) for w in words[1:]), None, span, True)
    if "," in words and words[0].islower():
        # "the director of the Bureau of Land Management, Mark Dorsey": the name after the
        # comma, read before the cut at "Bureau of" leaves the bureau
        cut = len(words) - 1 - words[::-1].index(",")
        tail = words[cut + 1 :]
        if tail and all(is_cap(w) for w in tail):
            ent = reg.entity_for([strip_possessive(w) for w in tail], None)
            if ent is not None and not ent.org:
                role = " ".join(w for w in words[:cut] if w.lower() not in DETERMINERS)
                return Speaker(ent.name, role or ent.title, span, True)
    for idx, w in enumerate(lows):
        if (
            w in {"of", "for"}
            and idx > 0
            and is_cap(words[idx - 1])
            and (not is_title_word(words[idx - 1]) or _surname_at(words, idx - 1))
        ):
            # "Anton Varga of Eastmark" (but "Citizens for Tax Justice" is one name)
            words, lows = words[:idx], lows[:idx]
            break
    if "," in words and words.index(",") > 0:
        before = words[: words.index(",")]
        if all(is_cap(w) and not is_title_word(w) and w.lower() not in NOT_NAMES for w in before):
            # "Sam Lau , the communications director for the party": the name before the comma
            ent = reg.entity_for([strip_possessive(w) for w in before], None)
            if ent is not None:
                return Speaker(ent.name, ent.title, span, True)
    if "," in words:
        # "Marsh's campaign manager , Owen Pike": the name after the comma
        cut = len(words) - 1 - words[::-1].index(",")
        tail = [w for w in words[cut + 1 :] if is_cap(w)]
        if tail:
            title, _ = split_title([w for w in words[:cut] if w != ","])
            ent = reg.entity_for([strip_possessive(w) for w in tail], None)
            if ent is not None:
                role = " ".join(w for w in words[:cut] if w.lower() not in DETERMINERS)
                return Speaker(ent.name, role or ent.title, span, True)
    title, name = split_title(words)
    name = [strip_possessive(w) for w in name]
    if len(name) == 1 and name[0].endswith(".") and len(name[0]) <= 6:
        name = []  # "Ashton, Md.": a state abbreviation, not a person
    if name:
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
        if ent is not None:
            use_title = (
                title
                if title and not all(w.lower() in HONORIFICS for w in title.split())
                else ent.title
            )
            return Speaker(ent.name, use_title, span, True)
    # role only: "the senator", "the former secretary of state", "Disney spokesman"
    if not lows:
        return Speaker(None, None, span, False)
    head = lows[-1]
    as_written = " ".join(words)
    as_written = as_written[0].lower() + as_written[1:]
    bare_head = phrase_head(lows)
    if (
        lows[0] not in DETERMINERS
        and lows[0] not in POSSESSIVES
        and lows[0] not in QUANTIFIER_PRONOUNS
        and len(lows) <= 6
        and all(w.islower() or role_modifier(w) for w in words)
        and all(w.isalpha() or "-" in w for w in lows)
        and (bare_head in PERSON_ROLES or bare_head in OCCUPATIONS)
        and not bare_head.endswith("s")
    ):
        # "former secretary of state said", "conservative activist": a role without "the",
        # resolved as "the former secretary of state" would be, else kept as written
        gender = "f" if bare_head in FEMALE_NOUNS else "m" if bare_head in MALE_NOUNS else None
        ent = role_person(reg, span[0], lows, bare_head, gender)
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
        return Speaker(
            " ".join(words) if is_cap(words[0]) and role_modifier(words[0]) else as_written,
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
        if "and" in lows[2:-1] and len(lows) <= 12 and is_person_noun(head):
            # "the former secretary of state and current Democratic presidential nominee"
            ent = reg.by_role_phrase(span[0], lows)
            if ent is None and all(w.islower() or role_modifier(w) for w in words[1:]):
                # "The former first lady and U.S. senator said": the subject just before when
                # no one was given these roles, else the description, never "U.S."
                ent = role_person(reg, span[0], lows, head, None)
                if ent is None:
                    return Speaker(as_written, None, span, False)
            if ent is not None:
                return Speaker(ent.name, ent.title, span, False)
    caps = [
        w
        for w in words
        if is_cap(w) and w.lower() not in TITLE_WORDS and w.lower() not in NOT_NAMES
    ]
    if caps and head in PERSON_ROLES and lows[0] == "the" and len(lows) <= 5:
        # "the Republican nominee": the person the article gave that role ("X, the ... nominee")
        if all(role_modifier(w) for w in caps):
            # "the Florida senator": a role, never the state; the subject just before when
            # the article gave no one that role, else the phrase
            ent = role_person(reg, span[0], lows, head, None)
            if ent is not None:
                return Speaker(ent.name, ent.title, span, False)
            return Speaker(as_written, None, span, False)
        ent = reg.by_role_phrase(span[0], lows)
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
    if caps and head in PERSON_ROLES and strip_possessive(caps[-1]) != caps[-1]:
        owner = reg.entities.get(strip_possessive(caps[-1])) or reg.by_last.get(
            strip_possessive(caps[-1])
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
            if is_cap(w) and (run or w.lower() not in _RUN_LEADS):
                run.append(w)
            elif run:
                break
        if len(run) > len(caps) and all(w in run for w in caps):
            caps = run
        org = " ".join(strip_possessive(w) for w in caps)
        owner = reg.by_last.get(org)
        if owner is not None and not owner.org and len(caps) == 1 and lows[0] in DETERMINERS:
            # "A Warren adviser" is not Senator Warren: an unnamed person of hers
            text = " ".join(words)
            return Speaker(text[0].lower() + text[1:], None, span, False)
        role = " ".join(w for w in words if w not in caps and w.lower() not in DETERMINERS)
        return Speaker(org, role or None, span, True)
    if lows[0] == "the" and head in ORG_KINDS and len(lows) <= 4 and not caps:
        # "the startup said": the one startup the article introduced, else as written
        who = reg.by_kind(span[0], head) or _described_org(reg, span[0], lows)
        return Speaker(who or as_written, None, span, False)
    person = head in PERSON_ROLES or head in PERSON_NOUNS or head.endswith("-old")
    if lows and lows[0] == "the" and head.endswith("-year-old") and head[:-9].isdigit():
        # "the 46-year-old": the person the article gave that age ("Ivana Lee, 46,")
        ent = reg.by_age(span[0], head[:-9])
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
    if lows and lows[0] == "the" and person and not head.endswith("s"):
        # "the Democratic nominee", "the actress": the last person the article gave that role
        gender = "f" if head in FEMALE_NOUNS else "m" if head in MALE_NOUNS else None
        ent = role_person(reg, span[0], lows, head, gender)
        if ent is None and (head in UNNAMED_NOUNS or lows[1] in ORDINALS):
            # "the boy", "the narrator", "the second official": someone the article did not
            # name, not the last person it did -- as the article introduced them, if it did
            # ("a narrator in the Clinton ad asks ... the ad's narrator says")
            intro = introduced_description(reg, span[0], head) if lows[1] not in ORDINALS else None
            return Speaker(intro or as_written, None, span, False)
        if ent is None:
            ent = reg.antecedent(span[0], "she" if head in FEMALE_NOUNS else "who")
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
    if (
        lows[0] == "the"
        and len(lows) <= 5
        and all(w.isalpha() or "-" in w for w in lows)
        and (
            head in OCCUPATIONS
            or head in FEMALE_NOUNS
            or head in MALE_NOUNS
            or head.endswith(ROLE_ENDINGS)
        )
        and not head.endswith("s")
    ):
        # "Ben Carson said Monday. “...,” the retired neurosurgeon told": the role describes
        # the named subject just before
        ent = reg.by_role(span[0], head) or reg.prev_subject(
            span[0], None, "f" if head in FEMALE_NOUNS else "m" if head in MALE_NOUNS else None
        )
        if ent is not None:
            return Speaker(ent.name, ent.title, span, False)
    if lows[0] in {"a", "an"} and len(lows) <= 6 and not caps:
        doc = next((w for w in lows if w in DOC_NOUNS), None)
        if doc is not None:
            # "a complaint filed by the Securities and Exchange Commission": its issuer
            who = issuer_of(reg, span[0], doc, span[1] + 1)
            if who is not None:
                return Speaker(who, None, span, False)
    singular = head[:-1] if head.endswith("s") else head
    described = False
    if lows[0] in DETERMINERS or lows[0] in QUANTIFIER_PRONOUNS or lows[0] == "others":
        # "one user", "the heckler", "a person close", "a transcript of the show",
        # "Another": an unnamed speaker or source, as written
        core = phrase_head(lows)
        one = core[:-1] if core.endswith("s") and not core.endswith("ss") else core
        described = (
            (len(lows) == 1 and (lows[0] in QUANTIFIER_PRONOUNS or lows[0] == "others"))
            or (len(lows) > 1 and (looks_like_person(one) or one in SOURCE_NOUNS))
            or one in PERSON_ROLES
            or one in PERSON_NOUNS
        )
        if (
            described
            and lows[0] == "the"
            and len(lows) > 1
            and (looks_like_person(core) or core in PERSON_ROLES or core in PERSON_NOUNS)
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
        or singular in PERSON_NOUNS
        or singular in SOURCE_NOUNS
        or singular in ORG_NOUNS
    ):
        # "her watch", "a wave of boos": not someone who can speak
        return Speaker(None, None, span, False)
    if lows[0] == "the" and len(lows) <= 4 and not caps:
        who = _described_org(reg, span[0], lows)
        if who is not None:
            return Speaker(who, None, span, False)
    text = _owned_group(reg, words) or " ".join(w for w in words)
    if lows[0] in {"his", "her"} and len(words) > 1:
        # "His surrogates": the owner's surrogates, as a phrase that reads alone
        owner = reg.antecedent(span[0], "he" if lows[0] == "his" else "she")
        if owner is not None:
            text = f"{owner.name}'s " + " ".join(words[1:])
    return Speaker(text, None, span, False)

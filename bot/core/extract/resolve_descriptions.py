"""Mention resolution, last stage: a mention with no name in it, read as a description.

Contract: ``describe(reg, span, words, lows)`` turns a mention that ``resolve`` found no name
in ("the senator", "the former secretary of state", "Disney spokesman", "the commission",
"a complaint filed by ...", "His surrogates") into a ``Speaker``: the person or organisation
the article linked to that description through its entity model, else the description as
written, else no speaker for a phrase that cannot speak ("her watch"). Never raises; bounded
by the phrase length.

The steps run in this order, the first that answers wins (``_STEPS``):

1. a role without a determiner ("former secretary of state", "conservative activist");
2. "the" + an age ("the 34-year-old mother of three");
3. "the" + roles joined by "and" ("the former first lady and U.S. senator");
4. "the" + a capitalised role ("the Republican nominee", "the Florida senator");
5. an owner's role ("Obama's former campaign strategist"), before 6 reads the owner as an
   organisation;
6. an organisation's role ("Disney spokesman", "a State Department spokesman"): the
   organisation speaks;
7. "the" + a kind of organisation ("the startup");
8. "the" + a bare age ("the 46-year-old");
9. "the" + a person noun or role ("the Democratic nominee", "the actress", "the boy");
10. "the" + an occupation that describes the subject just before ("the retired
    neurosurgeon");
11. "a" + a document ("a complaint filed by the SEC"): its issuer;
12. "the" + an unnamed speaker the article described ("the organizer");
13. a phrase that cannot speak ("her watch", "a wave of boos"): no speaker;
14. "the" + an organisation noun ("the commission"): the organisation the article named;
15. otherwise the description as written, an owner's group by the owner's full name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from bot.core.extract.entity_model import Entity
from bot.core.extract.issuers import (
    DOC_NOUNS,
    introduced_description,
    introduced_org,
    issuer_of,
    org_antecedent,
    org_by_apposition,
    org_by_noun,
)
from bot.core.extract.lexicon import NOT_NAMES, ORG_NOUNS, PERSON_ROLES, TITLE_WORDS
from bot.core.extract.names import (
    DETERMINERS,
    OCCUPATIONS,
    PERSON_NOUNS,
    ROLE_ENDINGS,
    is_cap,
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
from bot.core.extract.phrases import POSSESSIVES, QUANTIFIER_PRONOUNS, Speaker
from bot.core.extract.roles import (
    ORDINALS,
    ORG_KINDS,
    UNNAMED_NOUNS,
    Registry,
    role_modifier,
    role_person,
)

# words that open a phrase but not the organisation in it: "Some Arizona officials"
_RUN_LEADS = DETERMINERS | NOT_NAMES | {"former", "ex", "then", "current"}


def entity_speaker(ent: Entity, span: tuple[int, int]) -> Speaker:
    """The entity the article linked a pronoun or description to, as the speaker."""
    return Speaker(ent.name, ent.title, span, False)


def described_org(reg: Registry, pos: int, lows: list[str], upto: int | None = None) -> str | None:
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


@dataclass(frozen=True)
class Description:
    """A mention with no name in it; the readings the steps share are computed on first use."""

    span: tuple[int, int]
    words: list[str]
    lows: list[str]

    @cached_property
    def head(self) -> str:
        """The last word: "the former secretary of state" → "state"."""
        return self.lows[-1]

    @cached_property
    def core(self) -> str:
        """The head noun before any "of"/"for": "the former secretary of state" → "secretary"."""
        return phrase_head(self.lows)

    @cached_property
    def as_written(self) -> str:
        """The phrase as the article wrote it, first letter lowered to read mid-sentence."""
        text = " ".join(self.words)
        return text[0].lower() + text[1:]

    @cached_property
    def caps(self) -> list[str]:
        """Its capitalised words that are neither titles nor non-names ("Disney", "Republican")."""
        return [
            w
            for w in self.words
            if is_cap(w) and w.lower() not in TITLE_WORDS and w.lower() not in NOT_NAMES
        ]

    @cached_property
    def person(self) -> bool:
        """The head names a person: a role, a person noun or an age ("46-year-old")."""
        head = self.head
        return head in PERSON_ROLES or head in PERSON_NOUNS or head.endswith("-old")

    @cached_property
    def described(self) -> bool:
        """ "one user", "the heckler", "a person close", "a transcript of the show",
        "Another": an unnamed speaker or source after a determiner or quantifier."""
        lows = self.lows
        if not (lows[0] in DETERMINERS or lows[0] in QUANTIFIER_PRONOUNS or lows[0] == "others"):
            return False
        core = self.core
        one = core[:-1] if core.endswith("s") and not core.endswith("ss") else core
        return (
            (len(lows) == 1 and (lows[0] in QUANTIFIER_PRONOUNS or lows[0] == "others"))
            or (len(lows) > 1 and (looks_like_person(one) or one in SOURCE_NOUNS))
            or one in PERSON_ROLES
            or one in PERSON_NOUNS
        )


def _gender_of(noun: str) -> str | None:
    """ "actress" → "f", "congressman" → "m", else None."""
    return "f" if noun in FEMALE_NOUNS else "m" if noun in MALE_NOUNS else None


def _bare_role(reg: Registry, d: Description) -> Speaker | None:
    """ "former secretary of state said", "conservative activist": a role without "the",
    resolved as "the former secretary of state" would be, else kept as written. First: a
    phrase with no determiner is never one of the "the ..." readings below."""
    lows, words, core = d.lows, d.words, d.core
    if not (
        lows[0] not in DETERMINERS
        and lows[0] not in POSSESSIVES
        and lows[0] not in QUANTIFIER_PRONOUNS
        and len(lows) <= 6
        and all(w.islower() or role_modifier(w) for w in words)
        and all(w.isalpha() or "-" in w for w in lows)
        and (core in PERSON_ROLES or core in OCCUPATIONS)
        and not core.endswith("s")
    ):
        return None
    ent = role_person(reg, d.span[0], lows, core, _gender_of(core))
    if ent is not None:
        return entity_speaker(ent, d.span)
    return Speaker(
        " ".join(words) if is_cap(words[0]) and role_modifier(words[0]) else d.as_written,
        None,
        d.span,
        False,
    )


def _the_aged(reg: Registry, d: Description) -> Speaker | None:
    """ "the 34-year-old mother of three": the person the article gave that age ("Ann Lee,
    34,"); never a guess when it gave none. Before the role readings, which would guess."""
    if d.lows[0] != "the":
        return None
    age = next((w[:-9] for w in d.lows if w.endswith("-year-old") and w[:-9].isdigit()), None)
    if age is None:
        return None
    ent = reg.by_age(d.span[0], age)
    if ent is not None:
        return entity_speaker(ent, d.span)
    return Speaker(d.as_written, None, d.span, False)


def _joined_roles(reg: Registry, d: Description) -> Speaker | None:
    """ "the former secretary of state and current Democratic presidential nominee": the
    person given all these roles; before the single-role readings, which read only the last."""
    lows = d.lows
    if not (
        lows[0] == "the" and "and" in lows[2:-1] and len(lows) <= 12 and is_person_noun(d.head)
    ):
        return None
    ent = reg.by_role_phrase(d.span[0], lows)
    if ent is None and all(w.islower() or role_modifier(w) for w in d.words[1:]):
        # "The former first lady and U.S. senator said": the subject just before when
        # no one was given these roles, else the description, never "U.S."
        ent = role_person(reg, d.span[0], lows, d.head, None)
        if ent is None:
            return Speaker(d.as_written, None, d.span, False)
    if ent is not None:
        return entity_speaker(ent, d.span)
    return None


def _the_capitalised_role(reg: Registry, d: Description) -> Speaker | None:
    """ "the Republican nominee": the person the article gave that role ("X, the ... nominee");
    before the organisation readings, which would take "Republican" for the speaker."""
    lows, caps = d.lows, d.caps
    if not (caps and d.head in PERSON_ROLES and lows[0] == "the" and len(lows) <= 5):
        return None
    if all(role_modifier(w) for w in caps):
        # "the Florida senator": a role, never the state; the subject just before when
        # the article gave no one that role, else the phrase
        ent = role_person(reg, d.span[0], lows, d.head, None)
        if ent is not None:
            return entity_speaker(ent, d.span)
        return Speaker(d.as_written, None, d.span, False)
    ent = reg.by_role_phrase(d.span[0], lows)
    if ent is not None:
        return entity_speaker(ent, d.span)
    return None


def _owners_role(reg: Registry, d: Description) -> Speaker | None:
    """ "Obama's former campaign strategist" is not Obama: the person given that role, else
    the named subject just before. Before ``_org_role``, which would read the owner as an
    organisation."""
    caps = d.caps
    if not (caps and d.head in PERSON_ROLES and strip_possessive(caps[-1]) != caps[-1]):
        return None
    owner = reg.entities.get(strip_possessive(caps[-1])) or reg.by_last.get(
        strip_possessive(caps[-1])
    )
    if owner is None or owner.org:
        return None
    # "David Axelrod called on ... “...,” Obama's former campaign strategist said"
    ent = reg.by_role(d.span[0], d.head) or reg.prev_subject(d.span[0], owner)
    return Speaker(ent.name if ent else None, ent.title if ent else None, d.span, False)


def _org_role(reg: Registry, d: Description) -> Speaker | None:
    """ "Disney spokesman": the organisation speaks; "a State Department spokesman", "a White
    House official": the whole capitalised run, title words included. Every capitalised
    role not read as a person above ends here."""
    words, lows, caps = d.words, d.lows, d.caps
    if not (caps and d.head in PERSON_ROLES):
        return None
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
        return Speaker(d.as_written, None, d.span, False)
    role = " ".join(w for w in words if w not in caps and w.lower() not in DETERMINERS)
    return Speaker(org, role or None, d.span, True)


def _the_org_kind(reg: Registry, d: Description) -> Speaker | None:
    """ "the startup said": the one startup the article introduced, else as written; before
    the person readings, since a kind of organisation is no person."""
    lows = d.lows
    if not (lows[0] == "the" and d.head in ORG_KINDS and len(lows) <= 4 and not d.caps):
        return None
    who = reg.by_kind(d.span[0], d.head) or described_org(reg, d.span[0], lows)
    return Speaker(who or d.as_written, None, d.span, False)


def _the_aged_head(reg: Registry, d: Description) -> Speaker | None:
    """ "the 46-year-old": the person the article gave that age ("Ivana Lee, 46,"); falls
    through to the person readings when it gave none."""
    lows, head = d.lows, d.head
    if not (lows and lows[0] == "the" and head.endswith("-year-old") and head[:-9].isdigit()):
        return None
    ent = reg.by_age(d.span[0], head[:-9])
    if ent is not None:
        return entity_speaker(ent, d.span)
    return None


def _the_person_role(reg: Registry, d: Description) -> Speaker | None:
    """ "the Democratic nominee", "the actress": the last person the article gave that role;
    "the boy", "the second official": someone it did not name, as it introduced them."""
    lows, head = d.lows, d.head
    if not (lows and lows[0] == "the" and d.person and not head.endswith("s")):
        return None
    ent = role_person(reg, d.span[0], lows, head, _gender_of(head))
    if ent is None and (head in UNNAMED_NOUNS or lows[1] in ORDINALS):
        # "the boy", "the narrator", "the second official": someone the article did not
        # name, not the last person it did -- as the article introduced them, if it did
        # ("a narrator in the Clinton ad asks ... the ad's narrator says")
        intro = introduced_description(reg, d.span[0], head) if lows[1] not in ORDINALS else None
        return Speaker(intro or d.as_written, None, d.span, False)
    if ent is None:
        ent = reg.antecedent(d.span[0], "she" if head in FEMALE_NOUNS else "who")
    if ent is not None:
        return entity_speaker(ent, d.span)
    return None


def _the_occupation(reg: Registry, d: Description) -> Speaker | None:
    """ "Ben Carson said Monday. “...,” the retired neurosurgeon told": the role describes
    the named subject just before; after the role readings, which look for the role itself."""
    lows, head = d.lows, d.head
    if not (
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
        return None
    ent = reg.by_role(d.span[0], head) or reg.prev_subject(d.span[0], None, _gender_of(head))
    if ent is not None:
        return entity_speaker(ent, d.span)
    return None


def _document_issuer(reg: Registry, d: Description) -> Speaker | None:
    """ "a complaint filed by the Securities and Exchange Commission": the document's issuer;
    a document is no person, so this comes after every person reading."""
    lows = d.lows
    if not (lows[0] in {"a", "an"} and len(lows) <= 6 and not d.caps):
        return None
    doc = next((w for w in lows if w in DOC_NOUNS), None)
    if doc is None:
        return None
    who = issuer_of(reg, d.span[0], doc, d.span[1] + 1)
    if who is not None:
        return Speaker(who, None, d.span, False)
    return None


def _the_described_person(reg: Registry, d: Description) -> Speaker | None:
    """ "Ann Fox, the organizer, ... the organizer": the person the article gave that role;
    the last linked reading before the phrase is kept as written."""
    lows, core = d.lows, d.core
    if not (
        d.described
        and lows[0] == "the"
        and len(lows) > 1
        and (looks_like_person(core) or core in PERSON_ROLES or core in PERSON_NOUNS)
    ):
        return None
    ent = reg.by_role(d.span[0], core)
    if ent is not None:
        return entity_speaker(ent, d.span)
    return None


def _cannot_speak(reg: Registry, d: Description) -> Speaker | None:
    """ "her watch", "a wave of boos": not someone who can speak, so no speaker; before the
    readings that keep a phrase as written."""
    head = d.head
    singular = head[:-1] if head.endswith("s") else head
    if not (
        d.caps
        or d.person
        or d.described
        or head in ORG_NOUNS
        or singular in PERSON_ROLES
        or singular in PERSON_NOUNS
        or singular in SOURCE_NOUNS
        or singular in ORG_NOUNS
    ):
        return Speaker(None, None, d.span, False)
    return None


def _the_org_noun(reg: Registry, d: Description) -> Speaker | None:
    """ "the commission", "the report": the organisation or issuer the article named for it."""
    lows = d.lows
    if not (lows[0] == "the" and len(lows) <= 4 and not d.caps):
        return None
    who = described_org(reg, d.span[0], lows)
    if who is not None:
        return Speaker(who, None, d.span, False)
    return None


def _as_written(reg: Registry, d: Description) -> Speaker:
    """The description as written, the last step: an owner's group by the owner's full name
    ("Clinton’s campaign"), "His surrogates" by whose they are."""
    words, lows = d.words, d.lows
    text = _owned_group(reg, words) or " ".join(w for w in words)
    if lows[0] in {"his", "her"} and len(words) > 1:
        # "His surrogates": the owner's surrogates, as a phrase that reads alone
        owner = reg.antecedent(d.span[0], "he" if lows[0] == "his" else "she")
        if owner is not None:
            text = f"{owner.name}'s " + " ".join(words[1:])
    return Speaker(text, None, d.span, False)


_Step = Callable[[Registry, Description], Speaker | None]
# each step with the first words its test needs (None: any): ``describe`` tests the first
# word and skips the call for the readings that cannot apply (a call costs more than the test)
_THE = frozenset({"the"})
_STEPS: tuple[tuple[frozenset[str] | None, _Step], ...] = (
    (None, _bare_role),
    (_THE, _the_aged),
    (_THE, _joined_roles),
    (_THE, _the_capitalised_role),
    (None, _owners_role),
    (None, _org_role),
    (_THE, _the_org_kind),
    (_THE, _the_aged_head),
    (_THE, _the_person_role),
    (_THE, _the_occupation),
    (frozenset({"a", "an"}), _document_issuer),
    (_THE, _the_described_person),
    (None, _cannot_speak),
    (_THE, _the_org_noun),
)


def describe(reg: Registry, span: tuple[int, int], words: list[str], lows: list[str]) -> Speaker:
    """The mention ``words`` (lowered: ``lows``) at ``span`` read as a description."""
    if not lows:
        return Speaker(None, None, span, False)
    d = Description(span, words, lows)
    first = lows[0]
    for needs, step in _STEPS:
        if needs is None or first in needs:
            found = step(reg, d)
            if found is not None:
                return found
    return _as_written(reg, d)

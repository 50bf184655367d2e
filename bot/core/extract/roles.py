"""Entity-model lookups by role and age, completing ``Registry``.

Contract: ``Registry`` is the full entity model (construction from ``entity_model``, pronoun
lookups from ``antecedents``, role lookups here). ``by_role``/``by_role_phrase``/``by_age``
return the person the article gave a role or age before ``pos`` ("the senator", "the
former secretary of state", "the 46-year-old"), never across a contradicting party or
office; ``role_person`` applies that to a description in a source phrase.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from bot.core.extract.antecedents import Antecedents
from bot.core.extract.entity_model import ROLE_SYNONYMS, Entity, _role_words
from bot.core.extract.lexicon import (
    PERSON_ROLES,
)
from bot.core.extract.names import (
    DETERMINERS,
    GEO_FIRST,
    OCCUPATIONS,
    PLACES,
    STATE_ABBREVIATIONS,
    strip_possessive,
)
from bot.core.extract.nouns import is_person_noun, phrase_head

# people a story describes but seldom names: "the boy", "the narrator", "the aide"
UNNAMED_NOUNS = frozenset(
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
ORDINALS = frozenset({"second", "third", "fourth", "other", "latter"})
# words of a role phrase that no apposition needs to repeat: "the former senator"
_ROLE_FILLERS = frozenset(
    {"former", "current", "then", "now", "longtime", "presumptive", "de", "facto", "likely"}
)
# party words that rule one another out: "the Democratic nominee" is not the Republican one
_PARTY_WORDS = {"democratic": "republican", "republican": "democratic"}
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
# where a person is from, beside a mention: "Sen. Ann Fox of Vermont", "Ann Fox, a senator
# from Vermont,", "Ann Fox, D-Vt.,", "Vermont's Ann Fox"
_PLACE_AFTER_RE = re.compile(
    r"(?:[ \t\xa0]+of|,[ \t\xa0]+(?:a|an|the)[ \t\xa0]+(?:[\w\-]+[ \t\xa0]+){1,3}?(?:from|of))"
    r"[ \t\xa0]+((?:[A-Z][a-z]+[ \t\xa0]+)?[A-Z][a-z]+)\b"
    r"|,?[ \t\xa0]+\(?[RDI]-([A-Z][A-Za-z.]*(?:[ \t\xa0][A-Z][A-Za-z.]*)?)"
)
_PLACE_BEFORE_RE = re.compile(r"\b([A-Z][a-z]+)['’]s[ \t\xa0]+(?:[A-Z][\w.]*[ \t\xa0]+){0,2}$")


def _possessive_in(s: str) -> bool:
    """Cheap pre-check for ``_PLACE_BEFORE_RE``: it needs a possessive "'s"."""
    return "'s" in s or "’s" in s


# words that make a role another one: the vice president, the lieutenant governor
_ROLE_QUALIFIERS = frozenset({"vice", "lieutenant", "deputy", "assistant", "press", "under"})


# "The governor answered the board, and she ...": a definite role opening a sentence ("The"
# before the word boundary behind it: the regex engine skips to "The" instead of trying the
# pattern at every position)
_DEFINITE_ROLE_RE = re.compile(
    r"The(?<!\wThe)[ \t]+((?:[a-z\-]+[ \t]+){0,2}?)([a-z]+)"
    r"(?=[ \t]+(?:also[ \t]+)?(?!of\b|and\b|or\b)"
    r"(?:[a-z]+(?:ed|s)|said|told|was|had|did|made|took|gave|came|met|spoke|wrote|won|lost"
    r"|left|kept|held|got|saw|knew|thought|felt|has|is|will|would|could|can|may)\b)"
)


def _place_word(name: str) -> str | None:
    """ "Vermont", "Vt.", "New Hampshire" -> the place word roles use ("vermont", "hampshire")."""
    low = name.lower().replace(".", "").split()
    if not low:
        return None
    word = STATE_ABBREVIATIONS.get("".join(low), low[-1])
    return word if word in PLACES or word in _ROLE_PLACES else None


class Registry(Antecedents):
    """The complete entity model of one article: construction, pronoun and role lookups."""

    _places: dict[int, frozenset[str]] | None = None
    # per-article hit lists of the description stages (``issuers``), each built in one pass
    issuer_memo: dict[tuple[str, str], tuple[list[int], list[Any]]] | None = None

    def places_of(self, ent: Entity) -> frozenset[str]:
        """The places the article ties a person to beside their mentions ("Sen. Ann Fox of
        Vermont", "Vermont's Ann Fox"): "the Vermont senator" is not the senator from Florida.
        Built in one pass over the mentions, each looked at within a few dozen characters."""
        return self._place_map().get(id(ent), frozenset())

    def _place_map(self) -> dict[int, frozenset[str]]:
        """id(person) -> places, for :meth:`places_of`, built on first need."""
        if self._places is None:
            got: dict[int, set[str]] = {}
            text = self.text
            for m in self.mentions:
                if m.entity.org:
                    continue
                found = []
                after = _PLACE_AFTER_RE.match(text, m.end, m.end + 60)
                if after is not None:
                    found.append(after.group(1) or after.group(2))
                lo = m.start - 40 if m.start > 40 else 0
                before = None
                if _possessive_in(text[lo : m.start]):
                    before = _PLACE_BEFORE_RE.search(text, lo, m.start)
                if before is not None:
                    found.append(before.group(1))
                for place in found:
                    word = _place_word(place)
                    if word is not None:
                        got.setdefault(id(m.entity), set()).add(word)
            self._places = {k: frozenset(v) for k, v in got.items()}
        return self._places

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
        want = {ROLE_SYNONYMS.get(w, w) for w in want}
        places = (places or set()) | {w for w in want if w in PLACES or w in _ROLE_PLACES}
        k = bisect_left(self.starts, pos) - 1
        lo = pos - 6000
        homes = self._place_map() if places else {}
        unplaced = None  # "the Vermont senator": a senator of no known state, if none of it
        while k >= 0 and self.mentions[k].start > lo:
            m = self.mentions[k]
            ent = m.entity
            k -= 1
            if ent.org:
                continue
            words = _role_words(ent)
            home = homes.get(id(ent)) if places else None
            if home:  # "the Vermont senator": where the article said the person is from
                words = words | home
            if not want <= words or (avoid and avoid & words):
                continue
            if (words & _ROLE_QUALIFIERS) - want:
                continue  # "Vice President Biden" is not "the president"
            if former and "former" not in words:
                continue
            there = {w for w in words if w in PLACES or w in _ROLE_PLACES}
            if places and there - places:
                continue
            if places and not there:
                unplaced = unplaced or (ent, m.start)
                continue
            return ent, m.start
        return unplaced

    def by_place(self, pos: int, places: set[str]) -> Entity | None:
        """The last person before ``pos`` the article tied to one of ``places``."""
        k = bisect_left(self.starts, pos) - 1
        while k >= 0 and self.mentions[k].start > pos - 6000:
            ent = self.mentions[k].entity
            k -= 1
            if not ent.org and self.places_of(ent) & places:
                return ent
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
        words = [w[3:] if w.startswith("ex-") else w for w in lows if w not in DETERMINERS]
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
            if (f := ROLE_SYNONYMS.get(w, w)) in _PARTY_WORDS
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
        places = {w for w in whole if w in PLACES or w in _ROLE_PLACES}
        for p in parts:
            head = phrase_head(p)
            if is_person_noun(head) or head in PERSON_ROLES:
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

    def described_role(self, pos: int, pronoun: str, ent: Entity | None) -> Entity | str | None:
        """ "The governor answered the board on Monday, and she was blunt. “...,” she said":
        a sentence that opens with a person's role ("The governor" then a verb), outside
        quote marks and after the last time ``ent`` was named, is the nearer antecedent --
        unless ``ent`` may hold that role (the model gave them no other title or role). The
        person the article gave that role (of the pronoun's gender) when there is one, else
        the honest description ("the governor")."""
        lo = max(0, pos - 300)
        if ent is not None:
            at = self.last_mention(pos, ent)
            if at >= lo:
                lo = at + 1
        best = None
        for m in _DEFINITE_ROLE_RE.finditer(self.text, lo, pos):
            before = self.text[max(0, m.start() - 3) : m.start()].rstrip(" \t")
            if before and before[-1] not in '.!?\n”"':
                continue  # only a sentence's subject
            head = m.group(2)
            if head not in OCCUPATIONS and head not in PERSON_ROLES:
                continue
            k = bisect_left(self._blocked_starts, m.start()) - 1
            if k >= 0 and self._blocked[k][1] > m.start():
                continue  # inside a quotation
            best = m
        if best is None:
            return None
        head = best.group(2)
        if ent is not None and not ent.org and head in _role_words(ent) | {ent.title or ""}:
            return None
        if ent is not None and not ent.org and not ent.roles and ent.title is None:
            return None  # "Carson ... The candidate also ...": nothing says it is someone else
        want = {"he": "m", "she": "f"}.get(pronoun)
        holder = self.by_role(best.start(), head)
        if holder is not None and not holder.org and holder.gender in (None, want):
            return holder
        return " ".join(best.group(0).split()).lower()

    def by_kind(self, pos: int, noun: str) -> str | None:
        """ "Brightline, a rail startup, ..." then "the startup said": the one name the article
        introduced before ``pos`` as that kind of organisation; None when it introduced none
        or several (then the description is the honest answer)."""
        found: set[str] = set()
        pat = re.compile(rf",[ \t]+(?:a|an|the)[ \t]+(?:[\w\-]+[ \t]+){{0,3}}?{noun}\b")
        for m in pat.finditer(self.text, max(0, pos - 6000), pos):
            k = bisect_left(self.starts, m.start()) - 1
            if k >= 0 and self.mentions[k].end >= m.start() - 1:
                ent = self.mentions[k].entity
                if ent.gender is None and not ent.title:
                    found.add(ent.name)
            if len(found) > 1:
                return None
        return next(iter(found)) if found else None


# organisations a story introduces by kind ("Brightline, a rail startup"), then names by it
ORG_KINDS = frozenset({"newspaper", "company", "startup", "agency", "firm", "paper"})

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


def _role_fits(ent: Entity, lows: list[str], head: str, home: frozenset[str] = frozenset()) -> bool:
    """Whether the article gave ``ent`` nothing that rules out the role ``lows``: another
    office, the other party, the sitting office for "the former ...", another state."""
    words = _role_words(ent)
    head = ROLE_SYNONYMS.get(head, head)
    if words & _OFFICES and head not in words:
        return False
    if (words & _ROLE_QUALIFIERS) and head in words and not (words & _ROLE_QUALIFIERS & set(lows)):
        return False  # the vice president is not "the president"
    want = {ROLE_SYNONYMS.get(w, w) for w in lows}
    if any(_PARTY_WORDS[w] in words for w in want if w in _PARTY_WORDS):
        return False
    if "former" in want and head in words and "former" not in words:
        return False  # "President Obama" is not "the former president"
    places = {w for w in want if w in PLACES or w in _ROLE_PLACES}
    there = {w for w in words if w in PLACES or w in _ROLE_PLACES} | home
    return not (places and there and not places & there)


# words that open a fronted subordinate clause: "As far as whether Sanders ..., the senator"
_SUBORDINATE_OPENERS = frozenset(
    {"as", "if", "when", "while", "although", "though", "because", "since", "whether", "asked"}
)


def _fronted_clause(reg: Registry, at: int, pos: int) -> bool:
    """The name at ``at`` sits in a subordinate clause that opens the sentence and ends with a
    comma before ``pos`` ("As far as whether Sanders still senses anger ..., the Vermont
    senator acknowledged"): the role after the comma may be that person."""
    k = bisect_left(reg._sorted_starts, at + 1) - 1
    if k < 0:
        return False
    start = reg._sorted_starts[k]
    first = reg.text[start : start + 12].split(maxsplit=1)
    return (
        bool(first)
        and first[0].lower() in _SUBORDINATE_OPENERS
        and reg.text.rfind(",", at, pos) > at
    )


def role_modifier(word: str) -> bool:
    """ "Florida", "GOP", "New Jersey": a capitalised word that qualifies a role ("the Florida
    senator") rather than naming whom the person speaks for ("Disney spokesman")."""
    low = strip_possessive(word).lower()
    return low in PLACES or low in _ROLE_PLACES or low in _PARTY_CAPS or low in GEO_FIRST


def role_person(
    reg: Registry, pos: int, lows: list[str], head: str, gender: str | None
) -> Entity | None:
    """The person a role phrase means: the one the article gave the role, unless they were
    named long ago and the subject just before fits the role ("the actor" after "star Arturo
    Castro ..."); else that subject, when nothing the article said rules them out."""
    got = reg.role_phrase_holder(pos, lows)
    near = None
    if head not in UNNAMED_NOUNS and not any(w in ORDINALS for w in lows):
        # "the boy", "the second official": someone unnamed, not the subject just before
        near = reg.prev_subject(pos, None, gender)
    places = {w for w in lows if w in PLACES or w in _ROLE_PLACES}
    if near is not None and (
        not _role_fits(near, lows, head, reg.places_of(near))
        or (
            reg._same_sentence(reg.last_mention(pos, near), pos + 1)
            and not (places and _fronted_clause(reg, reg.last_mention(pos, near), pos))
        )
    ):
        # "Trump attacked Clinton after the Democratic front-runner said": a role in the
        # subject's own sentence names someone else
        near = None
    if places and (got is None or not (_role_words(got[0]) | reg.places_of(got[0])) & places):
        # "Bernie Sanders, a senator from Vermont, ... the Vermont senator": the person tied
        # to the place before one the article gave the office but no state
        placed = near if near is not None and reg.places_of(near) & places else None
        placed = placed or reg.by_place(pos, places)
        if placed is not None and _role_fits(placed, lows, head, reg.places_of(placed)):
            return placed
    if got is None:
        return near
    ent, at = got
    if near is not None and near is not ent and pos - at - reg._quoted_between(at, pos) > 1500:
        return near
    return ent

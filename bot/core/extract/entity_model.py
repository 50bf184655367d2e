"""The article's entity model: every named person and organisation, built once.

Contract: ``EntityModel(text, sentence_starts, blocked)`` scans the text once for capitalised
runs outside quote marks and registers each as a ``Mention`` of an ``Entity`` (full name,
title, gender where known, roles from appositions and party tags, organisation or person);
surnames, headline names and "Mr. X" forms are merged into the full name the article gives.
``entity_for`` and ``by_label`` look an entity up by name. Lookups by pronoun and role are
added by ``antecedents`` (its walk back from a pronoun in ``pronoun_walk``) and ``roles``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter

from bot.core.extract.lexicon import (
    FEMALE_NAMES,
    FEMALE_TITLES,
    MALE_NAMES,
    MALE_TITLES,
    NOT_NAMES,
    TITLE_WORDS,
)
from bot.core.extract.mention_clauses import (
    clause_verb_after,
    opens_clause,
    speech_tag,
)
from bot.core.extract.name_runs import (
    NameKeys,
    metadata_lines,
    name_keys,
    name_runs,
    parse_run,
    whole_line,
)
from bot.core.extract.names import (
    HONORIFICS,
    STATE_ABBREVIATIONS,
    _is_first_name,
    good_title,
    is_cap,
    is_place,
    is_title_word,
    plausible_full_name,
    strip_possessive,
    surname_key,
)
from bot.core.extract.nouns import is_person_noun
from bot.core.extract.surname_typos import MIN_LEN, SurnameTypos

HONORIFIC_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f"}
_HEADLINE_WORD_RE = re.compile(r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?")  # "Hillary", "O'Rourke"
_PRONOUN_RE = re.compile(  # he, him(self), she...: a letter first, \b behind it (skips to letters)
    r"[HhSs](?<!\w.)(?:(?<=[Hh])(?:e|is|im|er)|(?<=h)(?:im|er)self|(?<=[Ss])he)\b"
)
_SENTENCE_MARK_RE = re.compile(r"[.\n“]")  # a sentence or a quote ends: no pronoun past it
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
# words a role may be given by, folded to one: "the business mogul" is "the billionaire"
ROLE_SYNONYMS = {
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
# "Sen. Joni Ernst, R-Iowa," / "(D-Vt.)": the party and state the tag gives a person
_PARTY_TAG_RE = re.compile(r",?[ \t]+\(?([RDI])-([A-Z][A-Za-z.]*(?:[ \t]?[A-Z][A-Za-z.]*)?)")
_TAG_PARTY = {"R": "republican", "D": "democratic", "I": "independent"}
# "widow Terry Strada", "spokeswoman Ann Ruiz": a role word right before a name that says
# whether the person is a woman or a man
_WOMAN_ROLES = frozenset(
    {"widow", "mother", "wife", "daughter", "sister", "grandmother", "granddaughter", "aunt"}
    | {"niece", "spokeswoman", "congresswoman", "chairwoman", "businesswoman", "actress"}
    | {"councilwoman", "assemblywoman", "anchorwoman", "policewoman"}
)
_MAN_ROLES = frozenset(
    {"widower", "father", "husband", "son", "brother", "grandfather", "grandson", "uncle"}
    | {"nephew", "spokesman", "congressman", "chairman", "businessman", "councilman"}
    | {"assemblyman", "anchorman", "policeman"}
)
_ROLE_GENDER = dict.fromkeys(_WOMAN_ROLES, "f") | dict.fromkeys(_MAN_ROLES, "m")
# "Trump spokesman Hope Hicks": these are said of women too, they only fill a gap
_GENERIC_MAN_ROLES = frozenset(
    {"spokesman", "congressman", "chairman", "businessman", "councilman", "assemblyman"}
    | {"anchorman", "policeman"}
)
_OF_TITLE_RE = re.compile(r"((?:[A-Z][\w.\-]*[ \t]+){1,3})of[ \t]+$")
_BYLINE_RE = re.compile(
    r"^[ \t]*By[ \t]+([A-Z][\w.'’\-]+(?:[ \t]+[A-Z][\w.'’\-]+){1,3})[ \t]*$", re.M
)

# "Sandy Hook Elementary", "Oak Ridge High": words after a place name that make a place of it
_PLACE_WORDS = frozenset(
    {"elementary", "school", "academy", "high", "middle", "park", "hospital", "county"}
    | {"stadium", "airport", "church", "college", "street", "avenue", "square", "mall"}
)


@dataclass(slots=True)
class Entity:
    """A person or organisation named in the article."""

    name: str
    title: str | None
    gender: str | None
    org: bool
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


_OPENING_PREPOSITIONS = frozenset(
    {"at", "in", "from", "on", "for", "with", "by", "of", "near", "inside", "outside", "to"}
    | {"like", "unlike", "despite", "among", "against", "without", "beside", "besides"}
)
# "whose husband, Navy SEAL ", "his daughter ": a relative named next
_KIN_WORDS = (
    "husband", "wife", "son", "daughter", "father", "mother", "brother", "sister", "widow",
    "widower", "grandson", "granddaughter", "grandfather", "grandmother", "nephew", "niece",
    "cousin", "uncle", "aunt",
)  # fmt: skip
_KIN_BEFORE_RE = re.compile(
    r"\b(?:" + "|".join(_KIN_WORDS) + r")(?:,|[ \t]+of)?[ \t]+(?:[A-Z][\w.\-]*[ \t]+){0,3}$"
)
# the blank-separated word a kinship word ends, with or without its comma
_KIN_ENDS = _KIN_WORDS + tuple(w + "," for w in _KIN_WORDS)
_KIN_LAST = frozenset(w[-1] for w in _KIN_ENDS)  # one look spares most words the suffix tests
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


# "Clinton's husband, ", "Her father, ": a relative named next by first name only
_KIN_COMMA_RE = re.compile(
    r"(?:\b([A-Z][\w'’\-]+['’]s)|\b[Hh]er|\b[Hh]is)[ \t]+(?:husband|wife|son|daughter|"
    r"father|mother|brother|sister|widow|widower|grandson|granddaughter|grandfather|"
    r"grandmother|nephew|niece|cousin|uncle|aunt),[ \t]+$"
)


@lru_cache(maxsize=16384)
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
    out = {ROLE_SYNONYMS.get(w, w) for w in words}
    for w in words:
        if w.startswith("ex-"):
            out |= {"former", ROLE_SYNONYMS.get(w[3:], w[3:])}  # "ex-president"
    return frozenset(out)


@lru_cache(maxsize=16384)
def _role_before_name(word: str) -> bool:
    """ "spokeswoman", "nominee", "governor": a role or person noun that may lead a name;
    cached: asked of the word before every mention."""
    return (word.isalpha() or word.replace("-", "").isalpha()) and (
        is_person_noun(word) or word in TITLE_WORDS
    )


_COUNT = attrgetter("count")  # how often an entity is named: the most named one wins


class EntityModel:
    """All named mentions of an article, in order, and the entities they point to."""

    def __init__(self, text: str, sentence_starts: list[int], blocked: list[tuple[int, int]]):
        """The model, built in this order: the byline's author; every capitalised run that
        may be a name, registered as an entity and (outside quotes) a mention
        (``_register_runs``); then over those, headline full names, place prefixes, genders
        and surname merges; last, the roles appositions, party tags and role words give."""
        self.text = text
        self.entities: dict[str, Entity] = {}
        self.by_last: dict[str, Entity] = {}
        self.by_last_all: dict[str, list[Entity]] = {}
        self.mentions: list[Mention] = []
        self.author: str | None = None
        self._by_upper: dict[str, list[Entity]] | None = None
        # bare surname -> [he, she, Mr., Mrs.] after it: whom "Clinton" means
        self._bare_votes: dict[int, list[int]] = {}
        self._relatives: set[int] = set()  # "whose husband, Ty Hale": ids of relatives
        # "By" found first: the line-anchored regex tries every position of 2000 characters
        by = _BYLINE_RE.search(text, 0, 2000) if text.find("By", 0, 2000) >= 0 else None
        if by:
            self.author = " ".join(by.group(1).split())
        self._sentence_starts = set(sentence_starts)
        self._sorted_starts = sorted(self._sentence_starts)
        self._blocked = sorted(blocked)
        self._blocked_starts = [a for a, _ in self._blocked]
        self._blocked_sums = [0]
        for a, b in self._blocked:
            self._blocked_sums.append(self._blocked_sums[-1] + (b - a if b > a else 0))
        self._register_runs(blocked)
        self.mentions.sort(key=attrgetter("start"))
        self.starts = [x.start for x in self.mentions]
        self._headline_names()
        self._place_prefixes()
        self._guess_genders()
        self._merge_surnames()
        self._apposition_roles()
        self._tagged_roles()

    def _register_runs(self, blocked: list[tuple[int, int]]) -> None:
        """Every capitalised run that may be a name, registered (``_register``): not a word
        that never is one ("The"), not on a metadata line, not a title-case headline; a run
        inside a quote (``blocked``) names an entity but is no mention."""
        text = self.text
        starts = self._sentence_starts
        blocked_starts = [a for a, _ in blocked]
        blocked_ends = [b for _, b in blocked]
        meta = metadata_lines(text)
        for a, run in name_runs(text):
            if run.lower() in NOT_NAMES:
                continue  # "The", "But", "In": a third of all runs, never a name (``parse_run``)
            if meta and any(ma <= a < mb for ma, mb in meta):
                continue  # "Northern Dispatch | 2026-11-05 | https://...": the outlet, not a voice
            prev = text[a - 1] if a else "\n"
            if prev == "\n" and run.count(" ") >= 3 and whole_line(text, a, a + len(run)):
                continue  # "Harbour Trust Defends Its Cuts": a title-case headline, no name
            # (bisect_left leaves blocked_starts[k] < a: only the end is left to test)
            k = bisect_left(blocked_starts, a) - 1
            inside = k >= 0 and a < blocked_ends[k]
            self._register(run, a, a in starts or prev in '“"', inside)

    def _apposition_roles(self) -> None:
        """ "Ann Fox, a lawyer, ...", "Ann Fox, spokeswoman for ...": the apposition's words
        are roles of the person just named."""
        text = self.text
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
                    ent.roles.update(strip_possessive(w).lower() for w in m.group(1).split())

    def _tagged_roles(self) -> None:
        """A party tag after a name ("Sen. Joni Ernst, R-Iowa,") and the role words before it
        ("9/11 widow Terry Strada", "party consultant Ann Fox") as the person's roles; a role
        word that says man or woman as the person's gender."""
        text = self.text
        for mention in self.mentions:
            a = mention.start
            ent = mention.entity
            if ent.org:
                continue
            # the fourth character after the name is "-" in ", R-Iowa" and ")" in " (R)": one
            # look rules out both party tags for nearly every mention
            tag_mark = text[mention.end + 3 : mention.end + 4]
            if tag_mark == "-" and text.startswith((", ", " ("), mention.end):
                tag = _PARTY_TAG_RE.match(text, mention.end)
                if tag is not None:
                    # "Sen. Joni Ernst, R-Iowa,": a Republican from Iowa, not the Florida senator
                    ent.roles.add(_TAG_PARTY[tag.group(1)])
                    st = tag.group(2).lower().split()[-1].replace(".", "")
                    if " " not in tag.group(2) and "." in tag.group(2):
                        st = tag.group(2).lower().replace(".", "")  # "N.Y." -> "ny"
                    ent.roles.add(STATE_ABBREVIATIONS.get(st, st))
            elif tag_mark == ")" and text.startswith((" (R)", " (D)", " (I)"), mention.end):
                ent.roles.add(_TAG_PARTY[text[mention.end + 2]])  # "Sen. John McCain (R)"
            if a < 3 or not text[a - 2].islower() or text[a - 1] != " ":
                continue
            lo = a - 50 if a > 50 else 0
            role = text[lo : a - 1].rsplit(None, 1)[-1].lower()  # the word before the name
            if role in _ROLE_GENDER and (ent.gender is None or role not in _GENERIC_MAN_ROLES):
                # "9/11 widow Terry Strada": the role word says more than the first-name list
                ent.gender = _ROLE_GENDER[role]
            if not _role_before_name(role):
                continue
            pre = text[lo : a - 1].rsplit(None, 4)
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
        typos = SurnameTypos(self.by_last_all)  # "Bornsten" for "Bornstein"
        # "Ms. Acosta" for "Melba Acosta Febo", "Hillary" for "Hillary Clinton": other words of
        # a full name, used only when exactly one person holds them
        firsts: dict[str, list[Entity]] = {}
        middles: dict[str, list[Entity]] = {}
        # (every key is its words joined by single blanks: a blank count is a word count)
        for full, ent in self.entities.items():
            if ent.org or full != ent.name or " " not in full or not plausible_full_name(full):
                continue
            parts = full.split()
            if _is_first_name(parts[0]):
                firsts.setdefault(parts[0], []).append(ent)
            if len(parts) == 3 and len(parts[1]) > 2 and not _is_first_name(parts[1]):
                middles.setdefault(parts[1], []).append(ent)
        for key, ent in list(self.entities.items()):
            if ent.org:
                continue
            last = surname_key(key)
            cands = self.by_last_all.get(last) if last else None
            if cands is None and " " in key:
                continue  # a full name whose surname no one else has
            he, she, mr, mrs = self._bare_votes.get(id(ent), (0, 0, 0, 0))
            if cands is None:
                if len(firsts.get(key, ())) == 1:
                    cands = firsts[key]
                elif len(middles.get(key, ())) == 1 and (mr or mrs):
                    cands = middles[key]  # "Ms. Acosta": a surname, said with a courtesy title
                elif len(key) >= MIN_LEN and (near := typos.match(key)) is not None:
                    cands = self.by_last_all[near]  # "McLenney" for "Tyresha McClenney"
            if cands is None or ent in cands or is_place(key):
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
            cands = [c for c in cands if plausible_full_name(c.name)]
            fitting = [c for c in cands if gender is None or c.gender in (None, gender)]
            if not fitting:
                continue
            target = fitting[0] if len(fitting) == 1 else max(fitting, key=_COUNT)
            target.count += ent.count
            target.spoke += ent.spoke
            target.roles |= ent.roles
            if target.gender is None:
                # "Berhanu Nega" once, then "Nega ... his" throughout: the pronouns decide
                target.gender = gender
            if target.title is None:
                target.title = ent.title
            self.entities[key] = target
            merged[id(ent)] = target
        self._merge_two_word_surnames(merged)
        if merged:
            for m in self.mentions:
                into = merged.get(id(m.entity))
                if into is not None:
                    m.bare, m.entity = m.entity, into

    def _merge_two_word_surnames(self, merged: dict[int, Entity]) -> None:
        """ "Mr. Guajardo Villarreal" after "Ildefonso Guajardo Villarreal": a two-word surname,
        not a first and last name, when one three-word name ends with it."""
        # three-word names by each tail after a space, indexed once (the loop below changes
        # only two-word keys): one scan of every entity per two-word name was quadratic
        by_tail: dict[str, list[Entity]] = {}
        for k2, e in self.entities.items():
            if not e.org and k2.count(" ") == 2 and k2 == e.name:
                for i, ch in enumerate(k2):
                    if ch == " ":
                        by_tail.setdefault(k2[i + 1 :], []).append(e)
        if not by_tail:
            return  # no three-word name: nothing to merge into
        for key, ent in list(self.entities.items()):
            if ent.org or key.count(" ") != 1 or id(ent) in merged or key != ent.name:
                continue
            parts = key.split()
            if _is_first_name(parts[0]) or not is_cap(parts[0]):
                continue
            longer = by_tail.get(key, [])
            if len(longer) == 1:
                longer[0].count += ent.count
                self.entities[key] = longer[0]
                merged[id(ent)] = longer[0]

    def _place_prefixes(self) -> None:
        """ "Sandy Hook Elementary" named in the article: "Sandy Hook" alone is the place, not
        a person called Sandy, so no pronoun ever names it."""
        places = [
            n for n in self.entities if " " in n and n[n.rfind(" ") + 1 :].lower() in _PLACE_WORDS
        ]
        for name in places:
            words = name.split()
            k = 1
            while k < len(words) - 1 and words[k].lower() not in _PLACE_WORDS:
                k += 1  # "Willow Brook Elementary School": the run before the first place word
            ent = self.entities.get(" ".join(words[:k]))
            if ent is not None and ent.title is None and not ent.roles:
                ent.org = True
                ent.gender = None

    def _guess_genders(self) -> None:
        """Names not in the first-name lists: the pronoun that follows their mentions."""
        votes: dict[int, list[int]] = {}
        ms = self.mentions
        text = self.text
        for k, m in enumerate(ms):
            ent = m.entity
            if not m.subject or ent.org:
                continue
            bare = " " not in ent.name
            if ent.gender is not None and not bare:
                continue
            nxt = ms[k + 1].start if k + 1 < len(ms) else len(text)
            stop = m.end + 120 if m.end + 120 < nxt else nxt
            cut = _SENTENCE_MARK_RE.search(text, m.end, stop)
            if cut is not None:
                stop = cut.start()  # the pronoun must sit in the same sentence
            hit = _PRONOUN_RE.search(text, m.end, stop)
            if hit is None:
                continue
            tally = (self._bare_votes if bare else votes).setdefault(id(ent), [0, 0, 0, 0])
            tally[0 if hit.group().lower() in {"he", "his", "him", "himself"} else 1] += 1
        if not votes:
            return  # no full name of unknown gender met a pronoun
        for ent in self.entities.values():
            got = votes.get(id(ent))
            if got is not None and ent.gender is None:
                if got[0] and not got[1]:
                    ent.gender = "m"
                elif got[1] and not got[0]:
                    ent.gender = "f"

    def _register(self, run: str, start: int, at_sentence_start: bool, inside: bool) -> None:
        parsed = parse_run(run, at_sentence_start)
        if parsed is None:
            return
        if isinstance(parsed[0], int):
            # "Donald Trump. Johnson said": a sentence ends inside the run
            cut, nxt = parsed
            self._register(run[:cut], start, at_sentence_start, inside)
            self._register(run[nxt:], start + nxt, True, inside)
            return
        words, name_at, title, name, first_before, keys = parsed
        text = self.text
        # the character before the blank before the run ("said Ann", ", Ann"); a newline for
        # no blank there
        before = text[start - 2] if start >= 2 and text[start - 1] == " " else "\n"
        before_name = first_before
        name_start = start + name_at
        title_opens = False
        if title is not None and len(words) > len(name) and words[0][:1].isupper():
            title, title_opens = self._of_title(title, start)
        # "Clinton's husband, Bill,": a cheap pre-check for ``_KIN_COMMA_RE`` (no comma
        # sits inside a run: a name after one opens the run)
        if (
            len(name) == 1
            and before == ","
            and name_at == 0
            and start >= 8
            and text[start - 3].islower()
        ):
            surname = self._kin_surname(name_start)
            if surname is not None and _is_first_name(name[0]):
                name = (name[0], surname)  # "Clinton's husband, Bill,": Bill Clinton
                keys = name_keys(name)
        ent = None if keys is None else self._entity_for_keys(keys, title)
        if len(words) > len(name):
            before_name = words[len(words) - len(name) - 1].lower()
        if ent is not None and ent.gender is None and not ent.org:
            ent.gender = HONORIFIC_GENDER.get(before_name)  # "Mr. Obama": a man
        if ent is not None and ent.count == 0 and len(name) >= 2:
            self._relative_keeps_surname(ent, name_start)
        if ent is None or inside:
            return  # a name inside a quote is an entity, never a mention: no clause tests
        end = start + len(run)
        inverted, said_after = speech_tag(text, run, start, end, before, at_sentence_start)
        # "At Boca West, where ...": a name after an opening preposition is a place or an
        # object, never the sentence's subject
        at_sentence_start = at_sentence_start and first_before not in _OPENING_PREPOSITIONS
        subject = (
            at_sentence_start
            or title_opens
            or first_before in {"but", "and", "then"}
            or said_after
            or inverted
            or (before == "," and clause_verb_after(text, end))
            or opens_clause(text, self._sorted_starts, start, end)
        )
        honor = HONORIFIC_GENDER.get(before_name) if len(name) == 1 else None
        if honor is not None:
            # "Mrs. Clinton" here, "Mr. Clinton" there: which full name the surname means
            tally = self._bare_votes.setdefault(id(ent), [0, 0, 0, 0])
            tally[2 + (honor == "f")] += 1
        ent.count += 1
        if said_after or inverted:
            ent.spoke += 1  # "Clinton said" twice: a person, even without a first name
        self.mentions.append(Mention(name_start, end, ent, subject, None, honor))

    def _of_title(self, title: str, start: int) -> tuple[str, bool]:
        """ "Secretary of State John Kerry": the run began after "of", the title did not; the
        title with its head ("Secretary of State"), and whether it opened the sentence (the
        person is then its subject)."""
        text = self.text
        lo = start - 60 if start > 60 else 0
        # cheap pre-check: the regex ends in "of", blanks and the window's end (or a newline
        # just before it); most titled runs follow no "of"
        k = start - 1 if start > lo and text[start - 1] == "\n" else start
        j = k
        while j > lo and text[j - 1] in " \t":
            j -= 1
        if j == k or j - 2 < lo or text[j - 2 : j] != "of":
            return title, False
        lead = _OF_TITLE_RE.search(text, lo, start)
        head = lead.group(1).split() if lead is not None else []
        while head and head[0].lower() in NOT_NAMES and not is_title_word(head[0]):
            head.pop(0)  # "The Director of ..."
        if lead is not None and head and is_title_word(head[-1]):
            return f"{' '.join(head)} of {title}", lead.start(1) in self._sentence_starts
        return title, False

    def entity_for(self, words: Sequence[str], title: str | None) -> Entity | None:
        """The entity a bare name refers to, creating it on first sight."""
        keys = name_keys(tuple(words))
        if keys is None:
            return None  # a headline in title case is not a name
        return self._entity_for_keys(keys, title)

    def _entity_for_keys(self, keys: NameKeys, title: str | None) -> Entity:
        """``entity_for`` of a name's ``name_keys``."""
        name, full, key, last, org = keys
        ent = self.entities.get(full)
        if ent is None and key is not None and key in self.by_last_all:
            # "Cruz" after "Sen. Ted Cruz" (five times) and "Heidi Cruz" (once): the surname
            # means the person the article names most, the latest on a tie; never a headline
            # run such as "Voters Following Cruz"; "Le Pen" after "Marine Le Pen"
            cands = [
                c
                for c in self.by_last_all[key]
                if plausible_full_name(c.name) and (key == full or c.name.endswith(" " + full))
            ]
            if len(cands) > 1:
                cands = [c for c in cands if id(c) not in self._relatives] or cands
            if cands:
                ent = cands[0] if len(cands) == 1 else max(reversed(cands), key=_COUNT)
        if ent is None and len(name) >= 2:
            # "Donald J. Trump" after "Donald Trump": same first and last word
            prev = self.by_last.get(last)
            if prev is not None and prev.name.split()[0] == name[0]:
                ent = prev
        if ent is None:
            ent = Entity(full, None, None if org else _gender_of(name[0], title), org)
            self.entities[full] = ent
            if len(name) >= 2 and not org:
                self.by_last[last] = ent
                self.by_last_all.setdefault(last, []).append(ent)
        if title and ent.title is None and (ent.org or good_title(title)):
            clean = [w for w in title.split() if w.lower() not in HONORIFICS]
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

    def _kin_surname(self, at: int) -> str | None:
        """The surname a relative named by first name only shares: the owner's in "Clinton's
        husband, Bill,", the last full name's before "Her father, Brad,"."""
        kin = _KIN_COMMA_RE.search(self.text, at - 50 if at > 50 else 0, at)
        if kin is None:
            return None
        if kin.group(1) is not None:
            key = strip_possessive(kin.group(1)).replace("’", "'")
            owner = self.by_last.get(key) or self.entities.get(key)
            if owner is None or owner.org or " " not in owner.name:
                return None
            return key
        for m in reversed(self.mentions[-8:]):
            if not m.entity.org and plausible_full_name(m.entity.name):
                return m.entity.name.split()[-1]
        return None

    def _relative_keeps_surname(self, ent: Entity, at: int) -> None:
        """ "Dana Hale, whose husband, Sgt. Ty Hale, ...; Hale said": a relative named after a
        kinship word is not whom the bare surname means while another holds it."""
        # cheap pre-check: the kinship word ends one of the last five blank-separated words
        # ("husband, of", then up to three capitalised ones), walked back from the last:
        # a word that is neither "of" nor capitalised rules the regex out
        lo = at - 40 if at > 40 else 0
        for piece in reversed(self.text[lo:at].rsplit(None, 5)[-5:]):
            if piece[-1] in _KIN_LAST and piece.endswith(_KIN_ENDS):
                if _KIN_BEFORE_RE.search(self.text, lo, at) is not None:
                    self._relatives.add(id(ent))
                return
            if piece != "of" and piece[0] not in _CAPITALS:
                return

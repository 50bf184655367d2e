"""Descriptions to the organisation or issuer the article named for them.

Contract: given the entity model ``reg`` and a description's position ``pos``,

* ``org_by_noun(reg, pos, noun)``: "the commission" -> the one organisation named before
  ``pos`` whose name holds that head noun ("Commission on Presidential Debates");
* ``introduced_org(reg, pos, noun)``: "the union" -> the organisation named after the
  article introduced one by that noun ("A union representing flight attendants ... the
  Association of Flight Attendants"), by the words the two share;
* ``org_by_apposition(reg, pos, noun)``: "X, the advocacy group," / "X, a union ..." then
  "the union" -> X;
* ``org_antecedent(reg, pos, noun)``: "the agency", "the group", "the network" -> the
  organisation just named as a subject, when its name says it is of that kind;
* ``introduced_description(reg, pos, noun)``: "the narrator" -> the unnamed person as the
  article introduced them ("a narrator in the Clinton ad"), the description made specific;
* ``issuer_of(reg, pos, noun)``: "the report", "the article", "the ruling", "the statement"
  -> who issued the document introduced last: "X's report", "a report by X", "X released a
  report", "a New York Times article", "the authors of the report, which include X", "X said
  in a statement", an unnamed group that "sent a letter" (kept as the article described it).

Each returns a name (or that group's description), or None when the article names none or two
compete: the description is then the honest answer, never a nearby noun. Every look-up is a
scan of a fixed window before ``pos`` with bounded look-around at each hit: linear in the
window.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from typing import Any

from bot.core.extract.lexicon import NOT_NAMES, SPEECH_VERBS
from bot.core.extract.names import (
    _is_first_name,
    is_place,
    is_title_word,
    split_title,
    strip_possessive,
)
from bot.core.extract.roles import Registry

_WINDOW = 6000
# a memoised hit list: sorted start offsets, and what each hit found
_Hits = tuple[list[int], list[Any]]
_INTRO_REACH = 1500
# a statement or letter is quoted right after the article introduces it; a report or a book
# can be the subject of the whole article
_SHORT_LIVED = frozenset({"statement", "letter", "memo"})
_SHORT_WINDOW = 1500


# one capitalised organisation name: "Commission on Presidential Debates", "U.S. Court of
# Appeals for the Sixth Circuit" (bounded links between capitalised words)
_RUN = r"[A-Z][\w.&'’\-]*(?:[ \t\xa0]+(?:(?:of|on|for|and|the|&)[ \t\xa0]+){0,2}[A-Z][\w.&'’\-]*)*"
_RUN_RE = re.compile(_RUN)

# documents that speak for whoever issued them; a family shares one issuer
_FAMILIES: dict[str, frozenset[str]] = {
    "report": frozenset({"report", "study", "analysis", "audit", "review"}),
    "article": frozenset({"article", "story", "column", "editorial", "piece", "op-ed"}),
    "ruling": frozenset({"ruling", "decision", "opinion", "order"}),
    "book": frozenset({"book", "memoir", "autobiography"}),
    "ad": frozenset({"ad", "advertisement", "video", "clip", "spot", "commercial"}),
    "letter": frozenset({"letter"}),
    "memo": frozenset({"memo", "memorandum"}),
    "complaint": frozenset({"complaint", "lawsuit", "suit", "filing", "indictment"}),
    "statement": frozenset({"statement", "release"}),
    "poll": frozenset({"poll", "survey"}),
}
DOC_NOUNS = frozenset(w for fam in _FAMILIES.values() for w in fam)
_FAMILY_OF = {w: k for k, fam in _FAMILIES.items() for w in fam}

# "X's new report": the owner just before the document noun
_OWNER_RE = re.compile(rf"({_RUN})['’]s?[ \t\xa0]+(?:[a-z][\w\-]*[ \t\xa0]+){{0,2}}$")
# "a New York Times article", "A Government Accountability Office report"
_ATTRIB_RE = re.compile(
    rf"(?:^|[ \t(])(?:[Aa]n?|[Tt]he)[ \t\xa0]+({_RUN})[ \t\xa0]+(?:[a-z][\w\-]*[ \t\xa0]+)?$"
)
# "Mariano wrote a memoir", "the RNC released a new video"
_VERB_RE = re.compile(
    rf"({_RUN})[ \t\xa0]+(?:(?:has|had|have|also|just)[ \t\xa0]+){{0,2}}"
    r"(?:released|issued|published|"
    r"sent|wrote|filed|produced|aired|posted|unveiled|launched|ran)[ \t\xa0]+(?:a|an|its|his|her|"
    r"their|the)[ \t\xa0]+(?:[\w\-]+[ \t\xa0]+){0,3}$"
)
# "Twitter said in a statement", "the campaign wrote in an email"
_SAID_IN_RE = re.compile(
    rf"({_RUN})[ \t\xa0]+(?:(?:also|later|then)[ \t\xa0]+)?"
    r"(?:said|says|announced|added|wrote|writes|"
    r"responded|noted|argued|explained)[ \t\xa0]+in[ \t\xa0]+(?:a|an|its|his|her|their)[ \t\xa0]+"
    r"(?:[\w\-]+[ \t\xa0]+){0,2}$"
)
# "In a statement announcing the pick, the Association of Flight Attendants called ..."
_IN_A_RE = re.compile(
    r"(?:^|[.!?”\"\n][ \t\xa0]*)In[ \t\xa0]+(?:a|an|its|his|her|their)[ \t\xa0]+"
    r"(?:[\w\-]+[ \t\xa0]+){0,2}$"
)
_THEN_NAME_RE = re.compile(rf"(?:[ \t\xa0]+[\w\-]+){{0,4}}?,[ \t\xa0]+(?:the[ \t\xa0]+)?({_RUN})")
# "In late September, a group of parents with children in charter schools sent a letter": an
# unnamed group, kept as the description the article gave it
_GROUP_VERB_RE = re.compile(
    r"(?:^|[.!?\n”\"][ \t\xa0]+|,[ \t\xa0]+)"
    r"((?:[Aa]n?|[Tt]he)[ \t\xa0]+(?:[\w\-]+[ \t\xa0]+){1,10}?)"
    r"(?:sent|released|issued|wrote|published|signed|posted|delivered)[ \t\xa0]+"
    r"(?:a|an|its|their|the)[ \t\xa0]+(?:[\w\-]+[ \t\xa0]+){0,3}$"
)
_GROUP_HEADS = frozenset(
    {"group", "coalition", "alliance", "organization", "association", "union", "committee"}
    | {"panel", "council", "board", "network", "consortium"}
)
# "a complaint filed by the federal Securities and Exchange Commission", "a report from X"
_BY_RE = re.compile(
    r"(?:[ \t\xa0]+[a-z][\w\-]*){0,3}?[ \t\xa0]+(?:by|from)[ \t\xa0]+(?:the[ \t\xa0]+)?"
    r"(?:[a-z][\w\-]*[ \t\xa0]+)?"
    rf"({_RUN})"
)
# "The authors of the report, which include the U.S. PIRG Education Fund and ..."
_AUTHORS_RE = re.compile(
    r"\b(?:authors?|publishers?|makers?|writers?)[ \t\xa0]+of[ \t\xa0]+(?:the|a|this)[ \t\xa0]+$"
)
_INCLUDE_RE = re.compile(
    r",?[ \t\xa0]+(?:(?:which|who)[ \t\xa0]+(?:include|includes|included|are)[ \t\xa0]+)?"
    r"(?:the[ \t\xa0]+)?"
    rf"({_RUN})"
)
_AND_RE = re.compile(r"[ \t\xa0]+and[ \t\xa0]+(?:the[ \t\xa0]+)?")
_LINKS = frozenset({"of", "on", "for", "and", "the", "&"})
# a date after a name: "St. Paul City Council on Wednesday"
_TRAILERS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january"}
    | {"february", "march", "april", "june", "july", "august", "september", "october"}
    | {"november", "december"}
)
# title-case function words and verbs: only a headline capitalises them inside a name run
_HEADLINE_WORDS = frozenset(
    {"Of", "On", "By", "To", "In", "For", "And", "The", "A", "With", "Is", "Are", "Says"}
    | {"Said", "Will", "Was", "From", "At", "As"}
)
# "a new study", "An exhaustive study": a new document ("the article" names one again)
_NEW_RE = re.compile(
    r"\b[Aa]n?[ \t\xa0]+(?:(?!(?:of|the|to|in|for|by|and)[ \t\xa0])[\w\-]+[ \t\xa0]+){0,3}$"
)
# words of an introduction that say nothing about which organisation it is
_INTRO_STOP = frozenset(
    {"that", "which", "with", "from", "said", "says", "this", "their", "have", "been", "more"}
    | {"than", "about", "into", "other", "some", "most", "many", "also", "were", "will"}
)


def _clean(run: str) -> str | None:
    """A name without the sentence words that opened its run ("The", "But"), a period that
    ended its sentence ("Politics. Twenty-four"), a date after it or a possessive; None for
    a title-case headline ("Newspaper Says Clinton Needs To Quit")."""
    words = run.split()  # NBSP too
    for k, w in enumerate(words):
        if w.endswith(".") and len(w) > 4 and any(c.islower() for c in w) and "." not in w[:-1]:
            words = words[: k + 1]
            words[-1] = w[:-1]
            break
    while words and (words[0].lower() in NOT_NAMES or words[0].lower() in {"the", "a", "an"}):
        words.pop(0)
    while words and (words[-1].lower() in _TRAILERS or words[-1].lower() in _LINKS):
        words.pop()
    if not words or len(words) > 10 or any(w in _HEADLINE_WORDS for w in words[1:]):
        return None
    words[-1] = strip_possessive(words[-1])
    name = " ".join(words)
    if name.lower() in NOT_NAMES or name.replace(".", "") in {"US", "UK", "EU", "UN"}:
        return None
    return name


def _run_at(text: str, a: int, b: int) -> str | None:
    """The capitalised name run that holds ``text[a:b]``, looked for in a bounded slice."""
    lo = max(0, a - 80)
    for m in _RUN_RE.finditer(text, lo, min(len(text), b + 100)):
        if m.start() <= a and m.end() >= b:
            # "the Commission on X and the Commission on Y": two names, not one
            at = m.start()
            for part in _AND_RE.split(m.group()):
                at = text.find(part, at, m.end())
                if at <= a < at + len(part) and all(" " in p for p in _AND_RE.split(m.group())):
                    return _clean(part)
            return _clean(m.group())
        if m.start() > a:
            break
    return None


def _distinct(names: list[str]) -> list[str]:
    """Names with those inside a longer one folded into it ("Commission" in "... Debates")."""
    out: list[str] = []
    for name in sorted(set(names), key=len, reverse=True):
        if not any(f" {name} " in f" {k} " for k in out):
            out.append(name)
    return out


@cache
def _cap_re(noun: str) -> re.Pattern[str]:
    r"""The capitalised noun as a word: "\bUnion\b", but for a plain word its opening
    boundary tested after it ("Union(?<!\wUnion)\b"), so the pattern opens on the word and
    the engine searches for it instead of trying every position."""
    cap = noun.capitalize()
    if not cap.isalpha():
        return re.compile(rf"\b{cap}\b")
    return re.compile(rf"{cap}(?<!\w{cap})\b")


def _memo(reg: Registry, key: tuple[str, str], build: Callable[[], _Hits]) -> _Hits:
    """A hit list of the whole article, built once (one scan) and then read by bisection, so
    a description costs the hits in its window, not a scan of it: a page of "the report
    said" stays cheap."""
    if reg.issuer_memo is None:
        reg.issuer_memo = {}
    got = reg.issuer_memo.get(key)
    if got is None:
        got = reg.issuer_memo[key] = build()
    return got


def _window(hits: _Hits, lo: int, hi: int) -> range:
    """Indices of the hits that start in [lo, hi)."""
    return range(bisect_left(hits[0], lo), bisect_left(hits[0], hi))


def org_by_noun(reg: Registry, pos: int, noun: str) -> str | None:
    """ "The nonpartisan Commission on Presidential Debates says ... The commission says": the
    one organisation named before ``pos`` whose name holds ``noun``; None if none or several."""
    text = reg.text

    def build() -> _Hits:
        starts: list[int] = []
        runs: list[Any] = []
        for m in _cap_re(noun).finditer(text):
            run = _run_at(text, m.start(), m.end())
            if run is not None and " " in run:
                starts.append(m.start())
                runs.append(run)
        return starts, runs

    hits = _memo(reg, ("org", noun), build)
    names = [str(hits[1][k]) for k in _window(hits, pos - _WINDOW, pos)]
    got = _distinct(names)
    return got[0] if len(got) == 1 else None


def org_by_apposition(reg: Registry, pos: int, noun: str) -> str | None:
    """ "Citizens United, the conservative advocacy group," (the description is the name's
    apposition) or "The Drivers Guild, a union representing ..." then "the union": the
    organisation the apposition describes; never a title-case headline run."""
    k = bisect_left(reg.starts, pos) - 1
    if k >= 0 and 0 < pos - reg.mentions[k].end <= 3 and reg.text[reg.mentions[k].end] == ",":
        ent = reg.mentions[k].entity
        return ent.name if not _person(reg, ent.name) and _clean(ent.name) == ent.name else None
    kind = reg.by_kind(pos, noun)
    return kind if kind is not None and _clean(kind) == kind else None


@cache
def _intro_re(noun: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b[Aa]n?[ \t\xa0]+(?:[\w\-]+[ \t\xa0]+){{0,2}}?{noun}\b([^.,;:“”\"]{{0,80}})"
    )


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def introduced_org(reg: Registry, pos: int, noun: str) -> str | None:
    """ "A union representing flight attendants endorsed ... the Association of Flight
    Attendants called ... the union wrote": the organisation named between the introduction
    and ``pos`` that shares a word with what the introduction said about it."""
    text = reg.text

    def build() -> _Hits:
        # each introduction with the names after it that share a word with what it said
        starts: list[int] = []
        found: list[Any] = []
        for m in _intro_re(noun).finditer(text):
            about = {
                _stem(w)
                for w in re.findall(r"[a-z][a-z\-]{3,}", m.group(1))
                if w not in _INTRO_STOP
            }
            named: list[tuple[int, str]] = []
            if about:
                for r in _RUN_RE.finditer(text, m.end(1), min(len(text), m.end(1) + _INTRO_REACH)):
                    run = _clean(r.group())
                    if run is None or " " not in run or is_place(run):
                        continue
                    if any(_stem(w) in about for w in run.split()):
                        named.append((r.start(), run))
            starts.append(m.start())
            found.append(named)
        return starts, found

    hits = _memo(reg, ("intro", noun), build)
    inside = _window(hits, pos - _WINDOW, pos)
    if not inside:
        return None
    named: list[tuple[int, str]] = hits[1][inside[-1]]
    got = _distinct([run for at, run in named if at < pos])
    return got[0] if len(got) == 1 else None


# what kind of organisation a name says it is, by its words
_GOVERNMENT = frozenset(
    {"department", "agency", "administration", "bureau", "office", "service", "commission"}
    | {"ministry", "police", "fbi", "cia", "epa", "irs", "nsa", "pentagon"}
)
_GROUPS = frozenset(
    {"foundation", "association", "coalition", "group", "council", "center", "institute"}
    | {"fund", "project", "alliance", "network", "union", "society", "league", "federation"}
)
_MEDIA = frozenset({"news", "times", "post", "journal", "tribune", "cnn", "nbc", "abc", "cbs"})
_MEDIA_EXTRA = frozenset({"msnbc", "fox", "network", "tv", "radio", "herald", "gazette"})
_KINDS: dict[str, frozenset[str]] = {
    "agency": _GOVERNMENT,
    "department": _GOVERNMENT,
    "group": _GROUPS,
    "organization": _GROUPS,
    "network": _MEDIA | _MEDIA_EXTRA,
    "newspaper": _MEDIA | _MEDIA_EXTRA,
    "paper": _MEDIA | _MEDIA_EXTRA,
}


def org_antecedent(reg: Registry, pos: int, noun: str) -> str | None:
    """ "The State Department also said ... “...,” said the agency": the organisation the
    article just named as a subject ("it" would mean), when its name says it is of the noun's
    kind (a "Department" for "the agency", a "Foundation" for "the group"); never for "the
    company", which no name word confirms."""
    if noun not in _KINDS:
        return None
    ent = reg.antecedent(pos, "it")
    if ent is None or not ent.org:
        return None
    words = {w.lower().strip(".’'") for w in ent.name.split()}
    if not words & _KINDS[noun]:
        return None
    k = bisect_left(reg.starts, pos) - 1
    while k >= 0 and reg.mentions[k].entity is not ent and reg.mentions[k].start > pos - _WINDOW:
        k -= 1
    if k >= 0 and reg.mentions[k].entity is not ent:
        return None
    after = reg.text[reg.mentions[k].end : reg.mentions[k].end + 30].split() if k >= 0 else []
    if after and after[0].strip(",.") in DOC_NOUNS:
        return None  # "A Government Accountability Office report found that the agency ...":
    return ent.name  # the office names the report; "the agency" is someone else


@cache
def _person_intro_re(noun: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b[Aa]n?[ \t\xa0]+(?:[\w\-]+[ \t\xa0]+){{0,2}}?{noun}[ \t\xa0]+"
        r"(?:in|at|for|from|with|on|outside|inside|near)[ \t\xa0]+"
    )


_INTRO_END = frozenset({"asks", "asked", "says", "said", "told", "tells", "who", "that", "and"})


def introduced_description(reg: Registry, pos: int, noun: str) -> str | None:
    """ "“...,” a narrator in the Clinton ad asks. ... the ad's narrator says": the unnamed
    person as the article introduced them, with the phrase that tells which one; None when
    it introduced no such person with a modifier (then "the narrator" is as good)."""
    text = reg.text

    def build() -> _Hits:
        ms = list(_person_intro_re(noun).finditer(text))
        return [m.start() for m in ms], list(ms)

    hits = _memo(reg, ("person", noun), build)
    inside = _window(hits, pos - 1500, pos)
    if not inside:
        return None
    last: re.Match[str] = hits[1][inside[-1]]
    words: list[str] = []
    for w in reg.text[last.end() : last.end() + 60].split()[:6]:
        bare = w.rstrip(',.;:”"’')
        if (
            not bare
            or bare.lower() in _INTRO_END
            or bare.lower() in SPEECH_VERBS
            or (bare.islower() and bare.endswith("ed"))  # "at one of the rallies used"
        ):
            break
        words.append(bare)
        if bare != w:
            break  # punctuation ends the phrase
    if not words:
        return None
    intro = " ".join(reg.text[last.start() : last.end()].split() + words)
    return intro[0].lower() + intro[1:]


def _full(reg: Registry, name: str) -> str:
    """The fullest form the article gives a name: "Mariano" -> "Connie Mariano", "Times" ->
    "New York Times" when it names only one such."""
    ent = reg.by_last.get(name) or reg.entities.get(name)
    if ent is None and " " in name:
        title, bare = split_title(name.split())
        if title is not None and bare and is_title_word(title.split()[-1]):
            # "President Obama" -> "Barack Obama"
            key = " ".join(bare)
            ent = reg.by_last.get(key) or reg.entities.get(key)
    if ent is not None:
        return ent.name
    longer = {k for k, e in reg.entities.items() if k.endswith(" " + name)}
    return next(iter(longer)) if len(longer) == 1 else name


def _person(reg: Registry, name: str) -> bool:
    """A person the article named ("Trump"), not an outlet the model could not tell apart
    from one ("Harbour Gazette": no gender, no title, no given name)."""
    ent = reg.by_last.get(name) or reg.entities.get(name)
    return (
        ent is not None
        and not ent.org
        and (ent.gender is not None or ent.title is not None or _is_first_name(ent.name.split()[0]))
    )


def _issuer_at(reg: Registry, a: int, b: int, family: str) -> str | None:
    """Who issued the document whose noun is ``text[a:b]``, from the words around it."""
    text = reg.text
    left = text[max(0, a - 120) : a]
    right = text[b : b + 140]
    if _IN_A_RE.search(left):
        m = _THEN_NAME_RE.match(right)
        if m is not None and "." not in text[b : b + m.start(1)]:
            return _clean(m.group(1))
    for pat in (_OWNER_RE, _VERB_RE, _SAID_IN_RE):
        m = pat.search(left)
        if m is not None:
            return _clean(m.group(1))
    m = _GROUP_VERB_RE.search(left)
    if m is not None:
        desc = m.group(1).split()
        if any(w.lower() in _GROUP_HEADS for w in desc[1:4]):
            return " ".join([desc[0].lower(), *desc[1:]])
    m = _ATTRIB_RE.search(left)
    if m is not None:
        who = _clean(m.group(1))
        # "a New York Times article" names its outlet; "the Trump tax story" is about Trump
        if who is not None and (family == "ad" or not _person(reg, who)):
            return who
    if _AUTHORS_RE.search(left):
        m = _INCLUDE_RE.match(right)
        if m is not None:  # "which include X and Y": the first named
            return _clean(m.group(1).split(" and ")[0])
    m = _BY_RE.match(right)
    if m is not None and "." not in text[b : b + m.start(1)]:
        return _clean(m.group(1))
    return None


@cache
def _family_re(family: str) -> re.Pattern[str]:
    r"""The family's nouns as words: "\b(?:report|study|...)\b", but each noun's opening
    boundary tested after its first letter ("r(?<!\wr)eport"), so that the pattern opens on
    a set of letters and the engine skips to them instead of trying every position."""
    words = "|".join(
        rf"{w[0]}(?<!\w{w[0]}){w[1:]}" for w in sorted(_FAMILIES[family], key=len, reverse=True)
    )
    return re.compile(rf"(?:{words})\b")


def issuer_of(reg: Registry, pos: int, noun: str, upto: int | None = None) -> str | None:
    """ "the report says": who issued the report the article introduced before ``pos`` (or
    in the mention itself, up to ``upto``): the issuer of the last one introduced ("a Times
    article", "a report by X"; "the article" again does not count); None when that one has no
    named issuer, so an older document's issuer is never guessed."""
    family = _FAMILY_OF.get(noun)
    if family is None:
        return None
    text = reg.text

    def build() -> _Hits:
        # every document noun of the family: its issuer, and whether it brings in a new one
        starts: list[int] = []
        info: list[Any] = []
        for m in _family_re(family).finditer(text):
            who = _issuer_at(reg, m.start(), m.end(), family)
            if who is not None and (who.lower() in NOT_NAMES or is_place(who)):
                who = None
            new = who is not None or _NEW_RE.search(text, max(0, m.start() - 40), m.start())
            starts.append(m.start())
            info.append((None if who is None else _full(reg, who), bool(new)))
        return starts, info

    hits = _memo(reg, ("doc", family), build)
    reach = _SHORT_WINDOW if family in _SHORT_LIVED else _WINDOW
    inside = _window(hits, pos - reach, upto or pos)
    names = False
    for k in reversed(inside):
        who, new = hits[1][k]
        if who is not None:
            return str(who)  # the document introduced last, with its issuer ("a Times article")
        if new:
            break  # a new document of unnamed issuer: no older issuer is guessed
    names = any(hits[1][k][0] is not None for k in inside)
    if not names and family == "ruling":
        return org_by_noun(reg, pos, "court")  # "The appeals court ruled ... said the ruling"
    return None

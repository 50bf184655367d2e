"""Entity-model lookups for pronouns and descriptions.

Contract: ``antecedent(pos, pronoun, ...)`` returns the entity a he/she/they/it before
``pos`` refers to (gender and type agreement, subjects before objects, the latest clause
first, never across a long quote; a person introduced with a role after a known subject
outranks it; for it/they a person's campaign opening the sentence, and for a they with no
organisation the first of two people named together), ``prev_subject`` the person named
as a subject just before, ``described_person``/``described_thing`` an unnamed description
("a woman in the crowd", "the email") when it is nearer than any name. Read-only over the
built model.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from bot.core.extract.entity_model import (
    _PRONOUN_RE,
    SAID_AFTER_RE,
    Entity,
    EntityModel,
    Mention,
)
from bot.core.extract.names import (
    GEO_FIRST,
    _is_first_name,
    is_place,
    is_title_word,
    plausible_full_name,
    strip_possessive,
)
from bot.core.extract.nouns import FEMALE_NOUNS, MALE_NOUNS

# "Carole Bower", "Lee J. Epstein"; not "FULL TEXT", "Outreach Undone By Trump"
# "Gilda Cobb-Hunter", "Ann McKee", "Dan O’Brien": a capital inside the surname too
_PERSON_NAME_RE = re.compile(
    r"^[A-Z][a-z’'\-]+(?: [A-Z]\.)?"
    r"(?: (?:Mc|Mac|O['’])?[A-Z][a-z’'\-]*[a-z](?:-[A-Z][a-z’']*[a-z])?){1,2}$"
)
# (the first letter matched before the word boundary is checked behind it: the regex engine
# skips to candidate letters instead of trying the pattern at every position)
_DESCRIBED_RE = re.compile(
    r"[AaOo](?<!\w.)(?:(?<=[Aa])n?|(?<=[Oo])ne|(?<=[Aa])nother)[ \t]+((?:[\w\-]+[ \t]+){0,3}?)"
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
_WORD_RE = re.compile(r"[A-Za-z]+")
_OPEN_QUOTES = frozenset("“\"'‘")
# "...,” Oliver barked": the name right after a closing quote (and a courtesy title)
_TAG_GAP_RE = re.compile(r"[”\"'’][ \t]+(?:[A-Z][a-z]{0,3}\.[ \t]+)?$")
_HE_WORDS = frozenset({"he", "his", "him"})
_POSS_ENDS = frozenset({"'s", "’s"})
# "Christie's been", "Trump's not": 's for "has"/"is" before these
_CONTRACTION_NEXT = frozenset(
    {"been", "not", "never", "also", "got", "gotten", "just", "still", "already", "a", "an"}
    | {"the", "in", "on", "at", "out", "up", "back", "right", "here", "there", "now", "so"}
)
# "would vote for Trump", "a letter to Mr. Hale": the name is the preposition's object
# (not "used by Zimmerman": the doer)
_OBJECT_OF_RE = re.compile(
    r"\b(?:for|of|to|with|about|against|from|at|on|into|toward|than)[ \t]+"
    r"(?:[A-Z][a-z]{0,3}\.[ \t]+)?$"
)
_OPENING_PRONOUN_RE = re.compile(r"(?:He|She)\b")
# "Clinton lambasting", "Clinton — who has ... — lambasting", "Clinton, 68, leading"
_ABSOLUTE_RE = re.compile(
    r"(?:[ \t]+[—–][^—–\n“”\"]{1,140}[—–]|,[^,\n“”\"]{1,80},)?[ \t]+[a-z]{2,}ing\b"
)
# "according to a post from Arianna Huffington": the source of what follows speaks
_ACCORDING_RE = re.compile(
    r"\baccording[ \t]+to[ \t]+(?:(?:an?|the)[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:by|from)[ \t]+)?"
    r"(?:[A-Z][a-z]{0,3}\.[ \t]+)?$"
)
_AND_RE = re.compile(r"(?:,|[ \t])[ \t]*and[ \t]+(?:[A-Z][a-z]{0,3}\.[ \t]+)?$")
_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z][a-z\-]*)\b")
_PLACE_TAILS = frozenset({"street", "avenue", "square", "states", "elementary", "school", "annex"})
# "Choosing between Clinton and Sanders": a name after these is no one's introduction
_OBJECT_WORDS = frozenset(
    {"between", "against", "than", "with", "about", "to", "on", "at", "from", "by", "over"}
    | {"into", "and", "or", "behind", "toward", "towards", "under"}
)
_SHE_WORDS = frozenset({"she", "her"})
# "the Clinton campaign", "Trump backers": a name modifying a noun is no one's antecedent
_MODIFIED_RE = re.compile(
    r"[ \t]+(?:campaign|administration|supporters|backers|camp|aides|team|foundation|family|"
    r"era|presidency|rally|rallies|voters|loyalists|allies|staff|staffers|surrogates|"
    r"campaign['’]s|administration['’]s|White[ \t]+House|doctrine|agenda|plan|victory|win|"
    r"nomination|candidacy|fans|voter|supporter|backer|aide|adviser|advisers|organization)\b"
)
# "On Friday, Attorney General Dana Ruiz took ...": one lead phrase and a title before the name
_LEAD_RE = re.compile(
    r"(?:On|In|At|After|Before|During|Later|Earlier|Meanwhile|Last|This|Since|Asked|Speaking"
    r"|Still|However|Yet|Instead|Separately|Afterward|Afterwards|Then|Now|Today|Yesterday"
    r"|Just|Only|Even|Back|Like|Unlike|Nevertheless|Nonetheless|Elsewhere|Across|Throughout"
    r"|[A-Z][a-z]{2,}ing)"
    r"\b[^,;:“”\"\n]{0,80},[ \t]+((?:[\w.\-]+[ \t]+){0,5})$"
)
# "Ann Fox, a member of the board,", "Ann Fox, 64, who": a person introduced with a role
_INTRODUCED_RE = re.compile(r",[ \t]+(?:an?|the|who|\d+,)[ \t]")
# "Henry Crespo, president of ...", "Ann Fox, a nurse,", "Ann Fox, 64,": a role after the name
_ROLE_APPOS_RE = re.compile(
    r",[ \t]+(?:(?:an?|the)[ \t]+[a-z]|[a-z][a-z\-]*[ \t]+(?:of|for|at)[ \t]|\d{1,3},)"
)
# "Donald Trump’s campaign is ...", "The Clinton campaign said": a person's team as a subject
_TEAM_RE = re.compile(
    r"(?:[Tt]he[ \t]+)?((?:[A-Z][a-z\-]+[ \t]+)?([A-Z][a-z\-]+))(?:['’]s)?[ \t]+"
    r"(campaign|administration)\b(?![’'\-])"
)
_SAID_NEAR_RE = re.compile(
    r"\b(?:said|says|added|wrote|asked|explained|noted|according to)\b[^.\n“”\"]{0,25}$"
)


class Antecedents(EntityModel):
    """The entity model with pronoun and description lookups."""

    _firsts: dict[int, int] | None = None  # entity id -> its first mention, built on demand

    def antecedent(
        self, pos: int, pronoun: str, window: int = 1200, *, strict: bool = True
    ) -> Entity | None:
        """The last fitting named subject before ``pos`` (he/she/they/it); for it/they, a
        campaign named after a person that opens this or the previous sentence."""
        ent = self._named_antecedent(pos, pronoun, window, strict=strict)
        if pronoun.lower() in {"it", "they"}:
            team = self._team_subject(pos, ent)
            if team is not None:
                return team
        if ent is None and pronoun.lower() == "they":
            return self._named_pair(pos)
        return ent

    def _named_pair(self, pos: int) -> Entity | None:
        """ "Senators Charles E. Grassley, Republican of Iowa, and Patrick J. Leahy, ... They
        sent a letter ... “...,” they wrote": with no speaking organisation, two people named
        together in one of the two sentences before; the first of them stands for both."""
        starts = self._sorted_starts
        k = bisect_left(starts, pos + 1) - 1
        lo = starts[k - 2] if k >= 2 else 0
        j = bisect_left(self.starts, pos) - 1
        later: Mention | None = None
        while j >= 0 and self.mentions[j].start >= lo:
            m = self.mentions[j]
            j -= 1
            if m.entity.org or _PERSON_NAME_RE.match(m.entity.name) is None:
                continue
            if later is not None and later.start - m.end <= 80:
                gap = self.text[m.end : later.start]
                if _AND_RE.search(gap) and self._same_sentence(m.start, later.start):
                    return self._full(m.entity, m)
            later = m
        return None

    def _team_subject(self, pos: int, ent: Entity | None) -> Entity | None:
        """ "Donald Trump’s campaign is defending ... It’s denouncing what it calls": the
        campaign (or administration) of a named person opening this or the previous sentence,
        when no fitting name is mentioned after it."""
        starts = self._sorted_starts
        k = bisect_left(starts, pos + 1) - 1
        for s in reversed(starts[max(0, k - 1) : k + 1]):  # this sentence, then the one before
            m = _TEAM_RE.match(self.text, s, pos)
            if m is None:
                continue
            person = self.entities.get(m.group(1)) or self.by_last.get(m.group(2))
            if person is None or person.org or is_place(person.name):
                return None
            if ent is not None and self.last_mention(pos, ent) > m.end():
                return None
            return Entity(f"{m.group(2)} {m.group(3).lower()}", None, None, True)
        return None

    def _named_antecedent(
        self, pos: int, pronoun: str, window: int, *, strict: bool
    ) -> Entity | None:
        """The last fitting named subject before ``pos`` (he/she/they/it)."""
        low = pronoun.lower()
        want_org = low in {"it", "they"}
        gender = {"he": "m", "she": "f"}.get(low)
        k = bisect_left(self.starts, pos) - 1
        if gender is not None and k >= 0:
            own = self._relative_clause_owner(self.mentions[k], pos, gender)
            if own is not None:
                return own
        fallback: Entity | None = None
        fallback_at = -1
        nearest = False  # the fallback is the last fitting name before the pronoun
        seen = False  # a fitting name was met already, walking back
        seen_at = -1  # where the first one met (the latest) starts
        matched: Entity | None = None
        matched_m = fallback_m = None
        obj_m: Mention | None = None  # a fitting name that is a preposition's object
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
                # (or a surname the article merged into a full name: "McLenney said")
                ok = (
                    ent.name in self.by_last
                    or ent.gender is not None
                    or ent.spoke >= 2
                    or m.bare is not None
                )
            g = m.honor or self._mention_gender(m, ent)  # "Mrs. Clinton" is a woman
            if (
                g is None
                and ok
                and gender is not None
                and m.subject
                and m.bare is None
                and _PERSON_NAME_RE.match(ent.name) is not None
            ):
                g = self._pronoun_after(m, k)  # a full name only: not "Republican said he"
            if (
                ok
                and gender is not None
                and _MODIFIED_RE.match(self.text, m.end)
                and not self.text.endswith(("'s", "’s", "'", "’"), m.start, m.end)
            ):
                ok = False  # "the Clinton campaign": not Clinton
            if (
                ok
                and gender is not None
                and not m.subject
                and (
                    self._lead_subject(m)
                    or self._absolute_subject(m)
                    or (
                        self.text.find("according", max(0, m.start - 60), m.start) >= 0
                        and _ACCORDING_RE.search(self.text, max(0, m.start - 60), m.start)
                        is not None
                    )
                )
            ):
                m = replace(m, subject=True)
            elif m.subject and gender is not None and self._possessive(m):
                m = replace(m, subject=False)  # "Trump’s speech ran long": not the subject
            if ok and (gender is None or g in (None, gender)):
                if gender is not None and g == gender and m.subject:
                    # "Ham said he had doubts about President Obama ... he told": the subject
                    # beats a man named after it outside the subject, unless that man came in
                    # a later sentence of his own ("Among the crowd was Dana Ruiz.")
                    if matched_m is None or not (
                        self._own_sentence(m.start, matched_m, pos, gender)
                        or self._introduced_after(m, ent, matched_m, pos)
                    ):
                        matched, matched_m = ent, m
                    break
                if gender is not None and g == gender and matched is None:
                    if not m.subject and _OBJECT_OF_RE.search(
                        self.text, max(0, m.start - 20), m.start
                    ):
                        if obj_m is None:
                            obj_m = m  # "would vote for Trump": kept only if no one else fits
                    else:
                        matched, matched_m = ent, m
                if m.subject and fallback is None:
                    fallback, fallback_at, fallback_m = ent, m.start, m
                    # the last name before the pronoun, introduced by a speech verb
                    # (or only names of what it said: "McLenney said Clinton doesn't ...")
                    nearest = (
                        not seen
                        or (
                            SAID_AFTER_RE.match(self.text, m.end) is not None
                            and self._same_sentence(m.start, seen_at)
                        )
                    ) and self._speaks(m)
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
                if not seen:
                    seen, seen_at = True, m.start
            k -= 1
        if matched is None and obj_m is not None:
            matched_m = obj_m
            matched = obj_m.entity if obj_m.bare is None else obj_m.bare
        if matched is not None and fallback is not None and fallback is not matched:
            fallback_g = self._mention_gender(fallback_m, fallback) if fallback_m else None
            if fallback_g is None:
                # "Carole Bower, 75, a retiree ... ‘...,’ she said": the unknown-gender
                # subject just before beats a woman named further back; "Ham said he had
                # misgivings about President Obama ... he told": and a man named as an object
                dist = pos - fallback_at - self._quoted_between(fallback_at, pos)
                loose_object = matched_m is not None and not matched_m.subject
                if (
                    (
                        _PERSON_NAME_RE.match(fallback.name) is not None
                        or fallback.spoke >= 1
                        # "President Obama backed her up", not a run in the headline
                        or (bool(fallback.roles) and self.text.find("\n", 0, fallback_at) >= 0)
                    )
                    and fallback.name.split()[0].lower() not in GEO_FIRST
                    and 0 <= dist < (1000 if nearest else 600 if loose_object else 250)
                    and (
                        nearest
                        or loose_object
                        or "\n" not in self.text[fallback_at:pos]
                        or (
                            fallback_m is not None
                            and self._closes_paragraph_before(fallback_m, pos)
                        )
                    )
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

    def _pronoun_after(self, m: Mention, k: int) -> str | None:
        """ "Johnnie Wilson, of Springfield, Va., said he had ...", "said Mattie Thomas, 66, a
        retiree. She's a ...": the gender the first he/she after an unknown-gender subject
        gives it, in its own sentence or opening the next, with no person of known gender
        named in between outside a preposition (not "south of Florence")."""
        text = self.text
        starts = self._sorted_starts
        j = bisect_left(starts, m.end)
        stop = min(m.end + 160, starts[j] if j < len(starts) else len(text))
        hit = _PRONOUN_RE.search(text, m.end, stop)
        if hit is None and j < len(starts) and stop == starts[j]:
            hit = _OPENING_PRONOUN_RE.match(text, stop)
        if hit is None or any(c in text[m.end : hit.start()] for c in '“”"\n'):
            return None
        k += 1
        while k < len(self.mentions) and self.mentions[k].start < hit.start():
            x = self.mentions[k]
            if x.entity.gender is not None and not _OBJECT_OF_RE.search(
                text, max(0, x.start - 20), x.start
            ):
                return None
            k += 1
        return "m" if hit.group().lower() in _HE_WORDS or hit.group() == "himself" else "f"

    def _absolute_subject(self, m: Mention) -> bool:
        """ "with Hillary Clinton — who has called for ... — lambasting the plan": the name
        after "with" that an -ing verb follows (past one aside) is that clause's subject."""
        text = self.text
        if not text.endswith(("with ", "With "), max(0, m.start - 5), m.start):
            return False
        return _ABSOLUTE_RE.match(text, m.end, min(len(text), m.end + 160)) is not None

    def _introduced_after(self, m: Mention, ent: Entity, later: Mention, pos: int) -> bool:
        """ "While Obama had ..., that concerns Henry Crespo, president of the caucus. ¶ “...,”
        he said": a person the article introduces (first mention, with a role) after the
        subject of an already known name, and the last person named before the pronoun, is
        who speaks next."""
        first = self._first_at(later.entity)
        if first != later.start or self._first_at(m.entity) >= m.start:
            return False  # not an introduction, or the subject is new here as well
        # the names after it in its own sentence are its apposition's ("of the caucus")
        j = bisect_left(self._sorted_starts, later.end)
        after = self._sorted_starts[j] if j < len(self._sorted_starts) else pos
        k = bisect_left(self.starts, after)
        if any(self._personish(x.entity) for x in self.mentions[k : bisect_left(self.starts, pos)]):
            return False
        return _ROLE_APPOS_RE.match(self.text, later.end) is not None

    def _first_at(self, ent: Entity) -> int:
        """Where ``ent`` is first named outside quotes (cached per article)."""
        if self._firsts is None:
            self._firsts = {id(x.entity): x.start for x in reversed(self.mentions)}
        return self._firsts.get(id(ent), -1)

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

    def _relative_clause_owner(self, m: Mention, pos: int, gender: str) -> Entity | None:
        """ "student Deja Stewart, who laughed when she called him ...": a he/she inside the
        who-clause of the person named just before, when the gender does not disagree."""
        text = self.text
        if not text.startswith((", who ", ", who’", ", who'"), m.end) or pos - m.end > 150:
            return None
        if pos - m.end <= 7:
            return None  # "Marco Rubio, who he dubbed ...": "who" is the object there
        ent = m.entity if m.bare is None else m.bare
        if ent.org or is_place(ent.name) or self._mention_gender(m, ent) not in (None, gender):
            return None
        if not self._same_sentence(m.end, pos) or any(c in text[m.end : pos] for c in '“”"(;'):
            return None
        if _PERSON_NAME_RE.match(ent.name) is None and ent.gender is None:
            return None
        return self._full(ent, m)

    def _closes_paragraph_before(self, m: Mention, pos: int) -> bool:
        """ "... Ann Fox, a member of the board, recalled the vote.\n\n“...,” she said": the
        subject at ``a`` (introduced with a role) is in the last sentence of the paragraph just
        before the one the pronoun opens, and no person is named in that paragraph before it."""
        text = self.text
        a = m.start
        ent = m.entity
        if not ent.roles and ent.title is None and _INTRODUCED_RE.match(text, m.end) is None:
            return False  # "Baxter Quill stayed behind.": no one introduced with a role
        para = text.rfind("\n", a, pos) + 1
        if text.count("\n", a, para) > 2:
            return False
        k = bisect_left(self.starts, para)
        while k < len(self.starts) and self.starts[k] < pos:
            if self._personish(self.mentions[k].entity):
                return False  # a person named in the pronoun's paragraph before it
            k += 1
        return self._sentences_between(a, para) == 0

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

    def _possessive(self, m: Mention) -> bool:
        """ "Trump’s speech": the name owns the subject; not "Christie's been saying" (has)."""
        if self.text[m.end - 2 : m.end] not in _POSS_ENDS:
            return False
        nxt = _NEXT_WORD_RE.match(self.text, m.end)
        if nxt is None:
            return True
        w = nxt.group(1)
        return w not in _CONTRACTION_NEXT and not w.endswith(("ing", "ed", "en"))

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
            surname = strip_possessive(self.text[m.start : m.end].split()[-1])
            got = self.by_honorific(surname, m.honor)
            if got is None and ent.gender not in (None, m.honor):
                # "Mrs. Harlow" where only "Dale Harlow" is named: not her husband's name
                return Entity(surname, None, m.honor, False)
            return got or ent
        return ent

    def by_honorific(self, surname: str, gender: str) -> Entity | None:
        """ "Mrs. Clinton" where "Bill Clinton" and "Hillary Clinton" are both named: the one
        full name of that gender, when there is exactly one."""
        cands = [
            c
            for c in self.by_last_all.get(surname, ())
            if c.gender == gender and plausible_full_name(c.name)
        ]
        return cands[0] if len(cands) == 1 else None

    def _speaks(self, m: Mention) -> bool:
        """ "noted NBC's Dante Chinni" / "Chinni said": the mention sits by a speech verb."""
        text = self.text
        return (
            SAID_AFTER_RE.match(text, m.end) is not None
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
            if pronoun == "he" and noun in FEMALE_NOUNS:
                continue
            if pronoun == "she" and noun in MALE_NOUNS:
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

    def _lead_subject(self, m: Mention) -> bool:
        """ "On Friday, Attorney General Dana Ruiz took ...": a person named right after one
        short lead phrase is the subject of the sentence's main clause."""
        k = bisect_left(self._sorted_starts, m.start + 1) - 1
        if k < 0 or m.start - self._sorted_starts[k] > 100:
            return False
        lead = _LEAD_RE.fullmatch(self.text, self._sorted_starts[k], m.start)
        # "Speaking in Beijing, Foreign Ministry spokesman Lu Kang": only title words between
        return lead is not None and all(
            w[0].isupper() or is_title_word(w) for w in lead.group(1).split()
        )

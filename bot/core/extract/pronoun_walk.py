"""The walk back from a he/she/they/it to the named entity it means.

Contract: ``PronounWalk._named_antecedent(pos, pronoun, window, strict=...)`` returns the
last fitting named entity before ``pos`` (gender and type agreement, subjects before
objects, the latest clause first, never across a long quote; a person introduced with a
role after a known subject outranks it), or None. Read-only over the built model;
``antecedents`` builds its public lookups on it. The mention measures both use live here
too: ``_full`` (the full entity a mention names) with ``by_honorific``, ``_same_sentence``,
``_sentences_between``, ``_quoted_between``, ``_mention_gender``, ``_personish``.

``_named_antecedent`` runs in this order: the owner of the who-clause a he/she sits in
(``_relative_clause_owner``); else a walk back over the mentions (``_walk_back``) where
each one is checked for kind (``_fits_pronoun``), given the gender it shows (its title's,
the entity's, or ``_gender_after``), dropped when it modifies a noun ("the Clinton
campaign"), read as a subject or not (``_as_subject``) and met (``_meet``, ``_meet_match``)
until a subject of the pronoun's gender ends it; then ``_choose_antecedent`` weighs the
match against the fallback subject (``_fallback_beats``) and the loose person named outside
a subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from bot.core.extract.entity_model import (
    _PRONOUN_RE,
    Entity,
    EntityModel,
    Mention,
)
from bot.core.extract.mention_clauses import SAID_AFTER_RE
from bot.core.extract.names import (
    GEO_FIRST,
    _is_first_name,
    is_place,
    is_title_word,
    plausible_full_name,
    strip_possessive,
)

# "Carole Bower", "Lee J. Epstein"; not "FULL TEXT", "Outreach Undone By Trump"
# "Gilda Cobb-Hunter", "Ann McKee", "Dan O’Brien": a capital inside the surname too
_PERSON_NAME_RE = re.compile(
    r"^[A-Z][a-z’'\-]+(?: [A-Z]\.)?"
    r"(?: (?:Mc|Mac|O['’])?[A-Z][a-z’'\-]*[a-z](?:-[A-Z][a-z’']*[a-z])?){1,2}$"
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
_SAID_NEAR_RE = re.compile(
    r"\b(?:said|says|added|wrote|asked|explained|noted|according to)\b[^.\n“”\"]{0,25}$"
)


@dataclass(slots=True)
class _Walk:
    """What the walk back from a pronoun has met so far (``PronounWalk._walk_back``)."""

    matched: Entity | None = None  # a name of the pronoun's gender
    matched_m: Mention | None = None
    obj_m: Mention | None = None  # a fitting name that is a preposition's object
    fallback: Entity | None = None  # the first fitting subject met (the latest)
    fallback_at: int = -1
    fallback_m: Mention | None = None
    nearest: bool = False  # the fallback is the last fitting name before the pronoun
    seen: bool = False  # a fitting name was met already, walking back
    seen_at: int = -1  # where the first one met (the latest) starts
    loose: Mention | None = None  # "the foreign minister, Erlan Idrissov, ...": no subject


class PronounWalk(EntityModel):
    """The entity model with the walk back from a pronoun and the mention measures."""

    _firsts: dict[int, int] | None = None  # entity id -> its first mention, built on demand

    def _named_antecedent(
        self, pos: int, pronoun: str, window: int, *, strict: bool
    ) -> Entity | None:
        """The last fitting named subject before ``pos`` (he/she/they/it): the owner of the
        who-clause a he/she sits in, else what the walk back over the mentions meets
        (``_walk_back``), weighed by ``_choose_antecedent``."""
        low = pronoun.lower()
        gender = {"he": "m", "she": "f"}.get(low)
        k = bisect_left(self.starts, pos) - 1
        if gender is not None and k >= 0:
            own = self._relative_clause_owner(self.mentions[k], pos, gender)
            if own is not None:
                return own
        walk = self._walk_back(k, pos, low, gender, window, strict=strict)
        return self._choose_antecedent(walk, pos, gender)

    def _walk_back(
        self, k: int, pos: int, low: str, gender: str | None, window: int, *, strict: bool
    ) -> _Walk:
        """Walk back from mention ``k`` within ``window`` characters of ``pos``: each mention
        of the right kind (``_fits_pronoun``), with the gender it shows (its title's, the
        entity's, or ``_gender_after``), not a name modifying a noun, read as a subject or
        not (``_as_subject``), is met (``_meet``) until a subject of the pronoun's gender
        ends the walk."""
        want_org = low in {"it", "they"}
        walk = _Walk()
        while k >= 0:
            m = self.mentions[k]
            if m.start < pos - window:
                break
            ent = m.entity if m.bare is None else m.bare
            # the kind test in place (a person for he/she, an organisation for it/they):
            # most mentions fail it and need no call
            ok = ent.org is want_org and self._fits_pronoun(
                m, ent, want_org, low, pos, strict=strict
            )
            # the gender it shows: its courtesy title's ("Mrs. Clinton" is a woman), the
            # entity's (a bare surname weighs more), else for a fitting full-name subject
            # the first he/she after it; the common cases here, not in a call per mention
            g = m.honor or (ent.gender if m.bare is None else self._mention_gender(m, ent))
            if g is None and ok and gender is not None and m.subject and m.bare is None:
                g = self._gender_after(m, ent, k)
            if (
                ok
                and gender is not None
                and _MODIFIED_RE.match(self.text, m.end)
                and not self.text.endswith(("'s", "’s", "'", "’"), m.start, m.end)
            ):
                ok = False  # "the Clinton campaign": not Clinton
            if gender is not None:
                m = self._as_subject(m, ok)
            if (
                ok
                and (gender is None or g in (None, gender))
                and self._meet(walk, m, ent, g, gender, pos)
            ):
                break
            k -= 1
        return walk

    def _fits_pronoun(
        self, m: Mention, ent: Entity, want_org: bool, low: str, pos: int, *, strict: bool
    ) -> bool:
        """Of a kind that agrees (``ent.org is want_org``, tested at the call): an organisation
        that can speak for it/they (``_speaking_org`` when ``strict``), a person for he/she:
        not a place, and a lone word only when the article treats it as a name."""
        ok = True
        if want_org and strict and not self._speaking_org(ent, m, low, pos):
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
        return ok

    def _gender_after(self, m: Mention, ent: Entity, k: int) -> str | None:
        """The gender a fitting subject mention ``k`` of unknown gender shows: the first
        he/she after it, for a full name only (not "Republican said he")."""
        if _PERSON_NAME_RE.match(ent.name) is None:
            return None
        return self._pronoun_after(m, k)

    def _as_subject(self, m: Mention, ok: bool) -> Mention:
        """For he/she: a fitting name after a lead phrase, before an -ing clause or after
        "according to" counts as a subject; a possessive subject ("Trump’s speech") not."""
        if (
            ok
            and not m.subject
            and (
                self._lead_subject(m)
                or self._absolute_subject(m)
                or (
                    self.text.find("according", max(0, m.start - 60), m.start) >= 0
                    and _ACCORDING_RE.search(self.text, max(0, m.start - 60), m.start) is not None
                )
            )
        ):
            return replace(m, subject=True)
        if m.subject and self._possessive(m):
            return replace(m, subject=False)  # "Trump’s speech ran long": not the subject
        return m

    def _meet(
        self, walk: _Walk, m: Mention, ent: Entity, g: str | None, gender: str | None, pos: int
    ) -> bool:
        """Record a fitting mention in ``walk``: as the match (``_meet_match``; True ends the
        walk), as the fallback subject, as the loose person named outside a subject."""
        if self._meet_match(walk, m, ent, g, gender, pos):
            return True
        if m.subject and walk.fallback is None:
            walk.fallback, walk.fallback_at, walk.fallback_m = ent, m.start, m
            # the last name before the pronoun, introduced by a speech verb
            # (or only names of what it said: "McLenney said Clinton doesn't ...")
            walk.nearest = (
                not walk.seen
                or (
                    SAID_AFTER_RE.match(self.text, m.end) is not None
                    and self._same_sentence(m.start, walk.seen_at)
                )
            ) and self._speaks(m)
        if walk.fallback is None and gender is None:
            walk.fallback, walk.fallback_m = ent, m
        if (
            walk.loose is None
            and g is None
            and not m.subject
            and _PERSON_NAME_RE.match(ent.name) is not None
            and (_is_first_name(ent.name.split()[0]) or ent.spoke or ent.roles)
        ):
            walk.loose = m
        if not walk.seen:
            walk.seen, walk.seen_at = True, m.start
        return False

    def _meet_match(
        self, walk: _Walk, m: Mention, ent: Entity, g: str | None, gender: str | None, pos: int
    ) -> bool:
        """A he/she of the mention's gender: a subject is the match and ends the walk (True);
        the first other is the match, or only kept as a preposition's object."""
        if gender is not None and g == gender and m.subject:
            # "Ham said he had doubts about President Obama ... he told": the subject
            # beats a man named after it outside the subject, unless that man came in
            # a later sentence of his own ("Among the crowd was Dana Ruiz.")
            if walk.matched_m is None or not (
                self._own_sentence(m.start, walk.matched_m, pos, gender)
                or self._introduced_after(m, ent, walk.matched_m, pos)
            ):
                walk.matched, walk.matched_m = ent, m
            return True
        if gender is not None and g == gender and walk.matched is None:
            if not m.subject and _OBJECT_OF_RE.search(self.text, max(0, m.start - 20), m.start):
                if walk.obj_m is None:
                    walk.obj_m = m  # "would vote for Trump": kept only if no one else fits
            else:
                walk.matched, walk.matched_m = ent, m
        return False

    def _choose_antecedent(self, walk: _Walk, pos: int, gender: str | None) -> Entity | None:
        """The match (or a preposition's object when nothing else matched), unless the
        fallback subject beats it (``_fallback_beats``); else the fallback, or for he/she
        with no subject the loose person."""
        matched, matched_m = walk.matched, walk.matched_m
        fallback, fallback_m = walk.fallback, walk.fallback_m
        if matched is None and walk.obj_m is not None:
            matched_m = walk.obj_m
            matched = walk.obj_m.entity if walk.obj_m.bare is None else walk.obj_m.bare
        if (
            matched is not None
            and fallback is not None
            and fallback is not matched
            and self._fallback_beats(walk, fallback, matched_m, pos)
        ):
            return self._full(fallback, fallback_m)
        if matched is not None:
            return self._full(matched, matched_m)
        if fallback is None and walk.loose is not None and gender is not None:
            # no subject fits: the one person named just before, gender unknown
            loose = walk.loose
            return self._full(loose.entity if loose.bare is None else loose.bare, loose)
        return None if fallback is None else self._full(fallback, fallback_m)

    def _fallback_beats(
        self, walk: _Walk, fallback: Entity, matched_m: Mention | None, pos: int
    ) -> bool:
        """The fallback subject, of unknown gender, beats the match when it could name a
        person and is near enough: "Carole Bower, 75, a retiree ... ‘...,’ she said" (the
        subject just before beats a woman named further back), "Ham said he had misgivings
        about President Obama ... he told" (and a man named as an object)."""
        fallback_m, fallback_at, nearest = walk.fallback_m, walk.fallback_at, walk.nearest
        fallback_g = self._mention_gender(fallback_m, fallback) if fallback_m else None
        if fallback_g is not None:
            return False
        dist = pos - fallback_at - self._quoted_between(fallback_at, pos)
        loose_object = matched_m is not None and not matched_m.subject
        return (
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
                or (fallback_m is not None and self._closes_paragraph_before(fallback_m, pos))
            )
        )

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

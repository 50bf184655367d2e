"""Entity-model lookups for pronouns and descriptions.

Contract: ``antecedent(pos, pronoun, ...)`` returns the entity a he/she/they/it before
``pos`` refers to (gender and type agreement, subjects before objects, the latest clause
first, never across a long quote; a person introduced with a role after a known subject
outranks it; for it/they a person's campaign opening the sentence, and for a they with no
organisation the first of two people named together), ``prev_subject`` the person named
as a subject just before, ``described_person``/``described_thing`` an unnamed description
("a woman in the crowd", "the email") when it is nearer than any name. Read-only over the
built model.

``antecedent`` asks the walk back over the named mentions (``pronoun_walk``, which lists
its steps) first; for it/they a person's campaign opening this or the previous sentence
takes over (``_team_subject``), and a they the walk leaves without an answer goes to the
first of two people named together (``_named_pair``).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from bot.core.extract.entity_model import Entity, Mention
from bot.core.extract.names import is_place
from bot.core.extract.nouns import FEMALE_NOUNS, MALE_NOUNS
from bot.core.extract.pronoun_walk import _PERSON_NAME_RE, PronounWalk

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
_AND_RE = re.compile(r"(?:,|[ \t])[ \t]*and[ \t]+(?:[A-Z][a-z]{0,3}\.[ \t]+)?$")
# "Donald Trump’s campaign is ...", "The Clinton campaign said": a person's team as a subject
_TEAM_RE = re.compile(
    r"(?:[Tt]he[ \t]+)?((?:[A-Z][a-z\-]+[ \t]+)?([A-Z][a-z\-]+))(?:['’]s)?[ \t]+"
    r"(campaign|administration)\b(?![’'\-])"
)


class Antecedents(PronounWalk):
    """The entity model with pronoun and description lookups."""

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

    def last_mention(self, pos: int, ent: Entity) -> int:
        """Where ``ent`` was last named before ``pos`` (-1 when not within reach)."""
        k = bisect_left(self.starts, pos) - 1
        stop = k - 60 if k > 59 else -1
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

"""Stage: the subject that opens a clause, where no speech verb names one.

Contract: ``ClauseSubjects.clause_subject(toks, floor, lo)`` returns ``(speaker, verb index,
"subject")`` for the noun phrase opening the clause between ``floor`` and ``lo`` when a verb
follows it ("The council rejected ...", "Ruiz, the mayor, added"), else ``None``;
``first_np`` returns the clause's first noun phrase resolved ("One operative inside Trump
Tower tried to ..."). Both read only ``toks[floor:lo]``. ``SubjectFinder`` (``subjects``)
builds on this layer: a participle or an "and said" falls back on the clause's subject.
"""

from __future__ import annotations

from collections.abc import Container

from bot.core.extract.clauses import (
    DETERMINERS_POSS,
    LEAD_PREPS,
    QUOTE_TOKS,
    TAG_PUNCT,
    is_name_tok,
    lead_phrase_end,
)
from bot.core.extract.context import ArticleContext
from bot.core.extract.lexicon import (
    CUE_ADVERBS,
    NOT_NAMES,
    NP_STOP,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
)
from bot.core.extract.names import is_first_name
from bot.core.extract.nouns import is_group_noun
from bot.core.extract.phrases import Speaker, np_right
from bot.core.extract.resolve import resolve
from bot.core.extract.tokens import Tok

_AUXILIARIES = frozenset(
    {"can", "could", "will", "would", "may", "might", "must", "should", "is", "was", "has"}
)
# a lowercase word as ``str.split`` leaves it: bare or with the punctuation after it
_WORD_ENDS = ("", ",", ".", ";", ":", "?", "!", "”", '"', ")")

_COURTESY = frozenset({"mr.", "mrs.", "ms.", "dr."})
# the words of ``NOT_NAMES`` that may open a clause's subject (no lead-in before it)
_SUBJECT_OPENERS = frozenset({"he", "she", "they", "i", "we", "the", "a", "an"}) | _COURTESY


def _clause_start(toks: list[Tok], floor: int, lo: int, by_last: Container[str]) -> int | None:
    """Where a clause's subject starts after ``floor``: past quote marks and dashes, a lead
    phrase, up to three prepositional lead-ins ending at a comma ("At a rally in Portsmouth,
    N.H., on Tuesday,") and a conjunction; None when a lead-in has no comma or nothing is
    left before ``lo``."""
    start = floor
    while start < lo and toks[start].text in {"“", '"', "”", ",", "—"}:
        start += 1
    start = lead_phrase_end(toks, start, lo, by_last)
    for _ in range(3):
        if start < lo and (
            toks[start].low in LEAD_PREPS
            or (toks[start].low in NOT_NAMES and toks[start].low not in _SUBJECT_OPENERS)
        ):
            comma = next((i for i in range(start, lo) if toks[i].text == ","), None)
            if comma is None:
                return None
            start = comma + 1
            # "At a rally in Portsmouth, N.H., on Tuesday, Sanders ...": the state
            if (
                start + 2 < lo
                and toks[start].text[0].isupper()
                and toks[start].text.endswith(".")
                and len(toks[start].text) <= 6
                and toks[start + 1].text == ","
            ):
                start += 2
    while start < lo and toks[start].low in {"but", "and", "so", "yet", "meanwhile", ","}:
        start += 1
    return start if start < lo else None


def _verb_after(toks: list[Tok], rng: tuple[int, int], start: int, lo: int) -> int | None:
    """The verb after the subject phrase ``rng``, past a named subject's apposition ("Suu
    Kyi, 70, said", "Ruiz, the mayor, added") and cue adverbs: a lowercase word that is no
    stop word (but "is", "was", "has", "had"); None otherwise."""
    v = rng[1]
    if (
        v < lo
        and toks[v].text == ","
        and (is_name_tok(toks[start]) or toks[start].low in _COURTESY)
    ):
        close = next((k for k in range(v + 1, min(lo, v + 14)) if toks[k].text == ","), None)
        if close is not None and all(t.text not in QUOTE_TOKS for t in toks[v:close]):
            v = close + 1
    while v < lo and toks[v].low in CUE_ADVERBS:
        v += 1
    if v >= lo or not toks[v].text.isalpha() or not toks[v].text.islower():
        return None
    if toks[v].low in NP_STOP and toks[v].low not in {"is", "was", "has", "had"}:
        return None
    return v


def _group_head(toks: list[Tok], rng: tuple[int, int], lo: int) -> tuple[int, int]:
    """ "Farm groups warned", "Trump backers said": a capitalised word that modifies a
    lowercase group or organisation noun is not the subject; the noun is its head."""
    j = rng[1]
    if (
        j < lo
        and toks[j].text.isalpha()
        and toks[j].text.islower()
        and (is_group_noun(toks[j].low) or toks[j].low in ORG_NOUNS)
    ):
        return (rng[0], j + 1)
    return rng


class ClauseSubjects(ArticleContext):
    """The clause-subject layer of the extractor (see the module docstring)."""

    # the article's whitespace-split words, built on first need (``_common_word``)
    _lower_words: frozenset[str] | None = None

    def clause_subject(
        self, toks: list[Tok], floor: int, lo: int
    ) -> tuple[Speaker, int, str] | None:
        """No speech verb: the sentence's subject with the verb after it as a weak cue. The
        steps: where the clause starts past its lead-ins (``_clause_start``), the noun phrase
        there (``_subject_phrase``), the verb after it (``_verb_after``); None when a step
        finds nothing, when the phrase holds nothing that speaks or when it names no one."""
        start = _clause_start(toks, floor, lo, self.reg.by_last)
        if start is None:
            return None
        rng = self._subject_phrase(toks, start, lo)
        if rng is None:
            return None
        v = _verb_after(toks, rng, start, lo)
        if v is None:
            return None
        if not any(
            (tk.text[0].isupper() and tk.low not in NOT_NAMES)
            or tk.low in PERSON_PRONOUNS
            or tk.low in ORG_NOUNS
            or tk.low in PERSON_ROLES
            for tk in toks[rng[0] : rng[1]]
        ):
            return None  # "The case is known as ...": not a speaker
        sp = resolve(self.reg, toks, rng)
        if sp.name is None:
            return None
        return (sp, v, "subject")

    def _subject_phrase(self, toks: list[Tok], start: int, lo: int) -> tuple[int, int] | None:
        """The noun phrase opening the clause at ``start``: a pronoun, "the"/"a" up to its
        organisation or role noun ("The Republican nominee"), else the phrase to the right;
        None for a question's modal, a phrase that runs to ``lo`` or a common word."""
        t = toks[start]
        if (
            t.text == "Will"
            and start + 1 < lo
            and toks[start + 1].text[0].islower()
            and any(x.text == "?" for x in toks[start:])
        ):
            return None  # "Will voters accept ...?": the modal opening a question
        head = next(
            (
                j
                for j in range(start + 1, min(lo, start + 4))
                if toks[j].low in ORG_NOUNS or toks[j].low in PERSON_ROLES
            ),
            None,
        )
        while (
            head is not None
            and head + 1 < min(lo, start + 5)
            and (toks[head + 1].low in ORG_NOUNS or toks[head + 1].low in PERSON_ROLES)
        ):
            head += 1  # "The Republican nominee also outlined": the noun after the modifier
        if t.low in {"he", "she", "they", "i", "we"}:
            rng: tuple[int, int] | None = (start, start + 1)
        elif t.low in {"the", "a", "an"} and head is not None:
            rng = (start, head + 1)  # "The council rejected ..."
        else:
            rng = np_right(toks, start - 1, lo)
        if rng is None or rng[0] != start or rng[1] >= lo:
            return None
        rng = _group_head(toks, rng, lo)
        if rng[1] - rng[0] == 1 and self._common_word(toks, rng[0], lo):
            return None  # "Good information can ...", "Local news affiliate ...": no name
        while rng[1] - rng[0] > 1 and toks[rng[1] - 1].low in CUE_ADVERBS:
            rng = (rng[0], rng[1] - 1)  # "Politifact then ruled": the adverb is not the name
        return rng

    def _common_word(self, toks: list[Tok], k: int, lo: int) -> bool:
        """ "Good", "Local", "Nuclear": a capitalised word alone that the article also
        writes in lowercase, or that modifies a lowercase noun before an auxiliary ("Good
        information can ..."), and is never part of a full name is a common word opening
        the sentence, not a name ("Rice" in an article about Condoleezza Rice stays one)."""
        t = toks[k]
        if not t.text[:1].isupper() or not t.text.isalpha() or t.text.isupper():
            return False
        if t.low in NOT_NAMES or t.low in PERSON_PRONOUNS or t.low.endswith("s"):
            return False  # "He", "The": handled as what they are; "Leaders" may speak
        if is_first_name(t.text) or t.text in self.reg.by_last_all:
            return False
        if (
            k + 2 < lo
            and toks[k + 1].text.isalpha()
            and toks[k + 1].text.islower()
            and toks[k + 2].low in _AUXILIARIES
        ):
            return True  # "Good information can still ...": the noun after it is the head
        if self._lower_words is None:
            self._lower_words = frozenset(self.text.split())  # one C-level pass, no regex
        words = self._lower_words
        return any(t.low + end in words for end in _WORD_ENDS)

    def first_np(self, toks: list[Tok], floor: int, c: int) -> Speaker | None:
        """ "One operative inside Trump Tower tried to ..., saying ...": the clause subject."""
        a = floor
        while a < c and (toks[a].text in TAG_PUNCT or toks[a].low in {"but", "and", "so"}):
            a += 1
        a = lead_phrase_end(toks, a, c, self.reg.by_last)
        if a >= c or any(t.text in QUOTE_TOKS for t in toks[a:c]):
            return None
        first = toks[a]
        if first.low in DETERMINERS_POSS or first.low in {"one", "another"}:
            e = a + 1
            while (
                e < c
                and e - a < 5
                and toks[e].text.isalpha()
                and toks[e].low not in NP_STOP
                and not toks[e].low.endswith("ed")
            ):
                e += 1
                if toks[e - 1].low in ORG_NOUNS or toks[e - 1].low in PERSON_ROLES:
                    break  # "His office put out ...": the head noun ends the subject
            if e - a < 2:
                return None
            rng: tuple[int, int] | None = (a, e)
        elif first.text[0].isupper() and first.low not in NOT_NAMES:
            rng = np_right(toks, a - 1, c)
            if rng is None or rng[0] != a:
                return None
        elif first.low in {"he", "she", "they"}:
            rng = (a, a + 1)
        else:
            return None
        assert rng is not None
        return resolve(self.reg, toks, rng)

"""Stage: the subject of a speech cue, found leftwards in its clause.

Contract: ``SubjectFinder.subject(toks, c, floor, ceil)`` returns the ``Speaker`` of the cue
``toks[c]`` (the noun phrase before it, an inverted "said Macron", "according to X", a
document that "reads", a relative "who said"), resolved through the entity model, or
``None``, by the steps its docstring lists; where no noun phrase stands by the cue it falls
back on the clause's subject (``clause_subjects``, the layer below). Never looks past
``floor``/``ceil``.
"""

from __future__ import annotations

from bot.core.extract.clause_subjects import ClauseSubjects
from bot.core.extract.clauses import (
    CLAUSE_WORDS,
    LEAD_PREPS,
    QUOTE_TOKS,
    SUBORDINATORS,
    TAG_PREPS,
    TAG_PUNCT,
    according_np,
    is_name_tok,
    opens_clause,
    skip_home,
)
from bot.core.extract.cues import ALL_CUES, CUE_WORDS, NOUN_DETS, is_cue
from bot.core.extract.lexicon import (
    CUE_ADVERBS,
    NP_STOP,
    PERSON_PRONOUNS,
    PERSON_ROLES,
)
from bot.core.extract.nouns import is_person_noun
from bot.core.extract.phrases import Speaker, mute_phrase, np_left, np_right
from bot.core.extract.resolve import resolve
from bot.core.extract.roles import role_modifier
from bot.core.extract.tokens import Tok

# any noun phrase after these is their object ("responded on Facebook writing “...”"); "in"
# only before a determiner ("but in a later interview said", yet "a woman in Worcester,
# Mass., told"), and "with" never ("with the union calling")
_PLAIN_OBJECT_PREPS = frozenset(
    {"to", "on", "from", "about", "at", "into", "under", "toward", "through", "against"}
)
# things that carry printed words: "a sign saying “...”", "T-shirts that said “...”"
_TEXT_BEARERS = frozenset(
    [
        "sign",
        "signs",
        "banner",
        "banners",
        "headline",
        "headlines",
        "cover",
        "covers",
        "shirt",
        "shirts",
        "t-shirt",
        "t-shirts",
        "bottle",
        "bottles",
        "poster",
        "posters",
        "placard",
        "placards",
        "billboard",
        "billboards",
        "sticker",
        "stickers",
        "button",
        "buttons",
        "hat",
        "hats",
        "cap",
        "caps",
        "mug",
        "mugs",
        "flyer",
        "flyers",
        "editorial",
        "editorials",
        "chyron",
        "caption",
        "captions",
        "graphic",
        "slide",
        "slides",
        "screen",
        "screens",
        "mailer",
        "mailers",
    ]
)
_BEARER_CUES = frozenset(
    {
        "saying",
        "said",
        "says",
        "say",
        "reading",
        "read",
        "reads",
        "calling",
        "telling",
        "declaring",
        "proclaiming",
        "asking",
        "urging",
        "warning",
    }
)
# participles that hang a "by"/"to" phrase on a noun: "a memo obtained by the Post"
_MODIFIER_PARTICIPLES = frozenset(
    {"obtained", "seen", "reviewed", "speaking", "talking", "quoted", "cited", "published"}
)
_HEAD_PREPS = frozenset({"in", "to", "of", "for", "at", "on", "from", "with", "by", "about"})
_REPORT_ADVERBS = frozenset({"first", "also", "originally", "previously", "earlier", "later"})
# auxiliaries and floating quantifiers between a subject and its verb: "have called"
_AUX_WORDS = frozenset(
    {"have", "has", "had", "each", "both", "all", "also", "once", "often", "long", "repeatedly"}
)
_NP_GLUE = frozenset({"and", "the", "of", "a", "an", "for"})
# plural subjects with no determiner: "former workers", "critics" ("what some call" is
# the writer's hedge, not a speaker)
_GROUP_LEADS = frozenset({"former", "critics", "opponents", "supporters"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})


def _from_place(
    toks: list[Tok], rng: tuple[int, int] | None, floor: int, ceil: int
) -> tuple[int, int] | None:
    """ "The senator from Vermont said", "said the senator from Vermont": a role and the place
    it is from are one phrase; the place alone is not the speaker."""
    if rng is None:
        return None
    a, b = rng
    if b < ceil - 1 and toks[b].low == "from" and toks[b - 1].low in PERSON_ROLES:
        e = b + 1
        while e < min(ceil, b + 4) and toks[e].text[:1].isupper() and role_modifier(toks[e].text):
            e += 1
        return (a, e) if e > b + 1 else None
    if (
        a - 2 >= floor
        and toks[a - 1].low == "from"
        and toks[a - 2].low in PERSON_ROLES
        and all(role_modifier(t.text) for t in toks[a:b])
    ):
        head = np_left(toks, a - 1, floor)
        if head is not None and head[1] == a - 1:
            return (head[0], b)
    return None


def _joined_roles(
    toks: list[Tok], rng: tuple[int, int] | None, floor: int
) -> tuple[int, int] | None:
    """ "The former first lady and U.S. senator said": two roles joined by "and" after one
    "the" are one person; the second alone ("U.S. senator") is not the subject."""
    if rng is None or rng[0] - 2 < floor or toks[rng[0] - 1].low != "and":
        return None
    if toks[rng[1] - 1].low not in PERSON_ROLES:
        return None
    first = np_left(toks, rng[0] - 1, floor)
    if (
        first is None
        or first[1] != rng[0] - 1
        or toks[first[0]].low != "the"
        or not (toks[first[1] - 1].low in PERSON_ROLES or is_person_noun(toks[first[1] - 1].low))
        or any(
            t.text[:1].isupper() and not role_modifier(t.text)
            for t in toks[first[0] + 1 : first[1]]
        )
    ):
        return None
    return (first[0], rng[1])


def _quoted_as(toks: list[Tok], c: int, floor: int) -> bool:
    """ "is quoted as saying": the participle at ``c`` hangs on a passive "quoted as"."""
    return (
        c - 3 >= floor
        and toks[c - 1].low == "as"
        and toks[c - 2].low == "quoted"
        and toks[c - 3].low in {"is", "was", "were", "are", "been"}
    )


def _participle(toks: list[Tok], c: int, floor: int) -> bool:
    """The "-ing" cue at ``c`` opens a participle clause: a comma before it, past cue adverbs
    ("..., recently telling one friend") or inside a closing quote mark (“... values,” saying)."""
    b = c - 1
    while b > floor and toks[b].low in CUE_ADVERBS:
        b -= 1
    if b >= floor and toks[b].text == ",":
        return True
    return b - 1 >= 0 and toks[b].text in QUOTE_TOKS and toks[b - 1].text == ","


class SubjectFinder(ClauseSubjects):
    """Finds the subject of a speech cue; the first layer of the extractor."""

    # -- attribution of one cue -------------------------------------------------------------

    def subject(
        self, toks: list[Tok], c: int, floor: int, ceil: int, *, invert: bool = False
    ) -> Speaker | None:
        """The speaker of the cue ``toks[c]``, by these steps in order:

        1. "according to X": X;
        2. a thing bearing the words ("a sign saying") or "what X called" (``_what_subject``);
        3. "X is quoted as saying": the passive verb's subject;
        4. not a participle ("X said"): the noun phrase left of the cue (``_left_subject``);
        5. an inverted tag ("said X"), when ``invert`` (``_inverted_subject``);
        6. a participle ("..., adding"): the subject of the clause's earlier cue;
        7. coordinated or clause-level: "he and she said", "... and said", "..., saying".
        """
        if toks[c].low == "according":
            rng = according_np(toks, c + 1, ceil)
            return resolve(self.reg, toks, rng) if rng else None
        # the set test at the call: a function call costs more, and few cues are a bearer's
        bearer = self._text_bearer(toks, c, floor) if toks[c].low in _BEARER_CUES else None
        if bearer is None:
            # "what" in the text _what_subject would scan is its first test; most cues lack it
            lo = floor if floor > c - 20 else c - 20
            if "what" in self.reg.text[toks[lo].start : toks[c].start].lower():
                bearer = self._what_subject(toks, c, floor)
        if bearer is not None:
            return bearer
        ing = toks[c].low.endswith("ing")
        if ing and _quoted_as(toks, c, floor):
            # "Braynard is quoted as saying": the subject of the passive verb
            return self.subject(toks, c - 3 if toks[c - 3].low != "been" else c - 4, floor, c)
        participle = ing and _participle(toks, c, floor)
        found: Speaker | None = None
        if not participle:
            found = self._left_subject(toks, c, floor, ing)
            if found is None and invert:
                found = self._inverted_subject(toks, c, ceil)
        else:
            found = self._earlier_cue_subject(toks, c, floor)
        return found or self._clause_level_subject(toks, c, floor, participle)

    def _left_subject(self, toks: list[Tok], c: int, floor: int, ing: bool) -> Speaker | None:
        """ "X said", "the man who said", "the ad calling": the noun phrase before the cue,
        past modifiers, places and joined roles; the clause's subject when that phrase is a
        verb's object, names nothing that speaks, or is a relative clause's pronoun. None only
        when no phrase stands before the cue."""
        # each helper's first test is repeated at its call: most cues need none of them,
        # and a call costs far more than the test
        if c - 1 > floor and toks[c - 1].text == ",":
            head = self._relative_head(toks, c, floor)
            if head is not None:
                return head
        rng = np_left(toks, c, floor)
        if rng is not None and rng[0] - 3 >= floor and toks[rng[0] - 1].low in {"by", "to"}:
            rng = self._modified_head(toks, rng, floor) or rng
        # "from" next to the phrase is _from_place's first test; few phrases have one
        if rng is not None and (
            toks[rng[0] - 1].low == "from" or (rng[1] < c and toks[rng[1]].low == "from")
        ):
            rng = _from_place(toks, rng, floor, c) or rng
        if rng is not None and rng[0] - 2 >= floor and toks[rng[0] - 1].low == "and":
            rng = _joined_roles(toks, rng, floor) or rng
        if rng is None or not (rng[1] - rng[0] == 1 or toks[rng[0]].text[0].isupper()):
            who = self._relative_who(toks, c, floor, rng)
            if who is not None:
                return who
        if rng is None:
            return None
        if ing and self._object_of_verb(toks, rng, floor):
            # "Trump released a new radio ad calling it ...": the ad is the verb's
            # object; the participle belongs to the clause, whose subject speaks
            found = self.clause_subject(toks, floor, c)
            if found is not None:
                return found[0]
            first = self.first_np(toks, floor, rng[0] - 1)
            if first is not None and (
                first.name is not None or toks[floor].low in {"the", "a", "an"}
            ):
                return first  # "The town released a statement saying": the town
        if mute_phrase(toks, rng) or (
            rng[0] - 1 > floor
            and (
                toks[rng[0] - 1].low in _PLAIN_OBJECT_PREPS
                or (toks[rng[0] - 1].low == "in" and toks[rng[0]].low in NOUN_DETS)
            )
        ):
            # "any new deal under her watch would demand": the phrase before the verb
            # names nothing that speaks, or "on their way into the polls saying": it is a
            # preposition's object; the clause's subject speaks
            found = self.clause_subject(toks, floor, c)
            if found is not None:
                return found[0]
        sp = resolve(self.reg, toks, rng, who_left=0)
        if rng[0] - 2 >= floor and toks[rng[0] - 1].low == "and":
            sp = self._coordinated_names(toks, rng, floor, sp) or sp
        if rng[1] - rng[0] == 1 and toks[rng[0]].low in SUBJECT_PRONOUNS:
            return self._relative_pronoun_subject(toks, rng, floor, sp) or sp
        return sp

    def _relative_pronoun_subject(
        self, toks: list[Tok], rng: tuple[int, int], floor: int, sp: Speaker
    ) -> Speaker | None:
        """ "Santilli wears a suit in videos he calls “...”", "what he calls": the pronoun of
        a relative clause stands for the sentence's subject, when that subject is the same
        person; None otherwise."""
        if not (
            rng[1] - rng[0] == 1
            and toks[rng[0]].low in {"he", "she", "they"}
            and rng[0] - 1 > floor
            and (toks[rng[0] - 1].low == "what" or toks[rng[0] - 1].text.islower())
            # "daughters, who he said were living in Russia": "who" is the subject
            # of the reported clause, so "he said" is a parenthetical tag, its own
            and toks[rng[0] - 1].low not in NP_STOP | {"that", "and", "but", "who"}
            and toks[rng[0] - 1].low not in SUBORDINATORS
            and sp.name is not None
        ):
            return None
        found = self.clause_subject(toks, floor, rng[0])
        return found[0] if found is not None and found[0].name == sp.name else None

    def _inverted_subject(self, toks: list[Tok], c: int, ceil: int) -> Speaker | None:
        """ "..., said X": the noun phrase right after the cue, unless it opens a clause or
        is the verb's object ("described the emotional toll as “...”")."""
        rng = np_right(toks, c, ceil)
        if rng is not None and (  # as in _left_subject
            toks[rng[0] - 1].low == "from" or (rng[1] < ceil and toks[rng[1]].low == "from")
        ):
            rng = _from_place(toks, rng, c + 1, ceil) or rng
        if (
            rng is not None
            and rng[0] == c + 1
            and not opens_clause(toks, rng, ceil)
            and not (
                rng[1] + 1 < len(toks)
                and toks[rng[1]].low == "as"
                and toks[rng[1] + 1].text in QUOTE_TOKS
            )
        ):
            return resolve(self.reg, toks, rng)
        return None

    def _earlier_cue_subject(self, toks: list[Tok], c: int, floor: int) -> Speaker | None:
        """ "Nefzi said, adding, ...": the named subject of the same clause's earlier cue
        (within 12 tokens, not past a quote mark)."""
        for k in range(c - 2, max(floor, c - 12) - 1, -1):
            if toks[k].text in {"“", "”", '"'}:
                break
            if toks[k].low in CUE_WORDS and is_cue(toks, k) and not toks[k].low.endswith("ing"):
                found_sp = self.subject(toks, k, floor, c)
                if found_sp is not None and found_sp.name is not None:
                    return found_sp
                break
        return None

    def _clause_level_subject(
        self, toks: list[Tok], c: int, floor: int, participle: bool
    ) -> Speaker | None:
        """ "he and she said": the coordinated pronoun; "..., stating that", "... and said":
        the subject of the clause (of the main clause, for a participle right after a quote:
        "Lee defended “local values,” saying ...")."""
        coordinated = self._coordinated_pronoun(toks, c, floor)
        if coordinated is not None:
            return coordinated
        if not participle and not (c > floor and toks[c - 1].low in {"and", ",", "but"}):
            return None
        found = self.clause_subject(toks, floor, c)
        if (
            found is None
            and participle
            and floor > 0
            and not any(t.text[0].isalnum() for t in toks[floor:c])
        ):
            found = self.clause_subject(toks, 0, c)
        return found[0] if found is not None else None

    def _text_bearer(self, toks: list[Tok], c: int, floor: int) -> Speaker | None:
        """ "held up a sign saying “...”", "a headline that said": the sign is the source.

        The words are printed on a thing, not spoken by the person holding it.
        """
        if toks[c].low not in _BEARER_CUES:
            return None
        e = c - 1 if c - 1 > floor and toks[c - 1].low in {"that", "which"} else c
        if e - 1 < floor or toks[e - 1].low not in _TEXT_BEARERS:
            return None
        rng = np_left(toks, e, floor)
        if rng is None or rng[1] != e:
            return None
        return resolve(self.reg, toks, rng)

    def _what_subject(self, toks: list[Tok], c: int, floor: int) -> Speaker | None:
        """ "in what Bay Rowan, a campaign treasurer, called “...”", "what former workers have
        called": the noun phrase between "what" and the cue speaks, appositions aside."""
        a = None
        for k in range(c - 1, (floor if floor > c - 20 else c - 20) - 1, -1):
            if toks[k].low == "what":  # a loop, not ``next`` over a generator: asked per cue
                a = k + 1
                break
        if a is None or a >= c:
            return None
        e = c
        while e - 1 > a and toks[e - 1].low in _AUX_WORDS:
            e -= 1
        comma = next((i for i in range(a, e) if toks[i].text == ","), None)
        if comma is not None:
            e = comma  # "what Bay Rowan, treasurer for the campaign, called": the name
        if e <= a or e - a > 6 or any(not t.text[0].isalnum() for t in toks[a:e]):
            return None
        first = toks[a]
        if first.low in PERSON_PRONOUNS or not (
            first.text[0].isupper() or first.low in NOUN_DETS or first.low in _GROUP_LEADS
        ):
            return None
        words = toks[a:e]
        if any((t.low in CLAUSE_WORDS and t.low != "and") or t.low in ALL_CUES for t in words):
            return None
        loose = [t for t in words[1:] if t.text.islower() and t.low not in _NP_GLUE]
        if loose and len(words) > 3:
            return None  # "what a firm commitment looks like": a clause, not a subject
        return resolve(self.reg, toks, (a, e))

    def _relative_head(self, toks: list[Tok], c: int, floor: int) -> Speaker | None:
        """ "Glen Ashby, who is a pastor at the Valley Church, Colorado, slammed": Ashby.

        A relative clause set off by commas may hold commas of its own (a place, an
        apposition); the subject is the name before ", who" / ", whose", not the last noun
        phrase inside the clause.
        """
        if c - 1 <= floor or toks[c - 1].text != ",":
            return None
        for k in range(c - 2, max(floor, c - 40), -1):
            t = toks[k]
            if t.text in QUOTE_TOKS or t.text in {";", ":", "(", ")"}:
                return None
            if t.low in {"who", "whose"} or (
                t.low in NOUN_DETS
                and toks[k - 1].text == ","
                and not any(tk.low in {"that", "which", "whom", "who"} for tk in toks[k:c])
            ):
                # "Giovanni Vian, the editor of the Vatican's paper, L'Osservatore, said"
                if k - 1 <= floor or toks[k - 1].text != ",":
                    return None
                j = skip_home(toks, k - 1, floor)  # "Rawlings, 59, of Ashton, Md., who"
                if j == k - 1 and not any(tk.text == "," for tk in toks[k + 1 : c - 1]):
                    continue  # one plain clause: np_left already reads "X, who ..., said"
                rng = np_left(toks, j, floor)
                if rng is None or rng[1] != j:
                    continue
                if rng[0] > floor and toks[rng[0] - 1].low in _HEAD_PREPS:
                    continue  # "In a statement to the Observer, her adviser, ..., said"
                sp = resolve(self.reg, toks, rng)
                if sp.named:
                    return sp
        return None

    @staticmethod
    def _modified_head(
        toks: list[Tok], rng: tuple[int, int] | None, floor: int
    ) -> tuple[int, int] | None:
        """ "A letter obtained by The Courier warns", "a source speaking to Fox News said": the
        phrase before the verb is the agent or object of a participle that modifies the real
        subject, which is the noun phrase before the participle."""
        if rng is None or rng[0] - 3 < floor:
            return None
        prep, part, noun = toks[rng[0] - 1], toks[rng[0] - 2], toks[rng[0] - 3]
        if prep.low not in {"by", "to"} or part.low not in _MODIFIER_PARTICIPLES:
            return None
        if not noun.text.isalpha() or noun.low in NP_STOP or noun.low in PERSON_PRONOUNS:
            return None  # "Trump, speaking to CNN, said": an aside of the subject itself
        head = np_left(toks, rng[0] - 2, floor)
        return head if head is not None and head[1] == rng[0] - 2 else None

    def _relative_who(
        self, toks: list[Tok], c: int, floor: int, rng: tuple[int, int] | None
    ) -> Speaker | None:
        """ "Beck, who has in the past described Trump as ...": the relative pronoun is the
        subject; the lowercase phrase just before the verb ("the past") is a prepositional
        object, not a speaker."""
        if rng is not None and (rng[1] - rng[0] == 1 or toks[rng[0]].text[0].isupper()):
            return None
        for k in range(c - 1, (floor if floor > c - 8 else c - 8) - 1, -1):
            t = toks[k]
            if t.low == "who":
                if k - 1 < floor or toks[k - 1].text != ",":
                    return None
                sp = resolve(self.reg, toks, (k, k + 1), who_left=floor)
                return sp if sp.name is not None else None
            if t.text.isdigit():
                continue  # "McConnell, who in 2010 said": a year inside the clause
            if not t.text.isalpha() or not t.text.islower() or t.low in {"and", "that", "but"}:
                return None
        return None

    def _coordinated_pronoun(self, toks: list[Tok], c: int, floor: int) -> Speaker | None:
        """ "he laughed and said", "she thanked them and later wrote": the cue shares the
        subject of the verb before "and"; when that subject is a pronoun, it is the
        mention as written (resolved to its antecedent)."""
        b = c - 1
        while b > floor and toks[b].low in CUE_ADVERBS:
            b -= 1
        if b <= floor or toks[b].low != "and":
            return None
        for k in range(b - 1, max(floor, b - 7) - 1, -1):
            t = toks[k]
            if t.low in SUBJECT_PRONOUNS:
                before = toks[k - 1] if k > 0 else None
                opens = (
                    before is None
                    or not before.text.isalpha()
                    or before.low in SUBORDINATORS
                    or before.text[0].isupper()
                )  # not "confirmed she had been and said": a complement clause's subject
                return resolve(self.reg, toks, (k, k + 1)) if opens and k < b - 1 else None
            if not (t.text.isalpha() and t.text.islower()) or t.low in SUBORDINATORS:
                return None
        return None

    @staticmethod
    def _reported_by(toks: list[Tok], a: int, ceil: int) -> tuple[int, int] | None:
        """The outlet of a closing ", reports X." / ", X reported." (character span)."""
        end = ceil if ceil < len(toks) else len(toks)
        while end > a and toks[end - 1].text in {".", "”", '"'}:
            end -= 1
        lo = a if a > end - 8 else end - 8
        k = next((i for i in range(end - 1, lo - 1, -1) if toks[i].text == ","), None)
        if k is None or k + 2 >= end:
            return None
        rng: tuple[int, int] | None
        if toks[k + 1].low in {"reports", "reported"}:
            rng = (k + 2, end)  # "reports USA Today": the rest of the sentence
            if not all(t.text[0].isupper() or t.low == "the" for t in toks[k + 2 : end]):
                return None
        elif toks[end - 1].low in {"reports", "reported"}:
            verb = end - 1
            while verb - 1 > k and toks[verb - 1].low in _REPORT_ADVERBS:
                verb -= 1  # "Right Wing Watch first reported."
            rng = np_right(toks, k, verb)
            if rng is not None and rng[1] != verb:
                return None
        else:
            return None
        if rng is None or not any(is_name_tok(t) for t in toks[rng[0] : rng[1]]):
            return None
        return (toks[rng[0]].start, toks[rng[1] - 1].end)

    @staticmethod
    def _object_of_verb(toks: list[Tok], rng: tuple[int, int], floor: int) -> bool:
        """ "issued a statement", "expressed frustration": a determined, lowercase noun
        phrase right after a lowercase verb is that verb's object, not a subject."""
        a = rng[0]
        if a - 1 < floor + 1:
            return False
        head = toks[rng[1] - 1]
        if not head.text.islower() or toks[a].low not in NOUN_DETS | {"an", "some", "one"}:
            return False
        verb = toks[a - 1]
        if verb.low in {"at", "in", "on", "during", "after", "before", "with"}:
            return True  # "at one point calling ...": an adverbial, not the speaker
        return (
            verb.text.isalpha()
            and verb.text.islower()
            and verb.low not in NP_STOP
            and verb.low not in LEAD_PREPS
            and verb.low not in TAG_PREPS
            and verb.low not in {"of", "to", "than", "about", "like", "from", "into"}
        )

    def _coordinated_names(
        self, toks: list[Tok], rng: tuple[int, int], floor: int, last: Speaker
    ) -> Speaker | None:
        """ "Mora and Pratt have slammed ...", "Zeller and 24-year-old Tom Gianelli explained":
        a subject of two named people opening the clause speaks jointly, as an inverted tag
        ("..., Bright and Park said") already does, not the second alone."""
        a = rng[0]
        if not last.named or last.name is None or a - 2 < floor or toks[a - 1].low != "and":
            return None
        first = np_left(toks, a - 1, floor)
        if first is None or first[1] != a - 1 or first[1] - first[0] > 4:
            return None
        opens = first[0] == floor or toks[first[0] - 1].text in TAG_PUNCT
        if not opens or not all(t.text[:1].isupper() for t in toks[first[0] : first[1]]):
            return None
        one = resolve(self.reg, toks, first)
        if not one.named or one.name is None or one.name == last.name:
            return None
        ents = self.reg.entities
        if " and " in last.name or any(
            (e := ents.get(n)) is not None and e.org for n in (one.name, last.name)
        ):
            return None  # "Sanders and CNN": a person and an organisation, not one voice
        mention = (toks[first[0]].start, last.mention[1])
        return Speaker(f"{one.name} and {last.name}", None, mention, True)

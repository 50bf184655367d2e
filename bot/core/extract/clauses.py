"""Clause and source-phrase boundaries: where a source noun phrase starts and ends.

Contract: pure functions over a sentence's tokens (no article state): ``plain_source``,
``according_np``, ``source_np`` give the token range of a source phrase; ``lead_phrase_end``
skips a lead-in (dateline, "In a statement on Monday,") to where the subject starts;
``opens_clause``, ``opens_later_clause`` tell clause openers. Each looks at a bounded window.
"""

from __future__ import annotations

import re
from collections.abc import Container

from bot.core.extract.cues import NOUN_DETS
from bot.core.extract.lexicon import (
    NOT_NAMES,
    NP_STOP,
    PERSON_PRONOUNS,
)
from bot.core.extract.names import STATE_ABBREVIATIONS, is_first_name, is_place
from bot.core.extract.phrases import np_right
from bot.core.extract.tokens import Tok

LEAD_PREPS = frozenset(
    [
        "in",
        "on",
        "at",
        "after",
        "before",
        "during",
        "since",
        "despite",
        "for",
        "with",
        "as",
        "when",
        "while",
        "if",
        "although",
        "by",
        "amid",
        "amidst",
        "given",
        "following",
        "among",
        "unlike",
        "throughout",
        "under",
        "without",
        "upon",
        "beyond",
        "unless",
        "though",
        "because",
        "once",
        "until",
        "whereas",
    ]
)
DASHES = frozenset({"-", "—", "–", "―", "--"})
TAG_PUNCT = frozenset({",", "—", "–", "-", "--", "”", '"', "'", "’", "“"})
QUOTE_TOKS = frozenset({"“", "”", '"'})
CLAUSE_WORDS = frozenset(
    {"who", "which", "that", "because", "if", "when", "while", "and", "but", "is", "was", "are"}
)
DETERMINERS_POSS = frozenset({"the", "a", "an", "his", "her", "their", "its", "one", "another"})
TAG_PREPS = frozenset({"in", "on", "to", "at", "during", "via", "through", "after", "before"})
_SMALL_WORDS = frozenset(
    {"of", "the", "a", "an", "and", "in", "on", "at", "to", "for", "with", "or"}
)
# clause openers: a pronoun after one is that clause's own subject ("though he said")
SUBORDINATORS = frozenset(
    {
        "though",
        "although",
        "when",
        "while",
        "because",
        "after",
        "before",
        "since",
        "as",
        "if",
        "once",
        "until",
        "unless",
        "whereas",
        "where",
        "even",
        "so",
        "that",
        "and",
        "but",
        "or",
    }
)
# words opening a clause of its own inside a sentence ("..., even if he reserved ...")
_LATER_CLAUSE_OPENERS = frozenset({"when", "while", "as", "although", "though", "whereas", "but"})


def title_case(label: str) -> str:
    """ "O'NEILL" -> "O'Neill": a capitalised label as a name is written."""
    return re.sub(r"[A-Z]+", lambda w: w.group()[0] + w.group()[1:].lower(), label)


def _state_abbreviation(word: str) -> bool:
    """ "Md.", "N.Y.", "D.C.": a state as a dateline or a hometown abbreviates it."""
    key = word.lower().replace(".", "")
    return word[:1].isupper() and (key in STATE_ABBREVIATIONS or key == "dc")


def opens_later_clause(toks: list[Tok], k: int) -> bool:
    """ "but he", "when she", ", and they": ``toks[k]`` opens a clause inside the sentence."""
    t = toks[k]
    return t.low in _LATER_CLAUSE_OPENERS or (
        t.low == "and" and toks[k - 1].text in {",", "—", ";"}
    )


def skip_home(toks: list[Tok], j: int, floor: int) -> int:
    """The comma before "Donna Rawlings, 59, of Ashton, Md.,": past an age and a hometown.

    ``toks[j]`` is a comma; segments between commas that are an age, an "of" phrase, a
    place or a state's abbreviation belong to the person before them.
    """
    while True:
        p = next((i for i in range(j - 1, max(floor, j - 8) - 1, -1) if toks[i].text == ","), None)
        if p is None:
            return j
        seg = [t for t in toks[p + 1 : j] if t.text != "."]
        if not seg or not (
            (len(seg) == 1 and seg[0].text.isdigit())
            or seg[0].low == "of"
            or (len(seg) == 1 and _state_abbreviation(seg[0].text))
            or is_place(" ".join(t.text for t in seg))
        ):
            return j
        j = p


def plain_source(toks: list[Tok], k: int, ceil: int) -> tuple[int, int] | None:
    """ "according to audio provided to The Times": a source with no name in it is the
    phrase up to the next comma or full stop (a document, a recording, excerpts)."""
    end = k
    n = min(ceil, len(toks), k + 12)
    while end < n and toks[end].text not in {",", ".", ";", ":", "—", "“", "”", '"'}:
        end += 1
    if end == k or end - k > 10 or (end < len(toks) and toks[end].text not in {",", "."}):
        return None
    return (k, end)


def according_np(toks: list[Tok], k: int, ceil: int) -> tuple[int, int] | None:
    """The source after "according to", with a name in apposition: "the city engineer,
    Priya Nandakumar," is one mention (the name speaks, the role is her title)."""
    rng = np_right(toks, k, ceil)
    if rng is None:
        return None
    j = rng[1]
    n = min(ceil, len(toks))
    if j + 2 < n and toks[j].text == "," and toks[rng[0]].text[0].islower():
        m = j + 1
        while m < n and m - j <= 4 and toks[m].text[0].isupper() and toks[m].low not in NOT_NAMES:
            m += 1
        if m - j >= 3 and m < n and toks[m].text in {",", "."}:
            return (rng[0], m)
    return rng


# words that end the head of a sentence-opening "according to" phrase: what follows them
# (a place, an author, a relative clause) still belongs to the phrase, not to the sentence
_ACCORDING_HEAD_END = frozenset(
    {"in", "from", "of", "by", "on", "at", "for", "who", "that", "which", "released"}
    | {"published", "obtained", "conducted", "issued", "filed"}
)


def lead_according(toks: list[Tok], lo: int) -> tuple[int, int] | None:
    """ "According to the exit polls in Ohio, 24% of voters put ...", "According to his
    longtime physician, Hale had “...”": the head of the source before the main clause.

    A head the noun-phrase parser cannot take whole (a lowercase role after "his", a name
    run into plain nouns, a phrase that goes on with a place or an apposition) is the
    words up to the first comma or preposition, when a comma still closes the phrase
    before the quote.
    """
    via = according_np(toks, 1, lo)
    if via is not None and via[1] < lo and toks[via[1]].text == ",":
        return via
    j = 2
    while (
        j < lo and j < 12 and toks[j].text[0].isalnum() and toks[j].low not in _ACCORDING_HEAD_END
    ):
        j += 1
    if j == 2 or j >= lo or (toks[j].text != "," and toks[j].low not in _ACCORDING_HEAD_END):
        return None
    if not any(t.text == "," for t in toks[j:lo]):
        return None
    return (2, j)


def source_np(toks: list[Tok], p: int) -> tuple[int, int]:
    """ "a fresh CNN-ORC poll", "The next series of emails": the words before the head
    noun ``p``, back to a determiner or the start of the clause."""
    i = p
    while i > 0 and p - i < 6:
        prev = toks[i - 1]
        if not prev.text[0].isalnum() or (prev.low in NP_STOP and prev.low not in DETERMINERS_POSS):
            break
        i -= 1
        if prev.low in DETERMINERS_POSS:
            break
    return (i, p + 1)


_LEAD_TAILS = frozenset({"later", "ago", "earlier", "after", "before"})


def _after_place(toks: list[Tok], pos: int, lo: int) -> int:
    """Past "N.H., on Tuesday," after "At a rally in Portsmouth,": the rest of the phrase
    (a state written out, "Iowa," or "New Hampshire,", is part of it too)."""
    width = 0
    if pos + 2 < lo and toks[pos].text[0].isupper():
        if toks[pos].text.endswith(".") and len(toks[pos].text) <= 6:
            width = 1
        else:
            for w in (1, 2):
                run = " ".join(t.text for t in toks[pos : pos + w])
                if (
                    pos + w < lo
                    and all(t.text.isalpha() for t in toks[pos : pos + w])
                    and is_place(run)
                    and toks[pos + w].text == ","
                ):
                    width = w
                    break
    if width and toks[pos + width].text == ",":
        pos += width + 1
        if toks[pos].low in LEAD_PREPS:
            comma = next((k for k in range(pos, min(lo, pos + 8)) if toks[k].text == ","), None)
            if comma is not None:
                pos = comma + 1
    return pos


def _dateline_end(toks: list[Tok], floor: int, lo: int) -> int:
    """Past a dateline ("WASHINGTON, Dec. 8 (UPI) —", "Paris (AFP) –"), else ``floor``:
    the place that opens a wire story is not the subject of its first sentence."""
    if floor != 0 or floor >= lo or not toks[floor].text[0].isupper():
        return floor
    for k in range(floor + 1, min(lo, floor + 12)):
        t = toks[k]
        if t.text in DASHES:
            agency = k >= 3 and toks[k - 1].text == ")" and toks[k - 2].text.isupper()
            if (len(toks[floor].text) >= 3 and toks[floor].text.isupper()) or agency:
                return k + 1
            return floor
        if not (t.text[0].isupper() or t.text.isdigit() or t.text in {",", ".", "(", ")"}):
            return floor
    return floor


def lead_phrase_end(toks: list[Tok], floor: int, lo: int, known: Container[str]) -> int:
    """Index after an opening adverbial and its comma ("Early in his campaign,", "Back in
    1999,", "Hours later,"), else ``floor``: a sentence's subject follows such a phrase.

    Only a capitalised word followed by a lowercase preposition or a time word qualifies, so
    a name with an apposition ("Clinton, 35, said") is never skipped.
    """
    floor = _dateline_end(toks, floor, lo)
    if floor + 2 >= lo:
        return floor
    first, second = toks[floor], toks[floor + 1]
    if not first.text[0].isupper() or not first.text.isalpha() or first.text in known:
        return floor  # "Clinton in Iowa, ...": a name the article already uses
    if second.text == "," and first.low.endswith("ly") and toks[floor + 2].text.isalpha():
        return floor + 2  # "Specifically, he thought ...": a sentence adverb
    lower_next = second.text.isalpha() and second.text.islower()
    # a participle or a manner adverb opening the sentence is never its subject, unless the
    # article uses it as a name ("Reprising one of her lines, the senator ...", "Fueled by
    # anger, Trump ...", "Hastily politicizing the attack ― ... ― Trump ..."); "Kelly added"
    # and "Ted said" stay names
    participle = lower_next and (
        first.low.endswith("ing")
        or (
            len(first.low) >= 5
            and (
                first.low.endswith("ed")
                or (first.low.endswith("ly") and second.low.endswith(("ing", "ed")))
            )
            and not is_first_name(first.text)
        )
    )
    if first.low in LEAD_PREPS or participle:
        # "Amid the uproar, ...", "Facing criticism, ...": a phrase, then the subject
        k = floor + 1
        while k < min(lo, floor + 24):
            if toks[k].text == ",":
                nxt = toks[k + 1] if k + 1 < lo else None
                if (
                    nxt is not None
                    and k - floor < 14
                    and nxt.text[0].islower()
                    and nxt.low not in PERSON_PRONOUNS
                    and nxt.low not in NOUN_DETS
                    and nxt.low not in {"and", "but", "so", "then"}
                ):
                    k += 1  # "In a wide-ranging, in-prison interview ..., Lazar said"
                    continue
                return _after_place(toks, k + 1, lo)
            if toks[k].text in DASHES and participle:
                # "... ― much like he did last year ― Trump cast": an aside between dashes
                close = next(
                    (j for j in range(k + 1, min(lo, k + 24)) if toks[j].text in DASHES), None
                )
                if close is None:
                    break
                if close + 1 < lo and (
                    is_name_tok(toks[close + 1]) or toks[close + 1].low in PERSON_PRONOUNS
                ):
                    return close + 1
                k = close + 1
                continue
            if toks[k].text in QUOTE_TOKS or toks[k].text in {";", ":", "."}:
                break
            k += 1
        return floor
    # "Ten years ago,", "Late last month,": a time phrase
    time_phrase = floor + 3 < lo and (
        toks[floor + 2].low in _LEAD_TAILS or second.low in {"last", "this", "next"}
    )
    if second.low not in LEAD_PREPS and second.low not in _LEAD_TAILS and not time_phrase:
        return floor
    for k in range(floor + 2, min(lo, floor + 10)):
        if toks[k].text == ",":
            return k + 1
        if toks[k].text in QUOTE_TOKS or toks[k].text in {";", ":", "."}:
            break
    return floor


_AUXILIARIES = frozenset(
    [
        "is",
        "was",
        "are",
        "were",
        "will",
        "would",
        "should",
        "could",
        "can",
        "may",
        "might",
        "must",
        "has",
        "had",
        "have",
        "does",
        "did",
        "do",
        "wants",
        "needs",
        "plans",
        "hopes",
    ]
)


def opens_clause(toks: list[Tok], rng: tuple[int, int], ceil: int) -> bool:
    """ "...” and said the party is bound to lose": the noun phrase after the verb is the
    subject of the reported clause (a verb follows it), not an inverted speaker."""
    j = rng[1]
    if j >= min(ceil, len(toks)):
        return False
    nxt = toks[j]
    return nxt.low in _AUXILIARIES or (
        nxt.text.isalpha() and nxt.text.islower() and nxt.low.endswith("ed") and j > rng[0]
    )


def is_name_tok(t: Tok) -> bool:
    return t.text[0].isupper() and t.low not in NOT_NAMES


def title_like(body: str) -> bool:
    """Short, title-cased, unpunctuated: a work title or a nickname, not speech."""
    body = body.rstrip(".,")
    # at most eight words: more already fail, and a long quote's every word is not made
    words = body.split(None, 7)
    if not words or len(words) > 7 or body[-1] in "!?;:…":
        return False
    # a loop, not all() over a generator (one more object and call): asked per quote
    for w in words:  # noqa: SIM110
        if not (w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha()):
            return False
    return True

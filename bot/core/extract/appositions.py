"""Appositions before a cue: the commas a subject phrase is read across, right to left.

Contract: for ``phrases.np_left``, ``apposition_open`` finds the comma or dash that opens
an apposition ("Smith, a Republican from Ohio, said"), ``before_pieces`` steps over the
place, age and prepositional pieces left of it ("Cory James, 22, of Flint, Mich., said"),
and ``name_before_apposition`` finds the name a "the ..." description is in apposition
to. Pure token scans, each bounded (20 tokens a piece, at most three pieces).
"""

from __future__ import annotations

from bot.core.extract.lexicon import NOT_NAMES, PERSON_ROLES, TITLE_WORDS
from bot.core.extract.names import is_first_name
from bot.core.extract.tokens import Tok

# a token's text is never empty: ``tok.text[0].isupper()`` is ``is_cap(tok.text)`` without
# the call, which costs more than the test (the scans here ask it per token)

_SEGMENT_OPENERS = frozenset(
    {"of", "from", "in", "at", "on", "during", "after", "before", "speaking", "for"}
)


def _is_place_tail(seg: list[Tok]) -> bool:
    """ "Ohio", "Pa.", "N.H.": the state after a town, set off by commas."""
    words = [t for t in seg if t.text != "."]
    return 1 <= len(words) <= 2 and all(t.text[0].isupper() for t in words)


def apposition_open(toks: list[Tok], j: int, floor: int) -> int | None:
    """The comma or dash that opens the apposition closed at ``j`` ("Smith, a Republican
    from Ohio, said"), within 20 tokens; None when there is none to step over."""
    c = j - 1
    limit = max(floor, j - 20)
    while c >= limit and toks[c].text not in {",", "—", "–", "--", "(", ";", ":"}:
        c -= 1
    if c < limit or toks[c].text not in {",", "—", "–", "--"} or c - 1 < floor:
        return None
    return c


def before_pieces(toks: list[Tok], c: int, j: int, floor: int) -> int:
    """ "Clinton, during a town hall in Columbus, Ohio, said" / "Cory James, 22, of Flint,
    Mich., said": the comma before up to three more place, age and prepositional pieces
    left of the apposition ``toks[c+1:j]``, so the subject ends just before it."""
    inner = toks[c + 1 : j]
    for _ in range(3):
        c2 = c - 1
        lim2 = max(floor, c - 20)
        while c2 >= lim2 and toks[c2].text not in {",", "—", "–", "--", "(", ";", ":"}:
            c2 -= 1
        if c2 < lim2 or toks[c2].text != "," or c2 - 1 < floor or c2 + 1 >= c:
            break
        seg = toks[c2 + 1 : c]
        if not _is_piece(toks, c2, seg, inner):
            break
        c = c2
        inner = seg
    return c


def _is_piece(toks: list[Tok], c2: int, seg: list[Tok], inner: list[Tok]) -> bool:
    """The segment ``seg`` after the comma ``c2`` is a piece between the subject and the
    apposition ``inner`` after it, not the subject: a prepositional phrase, an age, a
    town before its state, or a role the description or relative clause hangs off."""
    return (
        seg[0].low in _SEGMENT_OPENERS
        or (len(seg) == 1 and seg[0].text.isdigit())
        or (seg[0].low in {"a", "an"} and _is_place_tail(inner))
        or (
            # "J.J. Goldberg, editor at large of The Forward, a weekly, said":
            # a bare role between the name and a second apposition
            seg[0].text.islower()
            and (seg[0].low in PERSON_ROLES or seg[0].low in TITLE_WORDS)
            and bool(inner)
            and inner[0].low in {"a", "an", "the", "which", "who"}
            and toks[c2 - 1].text[0].isupper()
            and toks[c2 - 1].low not in NOT_NAMES
        )
        or (
            # "Tom Hale, the president of Open Ledger, a watchdog group that sued the
            # city, said", "Will Minor, an actor in Dallas, who runs a theater,
            # said": the description or the relative clause hangs off the role
            bool(inner)
            and inner[0].low in {"a", "an", "who"}
            and seg[0].low in {"the", "a", "an"}
            and any(t.low in PERSON_ROLES and t.text.islower() for t in seg[1:])
            and toks[c2 - 1].text[0].isupper()
            and toks[c2 - 1].low not in NOT_NAMES
        )
        or (
            # "Richard Shelby, the Alabama Republican who heads the committee,
            # which oversees the Fed, said": the relative clause hangs off the role
            bool(inner)
            and inner[0].low == "which"
            and seg[0].low in {"the", "a", "an"}
            and any(t.low == "who" for t in seg)
        )
    )


def name_before_apposition(toks: list[Tok], a: int, floor: int) -> tuple[int, int] | None:
    """ "Filippo Grandi, the United Nations High Commissioner for Refugees (UNHCR), said": the
    phrase from ``a`` is an apposition ("the ..." after a comma); the name before it."""
    if toks[a].low not in {"the", "a", "an"} or a - 2 < floor or toks[a - 1].text != ",":
        return None
    m = a - 2
    while m >= floor and a - 1 - m <= 4 and toks[m].text[0].isupper():
        m -= 1
    if a - 2 - m < 2 or toks[m + 1].low in NOT_NAMES or not is_first_name(toks[m + 1].text):
        return None  # "In Washington, the ...": a lead-in, not a name
    return (m + 1, a - 1)

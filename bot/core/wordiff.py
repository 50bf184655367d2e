"""Word alignment of a claimed quotation against a real one, for the misquote check.

Why a module of its own: ``check`` needs to know whether a claim is the real words, a cut of
them, or the real words changed, and to show the difference word by word. Words are compared
normalised (case, accents, punctuation and quote style never count, as in search) and shown
as written. Linear in the real quote's length: a claim is bounded (``check.MAX_CLAIM``), the
place to align it is found with one sliding window over the quote, and only a region a few
claim-lengths long around it is diffed with difflib.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from bot.core.search.normalize import tokenize

DiffOp = Literal["=", "+", "-"]
Diff = tuple[tuple[DiffOp, str], ...]
Fit = Literal["exact", "trimmed", "altered", "far"]

#: A claim whose aligned words agree at least this much (2·matched / (claim + real window))
#: is an altered quote; below, it is another statement. Chosen on tests/test_check.py: one
#: or two words changed in a 7–20 word quote read 0.80–0.95, a different sentence sharing an
#: opening ("we will not raise the rent") 0.67 or less.
ALTERED_MIN = 0.75
#: Fewer matched words than this is never "altered" (two shared words prove nothing).
MIN_MATCHED = 3
#: A cut (trimmed claim) must keep at least this many words: "the" is in every quote.
MIN_CUT = 3


@dataclass(frozen=True, slots=True)
class Words:
    """A text's normalised words and each word as written (with its trailing punctuation)."""

    norm: tuple[str, ...]
    shown: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Words:
        tokens = tokenize(text)
        shown = []
        for i, tok in enumerate(tokens):
            end = tokens[i + 1].start if i + 1 < len(tokens) else len(text)
            piece = text[tok.start : end].strip() if end > tok.start else ""
            shown.append(piece or text[tok.start : tok.end])
        if shown:  # the comma a quote ends on before "she said" is not the speaker's
            shown[-1] = shown[-1].rstrip(",;:") or shown[-1]
        return cls(tuple(t.norm for t in tokens), tuple(shown))


@dataclass(frozen=True, slots=True)
class Alignment:
    """How a claim fits a real quote: the fit, the agreement ratio and the word diff
    (claim vs the whole real quote; "-" at the ends is what a cut left out)."""

    fit: Fit
    ratio: float
    diff: Diff


def _merge(ops: list[tuple[DiffOp, list[str]]]) -> Diff:
    out: list[tuple[DiffOp, list[str]]] = []
    for op, shown in ops:
        if not shown:
            continue
        if out and out[-1][0] == op:
            out[-1][1].extend(shown)
        else:
            out.append((op, list(shown)))
    return tuple((op, " ".join(shown)) for op, shown in out)


def _find(needle: tuple[str, ...], hay: tuple[str, ...], start: int = 0) -> int:
    """Where ``needle`` occurs as whole words in ``hay`` from word ``start`` (-1 if not).

    One ``str.find`` on the words joined by spaces (linear in CPython), mapped back to a
    word index by counting spaces.
    """
    if not needle:
        return -1
    text = " " + " ".join(hay[start:]) + " "
    at = text.find(" " + " ".join(needle) + " ")
    return -1 if at < 0 else start + text.count(" ", 0, at)


def contains(short: Words, long_: Words) -> bool:
    """Whether ``short``'s words occur, in order and together, in ``long_`` (or are it)."""
    return short.norm == long_.norm or _find(short.norm, long_.norm) >= 0


def _cuts(claim: Words, parts: list[Words], real: Words) -> Alignment | None:
    """The claim as one cut (or, with an ellipsis, several in order) of the real words."""
    if len(claim.norm) < MIN_CUT:
        return None
    pos = 0
    ops: list[tuple[DiffOp, list[str]]] = []
    for part in parts:
        at = _find(part.norm, real.norm, pos)
        if at < 0:
            return None
        ops.append(("-", list(real.shown[pos:at])))
        ops.append(("=", list(real.shown[at : at + len(part.norm)])))
        pos = at + len(part.norm)
    ops.append(("-", list(real.shown[pos:])))
    diff = _merge(ops)
    if all(op == "=" for op, _ in diff):
        return Alignment("exact", 1.0, diff)
    return Alignment("trimmed", 2 * len(claim.norm) / (len(claim.norm) + len(real.norm)), diff)


def _best_window(claim: tuple[str, ...], real: tuple[str, ...]) -> int:
    """The start of the claim-long window of ``real`` sharing the most words with the claim
    (one pass, counts updated as the window slides)."""
    size = min(len(claim), len(real))
    want = Counter(claim)
    have: Counter[str] = Counter()
    shared = best = best_at = 0
    for i, word in enumerate(real):
        have[word] += 1
        if have[word] <= want[word]:
            shared += 1
        if i >= size:
            old = real[i - size]
            if have[old] <= want[old]:
                shared -= 1
            have[old] -= 1
        if shared > best:
            best, best_at = shared, max(0, i - size + 1)
    return best_at


def align(claim: Words, real: Words, parts: list[Words] | None = None) -> Alignment:
    """Fit ``claim`` to ``real``: exact, a cut, altered (with the word diff) or far."""
    if not claim.norm or not real.norm:
        return Alignment("far", 0.0, ())
    if claim.norm == real.norm:
        return Alignment("exact", 1.0, (("=", " ".join(real.shown)),))
    cut = _cuts(claim, parts or [claim], real)
    if cut is not None:
        return cut
    n = len(claim.norm)
    at = _best_window(claim.norm, real.norm)
    lo, hi = max(0, at - n), min(len(real.norm), at + 2 * n)
    region = real.norm[lo:hi]
    matches = SequenceMatcher(None, claim.norm, region, autojunk=False).get_matching_blocks()
    blocks = [b for b in matches if b.size]
    if not blocks:
        return Alignment("far", 0.0, ())
    # The real window: the matched span, widened by the claim's unmatched words at each end.
    first, last = blocks[0], blocks[-1]
    w_lo = lo + max(0, first.b - first.a)
    w_hi = min(len(real.norm), lo + last.b + last.size + (n - last.a - last.size))
    window = real.norm[w_lo:w_hi]
    matcher = SequenceMatcher(None, claim.norm, window, autojunk=False)
    matched = sum(b.size for b in matcher.get_matching_blocks())
    ratio = 2 * matched / (n + len(window))
    ops: list[tuple[DiffOp, list[str]]] = [("-", list(real.shown[:w_lo]))]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", list(real.shown[w_lo + j1 : w_lo + j2])))
            continue
        ops.append(("+", list(claim.shown[i1:i2])))
        ops.append(("-", list(real.shown[w_lo + j1 : w_lo + j2])))
    ops.append(("-", list(real.shown[w_hi:])))
    fit: Fit = "altered" if ratio >= ALTERED_MIN and matched >= MIN_MATCHED else "far"
    return Alignment(fit, ratio, _merge(ops))


__all__ = ["ALTERED_MIN", "Alignment", "Diff", "DiffOp", "Fit", "Words", "align", "contains"]

"""Fuzzy rerank of candidate quotes and the spans to bold, independent of any database.

The score is rapidfuzz's ``partial_ratio`` of the normalised phrase against the normalised
quote (the best-matching window), damped when the quote is shorter than the phrase so that
a one-word quote cannot win a long phrase. A hit must also cover enough of the phrase's
words (exactly or within the typo budget); anything below the bar becomes a suggestion,
never an answer.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice
from operator import add

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.search.index import max_edits
from bot.core.search.normalize import ASCII_WORD, Token, ascii_text, tokenize, words

#: Minimum score (0-100) of a hit when half of the phrase's words are found in the quote...
HIT_SCORE = 80.0
HIT_COVERAGE = 0.5
#: ...or a lower score when most of the words are there (one word changed or missing).
HIT_SCORE_COVERED = 68.0
HIT_COVERAGE_HIGH = 0.6
#: How many suggestions a miss offers.
SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate quote with its score, word coverage and the spans to highlight."""

    quote_id: int
    score: float
    coverage: float
    matched: tuple[tuple[int, int], ...]

    @property
    def is_hit(self) -> bool:
        if self.coverage >= HIT_COVERAGE_HIGH and self.score >= HIT_SCORE_COVERED:
            return True
        return self.score >= HIT_SCORE and self.coverage >= HIT_COVERAGE


def normalized_with_tokens(text: str) -> tuple[str, list[Token], list[int]]:
    """Normalised text, its tokens and where each token starts in the normalised text."""
    tokens = tokenize(text)
    starts: list[int] = []
    pos = 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok.norm) + 1
    return " ".join(t.norm for t in tokens), tokens, starts


def quick_score(query: str, text: str) -> float:
    """The rerank score of a normalised phrase against a normalised quote (0-100)."""
    if not query or not text:
        return 0.0
    # Spaces around both sides make the best window start and end on word boundaries,
    # so "the" does not fully match the start of "there".
    score = fuzz.partial_ratio(f" {query} ", f" {text} ")
    if len(text) < len(query):
        score *= (len(text) / len(query)) ** 0.5
    return float(score)


def _word_matches(qword: str, tword: str) -> bool:
    if qword == tword:
        return True
    limit = max_edits(qword)
    return limit > 0 and OSA.distance(qword, tword, score_cutoff=limit) <= limit


def _ascii_words(text: str) -> tuple[str, str, list[str]] | None:
    """``text`` as :func:`tokenize` reads it when that is ASCII (news punctuation mapped
    one-for-one, so offsets are the same), its normalised text and its words: what
    :func:`tokenize` gives, in a few C calls instead of a Token per word. None when the
    text needs the general path."""
    plain = ascii_text(text)
    if plain is None:
        return None
    found = ASCII_WORD.findall(plain)
    norm = " ".join(found).lower().replace("'", "")
    return plain, norm, (norm.split(" ") if found else [])


def _ascii_spans(plain: str, indexes: Sequence[int]) -> tuple[tuple[int, int], ...]:
    """:func:`_merge_spans` of the words at ``indexes`` (ascending) of an ASCII text."""
    bounds = [m.span() for m in islice(ASCII_WORD.finditer(plain), indexes[-1] + 1)]
    spans: list[tuple[int, int]] = []
    prev = -2
    for i in indexes:
        start, end = bounds[i]
        if i == prev + 1 and spans:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        prev = i
    return tuple(spans)


def _matching(qword: str, window: Mapping[str, list[int]], words: list[str]) -> list[int]:
    """Indexes of the window's words that :func:`_word_matches` ``qword`` (``words``: the
    window's distinct words): one C call over them all instead of one per word."""
    limit = max_edits(qword)
    if limit <= 0:
        return list(window.get(qword, ()))
    out: list[int] = []
    for word, _, _ in process.extract(
        qword, words, scorer=OSA.distance, score_cutoff=limit, limit=None
    ):
        out.extend(window[word])
    return out


def explain(query_words: Sequence[str], text: str) -> tuple[float, tuple[tuple[int, int], ...]]:
    """Word coverage of the phrase within the best window of ``text``, and spans to bold."""
    if not query_words:
        return 0.0, ()
    query = " ".join(query_words)
    fast = _ascii_words(text)
    tokens: list[Token] = []
    if fast is None:
        tokens = tokenize(text)
        norms = [t.norm for t in tokens]
        norm = " ".join(norms)
    else:
        plain, norm, norms = fast
    if not norms:
        return 0.0, ()
    if len(norm) > len(query):
        align = fuzz.partial_ratio_alignment(query, norm)
        lo, hi = (align.dest_start, align.dest_end) if align is not None else (0, len(norm))
    else:
        lo, hi = 0, len(norm)
    # Widen the window a little so a typo at its edge still counts.
    lo, hi = max(0, lo - 8), hi + 8
    # Word i spans [starts[i], ends[i]) of ``norm`` (one space between words): the window
    # is the words overlapping [lo, hi), a contiguous run found by bisection.
    ends = list(map(add, accumulate(map(len, norms)), range(len(norms))))
    first = bisect_right(ends, lo)
    last = bisect_left(ends, hi - 1) + 1  # words starting before hi
    last = min(last, len(norms))
    window: dict[str, list[int]] = {}
    for i in range(first, last):
        window.setdefault(norms[i], []).append(i)
    distinct = list(window)
    found = 0
    hit_tokens: set[int] = set()
    for qword in set(query_words):
        matched = _matching(qword, window, distinct)
        if matched:
            found += query_words.count(qword)
            hit_tokens.update(matched)
    coverage = found / len(query_words)
    if not hit_tokens:
        return coverage, ()
    if fast is not None:
        return coverage, _ascii_spans(plain, sorted(hit_tokens))
    return coverage, _merge_spans(sorted(hit_tokens), tokens)


def _merge_spans(indexes: Sequence[int], tokens: Sequence[Token]) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    prev = -2
    for i in indexes:
        tok = tokens[i]
        if i == prev + 1 and spans:
            spans[-1] = (spans[-1][0], tok.end)
        else:
            spans.append((tok.start, tok.end))
        prev = i
    return tuple(spans)


def shortlist(
    phrase_words: Sequence[str], candidates: Iterable[tuple[int, str]], limit: int
) -> list[tuple[float, int]]:
    """The (quick score, quote id) of the best few of ``(quote id, normalised text)``
    candidates, best first: the only ones whose original text the word-level check reads.
    """
    query = " ".join(phrase_words)
    if not query or limit <= 0:
        return []
    ids: list[int] = []
    padded: list[str] = []
    for quote_id, norm in candidates:
        ids.append(quote_id)
        padded.append(f" {norm} ")
    # :func:`quick_score` of every candidate in one C call (a call per candidate was 10 µs
    # each of interpreter time, holding the lock); the few shorter than the phrase are
    # damped (or zero when empty) as it does.
    bound = len(query) + 2
    scored = [
        (score if len(padded[i]) >= bound else quick_score(query, padded[i][1:-1]), ids[i])
        for _, score, i in process.extract(
            f" {query} ", padded, scorer=fuzz.partial_ratio, limit=None
        )
    ]
    scored.sort(key=lambda item: (-item[0], -item[1]))
    return scored[: max(limit * 3, 10)]


def judge(
    phrase_words: Sequence[str],
    short: Sequence[tuple[float, int]],
    texts: Mapping[int, str],
    limit: int,
) -> tuple[list[Ranked], list[Ranked]]:
    """Hits (best first, at most ``limit``) of a :func:`shortlist`, with the original
    ``texts`` of its quotes (for the spans to bold); when there are none, suggestions."""
    if limit <= 0:
        return [], []
    hits: list[Ranked] = []
    near: list[Ranked] = []
    for score, quote_id in short:
        if hits and score < HIT_SCORE_COVERED:
            # Best first: no later one can be a hit, and suggestions only show when none is.
            break
        text = texts.get(quote_id)
        if text is None:  # deleted since the candidates were read
            continue
        coverage, spans = explain(phrase_words, text)
        ranked = Ranked(quote_id, score, coverage, spans)
        (hits if ranked.is_hit else near).append(ranked)
        if len(hits) >= limit:
            break
    hits.sort(key=lambda r: (-r.score, -r.coverage))
    if hits:
        return hits[:limit], []
    near.sort(key=lambda r: (-(r.score * (0.5 + r.coverage)), -r.quote_id))
    return [], near[:SUGGESTIONS]


def rerank(
    phrase_words: Sequence[str],
    candidates: Iterable[tuple[int, str, str | None]],
    limit: int,
) -> tuple[list[Ranked], list[Ranked]]:
    """Hits (best first, at most ``limit``) and, when there are none, suggestions.

    ``candidates`` are (quote id, text, normalised text or None when not cached).
    """
    texts: dict[int, str] = {}
    norms: list[tuple[int, str]] = []
    for quote_id, text, norm in candidates:
        texts[quote_id] = text
        norms.append((quote_id, " ".join(words(text)) if norm is None else norm))
    return judge(phrase_words, shortlist(phrase_words, norms, limit), texts, limit)


__all__ = [
    "HIT_COVERAGE",
    "HIT_SCORE",
    "Ranked",
    "explain",
    "judge",
    "normalized_with_tokens",
    "quick_score",
    "rerank",
    "shortlist",
]

"""The rerank's word check reads an ASCII quote with a few C calls instead of a Token per
word and checks each distinct window word once: it must give exactly what the plain
per-token reading gives (coverage and spans to bold), on any text."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.core.search.normalize import tokenize, words
from bot.core.search.rank import (
    Ranked,
    _merge_spans,
    _word_matches,
    explain,
    judge,
    quick_score,
    shortlist,
)


def reference(query_words: Sequence[str], text: str) -> tuple[float, tuple[tuple[int, int], ...]]:
    """The word check as first written: every token of the text, every word pair tried."""
    if not query_words:
        return 0.0, ()
    query = " ".join(query_words)
    tokens = tokenize(text)
    starts: list[int] = []
    pos = 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok.norm) + 1
    norm = " ".join(t.norm for t in tokens)
    if not tokens:
        return 0.0, ()
    if len(norm) > len(query):
        align = fuzz.partial_ratio_alignment(query, norm)
        lo, hi = (align.dest_start, align.dest_end) if align is not None else (0, len(norm))
    else:
        lo, hi = 0, len(norm)
    lo, hi = max(0, lo - 8), hi + 8
    window = [i for i, s in enumerate(starts) if s < hi and s + len(tokens[i].norm) > lo]
    found = 0
    hit: set[int] = set()
    for qword in set(query_words):
        matched = [i for i in window if _word_matches(qword, tokens[i].norm)]
        if matched:
            found += query_words.count(qword)
            hit.update(matched)
    return found / len(query_words), _merge_spans(sorted(hit), tokens)


SENTENCES = [
    "We will not put the pension fund on the table, the minister said on Tuesday.",
    "“It’s a fair deal — for farmers and for towns,” she told reporters in Lyon.",
    "The mayor's plan isn't dead yet; councillors can't agree on the ring-road.",
    "Café owners in Zürich said the naïve résumé of ½ the budget was “unserious”.",
    "ʼTwas the last vote of the session, and nobody wanted to miss it.",
    "",
]


def test_fast_reading_matches_the_per_token_one_on_news_sentences() -> None:
    for text in SENTENCES:
        all_words = words(text)
        for start in range(0, max(1, len(all_words)), 2):
            for size in (1, 3, 6):
                query = all_words[start : start + size]
                typo = [w[:-1] + "x" if len(w) > 3 else w for w in query]
                for q in (query, typo, [*typo, "zebra"], [*query, *query[:1]]):
                    assert explain(q, text) == reference(q, text), (q, text)


LETTERS = st.sampled_from(list("abcdeéstor ’'“”—-.,½ ʼß0"))


@settings(max_examples=300, deadline=None)
@given(
    st.text(LETTERS, max_size=60),
    st.lists(st.sampled_from(["the", "deal", "tor", "abcde", "ste", "a", "dx", "oo"]), max_size=6),
)
def test_fast_reading_matches_the_per_token_one_on_any_text(text: str, extra: list[str]) -> None:
    query = words(text)[1:5] + extra
    assert explain(query, text) == reference(query, text)


def reference_shortlist(
    phrase_words: Sequence[str], candidates: Sequence[tuple[int, str]], limit: int
) -> list[tuple[float, int]]:
    """The shortlist as first written: one :func:`quick_score` call per candidate."""
    query = " ".join(phrase_words)
    if not query or limit <= 0:
        return []
    scored = [(quick_score(query, norm), quote_id) for quote_id, norm in candidates]
    scored.sort(key=lambda item: (-item[0], -item[1]))
    return scored[: max(limit * 3, 10)]


def reference_judge(
    phrase_words: Sequence[str],
    short: Sequence[tuple[float, int]],
    texts: dict[int, str],
    limit: int,
) -> tuple[list[Ranked], list[Ranked]]:
    """The word check as first written: every shortlisted quote until ``limit`` hits."""
    hits: list[Ranked] = []
    near: list[Ranked] = []
    for score, quote_id in short:
        if quote_id not in texts:
            continue
        coverage, spans = explain(phrase_words, texts[quote_id])
        ranked = Ranked(quote_id, score, coverage, spans)
        (hits if ranked.is_hit else near).append(ranked)
        if len(hits) >= limit:
            break
    hits.sort(key=lambda r: (-r.score, -r.coverage))
    if hits:
        return hits[:limit], []
    near.sort(key=lambda r: (-(r.score * (0.5 + r.coverage)), -r.quote_id))
    return [], near[:3]


WORDS = st.sampled_from(["the", "deal", "tor", "abcde", "ste", "a", "dx", "oo", "minister", ""])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(WORDS, min_size=1, max_size=6),
    st.lists(st.lists(WORDS, max_size=14), max_size=40),
    st.integers(min_value=1, max_value=6),
)
def test_the_shortlist_and_its_word_check_give_what_one_call_per_quote_gives(
    phrase: list[str], quotes: list[list[str]], limit: int
) -> None:
    phrase_words = words(" ".join(phrase))
    candidates = [(i + 1, " ".join(words(" ".join(q)))) for i, q in enumerate(quotes)]
    short = shortlist(phrase_words, candidates, limit)
    assert short == reference_shortlist(phrase_words, candidates, limit)
    texts = {i: " ".join(q) for i, q in enumerate(quotes, start=1)}
    assert judge(phrase_words, short, texts, limit) == reference_judge(
        phrase_words, short, texts, limit
    )

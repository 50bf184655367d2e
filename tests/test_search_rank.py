"""The rerank's word check reads an ASCII quote with a few C calls instead of a Token per
word and checks each distinct window word once: it must give exactly what the plain
per-token reading gives (coverage and spans to bold), on any text."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.core.search.normalize import tokenize, words
from bot.core.search.rank import _merge_spans, _word_matches, explain


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

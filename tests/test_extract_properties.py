"""Property tests: any string in, no exception, and every span points at its own text."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.extract import extract_quotes
from bot.core.extract.cues import has_reporting_cue
from bot.core.extract.name_runs import NAME_RUN_RE, name_runs
from bot.core.extract.pipeline import Extractor, Record
from bot.core.extract.tokens import _TOKEN_RE, tokenize
from bot.core.models import Quote

_PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "‘",
        "’",
        "'",
        " said ",
        " told reporters",
        ", he said, ",
        "according to ",
        "Ada Cole",
        "Mr. ",
        "U.S. ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        " who ",
        "that ",
        "the senator ",
        "We will win",
        " ",
        "—",
        "(R-Ohio)",
        "she",
        "I",
    ]
)
_NEWSISH = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _check(text: str) -> None:
    for q in extract_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert 0.0 <= q.confidence <= 1.0
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert text[m.start : m.end] == m.text
        if q.cue is not None:
            assert text[q.cue.start : q.cue.end] == q.cue.text
        assert text[q.context_start : q.context_end] == q.context


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(_NEWSISH)
def test_news_like_text_with_unbalanced_marks(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(_NEWSISH)
@example("”, he said, , said ")  # an empty apposition between two commas once crashed
def test_a_broken_quote_does_not_hide_a_later_one(prefix: str) -> None:
    tail = "\n“We approved the plan,” said Council President Nora Vale.\n"
    text = prefix.replace("\n", " ") + tail
    quotes = extract_quotes(text)
    assert any(q.text == "We approved the plan," and q.speaker for q in quotes)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_NEWSISH, st.text()))
@example("e.g. Sen. J. Doe--who’s U.S.-born--said don't ")
def test_tokens_are_the_documented_token_pattern(text: str) -> None:
    """The tokenizer's fast path for plain words changes no token: every token is exactly
    what the documented pattern (``_TOKEN_RE``) matches, at the same offsets."""
    want = [
        ("—" if m.group() == "\u2015" else m.group(), m.start(), m.end())
        for m in _TOKEN_RE.finditer(text)
    ]
    assert [(t.text, t.start, t.end) for t in tokenize(text, 0, len(text))] == want
    assert all(t.low == t.text.lower() for t in tokenize(text, 0, len(text)))


@settings(max_examples=200, deadline=None)
@given(_NEWSISH)
@example("The plan failed, Ada Cole SAID. It will pass, according to aides.")
def test_reported_speech_prefilter_misses_nothing(text: str) -> None:
    """A sentence skipped by the reporting-cue search has no reported speech: the driver
    may leave it untokenised without losing an indirect quote."""
    if not text.strip():
        return
    x = Extractor(text)
    for si, (a, b) in enumerate(x.sents):
        if x.indirect(si):
            assert has_reporting_cue(text[a:b].lower())


_NAME_PIECES = st.sampled_from(
    [" ", "\t", "  ", "de", "van", "la", "der", "al", "Blasio", "J.", "J.R.", "Smith", "U.S.",
     "O’Neil", "x", ".", "’", "-", ",", "\n", "Mr.", "Ana"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=30).map("".join))
@example("met van Gogh, de J.R. Smith, x.de Gaulle, Ana de la Cruz")
def test_name_runs_are_the_documented_pattern(text: str) -> None:
    """The capital-first scan of the entity model finds exactly the runs of the documented
    name-run pattern, particles ("de Blasio") included."""
    want = [(m.start(), m.group()) for m in NAME_RUN_RE.finditer(text)]
    assert name_runs(text) == want


def test_engine_records_carry_quote_fields_in_quote_order() -> None:
    # ``extract`` builds each Quote positionally from a Record: a field added to one and not
    # the other, or moved, would put a value under the wrong name without any error
    assert Record._fields == tuple(f.name for f in dataclasses.fields(Quote))

"""The misquote check takes any text: never an exception, and linear time on long
adversarial claims and quotes (the project's ratio style, ``tests/linear_time.py``)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.check import MAX_CLAIM, VERDICTS, check_claim
from bot.core.claim import parse_claim
from bot.core.models import Article, QuoteHit, StoredQuote
from bot.core.wordiff import Words, align
from tests.linear_time import assert_linear

NOW = datetime(2026, 11, 5, tzinfo=UTC)
#: Pieces a hostile or confused claim repeats: names, verbs, quote marks, dashes, ellipses.
PIECES = st.sampled_from(
    [
        "Ellison said ",
        "said ",
        "“",
        "”",
        '"',
        "—",
        " - ",
        "…",
        "...",
        ": ",
        "according to ",
        "Mr. ",
        "we ",
        "will ",
        "not ",
        "raise ",
        "rates ",
        ", ",
        "@everyone ",
        "**",
        "\n",
        "a",
    ]
)


def _hit(text: str, speaker: str | None, n: int) -> QuoteHit:
    quote = StoredQuote(n, n, text, "direct", speaker, None, text, 0.9, 0, len(text), NOW)
    article = Article(n, "t", f"Outlet {n}", None, NOW, None, None, "h", NOW)
    return QuoteHit(quote, article, 90.0)


HITS = [
    _hit("We will not raise water rates this winter, and I will veto any bill", "Mara Ellison", 1),
    _hit("We will not raise water rates this winter,", "Mara Ellison", 2),
    _hit("We will not raise water prices this winter", "Dana Whitcombe", 3),
    _hit("", None, 4),
]


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_any_text_gets_a_verdict(text: str) -> None:
    result = check_claim(text, HITS)
    assert result.verdict in VERDICTS
    data = result.to_json()
    assert set(data) == {"verdict", "claimed_speaker", "speaker", "quote", "first_seen", "diff"}
    assert all(op in {"=", "+", "-"} for op, _ in data["diff"])  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(PIECES, max_size=40).map("".join),
    quote=st.lists(PIECES, max_size=40).map("".join),
)
def test_hostile_claims_and_quotes_never_raise(text: str, quote: str) -> None:
    result = check_claim(text, [*HITS, _hit(quote, "Ellison", 5)])
    assert result.verdict in VERDICTS
    if result.verdict == "unknown":
        assert result.diff == ()


@settings(max_examples=200, deadline=None)
@given(claim=st.text(max_size=80), real=st.text(max_size=200))
def test_the_diff_rebuilds_both_sides(claim: str, real: str) -> None:
    a, b = Words.of(claim), Words.of(real)
    found = align(a, b)
    if found.fit == "far":
        return
    theirs = " ".join(t for op, t in found.diff if op != "+").split()
    assert theirs == " ".join(b.shown).split()  # "=" and "-" spell the real quote


TIMED = settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@TIMED
@given(unit=st.lists(PIECES, min_size=1, max_size=4).map("".join))
def test_parsing_a_claim_is_linear(unit: str) -> None:
    assert_linear(parse_claim, lambda n: unit * n)


@TIMED
@given(unit=st.lists(PIECES, min_size=1, max_size=4).map("".join))
def test_checking_a_long_claim_is_linear(unit: str) -> None:
    assert_linear(lambda text: check_claim(text, HITS), lambda n: unit * n)


@TIMED
@given(unit=st.sampled_from(["we ", "will not raise ", "rates, ", "the the ", "x"]))
def test_checking_against_a_long_quote_is_linear(unit: str) -> None:
    claim = ("we will not raise water rates the " * 30)[: MAX_CLAIM - 10]

    def run(quote: str) -> object:
        return check_claim(claim, [_hit(quote, "Mara Ellison", 9)])

    assert_linear(run, lambda n: unit * n, max_chars=1024 * 1024)


@TIMED
@given(unit=st.sampled_from(["we will not raise ", "rates, ", "the "]))
def test_grouping_long_quotes_is_linear(unit: str) -> None:
    claim = (unit * 4).strip(" ,")  # a cut of the quote, so the look-up groups the two

    def run(quote: str) -> object:
        half = len(quote) // 2
        changed = quote[:half] + " zzz " + quote[half:]  # not a cut: would need the word diff
        return check_claim(claim, [_hit(quote, "Mara Ellison", 9), _hit(changed, None, 10)])

    assert_linear(run, lambda n: unit * n, max_chars=1024 * 1024)

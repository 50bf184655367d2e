"""Every parser that sees user or web text is linear in its input (issue 18).

Each test builds long adversarial inputs (long lines, long runs of capitalised words, one
very long word, deep nesting) from a unit hypothesis draws, and checks that four times the
input takes at most about four times as long (see ``tests/linear_time.py``). Examples are
few: each one times inputs up to the upload cap.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.extract.speakers import _split_title, split_title
from bot.core.ingest.files import parse_meta_line, parse_plain_text
from bot.core.search.index import WordIndex
from bot.core.speakers import speaker_key
from tests.linear_time import assert_linear

TIMED = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
#: Short pieces that adversarial inputs repeat: words, separators, the metadata shape.
PIECES = st.sampled_from(
    ["word ", "Word ", "W", "a", " ", "|", " | ", "2024-05-02", "https://x.example/a ", "-", "\t"]
)


@TIMED
@given(unit=st.lists(PIECES, min_size=1, max_size=4).map("".join))
def test_file_header_line_is_linear(unit: str) -> None:
    assert_linear(parse_meta_line, lambda n: unit * n)


@TIMED
@given(unit=st.lists(PIECES, min_size=1, max_size=4).map("".join))
def test_plain_text_article_is_linear(unit: str) -> None:
    assert_linear(lambda text: parse_plain_text(text), lambda n: "Title\n" + unit * n)


#: Pieces of names and titles: capitalised runs, particles, possessives, organisations.
NAME_PIECES = st.sampled_from(
    ["Word", "Senator", "de", "Le", "Florida’s", "Party", "Jean", "Word:", "J.", "the", "Mr."]
)


@TIMED
@given(unit=st.lists(NAME_PIECES, min_size=1, max_size=3))
def test_name_splitting_is_linear_in_a_capitalised_run(unit: list[str]) -> None:
    def run(text: str) -> object:
        _split_title.cache_clear()  # time the work, not the cache
        return split_title(text.split())

    assert_linear(run, lambda n: " ".join(unit * n))


@TIMED
@given(unit=st.lists(NAME_PIECES, min_size=1, max_size=3).map(" ".join))
@example(unit="J. ")  # a long run of initials is glued into one word
def test_speaker_key_is_linear(unit: str) -> None:
    assert_linear(speaker_key, lambda n: unit * n)


def _small_index() -> WordIndex:
    index = WordIndex()
    for quote_id, text in enumerate(["on the table", "the senator said", "a president"], 1):
        index.add_quote(quote_id, text)
    return index


@TIMED
@given(unit=st.sampled_from(["a", "ab", "Word ", "the table ", "tabel", "“"]))
def test_look_up_phrase_is_linear(unit: str) -> None:
    index = _small_index()
    assert_linear(index.plan, lambda n: unit * n, start=64)


@TIMED
@given(unit=st.sampled_from(["a", "ab", "Word ", "tabel "]))
def test_indexing_a_quote_is_linear(unit: str) -> None:
    def run(text: str) -> object:
        index = WordIndex()
        index.add_quote(1, text)
        return index

    assert_linear(run, lambda n: unit * n, start=64)

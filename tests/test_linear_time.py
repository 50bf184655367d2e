"""Every parser that sees user or web text is linear in its input (issue 18).

Each test builds long adversarial inputs (long lines, long runs of capitalised words, one
very long word, deep nesting) from a unit hypothesis draws, and checks that four times the
input takes at most about four times as long (see ``tests/linear_time.py``). Examples are
few: each one times inputs up to the upload cap.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.extract import extract_quotes
from bot.core.extract.name_runs import name_runs
from bot.core.extract.names import split_title, split_title_tuple
from bot.core.ingest.feeds import FeedError, parse_feed
from bot.core.ingest.files import FileError, decode_text, parse_meta_line, parse_plain_text
from bot.core.ingest.html import HTMLError, extract_html
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
        split_title_tuple.cache_clear()  # time the work, not the cache
        return split_title(text.split())

    assert_linear(run, lambda n: " ".join(unit * n))


@TIMED
@given(unit=st.lists(NAME_PIECES, min_size=1, max_size=3).map(" ".join))
@example(unit="de Word x ")  # a particle opening every run
@example(unit="de J.R. Word ")  # a particle run the capital-first scan hands back
def test_name_run_scan_is_linear(unit: str) -> None:
    assert_linear(name_runs, lambda n: unit * n)


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


#: Pieces of news prose that stress the extractor: quote marks of every style, speech cues,
#: capitalised runs, colon and dash lead-ins, transcript labels, paragraphs.
PROSE_PIECES = st.sampled_from(
    [
        '"',
        "“",
        "”",
        "‘",
        "''",
        " said ",
        "Senator Word ",
        "Word: ",
        "WORD: ",
        " — ",
        ", ",
        "according to ",
        "he said.",
        "\n\n",
        "a",
        "Ms. Quill, ",
    ]
)


@TIMED
@given(unit=st.lists(PROSE_PIECES, min_size=1, max_size=5).map("".join))
@example(unit="Word ")  # a long run of capitalised words
@example(unit="a")  # one very long word
@example(unit="“‘")  # deeply nested quotes
@example(unit=".")  # one run of full stops: 8,000 took 0.63 s, four times 4,000's
@example(unit="?!")  # the same with the other sentence ends
# one sentence of quoted "he said"s, each of which looked back at every earlier cue
# (found by this test: 2,000 of them took 47 s, 1,000 took 11 s)
@example(unit='‘"Senator Word he said.')
def test_quote_extraction_is_linear(unit: str) -> None:
    assert_linear(extract_quotes, lambda n: unit * n)


def test_quote_extraction_is_linear_in_one_long_sentence_of_quotes() -> None:
    # A small quadratic term (a slice to the sentence's end per quote) that shows only from
    # a few hundred kilobytes on: 100,000 'said "' took 1.3 s, 400,000 took 17.5 s.
    assert_linear(extract_quotes, lambda n: 'said "' * n, min_chars=600_000, repeat=2)


def _page(make_body: Callable[[int], str]) -> Callable[[int], str]:
    return lambda n: f"<html><head><title>T</title></head><body>{make_body(n)}</body></html>"


def _html(text: str) -> object:
    try:
        return extract_html(text)
    except HTMLError:
        return None


@TIMED
@given(
    tag=st.sampled_from(["div", "p", "b", "blockquote", "li"]),
    words=st.sampled_from(["He said “yes”. ", "Word ", "a", "&amp; "]),
)
def test_html_reader_is_linear(tag: str, words: str) -> None:
    assert_linear(_html, _page(lambda n: f"<{tag}>" * n + words * n + f"</{tag}>" * n))
    assert_linear(_html, _page(lambda n: f"<{tag}>{words}</{tag}>" * n))
    assert_linear(_html, _page(lambda n: f"<{tag}>{words}" * n))  # never closed


def _feed(text: str) -> object:
    try:
        return parse_feed(text.encode())
    except FeedError:
        return None


@TIMED
@given(title=st.sampled_from(["T", "<b>w</b> ", "Word "]), nested=st.booleans())
def test_feed_reader_is_linear(title: str, nested: bool) -> None:
    def make(n: int) -> str:
        if nested:
            items = "<item>" * n + f"<title>{title}</title>" + "</item>" * n
        else:
            items = f"<item><title>{title * 3}</title><link>https://a.example/x</link></item>" * n
        return f"<rss version='2.0'><channel><title>F</title>{items}</channel></rss>"

    assert_linear(_feed, make)


@TIMED
@given(unit=st.sampled_from(["caf\xe9 ", "“a” ", "\xff", "plain ", "é\xff"]))
def test_decoding_an_upload_is_linear(unit: str) -> None:
    def run(text: str) -> object:
        try:
            return decode_text(text.encode("utf-8", "surrogateescape"))
        except FileError:
            return None

    assert_linear(run, lambda n: unit.replace("\xff", "\udcff") * n)

"""Normalisation and keys: property tests (idempotent, never raises) and examples."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.search.normalize import normalize, tokenize, words
from bot.core.speakers import speaker_key
from bot.core.urls import normalize_url


@given(st.text())
def test_normalize_is_idempotent_and_total(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip() and "  " not in once


@given(st.text())
def test_tokens_point_into_the_original_text(text: str) -> None:
    for tok in tokenize(text):
        assert 0 <= tok.start < tok.end <= len(text)
        assert tok.norm
    assert " ".join(t.norm for t in tokenize(text)) == normalize(text)


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_ascii_fast_path_agrees_with_the_general_path(text: str) -> None:
    assert words(text) == [t.norm for t in tokenize(text)]


@given(st.text())
def test_speaker_key_is_idempotent(name: str) -> None:
    key = speaker_key(name)
    assert speaker_key(key) == key


@given(st.text())
def test_normalize_url_never_raises(url: str) -> None:
    assert isinstance(normalize_url(url), str)


def test_normalisation_examples() -> None:
    assert normalize("“Don’t” — tell ME!") == normalize('"dont" - tell me')
    assert normalize("Élysée café") == "elysee cafe"
    assert normalize("on   the\ttable") == "on the table"
    assert normalize("well-known") == "well known"


def test_speaker_keys_merge_spellings() -> None:
    keys = {speaker_key(n) for n in ["JD Vance", "J.D. Vance", "Jd vance", "J. D. Vance"]}
    assert keys == {"jd vance"}
    assert speaker_key("José  Álvarez") == "jose alvarez"
    assert speaker_key("Bo X") == "bo x"


def test_url_examples() -> None:
    assert normalize_url("HTTPS://News.Example.com/a/b/?utm_source=x&id=3#frag") == (
        "https://news.example.com/a/b?id=3"
    )
    assert normalize_url("http://example.com:80/") == "http://example.com"
    assert normalize_url("not a url") == "not a url"

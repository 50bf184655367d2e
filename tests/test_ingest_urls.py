"""URL normalisation: one article, one identity, whatever tracking was stuck on the link."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.provisional import urls

from bot.core.ingest.errors import BlockedURLError
from bot.core.ingest.urls import looks_like_url, normalize_url, validate_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "HTTPS://News.Example.COM/politics/story-1/?utm_source=tw&utm_medium=social",
            "https://news.example.com/politics/story-1",
        ),
        (
            "https://news.example.com/a?id=7&fbclid=XYZ&page=2#comments",
            "https://news.example.com/a?id=7&page=2",
        ),
        ("http://news.example.com:80/a", "http://news.example.com/a"),
        ("https://news.example.com:443/", "https://news.example.com"),
        ("https://news.example.com:8443/a/", "https://news.example.com:8443/a"),
        ("https://news.example.com./a?gclid=1", "https://news.example.com/a"),
        ("https://reader:secret@news.example.com/a", "https://news.example.com/a"),
        ("http://[::1]:80/", "http://[::1]"),
        ("  https://news.example.com/a  ", "https://news.example.com/a"),
        ("https://news.example.com/a?UTM_Campaign=x", "https://news.example.com/a"),
        ("https://news.example.com/Case/Sensitive", "https://news.example.com/Case/Sensitive"),
        ("not a url at all", "not a url at all"),
        ("ftp://files.example.com/x/", "ftp://files.example.com/x/"),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_same_article_shared_differently_is_one_url() -> None:
    links = [
        "https://news.example.com/story",
        "https://NEWS.example.com/story/",
        "https://news.example.com/story?utm_source=rss&utm_medium=feed",
        "https://news.example.com/story#top",
        "https://news.example.com:443/story?fbclid=abc",
    ]
    assert {normalize_url(link) for link in links} == {"https://news.example.com/story"}


@given(st.text())
@example("http://[")
@example("http://a:99999/")
@example("http://a/%zz?%zz=1&&utm_x#f")
@example("https://\u0130.example/")
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_url(text)
    assert normalize_url(once) == once


@given(urls())
def test_normalize_is_idempotent_on_real_urls(url: str) -> None:
    once = normalize_url(url)
    assert normalize_url(once) == once
    assert once.startswith(("http://", "https://"))


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty address"),
        ("news.example.com/story", "no http:// or https://"),
        ("mailto:desk@example.com", "not mailto:"),
        ("http://", "no host"),
        ("http://news.example.com:99999/", "not a valid web address"),
    ],
)
def test_validate_url_explains_the_problem(raw: str, reason: str) -> None:
    with pytest.raises(BlockedURLError) as caught:
        validate_url(raw)
    assert reason in str(caught.value)


def test_looks_like_url_separates_paths_from_links() -> None:
    assert looks_like_url("https://news.example.com/a")
    assert looks_like_url("HTTP://news.example.com")
    assert not looks_like_url("data/samples/article.txt")
    assert not looks_like_url("./http-notes.txt")

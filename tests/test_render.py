"""Rendering: escaping, bolding and Discord's size limits, for any text an article may hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.confidence_words import level
from bot.core.models import Article, Page, QuoteHit, SpeakerCount, Stats, StoredQuote
from bot.ui import limits
from bot.ui.render import (
    IngestSummary,
    bold_matches,
    help_embed,
    hit_embed,
    ingest_embed,
    no_match_embed,
    quotes_page_embed,
    safe_url,
    speakers_embed,
    stats_embed,
)

NOW = datetime(2025, 3, 3, tzinfo=UTC)


def _quote(
    text: str, speaker: str | None = "JD Vance", title: str | None = None, context: str = ""
) -> StoredQuote:
    return StoredQuote(
        id=1,
        article_id=1,
        text=text,
        kind="direct",
        speaker=speaker,
        title=title,
        context=context,
        confidence=0.9,
        start=0,
        end=len(text),
        added_at=NOW,
    )


def _article(
    title: str | None = "Talks",
    outlet: str | None = "Ledger",
    url: str | None = "https://news.example.com/a",
) -> Article:
    return Article(
        id=1,
        title=title,
        outlet=outlet,
        author=None,
        published=NOW,
        url=url,
        fetched_at=None,
        content_hash="h",
        added_at=NOW,
    )


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= limits.TOTAL
    assert len(embed.title or "") <= limits.TITLE
    assert len(embed.description or "") <= limits.DESCRIPTION
    assert len(embed.fields) <= limits.FIELDS
    for f in embed.fields:
        assert 0 < len(f.name or "") <= limits.FIELD_NAME
        assert 0 < len(f.value or "") <= limits.FIELD_VALUE
    assert len(embed.footer.text or "") <= limits.FOOTER
    assert len(embed.author.name or "") <= limits.AUTHOR


def test_truncate_adds_an_ellipsis_only_when_cutting() -> None:
    assert limits.truncate("short", 10) == "short"
    assert limits.truncate("a" * 20, 10) == "a" * 9 + "…"
    assert limits.truncate("abc\\\\defgh", 6) == "abc…"  # no dangling escape before the …
    assert limits.truncate("anything", 0) == ""


def test_matched_words_are_bold_and_the_rest_escaped() -> None:
    text = "All *options* are on the table, @everyone"
    start = text.index("on the table")
    out = bold_matches(text, ((start, start + len("on the table")),))
    assert "**on the table**" in out
    assert "\\*options\\*" in out
    assert "@\u200beveryone" in out


def test_bad_offsets_never_break_markup() -> None:
    out = bold_matches("on the table", ((-5, 2), (1, 4), (50, 60), (8, 3)))
    assert out.count("**") % 2 == 0
    assert out.startswith("**on t**")


def test_hit_embed_shows_speaker_quote_context_source_confidence() -> None:
    hit = QuoteHit(
        quote=_quote(
            "Every option is on the table",
            title="Vice President",
            context="Vance said every option is on the table.",
        ),
        article=_article(),
        score=0.95,
        matched=((16, 28),),
    )
    embed = hit_embed(hit, alternatives=2)
    assert embed.title == "JD Vance, Vice President"
    assert embed.description == "> “Every option is **on the table**”"
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Context"] == "Vance said every option is on the table."
    assert fields["Source"] == "[Talks](https://news.example.com/a)\nLedger · 3 Mar 2025"
    assert embed.footer.text is not None
    # 0.9 is under the fitted 97%-right threshold, so it is not called "high"
    assert f"{level(0.9)} (90%)" in embed.footer.text and "2 other matches" in embed.footer.text


def test_urls_that_could_break_links_are_made_safe() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://x.example/a b)c") == "https://x.example/a%20b%29c"
    assert safe_url(None) is None


texts = st.text(min_size=0, max_size=9000)


@settings(max_examples=60, deadline=None)
@given(
    text=texts,
    speaker=texts,
    title=texts,
    context=texts,
    art_title=texts,
    outlet=texts,
    spans=st.lists(st.tuples(st.integers(-10, 9000), st.integers(-10, 9000)), max_size=5),
)
def test_any_hit_fits_discord_limits(
    text: str,
    speaker: str,
    title: str,
    context: str,
    art_title: str,
    outlet: str,
    spans: list[tuple[int, int]],
) -> None:
    hit = QuoteHit(
        quote=_quote(text, speaker or None, title or None, context),
        article=_article(art_title or None, outlet or None, "https://x.example/" + outlet[:50]),
        score=2.0,
        matched=tuple(spans),
    )
    assert_within_limits(hit_embed(hit, alternatives=24))


@settings(max_examples=40, deadline=None)
@given(phrase=texts, quotes=st.lists(texts, max_size=6), names=st.lists(texts, max_size=30))
def test_lists_and_misses_fit_discord_limits(
    phrase: str, quotes: list[str], names: list[str]
) -> None:
    pairs = zip(quotes, names, strict=False)
    hits = [QuoteHit(_quote(q, n or None), _article(), 0.5) for q, n in pairs]
    assert_within_limits(no_match_embed(phrase, hits))
    page = Page(items=[_quote(q) for q in quotes], total=len(quotes) * 3, offset=5)
    assert_within_limits(quotes_page_embed(phrase, page, 5))
    assert_within_limits(speakers_embed([SpeakerCount(n, 3, n) for n in names]))
    assert_within_limits(ingest_embed(IngestSummary(phrase, "failed", None, 0, phrase)))
    assert_within_limits(ingest_embed(IngestSummary(phrase, "added", phrase, 3)))
    assert_within_limits(help_embed(phrase, [(n, n, n) for n in names]))


@settings(max_examples=40, deadline=None)
@given(
    title=texts,
    description=texts,
    footer=texts,
    author=texts,
    fields=st.lists(st.tuples(texts, texts), max_size=30),
)
def test_fit_embed_never_fails_on_any_embed(
    title: str, description: str, footer: str, author: str, fields: list[tuple[str, str]]
) -> None:
    embed = discord.Embed(title=title, description=description)
    embed.set_footer(text=footer)
    embed.set_author(name=author)
    for name, value in fields:
        embed.add_field(name=name, value=value)
    assert_within_limits(limits.fit_embed(embed))


def test_stats_embed_counts() -> None:
    embed = stats_embed(Stats(articles=2, quotes=9, speakers=3))
    assert {f.name: f.value for f in embed.fields} == {
        "Articles": "2",
        "Quotes": "9",
        "Speakers": "3",
    }


def test_hit_embed_shows_reported_speech_as_a_paraphrase_outside_quotation_marks() -> None:
    hit = QuoteHit(
        quote=replace(_quote("the ferry fares would fall in spring"), kind="indirect"),
        article=_article(),
        score=90.0,
        matched=((4, 15),),
    )
    embed = hit_embed(hit)
    assert embed.description is not None
    assert embed.description.startswith("*Paraphrase* (reported speech, not the speaker's own")
    assert not embed.description.startswith(">")  # not dressed as a quotation either
    assert not any(mark in embed.description for mark in '“”"')

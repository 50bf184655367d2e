"""The provenance of a clustered answer, in the Discord embed and in plain text."""

from __future__ import annotations

from dataclasses import replace

from bot.core.answer import format_result
from bot.core.models import ClusterInfo, QuoteHit, SearchResult, Variant
from bot.core.provenance_text import hit_json
from bot.ui.render import hit_embed
from tests.test_render import _article, _quote, assert_within_limits

SHOWN = "We will not raise water rates this winter"


def _clustered() -> QuoteHit:
    first = replace(_article(title="Veto vow", outlet="Continental *Wire*"), id=2)
    diff = (("=", "We"), ("=", "will"), ("-", "rates"), ("+", "prices"), ("=", "winter"))
    info = ClusterInfo(
        cluster_id=2,
        articles=4,
        outlets=3,
        first_seen=first,
        variants=(Variant("We will not raise water prices this winter", "altered", diff),),
        speaker="Mara Ellison",
        title="Governor",
        confidence=0.9,
        tallies=(("Mara Ellison", 2), ("Dana Whitcombe", 1)),
        own_speaker="Dana Whitcombe",
        own_confidence=0.7,
    )
    return QuoteHit(_quote(SHOWN, "Mara Ellison"), _article(), 100.0, cluster=info)


def test_the_embed_gives_first_seen_counts_disagreement_and_marked_words() -> None:
    embed = hit_embed(_clustered())
    field = next(f for f in embed.fields if f.name == "Provenance")
    value = field.value or ""
    assert "Continental \\*Wire\\*" in value  # escaped, linked to the first article
    assert "<https://news.example.com/a>" in value
    assert "4 articles in 3 outlets" in value
    assert "Attributed to Mara Ellison by 2 outlets, to Dana Whitcombe by 1" in value
    assert "This article attributes it to Dana Whitcombe" in value
    assert "~~rates~~ **prices**" in value
    assert_within_limits(embed)


def test_an_unclustered_answer_has_no_provenance_field() -> None:
    hit = QuoteHit(_quote(SHOWN), _article(), 100.0)
    assert all(f.name != "Provenance" for f in hit_embed(hit).fields)


def test_the_cli_answer_shows_a_cluster_once_with_its_provenance() -> None:
    hit = _clustered()
    twin = replace(hit, quote=replace(hit.quote, id=9))
    text = format_result("raise water", SearchResult(hits=(hit, twin)))
    assert "First seen: Continental *Wire*, 2025-03-03 (https://news.example.com/a)" in text
    assert "[-rates-] {+prices+}" in text
    assert "Other candidates" not in text  # the twin is the same statement
    record = hit_json(hit, [twin])
    assert record["alternatives"] == [] and record["outlets"] == 3

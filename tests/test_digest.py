"""Digest composition: ranking, grouping, de-duplication, message and embed splitting.

Articles and quotes here are invented news-style text.
"""

from __future__ import annotations

import random
import string
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.core.digest import Digest, compose_digest, normalise_for_dedup, quiet_note
from bot.core.digest_text import Section, clean_line, clip_text, split_for_embeds
from bot.core.models import Article, QuoteHit, QuoteKind, StoredQuote

SINCE = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
UNTIL = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
NY = ZoneInfo("America/New_York")

SENTENCE = "We will rebuild the harbour bridge before the winter storms arrive in the valley"

_WORDS = [
    a + b
    for a in ("ba", "ko", "mi", "tu", "re", "sa", "lo", "ve")
    for b in ("ran", "del", "mos", "tik", "vun", "par", "lek", "zor")
]


def distinct(i: int, words: int = 14) -> str:
    """A quote-like sentence unlike any other index's (no two share most of their words)."""
    rng = random.Random(i)
    return "We " + " ".join(rng.sample(_WORDS, words)) + f" {i}."


def article(
    article_id: int,
    title: str | None = None,
    *,
    outlet: str | None = "The Valley Courier",
    hours_ago: float = 5,
    url: str | None = "auto",
) -> Article:
    published = UNTIL - timedelta(hours=hours_ago)
    return Article(
        id=article_id,
        title=title if title is not None else f"Story number {article_id}",
        outlet=outlet,
        author=None,
        published=published,
        url=f"https://news.example.org/{article_id}" if url == "auto" else url,
        fetched_at=published,
        content_hash=f"h{article_id}",
        added_at=published,
    )


_ids = iter(range(1, 10**9))


def hit(
    art: Article,
    text: str = SENTENCE,
    *,
    speaker: str | None = "Maria Ostrander",
    title: str | None = "Mayor of Eastvale",
    kind: QuoteKind = "direct",
    confidence: float = 0.9,
    start: int = 0,
    quote_id: int | None = None,
) -> QuoteHit:
    quote = StoredQuote(
        id=quote_id if quote_id is not None else next(_ids),
        article_id=art.id,
        text=text,
        kind=kind,
        speaker=speaker,
        title=title,
        context=text,
        confidence=confidence,
        start=start,
        end=start + len(text),
        added_at=art.added_at,
    )
    return QuoteHit(quote=quote, article=art, score=1.0)


def compose(hits: list[QuoteHit], **kwargs: object) -> Digest:
    return compose_digest(
        hits,
        scope_name="Eastvale News Club",
        since=SINCE,
        until=UNTIL,
        tz=NY,
        **kwargs,  # type: ignore[arg-type]
    )


def quote_texts(digest: Digest) -> list[str]:
    return [q.text for a in digest.articles for q in a.quotes]


# -- quiet day -------------------------------------------------------------------------------
def test_no_quotes_gives_an_empty_digest_and_no_messages() -> None:
    digest = compose([])
    assert digest.is_empty
    assert digest.to_text() == []
    assert digest.to_sections() == []


def test_quiet_note_is_one_line() -> None:
    note = quiet_note("Eastvale News Club", date(2026, 11, 24))
    assert note == "Daily digest · Eastvale News Club · Tue 24 Nov 2026: No new quotes today."
    assert "\n" not in quiet_note("two\nlines", date(2026, 11, 24))


# -- grouping --------------------------------------------------------------------------------
def test_quotes_are_grouped_under_their_article_with_title_outlet_date_and_link() -> None:
    a1, a2 = article(1, "Bridge plan approved"), article(2, "Schools reopen", outlet="Metro Daily")
    hits = [
        hit(a1, "The bridge will carry ten thousand cars a day from next spring", start=10),
        hit(a2, "Every classroom has been inspected twice this month by engineers", speaker="Ann"),
        hit(a1, "We found the money without raising a single local tax at all", start=200),
    ]
    digest = compose(hits)
    assert [a.title for a in digest.articles].count("Bridge plan approved") == 1
    bridge = next(a for a in digest.articles if a.article_id == 1)
    assert len(bridge.quotes) == 2
    text = "\n".join(digest.to_text())
    block = text[text.index("■ Bridge plan approved") :]
    assert block.splitlines()[1] == "The Valley Courier · 24 Nov 2026 · https://news.example.org/1"
    assert "“The bridge will carry" in block
    assert "— Maria Ostrander, Mayor of Eastvale" in block
    assert "Metro Daily" in text
    assert text.splitlines()[0] == "Daily digest · Eastvale News Club · Tue 24 Nov 2026"
    assert text.splitlines()[1] == "3 quotes from 2 articles"


def test_missing_metadata_is_shown_gracefully() -> None:
    art = article(5, title="", outlet=None, url=None)
    digest = compose([hit(art, speaker=None, title=None, kind="indirect")])
    text = "\n".join(digest.to_text())
    assert "■ Untitled article" in text
    assert "(paraphrased) — unknown speaker" in text


# -- ranking ---------------------------------------------------------------------------------
def test_direct_outranks_partial_outranks_indirect() -> None:
    art = article(1)
    digest = compose(
        [
            hit(
                art,
                "the council should never have sold the old ferry to outside buyers",
                kind="indirect",
                start=1,
            ),
            hit(
                art,
                "the council should never have sold the old harbour ferry",
                kind="partial",
                start=2,
            ),
            hit(
                art,
                "The council should never have sold the ferry, and we will buy it back",
                start=3,
            ),
        ]
    )
    assert [q.kind for q in digest.articles[0].quotes] == ["direct", "partial", "indirect"]


def test_confidence_and_length_band_rank_quotes() -> None:
    art = article(1)
    confident = hit(art, SENTENCE, confidence=0.95, start=1)
    shaky = hit(art, SENTENCE.replace("harbour", "river"), confidence=0.3, start=2)
    fragment = hit(art, "Absolutely not", confidence=0.95, start=3)
    digest = compose([fragment, shaky, confident])
    assert [q.quote_id for q in digest.articles[0].quotes] == [
        confident.quote.id,
        shaky.quote.id,
        fragment.quote.id,
    ]


def test_a_speaker_quoted_by_several_articles_ranks_higher() -> None:
    arts = [article(i) for i in range(1, 5)]
    lone = hit(arts[0], SENTENCE, speaker="Paul Lone", start=1)
    busy = [
        hit(
            a,
            f"{word} is what the region needs to hear from its leaders this week",
            speaker="Dana Reyes",
        )
        for a, word in zip(arts[1:], ["Honesty", "Patience", "Courage"], strict=True)
    ]
    digest = compose([lone, *busy])
    assert digest.articles[-1].article_id == 1


def test_articles_with_more_quotes_rank_higher_and_ties_go_to_the_newer() -> None:
    one = article(1, hours_ago=1)
    three = article(2, hours_ago=9)
    old_one = article(3, hours_ago=12)
    hits = [
        hit(one, SENTENCE, speaker="A Person"),
        hit(old_one, distinct(3), speaker="B Person"),
        hit(three, distinct(4), speaker="C Person", start=1),
        hit(three, distinct(1), speaker="D Person", start=2),
        hit(three, distinct(2), speaker="E Person", start=3),
    ]
    digest = compose(hits)
    assert [a.article_id for a in digest.articles] == [2, 1, 3]


def test_quotes_with_equal_scores_keep_reading_order() -> None:
    art = article(1)
    late = hit(art, distinct(5), start=500)
    early = hit(art, distinct(6), start=20)
    digest = compose([late, early])
    assert [q.quote_id for q in digest.articles[0].quotes] == [early.quote.id, late.quote.id]


def test_cap_keeps_the_best_quotes_and_says_how_many_more() -> None:
    arts = [article(i) for i in range(1, 11)]
    hits = [
        hit(a, distinct(100 + i * 10 + j), kind="direct" if i < 3 else "indirect", start=j)
        for i, a in enumerate(arts)
        for j in range(4)
    ]
    digest = compose(hits, max_quotes=10, max_per_article=3)
    assert digest.quote_count == 10
    assert digest.omitted_quotes == 30
    assert all(len(a.quotes) <= 3 for a in digest.articles)
    # The direct quotes (articles 1..3) come first.
    assert [a.article_id for a in digest.articles[:3]] == [1, 2, 3]
    assert digest.articles[0].more_quotes == 1
    assert "(+1 more quote from this article)" in "\n".join(digest.to_text())
    assert "30 more not shown" in digest.summary


# -- de-duplication --------------------------------------------------------------------------
def test_near_identical_quotes_across_articles_are_merged() -> None:
    wire, local, late = article(1, hours_ago=10), article(2, hours_ago=4), article(3, hours_ago=1)
    hits = [
        hit(local, "We will rebuild the harbour bridge before the winter storms arrive!"),
        hit(wire, "we will rebuild the harbour bridge, before the winter storms arrive"),
        hit(late, "“We will rebuild the harbour bridge before the winter storms arrive.”"),
    ]
    digest = compose(hits)
    assert digest.quote_count == 1
    assert digest.merged_duplicates == 2
    kept = digest.articles[0]
    assert kept.article_id == 1  # the earliest published copy is kept
    assert kept.quotes[0].echoes == 2
    assert "2 repeats merged" in digest.summary


def test_different_quotes_are_not_merged() -> None:
    a1, a2 = article(1), article(2)
    assert compose([hit(a1, distinct(1)), hit(a2, distinct(2))]).quote_count == 2


def test_a_negation_makes_a_different_quote() -> None:
    a1, a2 = article(1), article(2)
    digest = compose(
        [
            hit(a1, "We will rebuild the harbour bridge before the winter storms arrive"),
            hit(a2, "We will not rebuild the harbour bridge before the winter storms arrive"),
        ]
    )
    assert digest.quote_count == 2


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abcdefghijklm ", min_size=3, max_size=120), st.data())
def test_two_quotes_merge_exactly_when_their_ratio_reaches_95(a: str, data: st.DataObject) -> None:
    # The alphabet has no "n": no negation word can appear, so only the ratio decides.
    b = list(a)
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(b)))
        if data.draw(st.booleans()) and at < len(b):
            del b[at]
        else:
            b.insert(at, data.draw(st.sampled_from("abcdefghijklm ")))
    other = "".join(b)
    na, nb = normalise_for_dedup(a), normalise_for_dedup(other)
    assume(na and nb)
    digest = compose([hit(article(1), a), hit(article(2), other)])
    assert (digest.merged_duplicates == 1) == (fuzz.ratio(na, nb) >= 95)


def test_the_same_hit_twice_counts_once() -> None:
    art = article(1)
    once = hit(art)
    digest = compose([once, once])
    assert digest.quote_count == 1
    assert digest.merged_duplicates == 0


def test_more_direct_copy_wins_a_merge() -> None:
    a1, a2 = article(1, hours_ago=10), article(2, hours_ago=1)
    digest = compose([hit(a1, SENTENCE, kind="indirect"), hit(a2, SENTENCE, kind="direct")])
    assert digest.articles[0].article_id == 2
    assert digest.articles[0].quotes[0].kind == "direct"


# -- text safety and splitting ---------------------------------------------------------------
def test_quote_text_is_one_line_without_control_characters() -> None:
    art = article(1, "Line\none\x00")
    digest = compose([hit(art, "First line\n# Not a header\r\n> not a quote\x07 end")])
    text = "\n".join(digest.to_text())
    assert "“First line # Not a header > not a quote end”" in text
    assert "■ Line one" in text
    assert not any(ch in text for ch in "\x00\x07\r")


def test_long_digest_is_split_between_articles_within_2000_characters() -> None:
    arts = [article(i, f"Council story {i} " + "about the harbour " * 3) for i in range(1, 40)]
    hits = [
        hit(a, distinct(1000 + i * 10 + j), speaker=f"Speaker {i}", start=j)
        for i, a in enumerate(arts)
        for j in range(3)
    ]
    digest = compose(hits, max_quotes=200, max_per_article=5)
    messages = digest.to_text()
    assert len(messages) > 1
    assert all(len(m) <= 2000 for m in messages)
    for m in messages[1:]:
        assert m.startswith("■ ")  # each message starts at an article, none cut in the middle
    joined = "\n".join(messages)
    for a in digest.articles:
        assert joined.count(f"■ {a.title}") == 1


def test_an_over_long_quote_is_shortened_with_an_ellipsis_and_keeps_its_speaker() -> None:
    words = " ".join(f"word{i}" for i in range(2000))
    digest = compose([hit(article(1), words, speaker="Lena Park")])
    messages = digest.to_text(limit=300)
    assert all(len(m) <= 300 for m in messages)
    line = next(line for m in messages for line in m.splitlines() if line.startswith("•"))
    assert "…” — Lena Park, Mayor of Eastvale" in line
    # Cut at a word boundary: the word before the ellipsis is complete.
    last_word = line.split("…")[0].split()[-1].lstrip("“")
    assert last_word in words.split()


def test_an_article_longer_than_a_message_continues_with_its_title() -> None:
    art = article(1, "Budget night")
    hits = [hit(art, distinct(2000 + i), speaker=f"Member {i}", start=i) for i in range(12)]
    digest = compose(hits, max_per_article=12)
    messages = digest.to_text(limit=400)
    assert all(len(m) <= 400 for m in messages)
    assert sum(m.count("■ Budget night (cont.)") for m in messages) >= 1
    joined = "\n".join(messages)
    for i in range(12):
        assert f"Member {i}," in joined


def test_clip_text_prefers_word_boundaries() -> None:
    assert clip_text("the quick brown fox", 12) == "the quick…"
    assert clip_text("short", 10) == "short"
    assert len(clip_text("x" * 50, 10)) == 10


names = st.text(alphabet=string.ascii_letters, min_size=1, max_size=12)
speakers = st.builds(lambda a, b: f"{a} {b}", names, names)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.text(min_size=1, max_size=3000), speakers), min_size=1, max_size=12),
    st.integers(200, 2000),
)
def test_any_quotes_fit_in_messages_and_every_speaker_appears(
    quotes: list[tuple[str, str]], limit: int
) -> None:
    arts = [article(i) for i in range(1, 4)]
    hits = [
        hit(arts[i % 3], text, speaker=speaker, start=i) for i, (text, speaker) in enumerate(quotes)
    ]
    digest = compose(hits, max_quotes=100, max_per_article=100)
    messages = digest.to_text(limit=limit)
    assert all(len(m) <= limit for m in messages)
    joined = "\n".join(messages)
    shown = [q for a in digest.articles for q in a.quotes]
    for q in shown:
        assert q.speaker is not None and q.speaker in joined
    # Nothing silently lost: every quote is shown or merged as a repeat, unless it had no text.
    has_text = [t for t, _ in quotes if normalise_for_dedup(clean_line(t))]
    assert len(shown) + digest.merged_duplicates == len(has_text)


# -- embeds ----------------------------------------------------------------------------------
def _check_groups(groups: list[list[Section]], reserved: int) -> None:
    for group in groups:
        assert 1 <= len(group) <= 25
        assert sum(len(s.name) + len(s.value) for s in group) <= 6000 - reserved
        for s in group:
            assert 1 <= len(s.name) <= 256
            assert 1 <= len(s.value) <= 1024


def test_sections_are_one_per_article() -> None:
    arts = [article(i) for i in range(1, 4)]
    digest = compose([hit(a, distinct(3000 + a.id)) for a in arts])
    sections = digest.to_sections()
    assert [s.name for s in sections] == [a.title for a in digest.articles]
    assert sections[0].url == digest.articles[0].url
    assert sections[0].value.splitlines()[0].startswith("The Valley Courier · 24 Nov 2026")


def test_a_big_digest_is_split_into_embeds_within_discord_limits() -> None:
    arts = [article(i, f"Headline {i} " + "and more " * 40) for i in range(1, 60)]
    hits = [
        hit(a, distinct(4000 + i * 10 + j, 40), speaker=f"Person {i}", start=j)
        for i, a in enumerate(arts)
        for j in range(5)
    ]
    digest = compose(hits, max_quotes=1000)
    reserved = len(digest.title) + len(digest.summary)
    groups = split_for_embeds(digest.to_sections(), reserved=reserved)
    assert len(groups) > 1
    _check_groups(groups, reserved)
    names = [s.name for g in groups for s in g]
    assert names.count(names[0]) == 1
    assert any(n.endswith("(cont.)") for n in names)  # values over 1024 continue


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            Section,
            st.text(max_size=400),
            st.lists(st.text(max_size=1500), max_size=8).map("\n".join),
        ),
        max_size=40,
    ),
    st.integers(0, 4000),
)
def test_embed_groups_always_respect_the_limits(sections: list[Section], reserved: int) -> None:
    groups = split_for_embeds(sections, reserved=reserved)
    _check_groups(groups, reserved)
    # Every non-blank line of every section is still there, in order (over-long ones clipped).
    got = [line for g in groups for f in g for line in f.value.split("\n") if line.strip()]
    want = [
        clip_text(line, 1024)
        for s in sections
        for line in (s.value.strip() or "—").split("\n")
        if line.strip()
    ]
    assert got == want


def test_reserving_too_much_room_is_refused() -> None:
    with pytest.raises(ValueError, match="reserved"):
        split_for_embeds([Section("a", "b")], reserved=5000)


# -- variety ---------------------------------------------------------------------------------
def test_one_speaker_does_not_fill_an_article_while_others_wait() -> None:
    """One article, four speakers, the mayor's five quotes scoring highest: the digest shows at
    most two of hers and every other speaker's quote (issue 16)."""
    story = article(1)
    hits = [hit(story, distinct(i), speaker="Maria Ostrander", start=i) for i in range(5)]
    others = ("Tomas Reyes", "Ada Okafor", "Lin Park")
    hits += [
        hit(story, distinct(10 + n), speaker=name, confidence=0.2, start=100 + n)
        for n, name in enumerate(others)
    ]
    digest = compose(hits, max_quotes=5, max_per_article=5)
    speakers = [q.speaker for a in digest.articles for q in a.quotes]
    assert len(speakers) == 5
    assert speakers.count("Maria Ostrander") == 2
    assert set(others) <= set(speakers)
    assert digest.articles[0].more_quotes == 3


def test_free_slots_go_back_to_the_best_speaker_when_no_one_else_is_left() -> None:
    story = article(1)
    hits = [hit(story, distinct(i), speaker="Maria Ostrander", start=i) for i in range(4)]
    hits.append(hit(story, distinct(20), speaker="Tomas Reyes", confidence=0.2, start=50))
    digest = compose(hits, max_quotes=5, max_per_article=5)
    speakers = [q.speaker for q in digest.articles[0].quotes]
    assert speakers.count("Maria Ostrander") == 4 and "Tomas Reyes" in speakers
    # Shown in score order: the mayor's quotes first, the low-confidence one last.
    assert speakers[-1] == "Tomas Reyes"

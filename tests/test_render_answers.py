"""How a quote is shown in menus, suggestions and lists (issue 14): paraphrase never inside
quotation marks, a partial quote inside its sentence, pronoun attributions and weak speakers
said so; and the sentence excerpt a list shows keeps the quoted words."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.core.models import Article, QuoteHit, StoredEvidence, StoredQuote
from bot.core.why import excerpt, partial_marked, quote_line
from bot.ui.render import no_match_embed, option_label

NOW = datetime(2025, 3, 3, tzinfo=UTC)
SHE = StoredEvidence(method="right", form="pronoun", mention="she", cue="said")


def quote(text: str, kind: str = "direct", context: str = "", **kw: object) -> StoredQuote:
    base = StoredQuote(
        id=7,
        article_id=1,
        text=text,
        kind="direct",
        speaker="Odile Ferrant",
        title=None,
        context=context or text,
        confidence=0.8,
        start=0,
        end=len(text),
        added_at=NOW,
    )
    return replace(base, kind=kind, **kw)  # type: ignore[arg-type]


def hit(q: StoredQuote) -> QuoteHit:
    article = Article(
        id=1,
        title="Docks",
        outlet=None,
        author=None,
        published=NOW,
        url=None,
        fetched_at=None,
        content_hash="h",
        added_at=NOW,
    )
    return QuoteHit(quote=q, article=article, score=80.0, matched=())


def test_menu_options_never_quote_a_paraphrase_and_name_the_pronoun() -> None:
    label, description = option_label(hit(quote("fares would fall", "indirect")))
    assert (label, description) == ("Odile Ferrant", "(paraphrase) fares would fall")
    label, description = option_label(hit(quote("We will rebuild", evidence=SHE)))
    assert (label, description) == ("Odile Ferrant (attributed via “she”)", "“We will rebuild”")
    label, _ = option_label(hit(quote("We will rebuild", confidence=0.3)))
    assert label == "Possibly Odile Ferrant (speaker uncertain)"


def test_did_you_mean_shows_partials_in_their_sentence() -> None:
    partial = quote("an insult", "partial", "She called the offer “an insult” on Monday.")
    embed = no_match_embed("purple elephants", [hit(partial), hit(quote("fares fall", "indirect"))])
    assert embed.description is not None
    lines = embed.description.splitlines()
    assert "• She called the offer “an insult” on Monday. — Odile Ferrant" in lines
    assert "• (paraphrase) fares fall — Odile Ferrant" in lines


def test_partial_words_are_put_in_marks_when_the_article_has_none_around_them() -> None:
    q = quote("an insult", "partial", "She called the offer an insult on Monday.")
    assert quote_line(q) == "She called the offer “an insult” on Monday."
    found = partial_marked(q, [(3, 9)])
    assert found is not None
    sentence, span, matched = found
    assert sentence[span[0] : span[1]] == "an insult" and sentence[matched[0][0] :][:6] == "insult"


def test_a_long_partial_in_a_list_is_cut_around_its_words() -> None:
    context = "Long opening words " * 20 + "she said it was “an insult” " + "and more " * 20
    line = quote_line(quote("an insult", "partial", context), 60)
    assert len(line) <= 60 and "“an insult”" in line
    assert line.startswith("…") and line.endswith("…")


@given(
    before=st.text(max_size=80),
    words=st.text(min_size=1, max_size=40),
    after=st.text(max_size=80),
    limit=st.integers(min_value=3, max_value=200),
)
def test_excerpt_fits_and_keeps_the_quoted_words_when_they_fit(
    before: str, words: str, after: str, limit: int
) -> None:
    sentence = f"{before}“{words}”{after}"
    span = (len(before) + 1, len(before) + 1 + len(words))
    cut = excerpt(sentence, span, limit)
    assert len(cut) <= limit
    if len(words) + 4 <= limit:
        assert f"“{words}”" in cut

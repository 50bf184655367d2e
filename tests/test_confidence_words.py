"""How answers phrase an attribution's confidence and evidence."""

from __future__ import annotations

from bot.core.confidence_words import (
    confidence_words,
    level,
    quote_words,
    said_verb,
    speaker_words,
)
from bot.core.extract.confidence import high_threshold


def test_high_only_from_the_measured_97_percent_threshold() -> None:
    t = high_threshold()
    assert level(min(1.0, t)) == "high" or t > 1.0
    assert level(t - 0.01) == "medium"
    assert level(0.49) == "uncertain"
    assert confidence_words(0.42) == "Attribution confidence: uncertain — check the source (42%)"


def test_a_pronoun_attribution_says_which_word_it_went_through() -> None:
    words = speaker_words("JD Vance", None, 0.8, via="he", form="pronoun")
    assert words == "JD Vance [attributed via *he*, resolved to JD Vance]"
    assert speaker_words("JD Vance", "Vice President", 0.8, via="Vance", form="name") == (
        "JD Vance (Vice President)"
    )


def test_a_weak_attribution_calls_the_speaker_uncertain() -> None:
    assert speaker_words("Lena Marsh", None, 0.4) == (
        "Possibly Lena Marsh [the speaker is uncertain]"
    )
    assert speaker_words(None, None, 0.9) == "Unknown speaker"


def test_reported_speech_is_a_paraphrase_without_quotation_marks() -> None:
    assert quote_words("fares would fall", "indirect") == "(paraphrase) fares would fall"
    assert quote_words("We will", "direct") == "“We will”"
    assert said_verb("indirect") == "said, in paraphrase" and said_verb("direct") == "said"
    assert said_verb("partial") == "said the words in quotation marks"


def test_the_why_chain_words_confidence_as_the_answer_does() -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    from bot.core.models import StoredQuote
    from bot.core.why import why_steps

    just_under = high_threshold() - 0.0003
    q = StoredQuote(
        id=1,
        article_id=1,
        text="We will rebuild",
        kind="direct",
        speaker="Odile Ferrant",
        title=None,
        context="“We will rebuild,” she said.",
        confidence=just_under,
        start=0,
        end=15,
        added_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    last = why_steps(q)[-1]
    # Rounded down like every answer: never "95%" beside "medium" under a 0.95 line.
    assert last.text == f"medium ({int(just_under * 100)}%)"
    low = why_steps(replace(q, confidence=0.42))[-1]
    assert low.text == "uncertain — check the source (42%)"
